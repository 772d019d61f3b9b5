"""API: the caller's own notifications (nobody reads another user's, not even administrators)."""

# No `from __future__ import annotations` here: ninja builds its parameter models from the
# evaluated annotations of the operations.

import datetime as dt
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from cchc.api.auth import current_user
from cchc.api.pagination import Pagination
from cchc.api.schemas.common import ERRORS_READ, ErrorOut
from cchc.notifications import selectors, services
from cchc.notifications.models import Notification

router = Router(tags=["Thông báo"])


class NotificationOut(Schema):
    id: int = Field(..., description="Mã thông báo.")
    key: str = Field(..., description="Khoá nội dung, ví dụ plans.task.42.due-3 (mỗi người nhận một lần).")
    title: str = Field(..., description="Tiêu đề.")
    body: str = Field(..., description="Nội dung.")
    url: str = Field(..., description="Đường dẫn trong hệ thống tới đối tượng liên quan (có thể trống).")
    level: str = Field(
        ..., description="Mức độ: info (thông tin), warning (cảnh báo), danger (báo cáo vượt cấp)."
    )
    level_label: str = Field(..., description="Tên mức độ theo ngôn ngữ hiện hành.")
    created_at: dt.datetime = Field(..., description="Thời điểm tạo (ISO 8601).")
    read_at: dt.datetime | None = Field(None, description="Thời điểm đánh dấu đã đọc; trống nếu chưa đọc.")

    @staticmethod
    def resolve_level_label(obj: Notification) -> str:
        return str(obj.get_level_display())


class MarkedOut(Schema):
    updated: int = Field(..., description="Số thông báo vừa được đánh dấu đã đọc.")


@router.get(
    "",
    response={200: list[NotificationOut], 401: ErrorOut},
    summary="Thông báo của tôi",
    url_name="notification_list",
)
@paginate(Pagination)
def notification_list(
    request: HttpRequest,
    unread: Annotated[bool, Query(description="Chỉ các thông báo chưa đọc.")] = False,
) -> QuerySet[Notification]:
    """Thông báo của người gọi (chưa xoá), chưa đọc trước, mới nhất trước."""
    return selectors.notifications_for_user(current_user(request), unread_only=unread)


@router.post(
    "/read-all",
    response={200: MarkedOut, 401: ErrorOut},
    summary="Đánh dấu tất cả đã đọc",
    url_name="notification_mark_all_read",
)
def notification_mark_all_read(request: HttpRequest) -> dict[str, int]:
    """Đánh dấu mọi thông báo chưa đọc của người gọi là đã đọc."""
    return {"updated": services.notifications_mark_all_read(actor=current_user(request))}


@router.post(
    "/{notification_id}/read",
    response={200: NotificationOut, **ERRORS_READ},
    summary="Đánh dấu một thông báo đã đọc",
    url_name="notification_mark_read",
)
def notification_mark_read(request: HttpRequest, notification_id: int) -> Notification:
    """Đánh dấu đã đọc một thông báo của người gọi; 404 nếu thông báo không phải của người gọi."""
    user = current_user(request)
    notification = selectors.get_notification_for_user(user, notification_id)
    return services.notification_mark_read(actor=user, notification=notification)
