"""Sample notifications for the demo accounts (labelled as sample data)."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cchc.notifications.models import Notification
from cchc.notifications.services import notify

ORDER = 90  # after the modules whose pages the notifications point to

NOTE = "(dữ liệu mẫu)"

# (username, key, level, title, body, read) — what the deadline reminders of the sample plan look like.
SAMPLES = [
    (
        "so.tuphap",
        "demo.task.due-3",
        "warning",
        "Nhiệm vụ sắp đến hạn sau 3 ngày: Rà soát, đơn giản hoá thủ tục hành chính lĩnh vực hộ tịch",
        "Đơn vị chủ trì: Sở Tư pháp. Đề nghị cập nhật tiến độ và tài liệu kiểm chứng trước hạn.",
        False,
    ),
    (
        "so.tuphap",
        "demo.task.overdue",
        "warning",
        "Nhiệm vụ quá hạn: Báo cáo kết quả kiểm tra công tác CCHC quý III",
        "Nhiệm vụ đã quá hạn 4 ngày. Đề nghị báo cáo tiến độ hoặc nêu lý do chậm.",
        False,
    ),
    (
        "so.tuphap",
        "demo.plan.approved",
        "info",
        "Kế hoạch CCHC năm nay của tỉnh đã được phê duyệt",
        "Các nhiệm vụ giao Sở Tư pháp chủ trì đã có trong mục Kế hoạch.",
        True,
    ),
    (
        "so.tuphap.lanhdao",
        "demo.task.escalation",
        "danger",
        "Báo cáo vượt cấp: nhiệm vụ của Sở Tư pháp quá hạn 12 ngày",
        "Nhiệm vụ “Công bố, công khai thủ tục hành chính sau chuẩn hoá” chưa hoàn thành, đã quá hạn 12 ngày.",
        False,
    ),
    (
        "xa.dakmai",
        "demo.task.due-1",
        "warning",
        "Nhiệm vụ đến hạn ngày mai: Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa",
        "Đơn vị chủ trì: UBND xã. Đề nghị cập nhật kết quả thực hiện.",
        False,
    ),
    (
        "xa.dakmai",
        "demo.task.due-7",
        "info",
        "Nhiệm vụ sắp đến hạn sau 7 ngày: Số hoá hồ sơ, kết quả giải quyết thủ tục hành chính",
        "",
        True,
    ),
    (
        "snv.admin",
        "demo.summary",
        "info",
        "Tổng hợp nhắc hạn: 5 nhiệm vụ của các đơn vị đã quá hạn",
        "Xem danh sách nhiệm vụ quá hạn và đơn vị chủ trì trong mục Kế hoạch.",
        False,
    ),
]


def is_loaded() -> bool:
    return Notification.objects.filter(is_sample=True).exists()


def _plans_url() -> str:
    try:
        return reverse("plans:list")
    except NoReverseMatch:
        return ""


@transaction.atomic
def load(*, seed: int) -> str:
    rng = random.Random(seed)
    users = {u.username: u for u in get_user_model().objects.filter(username__in={s[0] for s in SAMPLES})}
    now = timezone.now()
    url = _plans_url()
    created = 0
    for username, key, level, title, body, read in SAMPLES:
        user = users.get(username)
        if user is None:
            continue
        text = f"{body} {NOTE}".strip()
        created += notify(
            recipients=[user], key=key, title=title, body=text, url=url, level=level, email=False
        )
        when = now - dt.timedelta(hours=rng.randint(1, 72), minutes=rng.randint(0, 59))
        Notification.objects.filter(user=user, key=key).update(
            is_sample=True, created_at=when, read_at=when + dt.timedelta(hours=1) if read else None
        )
    return f"Thông báo: {created} thông báo mẫu cho các tài khoản trình diễn"
