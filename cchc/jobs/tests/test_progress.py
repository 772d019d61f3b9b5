"""Progress reported inside an all-or-nothing transaction is visible to other connections (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from cchc.jobs.models import Job
from cchc.jobs.services import job_progress


def _read_progress_elsewhere(job_id) -> int:
    """Read the job row from another thread, i.e. another database connection."""
    seen: list[int] = []

    def read() -> None:
        try:
            seen.append(Job.objects.get(pk=job_id).progress)
        finally:
            connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(timeout=30)
    return seen[0]


@pytest.mark.django_db(transaction=True)
def test_progress_inside_a_transaction_is_visible_before_commit():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has a single writer: progress of the transactional phase shows at its end")
    job = Job.objects.create(kind="test", title="t")
    with transaction.atomic():
        job_progress(job=job, percent=40, message="half-way")
        assert _read_progress_elsewhere(job.pk) == 40
    job.refresh_from_db()
    assert (job.progress, job.message, job.status) == (40, "half-way", Job.Status.RUNNING)


@pytest.mark.django_db
def test_progress_outside_a_transaction_is_written_directly():
    job = Job.objects.create(kind="test", title="t")
    job_progress(job=job, percent=150, message="x" * 600)
    job.refresh_from_db()
    assert job.progress == 100 and len(job.message) == 500
