"""API of one-stop dossiers: list/detail within the caller's scope, import as a background job,
the statistics report and the Decision 766 scores (same selectors and services as the pages)."""

# No `from __future__ import annotations` here: ninja builds its parameter models from the
# evaluated annotations of the operations.

import datetime as dt
import uuid
from pathlib import PurePath
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, UploadedFile

from cchc.accounts import scope
from cchc.api.auth import current_user
from cchc.api.schemas.common import ERRORS_READ, ERRORS_WRITE, ErrorOut
from cchc.dossiers import decision766, selectors
from cchc.dossiers.jobs import IMPORT_KIND
from cchc.dossiers.models import Dossier, Procedure
from cchc.dossiers.periods import KINDS, period_for
from cchc.dossiers.statistics import report
from cchc.jobs.services import job_enqueue
from cchc.orgunits.models import OrgUnit

router = Router(tags=["Hồ sơ một cửa"])
MAX_LIMIT = 500


class DossierOut(Schema):
    id: int
    source: str
    code: str
    procedure_code: str = Field(..., alias="procedure.code")
    unit_code: str = Field(..., alias="unit.code")
    channel: str
    received_at: dt.datetime
    due_at: dt.datetime
    extended_due_at: dt.datetime | None
    apology_issued: bool
    resolved_at: dt.datetime | None
    result_returned_at: dt.datetime | None
    outcome: str = Field(
        ..., description="'' (đang xử lý), resolved, refused, returned, withdrawn, transferred"
    )
    timeliness: str = Field(..., description="early, on_time, late hoặc '' (chưa giải quyết)")
    due_on: dt.date
    digitised: bool
    electronic_result: bool
    paid_online: bool
    population_data_reused: bool
    rating: int | None
    is_sample: bool


class DossierDetailOut(DossierOut):
    supplement_requests: list[Any]
    steps: list[Any]


class DossierPage(Schema):
    items: list[DossierOut]
    has_more: bool = Field(..., description="Còn trang sau (không đếm tổng để nhanh trên hàng triệu hồ sơ).")


class JobRef(Schema):
    job_id: uuid.UUID
    status_url: str


class PeriodQuery(Schema):
    kind: str = Field("month", description=f"Loại kỳ: {', '.join(KINDS)}")
    year: int = Field(..., ge=2000, le=2100)
    number: int = Field(1, ge=1, le=12, description="Tháng, quý hoặc nửa năm.")
    start: dt.date | None = Field(None, description="Kỳ tùy chọn: từ ngày.")
    end: dt.date | None = Field(None, description="Kỳ tùy chọn: đến ngày.")
    unit_id: int | None = Field(None, description="Đơn vị (gồm đơn vị trực thuộc).")
    field: str = Field("", description="Lĩnh vực.")
    procedure: str = Field("", description="Mã TTHC.")


def _filters(user: Any, q: PeriodQuery) -> selectors.Filters:
    unit = scope.get_unit_for_user(user, q.unit_id) if q.unit_id else None
    proc = Procedure.objects.filter(code=q.procedure).first() if q.procedure else None
    if q.procedure and proc is None:
        raise ValidationError(
            {"procedure": [_("Procedure “%(code)s” is not in the catalogue.") % {"code": q.procedure}]}
        )
    return selectors.Filters(unit=unit, field=q.field, procedure=proc)


def _period(q: PeriodQuery) -> Any:
    try:
        return period_for(q.kind, q.year, q.number, q.start, q.end).until(timezone.localdate())
    except ValueError:
        raise ValidationError({"kind": [_("Unknown or incomplete period.")]}) from None


