from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import scope
from cchc.accounts.middleware import SESSION_KEY
from cchc.core import dashboard


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = dashboard.home_context(
        request.user,
        today=dt.date.today(),
        membership=getattr(request, "active_membership", None),
    )
    return render(request, "core/home.html", context)


@login_required
@require_POST
def switch_unit(request: HttpRequest) -> HttpResponse:
    """Make another of the user's memberships the active one (header unit switcher)."""
    wanted = request.POST.get("membership")
    if any(str(m.pk) == wanted for m in scope.memberships(request.user)):
        request.session[SESSION_KEY] = int(wanted or 0)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return redirect(next_url)


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)
