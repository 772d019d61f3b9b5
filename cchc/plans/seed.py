"""Reference data the plans module starts with (loaded by migration 0002; administrators can rename,
reorder or add areas afterwards)."""

from __future__ import annotations

from typing import Any

DEFAULT_AREAS = [
    ("chi-dao-dieu-hanh", "Công tác chỉ đạo, điều hành cải cách hành chính", 10),
    ("the-che", "Cải cách thể chế", 20),
    ("tthc", "Cải cách thủ tục hành chính", 30),
    ("to-chuc-bo-may", "Cải cách tổ chức bộ máy hành chính nhà nước", 40),
    ("cong-vu", "Cải cách chế độ công vụ", 50),
    ("tai-chinh-cong", "Cải cách tài chính công", 60),
    ("chinh-phu-so", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", 70),
    ("tuyen-truyen", "Công tác thông tin, tuyên truyền cải cách hành chính", 80),
    ("kiem-tra", "Công tác kiểm tra cải cách hành chính", 90),
]


def seed_areas(plan_area_model: Any) -> None:
    """Takes the model class so the migration can pass its historical model."""
    for code, name, order in DEFAULT_AREAS:
        plan_area_model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
