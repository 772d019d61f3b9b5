"""The import job (progress, refusal lists the errors), the command and the API upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from cchc.dossiers.models import Dossier
from cchc.jobs.models import Job

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
pytestmark = pytest.mark.django_db


def test_upload_page_runs_the_job(
    client_for: Any, personas: Any, catalogue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(personas.province_admin)
    data = (SAMPLES / "dossiers-mau.csv").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dossiers:import"),
            {"file": SimpleUploadedFile("hs.csv", data), "source": "igate", "dry_run": ""},
        )
    job = Job.objects.get(kind="dossiers.import")
    assert response.status_code == 302 and response["Location"].endswith(f"{job.pk}/")
    assert job.status == Job.Status.SUCCEEDED and job.progress == 100
    assert job.result["import"]["created"] == 8 and Dossier.objects.filter(source="IGATE").count() == 8
    assert not default_storage.exists(job.params["path"])  # the upload is not kept
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "8" in page


def test_check_only_and_refused_files(
    client_for: Any, personas: Any, catalogue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(personas.commune_officer)
    data = (SAMPLES / "dossiers-mau.csv").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("dossiers:import"),
            {"file": SimpleUploadedFile("hs.csv", data), "source": "IGATE", "dry_run": "on"},
        )
    job = Job.objects.get()
    # The commune officer may not write SNV's dossiers: the job fails and lists the rows.
    assert job.status == Job.Status.FAILED and "SNV" in job.error and Dossier.objects.count() == 0
    bad = client.post(
        reverse("dossiers:import"), {"file": SimpleUploadedFile("hs.txt", b"x"), "source": "IGATE"}
    )
    assert bad.status_code == 200 and Job.objects.count() == 1


def test_command(personas: Any, catalogue: Any, capsys: Any) -> None:
    path = str(SAMPLES / "dossiers-mau.xlsx")
    call_command("import_dossiers", path, "--source", "igate", "--dry-run")
    assert Dossier.objects.count() == 0
    call_command("import_dossiers", path, "--source", "igate")
    assert Dossier.objects.count() == 8
    with pytest.raises(CommandError):
        call_command("import_dossiers", path, "--source", "igate", "--user", personas.outsider.username)
    with pytest.raises(CommandError):
        call_command("import_dossiers", str(SAMPLES / "dossiers-cp1258.csv"), "--source", "x")


def test_api_upload_and_reads(
    client_for: Any, personas: Any, catalogue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(personas.province_admin)
    data = (SAMPLES / "dossiers-mau.json").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/dossiers/import", {"file": SimpleUploadedFile("hs.json", data), "source": "viettel"}
        )
    assert response.status_code == 200, response.content
    job = Job.objects.get(pk=response.json()["job_id"])
    assert job.status == Job.Status.SUCCEEDED
    listing = client.get("/api/dossiers?limit=5").json()
    assert len(listing["items"]) == 5 and listing["has_more"]
    # The commune officer sees only the commune's dossiers, the outsider none of them.
    xa = client_for(personas.commune_officer).get("/api/dossiers").json()["items"]
    assert {d["unit_code"] for d in xa} == {"XA"} and len(xa) == 5
    assert client_for(personas.outsider).get("/api/dossiers").json()["items"] == []
    snv = Dossier.objects.filter(unit__code="SNV").first()
    assert snv is not None
    assert client_for(personas.commune_officer).get(f"/api/dossiers/{snv.pk}").status_code == 404
    assert client_for(personas.dept_officer).get(f"/api/dossiers/{snv.pk}").json()["code"] == snv.code
    stats = client.get("/api/dossiers/statistics?kind=month&year=2025&number=3").json()
    assert stats["total"]["received"] == 8 and stats["total"]["unaccounted"] == 0
    xa_stats = (
        client_for(personas.commune_officer)
        .get("/api/dossiers/statistics?kind=month&year=2025&number=3")
        .json()
    )
    assert xa_stats["total"]["received"] == 5
    scores = client.get("/api/dossiers/decision-766?kind=month&year=2025&number=3").json()
    assert {r["unit_code"] for r in scores["ranking"]} == {"XA", "SNV"}
