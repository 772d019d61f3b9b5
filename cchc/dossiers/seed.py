"""Reference data the module starts with (loaded by migration 0002; editable afterwards).

Holidays: Vietnam's official public holidays for civil servants (Labour Code 2019 art. 112 and
the yearly notices of the Ministry of Home Affairs / former MOLISA). Days marked "(chưa kiểm
chứng)" follow the rule of the Code but the swap was not checked against the yearly notice.
Decision 766: groups and sub-indicators from domain.md §3 (maxima verified; sub-indicator split
partial; targets and the conversion rule UNVERIFIED community practice).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

D = dt.date
# date, kind, name
HOLIDAYS: list[tuple[dt.date, str, str]] = [
    (D(2025, 1, 1), "holiday", "Tết Dương lịch"),
    *[(D(2025, 1, d), "holiday", "Tết Nguyên đán Ất Tỵ") for d in range(27, 32)],
    (D(2025, 4, 7), "holiday", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (D(2025, 4, 26), "workday", "Làm bù cho ngày nghỉ 02/5/2025"),
    (D(2025, 4, 30), "holiday", "Ngày Chiến thắng"),
    (D(2025, 5, 1), "holiday", "Ngày Quốc tế Lao động"),
    (D(2025, 5, 2), "day_off", "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)"),
    (D(2025, 9, 1), "holiday", "Quốc khánh (ngày liền kề)"),
    (D(2025, 9, 2), "holiday", "Quốc khánh"),
    (D(2026, 1, 1), "holiday", "Tết Dương lịch"),
    *[(D(2026, 2, d), "holiday", "Tết Nguyên đán Bính Ngọ") for d in range(16, 21)],
    (D(2026, 4, 27), "holiday", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật)"),
    (D(2026, 4, 30), "holiday", "Ngày Chiến thắng"),
    (D(2026, 5, 1), "holiday", "Ngày Quốc tế Lao động"),
    (D(2026, 9, 1), "holiday", "Quốc khánh (ngày liền kề, chưa kiểm chứng)"),
    (D(2026, 9, 2), "holiday", "Quốc khánh"),
]

DEFAULT_HOURS_NOTE = "Giờ làm việc mặc định 7:30–11:30, 13:30–17:00 (chưa kiểm chứng, tỉnh tự điều chỉnh)"

# group number, name, max points
GROUPS_766: list[tuple[int, str, str]] = [
    (1, "Công khai, minh bạch", "18"),
    (2, "Tiến độ giải quyết", "20"),
    (3, "Dịch vụ công trực tuyến", "12"),
    (4, "Số hóa hồ sơ", "22"),
    (5, "Thanh toán trực tuyến", "10"),
    (6, "Mức độ hài lòng", "18"),
]
# group, code, name, max points, source, target (%)
INDICATORS_766: list[tuple[int, str, str, str, str, str]] = [
    (1, "1.1", "TTHC được công bố đúng hạn", "6", "imported", "100"),
    (1, "1.2", "TTHC được cập nhật, công khai đúng hạn trên CSDL quốc gia", "4", "imported", "100"),
    (1, "1.3", "TTHC được công khai đầy đủ nội dung", "2", "imported", "100"),
    (1, "1.4", "Hồ sơ được đồng bộ lên Cổng DVCQG", "6", "imported", "100"),
    (2, "2.1", "Hồ sơ giải quyết trước hạn, đúng hạn", "20", "on_time", "100"),
    (3, "3.1", "Hồ sơ trực tuyến toàn trình trên hồ sơ của TTHC đủ điều kiện", "12", "full_online", "80"),
    (4, "4.1", "Hồ sơ cấp kết quả điện tử", "6", "e_result", "80"),
    (4, "4.2", "Hồ sơ được số hóa thành phần", "4", "digitised", "80"),
    (4, "4.3", "Cấp bản sao điện tử từ bản chính", "2", "imported", "80"),
    (4, "4.4", "Tái sử dụng dữ liệu số hóa", "2", "imported", "80"),
    (4, "4.5", "Dữ liệu số hóa được chia sẻ vào kho dữ liệu của tổ chức, cá nhân", "4", "imported", "80"),
    (4, "4.6", "Hồ sơ khai thác dữ liệu từ CSDL quốc gia về dân cư", "2", "reuse", "80"),
    (4, "4.7", "TTHC kết nối CSDL quốc gia về dân cư", "2", "imported", "80"),
    (5, "5.1", "TTHC có phí, lệ phí được cung cấp trên Cổng DVCQG", "2", "imported", "100"),
    (5, "5.2", "TTHC có phát sinh giao dịch thanh toán trực tuyến", "2", "imported", "100"),
    (5, "5.3", "Hồ sơ thanh toán trực tuyến", "6", "paid_online", "50"),
    (6, "6.1", "Phản ánh, kiến nghị được xử lý đúng hạn", "6", "imported", "100"),
    (6, "6.2", "Mức độ hài lòng về xử lý phản ánh, kiến nghị", "6", "imported", "100"),
    (6, "6.3", "Mức độ hài lòng về tiếp nhận, giải quyết TTHC", "6", "satisfaction", "90"),
]


def seed_calendar(CalendarYear: Any, CalendarDay: Any) -> None:
    for year in (2025, 2026):
        CalendarYear.objects.get_or_create(year=year, defaults={"note": DEFAULT_HOURS_NOTE})
    for day, kind, name in HOLIDAYS:
        CalendarDay.objects.get_or_create(date=day, defaults={"kind": kind, "name": name})


def seed_766(IndicatorSet: Any, IndicatorGroup: Any, Indicator: Any) -> None:
    for year in (2025, 2026):
        iset, created = IndicatorSet.objects.get_or_create(
            year=year,
            version=1,
            defaults={
                "name": f"Bộ chỉ số phục vụ người dân, doanh nghiệp năm {year}",
                "basis": "Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ",
            },
        )
        if not created:
            continue
        groups = {
            n: IndicatorGroup.objects.create(indicator_set=iset, number=n, name=name, max_points=Decimal(mx))
            for n, name, mx in GROUPS_766
        }
        for order, (g, code, name, mx, source, target) in enumerate(INDICATORS_766):
            Indicator.objects.create(
                group=groups[g],
                code=code,
                name=name,
                max_points=Decimal(mx),
                source=source,
                target=Decimal(target),
                order=order,
            )
