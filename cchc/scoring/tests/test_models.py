"""The framework's tree in one query, with inherited applicability."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.scoring.models import Criterion, Framework

pytestmark = pytest.mark.django_db


def test_tree_in_one_query(province: Any) -> None:
    fw = Framework.objects.create(code="so-2025", name="Sở, ban, ngành 2025", year=2025)
    domain = Criterion.objects.create(framework=fw, code="1", title="Công tác chỉ đạo", max_points=D(3))
    leaf_a = Criterion.objects.create(
        framework=fw, parent=domain, code="1.1", title="Kế hoạch", max_points=D(1)
    )
    leaf_b = Criterion.objects.create(
        framework=fw, parent=domain, code="1.2", title="Báo cáo", max_points=D(2), rule_type="yes_no"
    )
    leaf_b.applies_to.set([province.types["so"], province.types["xa"]])
    with CaptureQueriesContext(connection) as queries:
        tree = fw.tree()
    assert len(queries) == 1
    assert [n.code for n in tree.nodes] == ["1", "1.1", "1.2"]
    assert tree.by_id[leaf_b.id].applies_to == frozenset({province.types["so"].id, province.types["xa"].id})
    assert tree.by_id[leaf_a.id].applies_to == frozenset()
    assert tree.applies(tree.by_id[leaf_b.id], province.types["so"].id)
    assert not tree.applies(tree.by_id[leaf_b.id], province.types["phuong"].id)
    assert tree.by_id[leaf_b.id].max_points == D("2.00")


def test_applicability_is_inherited(province: Any) -> None:
    fw = Framework.objects.create(code="xa-2025", name="Xã, phường 2025", year=2025)
    domain = Criterion.objects.create(framework=fw, code="1", title="Lĩnh vực", max_points=D(1))
    domain.applies_to.set([province.types["xa"]])
    leaf = Criterion.objects.create(framework=fw, parent=domain, code="1.1", title="Con", max_points=D(1))
    tree = fw.tree()
    assert tree.applies(tree.by_id[leaf.id], province.types["xa"].id)
    assert not tree.applies(tree.by_id[leaf.id], province.types["phuong"].id)
    assert tree.applies(tree.by_id[leaf.id], None)
