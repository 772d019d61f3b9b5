"""Schemas of the organisation-unit endpoints."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from cchc.accounts import scope
from cchc.api.schemas.common import DatedUnitRef, UnitRef
from cchc.orgunits.models import OrgUnit, UnitLineage
from cchc.orgunits.selectors import TreeNode


class UnitTypeOut(Schema):
    code: str = Field(..., description="Mã loại đơn vị, ví dụ: so, xa, phuong.")
    name: str = Field(..., description="Tên loại đơn vị, ví dụ: Sở, Xã, Phường.")
    level: int = Field(..., description="Cấp hành chính: 1 = tỉnh, 2 = huyện, 3 = xã.")


class UnitOut(Schema):
    id: int = Field(..., description="Mã định danh nội bộ của đơn vị.")
    code: str = Field(..., description="Mã đơn vị chính thức.")
    name: str = Field(..., description="Tên đầy đủ.")
    short_name: str = Field(..., description="Tên ngắn gọn.")
    abbreviation: str = Field(..., description='Ký hiệu dùng trong số văn bản, ví dụ "UBND".')
    type: UnitTypeOut = Field(..., description="Loại đơn vị.")
    parent_id: int | None = Field(None, description="Đơn vị cấp trên hiện nay (trống nếu là gốc).")
    path: str = Field(..., description='Đường dẫn trong cây đơn vị, ví dụ "/1/7/42/".')
    depth: int = Field(..., description="Độ sâu trong cây (0 = gốc).")
    valid_from: dt.date | None = Field(None, description="Ngày bắt đầu hiệu lực (YYYY-MM-DD).")
    valid_to: dt.date | None = Field(None, description="Ngày hết hiệu lực (YYYY-MM-DD); trống nếu còn.")
    is_sample: bool = Field(..., description="Dữ liệu mẫu (demo).")

    @staticmethod
    def resolve_type(obj: OrgUnit) -> Any:
        return obj.unit_type


class UnitDetailOut(UnitOut):
    parent: UnitRef | None = Field(None, description="Đơn vị cấp trên hiện nay.")
    address: str = Field(..., description="Địa chỉ.")
    email: str = Field(..., description="Thư điện tử.")
    phone: str = Field(..., description="Điện thoại.")
    note: str = Field(..., description="Ghi chú.")
    is_closed: bool = Field(..., description="Đơn vị đã hết hiệu lực (giải thể, sáp nhập…).")
    capabilities: list[str] = Field(
        ..., description="Quyền của người gọi đối với đơn vị này (read, write, manage_units…)."
    )

    @staticmethod
    def resolve_capabilities(obj: OrgUnit, context: dict[str, Any]) -> list[str]:
        return sorted(scope.capabilities_for(context["request"].auth, obj))


class UnitTreeNodeOut(Schema):
    id: int = Field(..., description="Mã định danh nội bộ của đơn vị.")
    code: str = Field(..., description="Mã đơn vị chính thức.")
    name: str = Field(..., description="Tên đầy đủ.")
    short_name: str = Field(..., description="Tên ngắn gọn.")
    type: UnitTypeOut = Field(..., description="Loại đơn vị.")
    depth: int = Field(..., description="Độ sâu trong cây tại ngày xem (0 = gốc).")
    valid_from: dt.date | None = Field(None, description="Ngày bắt đầu hiệu lực.")
    valid_to: dt.date | None = Field(None, description="Ngày hết hiệu lực.")
    children: list[UnitTreeNodeOut] = Field(..., description="Đơn vị trực thuộc, theo thứ tự tiếng Việt.")


def tree_payload(nodes: list[TreeNode]) -> list[dict[str, Any]]:
    """Nested dicts for `UnitTreeNodeOut` (the tree is small: one province)."""
    return [
        {
            "id": n.unit.pk,
            "code": n.unit.code,
            "name": n.unit.name,
            "short_name": n.unit.short_name,
            "type": n.unit.unit_type,
            "depth": n.depth,
            "valid_from": n.unit.valid_from,
            "valid_to": n.unit.valid_to,
            "children": tree_payload(n.children),
        }
        for n in nodes
    ]


class LineageLinkOut(Schema):
    id: int
    kind: str = Field(
        ..., description="Loại biến động: merge (sáp nhập), split (chia tách), rename, dissolve."
    )
    kind_label: str = Field(..., description="Tên loại biến động theo ngôn ngữ hiện hành.")
    effective_date: dt.date = Field(..., description="Ngày có hiệu lực (YYYY-MM-DD).")
    decision: str = Field(..., description="Căn cứ pháp lý, ví dụ Nghị quyết 1234/NQ-UBTVQH15.")
    share: Decimal | None = Field(
        None,
        description="Tỷ lệ số liệu của đơn vị cũ chuyển sang (0–1) khi chia tách; trống nếu nhập toàn bộ.",
    )
    note: str = Field(..., description="Ghi chú.")
    predecessor: DatedUnitRef = Field(..., description="Đơn vị trước biến động.")
    successor: DatedUnitRef = Field(..., description="Đơn vị sau biến động.")

    @staticmethod
    def resolve_kind_label(obj: UnitLineage) -> str:
        return str(obj.get_kind_display())


class LineageOut(Schema):
    unit: UnitRef = Field(..., description="Đơn vị được hỏi.")
    predecessors: list[LineageLinkOut] = Field(
        ..., description="Các liên kết dẫn vào đơn vị (kể cả gián tiếp), gần nhất trước."
    )
    successors: list[LineageLinkOut] = Field(
        ..., description="Các liên kết đi ra từ đơn vị (kể cả gián tiếp), gần nhất trước."
    )


PATCH_TEXT_FIELDS = frozenset({"name", "short_name", "abbreviation", "address", "email", "phone", "note"})


class UnitPatchIn(Schema):
    """Only the fields sent are changed; the parent is changed by a move, not here."""

    name: str | None = Field(None, description="Tên đầy đủ.")
    short_name: str | None = Field(None, description="Tên ngắn gọn.")
    abbreviation: str | None = Field(None, description="Ký hiệu dùng trong số văn bản.")
    address: str | None = Field(None, description="Địa chỉ.")
    email: str | None = Field(None, description="Thư điện tử.")
    phone: str | None = Field(None, description="Điện thoại.")
    note: str | None = Field(None, description="Ghi chú.")
    valid_from: dt.date | None = Field(None, description="Ngày bắt đầu hiệu lực (YYYY-MM-DD).")
    valid_to: dt.date | None = Field(None, description="Ngày hết hiệu lực (YYYY-MM-DD).")
    reason: str = Field("", description="Lý do thay đổi (ghi vào nhật ký).")

    def changes(self) -> dict[str, Any]:
        """Fields the client sent, with null text fields meaning "empty"."""
        sent = self.model_dump(exclude_unset=True, exclude={"reason"})
        return {k: ("" if v is None and k in PATCH_TEXT_FIELDS else v) for k, v in sent.items()}


class UnitCloseIn(Schema):
    valid_to: dt.date = Field(..., description="Ngày cuối cùng đơn vị còn hiệu lực (YYYY-MM-DD).")
    reason: str = Field("", description="Lý do, ví dụ số quyết định giải thể (ghi vào nhật ký).")
