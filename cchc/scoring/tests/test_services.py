"""Framework and criterion services: permissions for every persona, draft-only edits, freeze, clone, move."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.accounts.models import Membership, Role
from cchc.audit.models import AuditEvent
from cchc.scoring import checks, services
from cchc.scoring.compute import compute_totals
from cchc.scoring.models import Criterion, Framework
from cchc.scoring.permissions import can_manage, can_view
from cchc.scoring.testing import make_framework

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ALLOWED = {
    "province_admin": (True, True),
    "dept_officer": (True, False),
    "commune_officer": (True, False),
    "appraiser": (True, False),
    "leader": (True, False),
    "outsider": (True, False),
    "system_admin": (True, True),
    "nobody": (False, False),
}


@pytest.mark.parametrize("persona", list(ALLOWED))
def test_who_may_view_and_manage(personas: Any, province: Any, persona: str) -> None:
    user = getattr(personas, persona)
    assert (can_view(user), can_manage(user)) == ALLOWED[persona]
    if ALLOWED[persona][1]:
        fw = services.framework_create(
            actor=user, owner=province.province, code="x-2025", name="X", year=2025
        )
        assert AuditEvent.objects.get(action="framework.create").actor == user
        services.criterion_create(actor=user, framework=fw, code="1", title="Một", max_points=1)
        assert can_manage(user, fw) and can_view(user, fw)
    else:
        with pytest.raises(PermissionDenied):
            services.framework_create(actor=user, owner=province.province, code="x-2025", name="X", year=2025)
        fw = make_framework(owner=province.province)
        assert can_view(user, fw) == ALLOWED[persona][0]
        with pytest.raises(PermissionDenied):
            services.criterion_create(actor=user, framework=fw, code="9", title="Chín", max_points=1)
        with pytest.raises(PermissionDenied):
            services.framework_freeze(actor=user, framework=fw)


def test_another_province_neither_sees_nor_manages(personas: Any, province: Any) -> None:
    from cchc.orgunits.services import unit_create

    other = unit_create(
        actor=None, code="KHAC", name="Tỉnh Khác", unit_type=province.types["tinh"], parent=None
    )
    theirs = make_framework(owner=other)
    ours = make_framework(code="so-2025-b", owner=province.province)
    shared = make_framework(code="chung-2025")
    admin = personas.province_admin
    assert not can_view(admin, theirs) and can_view(admin, ours) and can_view(admin, shared)
    assert not can_manage(admin, theirs) and can_manage(admin, ours)
    assert can_view(personas.outsider, ours) and not can_view(personas.outsider, theirs)
    assert can_manage(personas.system_admin, theirs)
    with pytest.raises(PermissionDenied):
        services.framework_create(actor=admin, owner=other, code="x", name="X", year=2025)
    with pytest.raises(PermissionDenied):
        services.framework_create(actor=admin, owner=None, code="x", name="X", year=2025)
    with pytest.raises(PermissionDenied):
        services.framework_clone(actor=admin, source=theirs, code="y", name="Y", year=2026)
    with pytest.raises(ValidationError, match="root"):
        services.framework_create(actor=None, owner=province.snv, code="x", name="X", year=2025)


def test_unit_leader_of_a_department_may_not_manage(personas: Any, province: Any) -> None:
    Membership.objects.create(user=personas.nobody, unit=province.snv, role=Role.UNIT_LEADER)
    assert not can_manage(personas.nobody)


def test_sample_framework_is_consistent_and_computes(province: Any) -> None:
    fw = make_framework()
    tree = fw.tree()
    assert [p for p in checks.problems(tree) if p.blocking] == []
    summary = checks.summarise(tree)
    assert (summary.base_total, summary.bonus_total, summary.penalty_total) == (D(10), D(1), D(2))
    assert (summary.domains, summary.leaves) == (2, 7)
    ids = {n.code: n.id for n in tree.nodes}
    totals = compute_totals(
        tree, {ids["1.1"]: D(2), ids["2.2"]: D("2.5"), ids["TH.1"]: D(1)}, survey_ran=False
    )
    assert (totals.points, totals.max_applicable, totals.index, totals.total) == (
        D("4.5"),
        D(8),
        D("56.25"),
        D("5.5"),
    )


def test_problems_block_the_freeze(province: Any) -> None:
    fw = make_framework()
    domain = Criterion.objects.get(framework=fw, code="1")
    services.criterion_update(actor=None, criterion=domain, max_points=D(7))
    problems = [p for p in checks.problems(fw.tree()) if p.blocking]
    assert [p.code for p in problems] == ["1"]
    with pytest.raises(ValidationError, match="cannot be frozen"):
        services.framework_freeze(actor=None, framework=fw)
    services.criterion_update(actor=None, criterion=domain, max_points=D(6))
    services.framework_freeze(actor=None, framework=fw)
    fw.refresh_from_db()
    assert fw.is_frozen and fw.frozen_at is not None


def test_frozen_framework_refuses_every_change(personas: Any) -> None:
    fw = make_framework()
    services.framework_freeze(actor=personas.province_admin, framework=fw)
    assert AuditEvent.objects.filter(action="framework.freeze", actor=personas.province_admin).count() == 1
    leaf = Criterion.objects.get(framework=fw, code="2.1")
    domain = Criterion.objects.get(framework=fw, code="2")
    attempts = [
        lambda: services.framework_update(actor=None, framework=fw, name="Khác"),
        lambda: services.criterion_create(
            actor=None, framework=fw, parent=domain, code="2.3", title="M", max_points=1
        ),
        lambda: services.criterion_update(actor=None, criterion=leaf, title="Khác"),
        lambda: services.criterion_move(actor=None, criterion=leaf, parent=None, position=0),
        lambda: services.criterion_delete(actor=None, criterion=leaf),
        lambda: services.framework_delete(actor=None, framework=fw),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="frozen"):
            attempt()
    # Freezing again is harmless.
    services.framework_freeze(actor=None, framework=fw)
    assert AuditEvent.objects.filter(action="framework.freeze").count() == 1


def test_clone_copies_the_tree_and_shifts_deadlines(province: Any) -> None:
    source = make_framework(code="so-2024", name="Sở, ban, ngành 2024", year=2024)
    leaf = Criterion.objects.get(framework=source, code="2.1")
    services.criterion_update(actor=None, criterion=leaf, applies_to=[province.types["so"]])
    services.framework_freeze(actor=None, framework=source)
    with CaptureQueriesContext(connection) as queries:
        clone = services.framework_clone(
            actor=None, source=source, code="so-2025", name="Sở, ban, ngành 2025", year=2025
        )
    assert len(queries) < 40  # level by level, not criterion by criterion
    assert clone.status == Framework.Status.DRAFT and clone.cloned_from == source
    old_tree, new_tree = source.tree(), clone.tree()
    shape = [
        (n.code, n.max_points, n.rule_type, n.kind, n.method, n.depth, n.applies_to) for n in old_tree.nodes
    ]
    assert shape == [
        (n.code, n.max_points, n.rule_type, n.kind, n.method, n.depth, n.applies_to) for n in new_tree.nodes
    ]
    assert not set(old_tree.by_id) & set(new_tree.by_id)
    deadline = next(n for n in new_tree.nodes if n.code == "1.1")
    assert deadline.rule_params["deadline"] == "2025-01-31"
    # The copy is editable while the source stays frozen.
    services.criterion_update(
        actor=None, criterion=Criterion.objects.get(framework=clone, code="2.1"), title="Mới"
    )
    assert Criterion.objects.get(framework=source, code="2.1").title == "Công khai thủ tục hành chính"
    assert AuditEvent.objects.filter(action="framework.clone").count() == 1


CRITERION_ERRORS = [
    ({"code": "1 2"}, "short code"),
    ({"code": "1.1"}, "already used"),
    ({"max_points": -1}, "negative"),
    ({"rule_type": "tiers", "rule_params": {"tiers": []}}, "at least one tier"),
    ({"method": "auto"}, "automatic input"),
    ({"provider_key": "Bad Key"}, "Unknown automatic input"),
    ({"kind": "bonus"}, "same kind"),
    ({"rule_type": "bogus"}, "Unknown rule type"),
]


@pytest.mark.parametrize(("fields", "message"), CRITERION_ERRORS)
def test_criterion_validation(province: Any, fields: dict, message: str) -> None:
    fw = make_framework()
    parent = Criterion.objects.get(framework=fw, code="1")
    values = {"code": "1.9", "title": "Mới", "max_points": 1, **fields}
    with pytest.raises(ValidationError) as excinfo:
        services.criterion_create(actor=None, framework=fw, parent=parent, **values)
    assert message in " ".join(excinfo.value.messages)


def test_params_are_stored_canonical(province: Any) -> None:
    fw = make_framework()
    leaf = Criterion.objects.get(framework=fw, code="1.2")
    assert leaf.rule_params == {
        "basis": "ratio",
        "tiers": [["100", "2"], ["80", "1"]],
        "zero_denominator": "na",
    }


def test_move_reorders_and_refuses_cycles(province: Any) -> None:
    fw = make_framework()
    d1, d2 = (Criterion.objects.get(framework=fw, code=c) for c in ("1", "2"))
    leaf = Criterion.objects.get(framework=fw, code="2.2")
    services.criterion_move(actor=None, criterion=leaf, parent=d1, position=0)
    tree = fw.tree()
    assert [c.code for c in tree.by_id[d1.pk].children] == ["2.2", "1.1", "1.2", "1.3"]
    assert [c.code for c in tree.by_id[d2.pk].children] == ["2.1"]
    with pytest.raises(ValidationError, match="under itself"):
        services.criterion_move(actor=None, criterion=d1, parent=leaf, position=0)
    with pytest.raises(ValidationError, match="same kind"):
        services.criterion_move(
            actor=None, criterion=leaf, parent=Criterion.objects.get(framework=fw, code="TH"), position=0
        )
    services.criterion_move(actor=None, criterion=d2, parent=None, position=0)
    assert [n.code for n in fw.tree().roots] == ["2", "1", "TH", "TR"]


def test_delete_removes_the_subtree(province: Any) -> None:
    fw = make_framework()
    removed = services.criterion_delete(actor=None, criterion=Criterion.objects.get(framework=fw, code="1"))
    assert removed == 4
    assert sorted(Criterion.objects.filter(framework=fw).values_list("code", flat=True)) == [
        "2",
        "2.1",
        "2.2",
        "TH",
        "TH.1",
        "TR",
        "TR.1",
    ]
    assert AuditEvent.objects.filter(action="criterion.delete").count() == 1


def test_update_is_audited_with_old_and_new(personas: Any) -> None:
    fw = make_framework()
    leaf = Criterion.objects.get(framework=fw, code="2.2")
    services.criterion_update(
        actor=personas.province_admin, criterion=leaf, title="Hồ sơ trễ", max_points="3"
    )
    event = AuditEvent.objects.get(action="criterion.update")
    assert event.changes == {"title": ["Hồ sơ giải quyết trễ hạn", "Hồ sơ trễ"]}
    services.framework_update(actor=personas.province_admin, framework=fw, name="Sở 2025", unit_types=[])
    assert AuditEvent.objects.get(action="framework.update").changes == {
        "name": ["Sở, ban, ngành 2025", "Sở 2025"]
    }


def test_framework_delete_draft(province: Any) -> None:
    fw = make_framework()
    services.framework_delete(actor=None, framework=fw)
    assert not Framework.objects.exists() and not Criterion.objects.exists()


def test_year_must_be_plausible(province: Any) -> None:
    with pytest.raises(ValidationError):
        services.framework_create(actor=None, code="x", name="X", year=1990)
