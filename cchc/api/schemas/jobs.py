"""Schemas of the background-job endpoints."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Field, Schema

from cchc.jobs.models import Job


class JobOut(Schema):
    id: uuid.UUID = Field(..., description="Mã tác vụ.")
    kind: str = Field(..., description="Loại tác vụ, ví dụ orgunits.import.")
    title: str = Field(..., description="Tên tác vụ.")
    status: str = Field(..., description="Trạng thái: queued, running, succeeded, failed.")
    status_label: str = Field(..., description="Tên trạng thái theo ngôn ngữ hiện hành.")
    is_finished: bool = Field(..., description="Tác vụ đã kết thúc (thành công hoặc lỗi).")
    progress: int = Field(..., description="Tiến độ (0–100 %).")
    message: str = Field(..., description="Thông báo tiến độ gần nhất.")
    error: str = Field(..., description="Nội dung lỗi nếu tác vụ thất bại.")
    result: dict[str, Any] = Field(..., description="Kết quả khi tác vụ thành công.")
    unit_id: int | None = Field(None, description="Đơn vị liên quan.")
    created_at: dt.datetime = Field(..., description="Thời điểm tạo (ISO 8601).")
    started_at: dt.datetime | None = Field(None, description="Thời điểm bắt đầu chạy.")
    finished_at: dt.datetime | None = Field(None, description="Thời điểm kết thúc.")

    @staticmethod
    def resolve_status_label(obj: Job) -> str:
        return str(obj.get_status_display())
