"""Schemas shared by several routers: errors and short references to units."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str | dict[str, list[str]] | list[Any] = Field(
        ...,
        description=(
            "Thông báo lỗi. Với lỗi 422 do dữ liệu không hợp lệ: từ điển tên trường → danh sách "
            'thông báo ("__all__" là lỗi chung của cả bản ghi).'
        ),
    )


ERRORS_READ: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
ERRORS_WRITE: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class UnitRef(Schema):
    """A short reference to a unit."""

    id: int = Field(..., description="Mã định danh nội bộ của đơn vị.")
    code: str = Field(..., description="Mã đơn vị chính thức.")
    name: str = Field(..., description="Tên đơn vị.")


class DatedUnitRef(UnitRef):
    valid_from: dt.date | None = Field(None, description="Ngày bắt đầu hiệu lực (YYYY-MM-DD).")
    valid_to: dt.date | None = Field(None, description="Ngày hết hiệu lực (YYYY-MM-DD); trống nếu còn.")
