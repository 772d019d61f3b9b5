"""The user's own notifications: list, open (marks read), mark read, mark all read, clear read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from cchc.notifications import selectors, services

PER_PAGE = 20
UNREAD_PARAM = "chua-doc"


def _is_htmx(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]


def _back_to_list(request: HttpRequest) -> HttpResponse:
    """To the list, keeping the filter and page the user came from (a safe local URL only)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


def _toolbar_context(user: Any, *, unread_only: bool) -> dict[str, Any]:
    """What the heading, the bulk buttons, the filters and the bell show."""
    return {
        "unread_only": unread_only,
        "unread_param": UNREAD_PARAM,
        "notifications_unread": selectors.unread_count_for_user(user),
        "has_read": selectors.notifications_for_user(user).filter(read_at__isnull=False).exists(),
    }


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get(UNREAD_PARAM) == "1"
    qs = selectors.notifications_for_user(request.user, unread_only=unread_only)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page_obj": page, **_toolbar_context(request.user, unread_only=unread_only)}
    response = render(request, "notifications/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read and go to what the notification is about (a local link only)."""
    notification = selectors.get_notification_for_user(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.get_notification_for_user(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    if _is_htmx(request):
        # The row in its read state; the bell and the toolbar's counts out of band.
        back = request.POST.get("next", "") or reverse("notifications:list")
        context = {
            "notification": notification,
            "next": back,
            **_toolbar_context(request.user, unread_only=f"{UNREAD_PARAM}=1" in back),
        }
        response = render(request, "notifications/_row_read.html", context)
        add_never_cache_headers(response)
        return response
    return _back_to_list(request)


@login_required
@require_POST
def notification_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.", "%(count)d notifications marked as read.", count
            )
            % {"count": count},
        )
    return redirect("notifications:list")


@login_required
@require_POST
def notification_clear_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_clear_read(actor=request.user)
    if count:
        messages.success(
            request,
            ngettext("%(count)d read notification cleared.", "%(count)d read notifications cleared.", count)
            % {"count": count},
        )
    else:
        messages.info(request, _("There are no read notifications to clear."))
    return redirect("notifications:list")
