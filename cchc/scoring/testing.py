"""A small, consistent framework for tests (this app's and cchc.assessments')."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cchc.scoring import services
from cchc.scoring.models import Criterion, Framework


def make_framework(
    *,
    code: str = "so-2025",
    name: str = "Sở, ban, ngành 2025",
    year: int = 2025,
    unit_group: Any = None,
    **extra: Any,
) -> Framework:
    """Two domains (10 points) plus a bonus and a penalty group:

    1   Công tác chỉ đạo, điều hành (6)
        1.1 Kế hoạch CCHC ban hành đúng hạn         deadline 31/01, 2.00
        1.2 Tỷ lệ hoàn thành kế hoạch               tiers on a ratio (100% → 2; 80% → 1), 2.00, auto
        1.3 Mức độ hài lòng                         survey, 2.00
    2   Cải cách thủ tục hành chính (4)
        2.1 Công khai thủ tục hành chính            yes/no (may be N/A), 1.00
        2.2 Hồ sơ trễ hạn                            deduction 0.25 each, 3.00
    TH  Điểm thưởng (1):  TH.1 Mô hình, sáng kiến   per occurrence 0.5, 1.00
    TR  Điểm trừ (2):     TR.1 Vi phạm               per occurrence 1, 2.00
    """
    fw = services.framework_create(
        actor=None, code=code, name=name, year=year, unit_group=unit_group, **extra
    )

    def add(parent: Criterion | None, code: str, title: str, max_points: str, **kw: Any) -> Criterion:
        return services.criterion_create(
            actor=None,
            framework=fw,
            parent=parent,
            code=code,
            title=title,
            max_points=Decimal(max_points),
            **kw,
        )

    d1 = add(None, "1", "Công tác chỉ đạo, điều hành", "6")
    add(
        d1,
        "1.1",
        "Kế hoạch CCHC ban hành đúng hạn",
        "2",
        rule_type="deadline",
        rule_params={"deadline": f"{year}-01-31", "grace_days": 15, "late_points": "1"},
    )
    add(
        d1,
        "1.2",
        "Tỷ lệ hoàn thành kế hoạch CCHC",
        "2",
        method="auto",
        provider_key="plans.completion_rate",
        rule_type="tiers",
        rule_params={"basis": "ratio", "tiers": [[100, 2], [80, 1]]},
    )
    add(d1, "1.3", "Mức độ hài lòng của người dân", "2", method="survey", rule_type="survey")
    d2 = add(None, "2", "Cải cách thủ tục hành chính", "4")
    add(d2, "2.1", "Công khai thủ tục hành chính", "1", rule_type="yes_no", rule_params={"allow_na": True})
    add(
        d2, "2.2", "Hồ sơ giải quyết trễ hạn", "3", rule_type="deduction", rule_params={"points_each": "0.25"}
    )
    bonus = add(None, "TH", "Điểm thưởng", "1", kind="bonus")
    add(
        bonus,
        "TH.1",
        "Mô hình, sáng kiến được công nhận",
        "1",
        rule_type="per_occurrence",
        rule_params={"points_each": "0.5"},
    )
    penalty = add(None, "TR", "Điểm trừ", "2", kind="penalty")
    add(
        penalty,
        "TR.1",
        "Vi phạm kỷ luật hành chính",
        "2",
        rule_type="per_occurrence",
        rule_params={"points_each": "1"},
    )
    return fw
