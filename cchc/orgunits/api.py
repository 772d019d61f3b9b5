"""API: the organisation tree, read within the caller's scope; edits go through the services."""

# No `from __future__ import annotations` here: ninja builds its parameter models from the
# evaluated annotations of the operations.

import datetime as dt
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from cchc.accounts import scope
from cchc.api.auth import current_user
from cchc.api.pagination import Pagination
from cchc.api.schemas.common import ERRORS_READ, ERRORS_WRITE, ErrorOut
from cchc.api.schemas.units import (
    LineageOut,
    UnitCloseIn,
    UnitDetailOut,
    UnitOut,
    UnitPatchIn,
    UnitTreeNodeOut,
    tree_payload,
)
from cchc.core.text import vi_sort_key
from cchc.orgunits import selectors, services
from cchc.orgunits.models import OrgUnit, UnitType

router = Router(tags=["Đơn vị"])


@router.get(
    "",
    response={200: list[UnitOut], 401: ErrorOut},
    summary="Danh sách đơn vị",
    url_name="unit_list",
)
@paginate(Pagination)
def unit_list(
    request: HttpRequest,
    q: Annotated[str, Query(description="Tìm theo tên, mã, ký hiệu; không cần dấu (dak → Đắk).")] = "",
    as_of: Annotated[
        dt.date | None, Query(description="Chỉ đơn vị còn hiệu lực vào ngày này (YYYY-MM-DD).")
    ] = None,
    unit_type: Annotated[
        str | None, Query(alias="type", description="Mã loại đơn vị, ví dụ: so, xa, phuong.")
    ] = None,
    level: Annotated[
        UnitType.Level | None, Query(description="Cấp hành chính: 1 = tỉnh, 2 = huyện, 3 = xã.")
    ] = None,
    include_closed: Annotated[
        bool, Query(description="Gồm cả đơn vị đã hết hiệu lực (khi không chọn ngày xem).")
    ] = False,
) -> QuerySet[OrgUnit]:
    """Các đơn vị trong phạm vi của người gọi, sắp xếp theo thứ tự chữ cái tiếng Việt."""
    return selectors.units_for_user(
        current_user(request),
        query=q,
        as_of=as_of,
        unit_type=unit_type or None,
        level=level,
        include_closed=include_closed,
    )


@router.get(
    "/tree",
    response={200: list[UnitTreeNodeOut], 401: ErrorOut},
    summary="Cây đơn vị tại một ngày",
    url_name="unit_tree",
)
def unit_tree(
    request: HttpRequest,
    as_of: Annotated[dt.date | None, Query(description="Ngày xem (YYYY-MM-DD); mặc định hôm nay.")] = None,
) -> list[dict[str, Any]]:
    """Cây đơn vị trong phạm vi của người gọi như tại ngày xem (kể cả cấp trên trước khi điều chuyển)."""
    return tree_payload(selectors.tree_for_user(current_user(request), as_of=as_of))


@router.get(
    "/{unit_id}",
    response={200: UnitDetailOut, **ERRORS_READ},
    summary="Chi tiết đơn vị",
    url_name="unit_detail",
)
def unit_detail(request: HttpRequest, unit_id: int) -> OrgUnit:
    """Một đơn vị trong phạm vi (404 nếu ngoài phạm vi), kèm quyền của người gọi đối với đơn vị."""
    return scope.get_unit_for_user(current_user(request), unit_id)


@router.get(
    "/{unit_id}/lineage",
    response={200: LineageOut, **ERRORS_READ},
    summary="Lịch sử sáp nhập, chia tách của đơn vị",
    url_name="unit_lineage",
)
def unit_lineage(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    """Các đơn vị tiền thân và kế thừa (kể cả gián tiếp) với loại biến động, ngày, căn cứ, tỷ lệ."""
    unit = scope.get_unit_for_user(current_user(request), unit_id)
    return {
        "unit": unit,
        "predecessors": selectors.predecessors(unit),
        "successors": selectors.successors(unit),
    }


@router.get(
    "/{unit_id}/sources",
    response={200: list[UnitOut], **ERRORS_READ},
    summary="Đơn vị nguồn số liệu tại một ngày",
    url_name="unit_sources",
)
def unit_sources(
    request: HttpRequest,
    unit_id: int,
    on: Annotated[dt.date, Query(description="Ngày cần xem (YYYY-MM-DD), ví dụ 2024-12-31.")],
) -> list[OrgUnit]:
    """Các đơn vị tồn tại vào ngày `on` mà số liệu được cộng dồn vào đơn vị này (gồm chính nó
    nếu khi đó đã tồn tại), ví dụ các xã cũ trước khi sáp nhập."""
    unit = scope.get_unit_for_user(current_user(request), unit_id)
    found = selectors.sources_on(unit, on)
    found = list(OrgUnit.objects.select_related("unit_type").filter(pk__in=[u.pk for u in found]))
    return sorted(found, key=lambda u: vi_sort_key(u.name))


@router.patch(
    "/{unit_id}",
    response={200: UnitDetailOut, **ERRORS_WRITE},
    summary="Sửa thông tin đơn vị",
    url_name="unit_update",
)
def unit_update(request: HttpRequest, unit_id: int, payload: UnitPatchIn) -> OrgUnit:
    """Chỉ thay đổi các trường được gửi. 403 nếu người gọi chỉ có quyền xem, 422 nếu dữ liệu
    không hợp lệ. Đổi đơn vị cấp trên dùng chức năng điều chuyển, không qua đây."""
    user = current_user(request)
    unit = scope.get_unit_for_user(user, unit_id, scope.MANAGE_UNITS)
    return services.unit_update(actor=user, unit=unit, reason=payload.reason, **payload.changes())


@router.post(
    "/{unit_id}/close",
    response={200: UnitDetailOut, **ERRORS_WRITE},
    summary="Chấm dứt hiệu lực đơn vị",
    url_name="unit_close",
)
def unit_close(request: HttpRequest, unit_id: int, payload: UnitCloseIn) -> OrgUnit:
    """Đặt ngày hết hiệu lực. Các đơn vị trực thuộc còn hiệu lực phải được chấm dứt hoặc điều
    chuyển trước (422). Đơn vị không bị xoá: số liệu cũ vẫn gắn với đơn vị."""
    user = current_user(request)
    unit = scope.get_unit_for_user(user, unit_id, scope.MANAGE_UNITS)
    return services.unit_close(actor=user, unit=unit, valid_to=payload.valid_to, reason=payload.reason)
