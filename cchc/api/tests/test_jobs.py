"""GET /api/jobs/{id}: a job is visible to its creator and to administrators of its unit."""

from __future__ import annotations

import uuid

import pytest

from cchc.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(personas, province) -> Job:
    return Job.objects.create(
        kind="orgunits.import",
        title="Nhập danh sách đơn vị",
        created_by=personas.dept_officer,
        unit=province.snv,
        status=Job.Status.RUNNING,
        progress=40,
        message="Đang đọc dòng 40/100",
        result={"rows": 40},
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("dept_officer", 200),  # its creator
        ("province_admin", 200),  # manages the unit
        ("system_admin", 200),
        ("commune_officer", 404),
        ("appraiser", 404),
        ("leader", 404),
        ("outsider", 404),
        ("nobody", 404),
    ],
)
def test_scope(api, personas, job, persona, status):
    response = api(getattr(personas, persona), "GET", f"/api/jobs/{job.pk}")
    assert response.status_code == status


def test_payload(api, personas, job):
    body = api(personas.dept_officer, "GET", f"/api/jobs/{job.pk}").json()
    assert body["id"] == str(job.pk)
    assert body["status"] == "running"
    assert body["is_finished"] is False
    assert body["progress"] == 40
    assert body["message"] == "Đang đọc dòng 40/100"
    assert body["error"] == ""
    assert body["result"] == {"rows": 40}
    assert body["unit_id"] == job.unit_id
    assert body["status_label"]
    assert body["created_at"].startswith(str(job.created_at.year))


def test_a_failed_job_reports_its_error(api, personas, job):
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error="Dòng 12: thiếu mã đơn vị")
    body = api(personas.dept_officer, "GET", f"/api/jobs/{job.pk}").json()
    assert (body["status"], body["is_finished"], body["error"]) == (
        "failed",
        True,
        "Dòng 12: thiếu mã đơn vị",
    )


def test_unknown_and_malformed_ids(api, personas):
    assert api(personas.system_admin, "GET", f"/api/jobs/{uuid.uuid4()}").status_code == 404
    assert api(personas.system_admin, "GET", "/api/jobs/not-a-uuid").status_code == 422
