"""The REST API under /api/ (OpenAPI at /api/openapi.json). Routers live in each app's api.py and
call the same services and selectors as the UI, so scoping is identical."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from cchc.api.auth import AUTH

api = NinjaAPI(
    title="CCHC API",
    version="1",
    description="API của nền tảng CCHC. Xác thực bằng phiên đăng nhập hoặc mã API (Bearer).",
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("You do not have permission for this action.")}, status=403
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


def _mount() -> None:
    from cchc.accounts.api import router as accounts_router
    from cchc.assessments.api import router as assessments_router
    from cchc.assessments.public_api import router as public_router
    from cchc.dossiers.api import router as dossiers_router
    from cchc.jobs.api import router as jobs_router
    from cchc.notifications.api import router as notifications_router
    from cchc.orgunits.api import router as orgunits_router
    from cchc.plans.api import router as plans_router
    from cchc.scoring.api import router as scoring_router

    api.add_router("/", accounts_router)
    api.add_router("/units", orgunits_router)
    api.add_router("/jobs", jobs_router)
    api.add_router("/notifications", notifications_router)
    api.add_router("/plans", plans_router)
    api.add_router("/frameworks", scoring_router)
    api.add_router("/par-index", assessments_router)
    api.add_router("/public", public_router)
    api.add_router("/dossiers", dossiers_router)


_mount()
