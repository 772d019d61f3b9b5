"""Background jobs run through the task backend, and their list, detail and polling pages."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cchc.jobs.models import Job
from cchc.jobs.registry import job_handler
from cchc.jobs.services import job_enqueue


def vi(message: str) -> str:
    with translation.override("vi"):
        return translation.gettext(message)


@job_handler("test.ok")
def _ok(job, report):
    report(40, "Đang đọc tệp")
    report(80, "Đang ghi")
    return {"message": "Đã nhập 3 đơn vị", "rows": job.params["rows"], "warnings": ["dòng 2", "dòng 5"]}


@job_handler("test.summary")
def _summary(job, report):
    return {"summary": {"Đơn vị mới": 1200}}


@job_handler("test.fail")
def _fail(job, report):
    report(30, "Đang kiểm tra")
    raise ValueError("Dòng 7: thiếu mã đơn vị")


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """run(user, kind, unit=None) -> the Job after the (immediate) task backend has run it."""

    def start(user, kind, unit=None, **params):
        with django_capture_on_commit_callbacks(execute=True):
            job = job_enqueue(
                actor=user, kind=kind, title=f"Thử {kind}", params={"rows": 3, **params}, unit=unit
            )
        job.refresh_from_db()
        return job

    return start


def detail(job):
    return reverse("jobs:detail", args=[job.pk])


def partial(job):
    return reverse("jobs:detail_partial", args=[job.pk])


class TestRunning:
    def test_a_successful_job_records_progress_and_result(self, personas, province, run):
        job = run(personas.dept_officer, "test.ok", unit=province.snv)
        assert job.status == Job.Status.SUCCEEDED
        assert job.progress == 100
        assert job.message == "Đã nhập 3 đơn vị"
        assert job.result["rows"] == 3
        assert job.started_at and job.finished_at
        assert job.task_id

    def test_a_failing_job_records_its_error(self, personas, run):
        job = run(personas.dept_officer, "test.fail")
        assert job.status == Job.Status.FAILED
        assert job.progress == 30
        assert job.error == "Dòng 7: thiếu mã đơn vị"
        assert job.finished_at


class TestList:
    def test_owner_sees_their_jobs_newest_first(self, client_for, personas, run):
        first = run(personas.dept_officer, "test.ok")
        second = run(personas.dept_officer, "test.fail")
        response = client_for(personas.dept_officer).get(reverse("jobs:list"))
        assert response.status_code == 200
        assert [j.pk for j in response.context["page_obj"]] == [second.pk, first.pk]
        assert 'role="progressbar"' in response.text
        assert "text-bg-danger" in response.text and "text-bg-success" in response.text
        assert response.context["any_running"] is False
        assert "hx-trigger" not in response.text.split('id="job-table"')[1].split(">")[0]

    def test_outsider_and_nobody_do_not_see_other_peoples_jobs(self, client_for, personas, province, run):
        run(personas.dept_officer, "test.ok", unit=province.snv)
        for persona in (personas.outsider, personas.nobody, personas.commune_officer):
            response = client_for(persona).get(reverse("jobs:list"))
            assert response.status_code == 200
            assert list(response.context["page_obj"]) == []

    def test_unit_administrators_see_jobs_of_their_units(self, client_for, personas, province, run):
        job = run(personas.dept_officer, "test.ok", unit=province.snv)
        response = client_for(personas.province_admin).get(reverse("jobs:list"))
        assert [j.pk for j in response.context["page_obj"]] == [job.pk]

    def test_unfinished_jobs_make_the_list_poll(self, client_for, personas):
        job_enqueue(actor=personas.dept_officer, kind="test.ok", title="Chờ", params={"rows": 1})
        response = client_for(personas.dept_officer).get(reverse("jobs:list"))
        assert response.context["any_running"] is True
        assert 'hx-trigger="every 2s"' in response.text
        polled = client_for(personas.dept_officer).get(reverse("jobs:list"), HTTP_HX_REQUEST="true")
        assert "<html" not in polled.text
        assert 'id="job-table"' in polled.text

    def test_menu_entry_for_everyone_signed_in(self, client_for, personas):
        assert f'href="{reverse("jobs:list")}"' in client_for(personas.nobody).get(reverse("jobs:list")).text

    def test_anonymous_is_sent_to_sign_in(self, client):
        assert client.get(reverse("jobs:list")).status_code == 302


class TestDetail:
    def test_succeeded_job_shows_progress_message_and_result(self, client_for, personas, run):
        job = run(personas.dept_officer, "test.ok")
        response = client_for(personas.dept_officer).get(detail(job))
        assert response.status_code == 200
        text = response.text
        assert job.title in text
        assert 'aria-valuenow="100"' in text
        assert "Đã nhập 3 đơn vị" in text
        assert ("Rows", "3") in response.context["result_rows"]
        assert ("Warnings", "dòng 2, dòng 5") in response.context["result_rows"]
        assert timezone.localtime(job.finished_at).strftime("%d/%m/%Y %H:%M:%S") in text
        assert "alert-danger" not in text
        # finished: no polling
        assert 'hx-trigger="every 1s"' not in text

    def test_handlers_may_give_translated_summary_labels(self, client_for, personas, run):
        job = run(personas.dept_officer, "test.summary")
        response = client_for(personas.dept_officer).get(detail(job))
        assert response.context["result_rows"] == [("Đơn vị mới", "1.200")]

    def test_failed_job_shows_the_error_in_plain_language(self, client_for, personas, run):
        job = run(personas.dept_officer, "test.fail")
        text = client_for(personas.dept_officer).get(detail(job)).text
        assert "alert-danger" in text
        assert vi("The job could not be completed.") in text
        assert "Dòng 7: thiếu mã đơn vị" in text

    def test_unfinished_job_polls_its_status_block(self, client_for, personas):
        job = job_enqueue(actor=personas.dept_officer, kind="test.ok", title="Đang chờ", params={"rows": 1})
        client = client_for(personas.dept_officer)
        text = client.get(detail(job)).text
        assert f'hx-get="{partial(job)}"' in text
        assert 'hx-trigger="every 1s"' in text
        # the partial is just the block, still polling while queued
        block = client.get(partial(job))
        assert block.status_code == 200
        assert "<html" not in block.text
        assert block.text.lstrip().startswith('<div id="job-status"')
        assert 'hx-trigger="every 1s"' in block.text

    def test_partial_stops_polling_once_finished(
        self, client_for, personas, run, django_capture_on_commit_callbacks
    ):
        job = run(personas.dept_officer, "test.ok")
        block = client_for(personas.dept_officer).get(partial(job))
        assert block.status_code == 200
        assert "hx-trigger" not in block.text
        assert "hx-get" not in block.text
        assert 'aria-valuenow="100"' in block.text

    @pytest.mark.parametrize("persona", ["outsider", "nobody", "commune_officer", "leader"])
    def test_others_get_404(self, client_for, personas, province, run, persona):
        job = run(personas.dept_officer, "test.ok", unit=province.snv)
        client = client_for(getattr(personas, persona))
        assert client.get(detail(job)).status_code == 404
        assert client.get(partial(job)).status_code == 404

    def test_unknown_job_is_404(self, client_for, personas):
        missing = uuid.uuid4()
        assert (
            client_for(personas.system_admin).get(reverse("jobs:detail", args=[missing])).status_code == 404
        )
