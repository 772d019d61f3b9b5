"""Small builders for plan tests (on top of the root conftest's province and personas)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.plans import services
from cchc.plans.models import Plan, PlanArea, Task


def area(code: str = "tthc") -> PlanArea:
    return PlanArea.objects.get(code=code)


def plan(province: Any, *, unit: Any = None, year: int = 2025, approved: bool = True, **extra: Any) -> Plan:
    p = services.plan_create(
        actor=None,
        issuing_unit=unit or province.province,
        year=year,
        title=f"Kế hoạch cải cách hành chính năm {year}",
        doc_number=f"02/KH-UBND-{year}",
        doc_date=dt.date(year, 1, 10),
        **extra,
    )
    return p


def task(p: Plan, lead: Any, *, title: str = "Rà soát thủ tục hành chính", **extra: Any) -> Task:
    extra.setdefault("deadline", dt.date(p.year, 6, 30))
    extra.setdefault("added_on", dt.date(p.year, 1, 10))
    return services.task_create(
        actor=None, plan=p, area=extra.pop("area", None) or area(), title=title, lead_unit=lead, **extra
    )


def approve(p: Plan) -> Plan:
    return services.plan_approve(actor=None, plan=p)
