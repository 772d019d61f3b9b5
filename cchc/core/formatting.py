"""Numbers the way officials write them: exact decimals, half-up rounding, Vietnamese format."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

_VI_MONTH_PAD = {1, 2}  # Decree 30/2020: months 1 and 2 take a leading zero in the date line


def round_half_up(value: Decimal | int | str, places: int = 2) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def percent(part: Decimal | int, whole: Decimal | int, places: int = 2) -> Decimal | None:
    """part / whole × 100, rounded half-up (2/3 → 66.67). None when whole is 0."""
    if not whole:
        return None
    return round_half_up(Decimal(part) * 100 / Decimal(whole), places)


def format_vi_number(value: Decimal | int | float | None, places: int = 0) -> str:
    """1234567.891 → "1.234.567,89" (places=2); independent of the active language."""
    if value is None:
        return ""
    number = round_half_up(Decimal(str(value)), places)
    sign = "-" if number < 0 else ""
    whole, _, frac = f"{abs(number):.{places}f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups) or "0"
    return f"{sign}{text},{frac}" if places else f"{sign}{text}"


def format_vi_date_long(day: dt.date, place: str = "") -> str:
    """Date line of official documents: "Hà Nội, ngày 04 tháng 3 năm 2026", "ngày 09 tháng 02 …".

    Decree 30/2020/NĐ-CP: days below 10 and months below 3 take a leading zero.
    """
    day_text = f"{day.day:02d}"
    month_text = f"{day.month:02d}" if day.month in _VI_MONTH_PAD else str(day.month)
    text = f"ngày {day_text} tháng {month_text} năm {day.year}"
    return f"{place}, {text}" if place else text
