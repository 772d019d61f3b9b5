"""The sample frameworks load on the sample province, add up, and have the official shapes."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from cchc.scoring import checks, demo
from cchc.scoring.models import Framework
from cchc.scoring.rules import RuleType

pytestmark = pytest.mark.django_db


def test_sample_frameworks(province: Any) -> None:
    assert not demo.is_loaded()
    summary = demo.load(seed=1)
    assert "4 bộ" in summary and demo.is_loaded()
    frameworks = {f.code: f for f in Framework.objects.all()}
    assert set(frameworks) == {"so-ban-nganh-2024", "so-ban-nganh-2025", "xa-phuong-2024", "xa-phuong-2025"}
    assert frameworks["so-ban-nganh-2024"].is_frozen and not frameworks["so-ban-nganh-2025"].is_frozen
    assert frameworks["so-ban-nganh-2025"].cloned_from == frameworks["so-ban-nganh-2024"]
    for code, domains in (("so-ban-nganh-2025", 8), ("xa-phuong-2025", 7)):
        tree = frameworks[code].tree()
        assert [p for p in checks.problems(tree) if p.blocking] == []
        s = checks.summarise(tree)
        assert (s.domains, s.base_total, s.bonus_total, s.penalty_total) == (domains, D(100), D(3), D(5))
        leaves = tree.leaves
        assert {n.rule_type for n in leaves} == set(RuleType.values)
        assert any(n.provider_key == "plans.completion_rate" and n.method == "auto" for n in leaves)
        assert sum(1 for n in leaves if n.method == "survey") >= 3
        deadline = next(n for n in leaves if n.rule_type == "deadline")
        assert deadline.rule_params["deadline"].startswith("2025-")
