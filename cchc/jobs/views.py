"""Background jobs: the user's list and one job's progress page, which polls while it runs."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cchc.jobs.models import Job
from cchc.jobs.selectors import get_job_for_user, jobs_for_user

JOBS_PER_PAGE = 25


def _show(value: Any) -> str:
    """A result value as text: lists joined, mappings as "key: value", numbers localised."""
    if isinstance(value, list | tuple):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return number_format(value, force_grouping=True)
    return str(value)


def _result_rows(result: dict[str, Any], shown_message: str = "") -> list[tuple[str, str]]:
    """Rows of the result summary. Handlers may return {"summary": {label: value}} with translated
    labels; otherwise every key is shown (but a "message" already shown as the job's message)."""
    summary = result.get("summary")
    if isinstance(summary, dict):
        return [(str(label), _show(value)) for label, value in summary.items()]
    return [
        (capfirst(str(key).replace("_", " ")), _show(value))
        for key, value in result.items()
        if not (key == "message" and str(value) == shown_message)
    ]


def _status_context(job: Job) -> dict[str, Any]:
    return {"job": job, "result_rows": _result_rows(job.result or {}, job.message)}


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(jobs_for_user(request.user), JOBS_PER_PAGE).get_page(request.GET.get("page"))
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]
    template = "jobs/list.html#table" if partial else "jobs/list.html"
    response = render(
        request,
        template,
        {"page_obj": page, "any_running": any(not job.is_finished for job in page.object_list)},
    )
    patch_vary_headers(response, ["HX-Request"])
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    response = render(request, "jobs/detail.html", _status_context(job))
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def job_detail_partial(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Just the status block; it keeps its polling trigger only while the job is unfinished."""
    job = get_job_for_user(request.user, pk)
    response = render(request, "jobs/detail.html#status", _status_context(job))
    add_never_cache_headers(response)
    return response
