"""Sample frameworks (dữ liệu mẫu): "Sở, ban, ngành" with 8 domains and "Xã, phường" with 7, for 2024
(frozen: last year's cycle used them) and 2025 (cloned from 2024 and adjusted, still a draft)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cchc.orgunits.models import OrgUnit, UnitGroup, UnitType
from cchc.scoring import services
from cchc.scoring.demo_data import BONUS, COMMUNE, DEPARTMENT, PENALTY
from cchc.scoring.models import Criterion, Framework

ORDER = 20
EVIDENCE = "Văn bản, báo cáo, quyết định hoặc số liệu chứng minh kết quả (dữ liệu mẫu)."
SPECS = [
    # code prefix, name, domains, unit group code, unit type codes
    ("so-ban-nganh", "Sở, ban, ngành", DEPARTMENT, "so-ban-nganh", ("so", "ban")),
    ("xa-phuong", "Xã, phường", COMMUNE, None, ("xa", "phuong", "dac-khu")),
]


def is_loaded() -> bool:
    return Framework.objects.filter(is_sample=True).exists()


def load(*, seed: int) -> str:
    # The frameworks are fixed shapes; the seed is accepted for the common interface only.
    province = OrgUnit.objects.filter(parent__isnull=True, is_sample=True).order_by("pk").first()
    types = {t.code: t for t in UnitType.objects.all()}
    groups = {g.code: g for g in UnitGroup.objects.filter(group_set__code="xep-hang-cchc")}
    made: list[Framework] = []
    for prefix, name, domains, group_code, type_codes in SPECS:
        last_year = services.framework_create(
            actor=None,
            code=f"{prefix}-2024",
            name=f"{name} 2024",
            year=2024,
            owner=province,
            unit_group=groups.get(group_code) if group_code else None,
            unit_types=[types[c] for c in type_codes if c in types],
            description=f"Bộ tiêu chí mẫu đánh giá Chỉ số CCHC khối {name.lower()} năm 2024 (dữ liệu mẫu).",
            legal_basis="Quyết định số 2150/QĐ-UBND ngày 20/12/2023 (dữ liệu mẫu)",
            is_sample=True,
        )
        _build(last_year, [*domains, BONUS, PENALTY])
        services.framework_freeze(
            actor=None, framework=last_year, reason="Đợt đánh giá năm 2024 (dữ liệu mẫu)"
        )
        this_year = services.framework_clone(
            actor=None, source=last_year, code=f"{prefix}-2025", name=f"{name} 2025", year=2025
        )
        services.framework_update(
            actor=None,
            framework=this_year,
            description=f"Bộ tiêu chí mẫu đánh giá Chỉ số CCHC khối {name.lower()} năm 2025 (dữ liệu mẫu).",
            legal_basis="Quyết định số 2318/QĐ-UBND ngày 18/12/2024 (dữ liệu mẫu)",
        )
        _adjust_2025(this_year)
        made += [last_year, this_year]
    count = Criterion.objects.filter(framework__in=made).count()
    return f"Bộ tiêu chí: {len(made)} bộ mẫu ({count} tiêu chí), năm 2024 và 2025"


def _build(framework: Framework, domains: list[tuple[str, list[Any]]]) -> None:
    kinds = ["base"] * (len(domains) - 2) + ["bonus", "penalty"]
    codes = [str(i) for i in range(1, len(domains) - 1)] + ["TH", "TR"]
    for (title, children), code, kind in zip(domains, codes, kinds, strict=True):
        _add(framework, None, code, title, children, kind)


def _total(children: list[Any]) -> Decimal:
    return sum((Decimal(c[1]) if len(c) == 3 else _total(c[1]) for c in children), Decimal(0))


def _add(
    framework: Framework, parent: Criterion | None, code: str, title: str, children: list[Any], kind: str
) -> None:
    node = services.criterion_create(
        actor=None,
        framework=framework,
        parent=parent,
        code=code,
        title=title,
        max_points=_total(children),
        kind=kind,
    )
    for index, child in enumerate(children, start=1):
        child_code = f"{code}.{index}"
        if len(child) == 2:
            _add(framework, node, child_code, child[0], child[1], kind)
            continue
        child_title, max_points, rule = child
        params = dict(rule.get("rule_params", {}))
        if rule["rule_type"] == "deadline":
            params["deadline"] = f"{framework.year}-{params['deadline']}"
        services.criterion_create(
            actor=None,
            framework=framework,
            parent=node,
            code=child_code,
            title=child_title,
            max_points=Decimal(max_points),
            kind=kind,
            method=rule.get("method", "self"),
            rule_type=rule["rule_type"],
            rule_params=params,
            provider_key=rule.get("provider_key", ""),
            guidance=_guidance(rule["rule_type"]),
            evidence_expected="" if rule.get("method") == "survey" else EVIDENCE,
        )


def _guidance(rule_type: str) -> str:
    return {
        "survey": "Điểm tính từ kết quả điều tra xã hội học; đơn vị không tự chấm.",
        "manual": "Đơn vị tự chấm trong khung điểm; Hội đồng thẩm định xem xét theo tài liệu kiểm chứng.",
        "formula": "Điểm tính theo công thức từ các số liệu đơn vị kê khai.",
    }.get(rule_type, "Kê khai số liệu; phần mềm tính điểm theo quy tắc của tiêu chí.")


def _adjust_2025(framework: Framework) -> None:
    """What changed from last year (sample): a higher online-payment target."""
    for criterion in Criterion.objects.filter(framework=framework, title="Tỷ lệ thanh toán trực tuyến"):
        params = {**criterion.rule_params, "target": "70"}
        services.criterion_update(actor=None, criterion=criterion, rule_params=params)
