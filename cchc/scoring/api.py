"""API: PAR INDEX frameworks (read for everyone with READ in the issuing province; create and clone
for the province administrator). Edits go through the same services as the screens."""

# No `from __future__ import annotations` here: ninja builds its parameter models from the
# evaluated annotations of the operations.

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema

from cchc.api.auth import current_user
from cchc.api.schemas.common import ERRORS_READ, ERRORS_WRITE, ErrorOut
from cchc.orgunits.models import UnitGroup
from cchc.scoring import checks, rules, services
from cchc.scoring.models import Framework
from cchc.scoring.permissions import get_framework_for_user, manageable_roots, visible_q

router = Router(tags=["Bộ tiêu chí Chỉ số CCHC"])


class FrameworkOut(Schema):
    id: int
    code: str = Field(..., description="Mã bộ tiêu chí (duy nhất).")
    name: str
    year: int
    status: str = Field(
        ..., description="draft = đang soạn; frozen = đã dùng cho đợt đánh giá, không sửa được."
    )
    unit_group_id: int | None = Field(None, description="Nhóm đơn vị áp dụng.")
    owner_id: int | None = Field(None, description="Tỉnh ban hành (đơn vị gốc); trống = dùng chung.")
    is_sample: bool
    criteria_count: int = 0


class CriterionOut(Schema):
    id: int
    parent_id: int | None
    code: str
    title: str
    depth: int
    max_points: Decimal = Field(..., description="Điểm tối đa (2 chữ số thập phân).")
    kind: str = Field(..., description="base = điểm cơ bản; bonus = điểm thưởng; penalty = điểm trừ.")
    method: str = Field(
        ..., description="self = tự đánh giá rồi thẩm định; survey = điều tra XHH; auto = tự động."
    )
    rule_type: str | None = Field(
        None, description="Loại quy tắc chấm điểm (chỉ với tiêu chí không có tiêu chí con)."
    )
    rule_params: dict[str, Any] = Field(default_factory=dict)
    rule_text: str = Field("", description="Quy tắc bằng lời.")
    provider_key: str = ""
    guidance: str = ""
    evidence_expected: str = ""
    applies_to: list[int] = Field(default_factory=list, description="Loại đơn vị áp dụng; trống = tất cả.")


class FrameworkDetailOut(FrameworkOut):
    description: str = ""
    legal_basis: str = ""
    cloned_from_id: int | None = None
    base_total: Decimal
    bonus_total: Decimal
    penalty_total: Decimal
    problems: list[str] = Field(
        default_factory=list, description="Các điểm chưa nhất quán (chặn việc sử dụng)."
    )
    criteria: list[CriterionOut]


class FrameworkIn(Schema):
    code: str
    name: str
    year: int
    unit_group_id: int | None = None
    description: str = ""
    legal_basis: str = ""


class CloneIn(Schema):
    code: str
    name: str
    year: int


def _detail(framework: Framework) -> dict[str, Any]:
    tree = framework.tree()
    summary = checks.summarise(tree)
    criteria = []
    for n in tree.nodes:
        text = ""
        if n.is_leaf:
            try:
                text = rules.describe(n.rule_type, n.rule_params, n.max_points)
            except (ValueError, KeyError, ArithmeticError):
                text = ""
        criteria.append(
            {
                "id": n.id,
                "parent_id": n.parent_id,
                "code": n.code,
                "title": n.title,
                "depth": n.depth,
                "max_points": n.max_points,
                "kind": n.kind,
                "method": n.method,
                "rule_type": n.rule_type if n.is_leaf else None,
                "rule_params": n.rule_params if n.is_leaf else {},
                "rule_text": text,
                "provider_key": n.provider_key,
                "guidance": n.guidance,
                "evidence_expected": n.evidence_expected,
                "applies_to": sorted(n.applies_to),
            }
        )
    return {
        "id": framework.pk,
        "code": framework.code,
        "name": framework.name,
        "year": framework.year,
        "status": framework.status,
        "unit_group_id": framework.unit_group_id,
        "owner_id": framework.owner_id,
        "is_sample": framework.is_sample,
        "criteria_count": len(tree.nodes),
        "description": framework.description,
        "legal_basis": framework.legal_basis,
        "cloned_from_id": framework.cloned_from_id,
        "base_total": summary.base_total,
        "bonus_total": summary.bonus_total,
        "penalty_total": summary.penalty_total,
        "problems": [f"{p.code} {p.message}".strip() for p in checks.problems(tree) if p.blocking],
        "criteria": criteria,
    }


@router.get(
    "",
    response={200: list[FrameworkOut], 401: ErrorOut},
    summary="Danh sách bộ tiêu chí",
    url_name="framework_list",
)
def framework_list(request: HttpRequest) -> QuerySet[Framework]:
    """Các bộ tiêu chí người gọi được xem (của tỉnh mình và bộ dùng chung), năm mới nhất trước."""
    user = current_user(request)
    return (
        Framework.objects.filter(visible_q(user))
        .annotate(criteria_count=Count("criteria"))
        .order_by("-year", "name")
    )


@router.get(
    "/{framework_id}",
    response={200: FrameworkDetailOut, **ERRORS_READ},
    summary="Bộ tiêu chí và cây tiêu chí",
    url_name="framework_detail",
)
def framework_detail(request: HttpRequest, framework_id: int) -> dict[str, Any]:
    """Toàn bộ cây tiêu chí theo thứ tự hiển thị, kèm quy tắc chấm điểm và kiểm tra tổng điểm."""
    return _detail(get_framework_for_user(current_user(request), framework_id))


@router.post(
    "",
    response={201: FrameworkDetailOut, **ERRORS_WRITE},
    summary="Tạo bộ tiêu chí",
    url_name="framework_create",
)
def framework_create(request: HttpRequest, payload: FrameworkIn) -> tuple[int, dict[str, Any]]:
    """Tạo bộ tiêu chí nháp của tỉnh người gọi quản trị (403 nếu không phải quản trị cấp tỉnh)."""
    user = current_user(request)
    roots = manageable_roots(user)
    if not roots:
        raise PermissionDenied
    group = UnitGroup.objects.filter(pk=payload.unit_group_id).first() if payload.unit_group_id else None
    framework = services.framework_create(
        actor=user,
        owner=roots[0],
        code=payload.code,
        name=payload.name,
        year=payload.year,
        unit_group=group,
        description=payload.description,
        legal_basis=payload.legal_basis,
    )
    return 201, _detail(framework)


@router.post(
    "/{framework_id}/clone",
    response={201: FrameworkDetailOut, **ERRORS_WRITE},
    summary="Nhân bản bộ tiêu chí",
    url_name="framework_clone",
)
def framework_clone(request: HttpRequest, framework_id: int, payload: CloneIn) -> tuple[int, dict[str, Any]]:
    """Sao chép toàn bộ cây tiêu chí sang một bộ nháp mới (thường cho năm sau).

    Thời hạn trong các quy tắc được dời theo số năm chênh lệch."""
    user = current_user(request)
    source = get_framework_for_user(user, framework_id, manage=True)
    clone = services.framework_clone(
        actor=user, source=source, code=payload.code, name=payload.name, year=payload.year
    )
    return 201, _detail(clone)
