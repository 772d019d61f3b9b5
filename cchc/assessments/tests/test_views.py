"""Screens, downloads and API of the PAR INDEX cycles (scope per persona is walked in tests/)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from cchc.assessments import services
from cchc.assessments.models import Cycle, Result
from cchc.assessments.tests.factories import PDF_BYTES, pdf_upload
from cchc.assessments.tests.test_publication import run_to_round2
from cchc.assessments.tests.workflow import fill

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_sheet_shows_the_tree_and_saves_per_criterion_with_htmx(
    par: Any, personas: Any, client_for: Any
) -> None:
    client = client_for(personas.dept_officer)
    page = client.get(reverse("assessments:sheet", args=[par.snv.pk])).content.decode()
    assert "1.2" in page and "Mức độ hoàn thành kế hoạch" in page and 'name="f_value"' in page
    answer = par.answer(par.snv, "1.2")
    url = reverse("assessments:answer_save", args=[answer.pk])
    response = client.post(url, {"f_value": "100", "explanation": "Báo cáo", "version": "1"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and "2,00" in body
    stale = client.post(url, {"f_value": "50", "version": "1"}, **HTMX).content.decode()
    assert "alert-danger" in stale and 'value="50"' in stale  # what was typed is kept
    answer.refresh_from_db()
    assert answer.self_points == Decimal("2.00")


def test_read_only_sheet_for_province_viewers(par: Any, personas: Any, client_for: Any) -> None:
    page = client_for(personas.leader).get(reverse("assessments:sheet", args=[par.snv.pk])).content.decode()
    assert "Mức độ hoàn thành kế hoạch" in page
    assert 'type="submit"' not in page.split('id="h-criteria"')[1].split('id="evidence"')[0]


def test_evidence_download_only_for_those_who_see_the_sheet(par: Any, personas: Any, client_for: Any) -> None:
    evidence = services.evidence_upload(
        actor=personas.dept_officer, assessment=par.snv, upload=pdf_upload("Kế hoạch.pdf"), title="Kế hoạch"
    )
    url = reverse("assessments:evidence_download", args=[evidence.pk])
    response = client_for(personas.appraiser).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    for persona in ("outsider", "commune_officer", "nobody"):
        assert client_for(getattr(personas, persona)).get(url).status_code == 404
    assert client_for(personas.dept_officer).get(url).status_code == 200


def test_upload_through_the_screen(par: Any, personas: Any, client_for: Any) -> None:
    answer = par.answer(par.snv, "2.1")
    response = client_for(personas.dept_officer).post(
        reverse("assessments:evidence_upload", args=[par.snv.pk]),
        {
            "file": pdf_upload(),
            "title": "Danh mục",
            "doc_number": "5/QĐ-SNV",
            "doc_date": "15/03/2025",
            "answers": [str(answer.pk)],
        },
    )
    assert response.status_code == 302
    evidence = par.snv.evidence.get()
    assert evidence.doc_date.isoformat() == "2025-03-15" and list(evidence.answers.all()) == [answer]


def test_cycle_create_screen(province: Any, personas: Any, client_for: Any) -> None:
    response = client_for(personas.province_admin).post(
        reverse("assessments:cycle_create"),
        {
            "owner": province.province.pk,
            "year": "2026",
            "name": "Đánh giá 2026",
            "survey_ran": "on",
            "bands": "Tốt: 90\nKhá: 80\nTrung bình: 70\nYếu: 0",
            "self_deadline": "15/01/2027",
        },
    )
    assert response.status_code == 302
    cycle = Cycle.objects.get(name="Đánh giá 2026")
    assert cycle.bands[0] == ["Tốt", "90"] and cycle.self_deadline.isoformat() == "2027-01-15"


def test_recompute_runs_as_a_job_and_results_page_has_charts(
    par: Any, personas: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    fill(par, par.snv, personas.dept_officer)
    client = client_for(personas.province_admin)
    with django_capture_on_commit_callbacks(execute=True):
        with_job = client.post(
            reverse("assessments:cycle_action", args=[par.cycle.pk]), {"action": "recompute"}
        )
    assert with_job.status_code == 302 and "/tac-vu/" in with_job["Location"]
    assert Result.objects.filter(cycle=par.cycle).count() == 2
    page = client.get(reverse("assessments:cycle_results", args=[par.cycle.pk])).content.decode()
    assert 'id="results-charts"' in page and "echarts.min.js" in page and "Sở Nội vụ" in page


def test_appraisal_sheet_side_by_side_and_htmx_round1(par: Any, personas: Any, client_for: Any) -> None:
    from cchc.assessments.tests.workflow import assign_all

    fill(par, par.snv, personas.dept_officer)
    services.assessment_submit(actor=par.snv_leader, assessment=par.snv)
    assign_all(par, par.snv, personas.appraiser, personas.province_admin)
    services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)
    client = client_for(personas.appraiser)
    page = client.get(reverse("assessments:appraisal_sheet", args=[par.snv.pk])).content.decode()
    assert "Theo báo cáo năm" in page and 'name="decision"' in page
    answer = par.answer(par.snv, "1.2")
    response = client.post(
        reverse("assessments:answer_appraise", args=[answer.pk]),
        {"decision": "adjust", "points": "0,5", "comment": "Thiếu", "version": str(answer.version)},
        **HTMX,
    )
    assert response.status_code == 200 and "0,50" in response.content.decode()
    dashboard = client.get(reverse("assessments:appraisal_dashboard", args=[par.cycle.pk])).content.decode()
    assert "1/5" in dashboard  # SNV: 1 of its 5 answers appraised


@pytest.fixture
def published(par: Any, personas: Any) -> Any:
    run_to_round2(par, personas)
    return services.cycle_publish(actor=personas.province_admin, cycle=par.cycle)


def test_public_pages_and_downloads(published: Any, client: Any, province: Any) -> None:
    cycle_id = published.cycle_id
    assert "Đánh giá CCHC 2025" in client.get(reverse("public:index")).content.decode()
    page = client.get(reverse("public:cycle", args=[cycle_id])).content.decode()
    assert published.sha256 in page and "Sở Nội vụ" in page and "70,00%" in page
    csv_text = client.get(reverse("public:download", args=[cycle_id, "csv"])).content.decode("utf-8-sig")
    assert "Sở Nội vụ" in csv_text
    data = json.loads(client.get(reverse("public:download", args=[cycle_id, "json"])).content)
    assert data == published.snapshot
    assert client.get(reverse("public:download", args=[cycle_id, "pdf"])).status_code == 404
    group_id = published.snapshot["groups"][0]["id"]
    word = client.get(reverse("public:ranking_word", args=[cycle_id, group_id]))
    assert word.content[:2] == b"PK"
    card = client.get(reverse("public:scorecard", args=[cycle_id, province.snv.pk])).content.decode()
    assert "Where points were lost" in card or "mất điểm" in card
    assert client.get(reverse("public:scorecard_word", args=[cycle_id, province.snv.pk])).status_code == 200
    assert client.get(reverse("public:scorecard", args=[cycle_id, province.commune.pk])).status_code == 404
    api = client.get(f"/api/public/par-index/{cycle_id}").json()
    assert api["sha256"] == published.sha256 and api["snapshot"] == published.snapshot


def test_unpublished_cycle_is_not_public(par: Any, client: Any) -> None:
    assert client.get(reverse("public:cycle", args=[par.cycle.pk])).status_code == 404
    assert client.get(f"/api/public/par-index/{par.cycle.pk}").status_code == 404


def test_api_self_assessment_and_stale_version(par: Any, personas: Any, client_for: Any) -> None:
    client = client_for(personas.dept_officer)
    answer = par.answer(par.snv, "1.2")
    ok = client.put(
        f"/api/par-index/answers/{answer.pk}",
        {"declared": {"value": "100"}, "version": 1},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["self_points"] == "2.00" and ok.json()["version"] == 2
    stale = client.put(
        f"/api/par-index/answers/{answer.pk}",
        {"declared": {"value": "0"}, "version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 422
    sheet = client.get(f"/api/par-index/assessments/{par.snv.pk}").json()
    assert [a["code"] for a in sheet["answers"]][:2] == ["1.1", "1.2"]
    cycles = client.get("/api/par-index/cycles").json()
    assert [c["id"] for c in cycles] == [par.cycle.pk]
