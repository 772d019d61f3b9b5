"""The audit log page: who did what and when, within the reader's scope (VIEW_AUDIT)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from cchc.accounts import scope
from cchc.audit.forms import AuditFilterForm
from cchc.audit.selectors import audit_log_for_user

EVENTS_PER_PAGE = 50


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    if not scope.has_capability_anywhere(request.user, scope.VIEW_AUDIT):
        raise PermissionDenied
    form = AuditFilterForm(request.GET)
    form.is_valid()  # invalid fields are shown with their error and left out of the filter
    filters = form.cleaned_data
    events = audit_log_for_user(
        request.user,
        query=filters.get("q", ""),
        action=filters.get("action", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]
    template = "audit/list.html#table" if partial else "audit/list.html"
    response = render(request, template, {"form": form, "page_obj": page})
    patch_vary_headers(response, ["HX-Request"])
    return response