@router.get(
    "", response={200: DossierPage, 401: ErrorOut}, summary="Danh sách hồ sơ", url_name="dossier_list"
)
def dossier_list(
    request: HttpRequest,
    unit_id: Annotated[int | None, Query(description="Đơn vị giải quyết (gồm đơn vị trực thuộc).")] = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    status: Annotated[
        str,
        Query(
            description="pending, overdue, early, on_time, late, returned, withdrawn, transferred, refused"
        ),
    ] = "",
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Hồ sơ thuộc phạm vi của người gọi, mới nhất trước."""
    user = current_user(request)
    qs = selectors.dossiers_for_user(user).select_related("procedure", "unit")
    if unit_id:
        unit = OrgUnit.objects.filter(pk=unit_id).first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    if received_from:
        qs = qs.filter(received_on__gte=received_from)
    if received_to:
        qs = qs.filter(received_on__lte=received_to)
    if status == "pending":
        qs = qs.filter(ended_on__isnull=True)
    elif status == "overdue":
        qs = qs.filter(ended_on__isnull=True, due_on__lt=dt.date.today())
    elif status in ("early", "on_time", "late"):
        qs = qs.filter(timeliness=status)
    elif status:
        qs = qs.filter(outcome=status)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    rows = list(qs.order_by("-received_at", "-id")[offset : offset + limit + 1])
    return {"items": rows[:limit], "has_more": len(rows) > limit}


@router.get(
    "/statistics",
    response={200: dict[str, Any], **ERRORS_WRITE},
    summary="Thống kê hồ sơ",
    url_name="dossier_statistics",
)
def dossier_statistics(request: HttpRequest, q: Query[PeriodQuery], group_by: str = "unit") -> dict[str, Any]:
    """Báo cáo thống kê chuẩn cho kỳ đã chọn: từng đơn vị (hoặc lĩnh vực) và tổng."""
    user = current_user(request)
    period = _period(q)
    if group_by not in ("unit", "field"):
        raise ValidationError({"group_by": [_("Choose unit or field.")]})
    figures = report(
        selectors.statistics_selection(user, _filters(user, q), group_by), period.start, period.end
    )
    total = report(selectors.statistics_selection(user, _filters(user, q), "total"), period.start, period.end)
    return {
        "start": period.start,
        "end": period.end,
        "rows": [{"key": k, **f.as_dict()} for k, f in sorted(figures.items(), key=lambda kv: str(kv[0]))],
        "total": total[None].as_dict() if None in total else None,
    }


@router.get(
    "/decision-766",
    response={200: dict[str, Any], **ERRORS_WRITE},
    summary="Điểm Bộ chỉ số 766",
    url_name="dossier_766",
)
def dossier_766(request: HttpRequest, q: Query[PeriodQuery]) -> dict[str, Any]:
    """Điểm theo nhóm, tổng điểm và xếp hạng các đơn vị; điểm chung của phạm vi đã chọn."""
    user = current_user(request)
    period = _period(q)
    iset = decision766.current_set(period.end.year)
    if iset is None:
        raise ValidationError({"year": [_("There is no Decision 766 configuration for this year.")]})
    ranked, whole = decision766.scores(
        iset, selectors.statistics_selection(user, _filters(user, q)), period.start, period.end
    )
    codes = dict(OrgUnit.objects.filter(pk__in=[s.key for s in ranked]).values_list("pk", "code"))

    def plain(s: decision766.UnitScore) -> dict[str, Any]:
        return {
            "groups": {str(n): str(v) for n, v in s.groups.items()},
            "total": str(s.total),
            "indicators": [
                {
                    "code": i.indicator.code,
                    "rate": None if i.rate is None else str(i.rate),
                    "points": str(i.points),
                    "provenance": i.provenance,
                }
                for i in s.items
            ],
        }

    return {
        "indicator_set": iset.name,
        "start": period.start,
        "end": period.end,
        "overall": plain(whole),
        "ranking": [{"rank": s.rank, "unit_code": codes.get(s.key), **plain(s)} for s in ranked],
    }


@router.post(
    "/import", response={200: JobRef, **ERRORS_WRITE}, summary="Nhập tệp hồ sơ", url_name="dossier_import"
)
def dossier_import(
    request: HttpRequest,
    file: File[UploadedFile] = None,  # type: ignore[assignment]
    source: Form[str] = "",
    dry_run: Form[bool] = False,
) -> dict[str, Any]:
    """Tải lên tệp CSV (UTF-8), XLSX hoặc JSON; tệp được xử lý ở tác vụ nền (xem /api/jobs/{job_id}).
    Tệp có lỗi không ghi gì; nhập lại cùng hệ thống nguồn chỉ cập nhật, không nhân đôi."""
    user = current_user(request)
    if not scope.has_capability_anywhere(user, scope.WRITE):
        raise PermissionDenied
    if file is None:
        raise ValidationError({"file": [_("Choose a file.")]})
    if not source.strip():
        raise ValidationError({"source": [_("Choose the source system of the file.")]})
    name = file.name or "tep"
    suffix = PurePath(name).suffix.lower()
    if suffix not in (".csv", ".xlsx", ".json", ".jsonl", ".ndjson"):
        raise ValidationError({"file": [_("Unsupported file type: use CSV, XLSX or JSON.")]})
    path = default_storage.save(f"imports/dossiers-{uuid.uuid4().hex}{suffix}", file)
    job = job_enqueue(
        actor=user,
        kind=IMPORT_KIND,
        title=_("Import dossiers from %(name)s") % {"name": name},
        params={
            "path": path,
            "filename": name,
            "user_id": user.pk,
            "source": source.strip().upper(),
            "dry_run": dry_run,
        },
    )
    return {"job_id": job.pk, "status_url": f"/api/jobs/{job.pk}"}


@router.get(
    "/{dossier_id}",
    response={200: DossierDetailOut, **ERRORS_READ},
    summary="Chi tiết hồ sơ",
    url_name="dossier_detail",
)
def dossier_detail(request: HttpRequest, dossier_id: int) -> Dossier:
    """Một hồ sơ trong phạm vi của người gọi (404 nếu ngoài phạm vi)."""
    return selectors.get_dossier_for_user(current_user(request), dossier_id)
