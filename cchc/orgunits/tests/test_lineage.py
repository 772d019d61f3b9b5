"""As-of queries, moves, merges, splits and the roll-up of old units' figures to their successors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cchc.audit.models import AuditEvent
from cchc.orgunits import selectors
from cchc.orgunits.models import OrgUnit, UnitLineage, UnitMove
from cchc.orgunits.services import (
    SplitPart,
    unit_close,
    unit_create,
    unit_merge,
    unit_move,
    unit_split,
)
from conftest import BEFORE, REFORM


def codes(units):
    return sorted(u.code for u in units)


class TestAsOf:
    def test_before_the_reform_the_district_and_its_communes_exist(self, province):
        units = selectors.units_as_of(dt.date(2024, 12, 31))
        assert codes(units) == ["HUY", "SNV", "STC", "TINH", "TTPV", "XA1", "XA2", "XA3"]

    def test_after_the_reform_only_the_new_communes_exist(self, province):
        units = selectors.units_as_of(REFORM)
        assert codes(units) == ["PH", "SNV", "STC", "TINH", "TTPV", "XA"]

    @pytest.mark.parametrize(
        ("day", "valid"),
        [
            (BEFORE, True),
            (REFORM, False),
            (dt.date(2000, 1, 1), True),
            (dt.date(1999, 12, 31), False),
        ],
    )
    def test_validity_bounds_are_inclusive(self, province, day, valid):
        assert province.old_communes[0].is_valid_on(day) is valid

    def test_tree_as_of_rebuilds_the_parent_before_a_move(self, province, personas):
        # given a commune moved from the district to the province on 01/07/2025
        district = unit_create(
            actor=None,
            code="HUY2",
            name="Huyện Hai",
            unit_type=province.types["huyen"],
            parent=province.province,
            valid_from=dt.date(2000, 1, 1),
        )
        kept = unit_create(
            actor=None,
            code="XA9",
            name="Xã Giữ Nguyên",
            unit_type=province.types["xa"],
            parent=district,
            valid_from=dt.date(2000, 1, 1),
        )
        unit_move(actor=None, unit=kept, new_parent=province.province, effective_date=REFORM)
        # then its parent as of 2024 is the district, today the province
        unit_close(actor=None, unit=district, valid_to=BEFORE)
        assert selectors.parent_ids_as_of(dt.date(2024, 1, 1), [kept.pk])[kept.pk] == district.pk
        assert selectors.parent_ids_as_of(REFORM, [kept.pk])[kept.pk] == province.province.pk
        tree_2024 = selectors.flatten(
            selectors.tree_for_user(personas.province_admin, as_of=dt.date(2024, 1, 1))
        )
        node = next(n for n in tree_2024 if n.unit.pk == kept.pk)
        assert node.parent_id == district.pk and node.depth == 2


class TestMerge:
    def test_merge_closes_sources_records_lineage_and_keeps_history(self, province):
        xa1, xa2, _xa3 = province.old_communes
        assert xa1.valid_to == BEFORE and xa2.valid_to == BEFORE
        links = UnitLineage.objects.filter(successor=province.commune)
        assert sorted(link.predecessor.code for link in links) == ["XA1", "XA2"]
        assert all(link.kind == UnitLineage.Kind.MERGE for link in links)
        assert OrgUnit.objects.filter(code__in=["XA1", "XA2"]).count() == 2  # never deleted
        assert AuditEvent.objects.filter(action="orgunit.merge", object_id=str(province.commune.pk)).exists()

    def test_sources_on_a_2024_date_are_the_old_communes(self, province):
        sources = selectors.sources_on(province.commune, dt.date(2024, 12, 31))
        assert codes(sources) == ["XA1", "XA2"]

    def test_sources_include_the_unit_itself_when_it_existed(self, province):
        assert codes(selectors.sources_on(province.commune, REFORM)) == ["XA"]

    def test_merging_an_already_closed_unit_is_refused(self, province):
        with pytest.raises(ValidationError):
            unit_merge(
                actor=None,
                sources=[province.old_communes[0]],
                target=province.ward,
                effective_date=dt.date(2026, 1, 1),
            )

    def test_merge_into_itself_is_refused(self, province):
        with pytest.raises(ValidationError):
            unit_merge(
                actor=None,
                sources=[province.ward],
                target=province.ward,
                effective_date=dt.date(2026, 1, 1),
            )


class TestRollup:
    def test_2024_figures_roll_up_to_the_2025_communes(self, province):
        xa1, xa2, xa3 = province.old_communes
        result = selectors.rollup_values({xa1.pk: 10, xa2.pk: 5, xa3.pk: 7, province.snv.pk: 3}, REFORM)
        assert result.totals == {
            province.commune.pk: Decimal(15),
            province.ward.pk: Decimal(7),
            province.snv.pk: Decimal(3),
        }
        assert result.unattributed == {}

    def test_split_with_shares_divides_figures(self, province):
        a = unit_create(
            actor=None,
            code="A",
            name="Xã A",
            unit_type=province.types["xa"],
            parent=province.province,
        )
        b = unit_create(
            actor=None,
            code="B",
            name="Xã B",
            unit_type=province.types["xa"],
            parent=province.province,
        )
        unit_split(
            actor=None,
            source=province.ward,
            parts=[SplitPart(a, Decimal("0.6")), SplitPart(b, Decimal("0.4"))],
            effective_date=dt.date(2026, 1, 1),
        )
        xa3 = province.old_communes[2]
        result = selectors.rollup_values({xa3.pk: 100}, dt.date(2026, 1, 1))  # chain: XA3 → PH → A, B
        assert result.totals == {a.pk: Decimal("60.0"), b.pk: Decimal("40.0")}

    def test_split_without_shares_is_reported_not_guessed(self, province):
        a = unit_create(
            actor=None,
            code="A",
            name="Xã A",
            unit_type=province.types["xa"],
            parent=province.province,
        )
        b = unit_create(
            actor=None,
            code="B",
            name="Xã B",
            unit_type=province.types["xa"],
            parent=province.province,
        )
        unit_split(
            actor=None,
            source=province.ward,
            parts=[SplitPart(a), SplitPart(b)],
            effective_date=dt.date(2026, 1, 1),
        )
        result = selectors.rollup_values({province.ward.pk: 9}, dt.date(2026, 1, 1))
        assert result.totals == {} and result.unattributed == {province.ward.pk: Decimal(9)}

    def test_split_shares_must_add_up_to_one(self, province):
        a = unit_create(
            actor=None,
            code="A",
            name="Xã A",
            unit_type=province.types["xa"],
            parent=province.province,
        )
        b = unit_create(
            actor=None,
            code="B",
            name="Xã B",
            unit_type=province.types["xa"],
            parent=province.province,
        )
        with pytest.raises(ValidationError):
            unit_split(
                actor=None,
                source=province.ward,
                parts=[SplitPart(a, Decimal("0.5")), SplitPart(b, Decimal("0.4"))],
                effective_date=dt.date(2026, 1, 1),
            )
        province.ward.refresh_from_db()
        assert province.ward.valid_to is None  # nothing written half-way


class TestMoveAndClose:
    def test_move_updates_the_subtree_paths(self, province):
        unit_move(
            actor=None,
            unit=province.centre,
            new_parent=province.snv,
            effective_date=dt.date(2026, 1, 1),
        )
        child = unit_create(
            actor=None,
            code="C1",
            name="Bộ phận",
            unit_type=province.types["so"],
            parent=province.centre,
        )
        unit_move(
            actor=None,
            unit=province.centre,
            new_parent=province.stc,
            effective_date=dt.date(2026, 2, 1),
        )
        child.refresh_from_db()
        assert child.path == f"/{province.province.pk}/{province.stc.pk}/{province.centre.pk}/{child.pk}/"
        assert UnitMove.objects.filter(unit=province.centre).count() == 2

    def test_cannot_move_under_own_subtree(self, province):
        with pytest.raises(ValidationError):
            unit_move(
                actor=None,
                unit=province.province,
                new_parent=province.snv,
                effective_date=dt.date(2026, 1, 1),
            )

    def test_cannot_close_a_unit_with_open_children(self, province):
        with pytest.raises(ValidationError):
            unit_close(actor=None, unit=province.province, valid_to=dt.date(2026, 1, 1))

    def test_actor_without_rights_cannot_change_units(self, province, personas):
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        with pytest.raises(PermissionDenied):
            unit_close(actor=personas.dept_officer, unit=province.snv, valid_to=dt.date(2026, 1, 1))
        with pytest.raises(Http404):
            unit_close(actor=personas.outsider, unit=province.snv, valid_to=dt.date(2026, 1, 1))
        province.snv.refresh_from_db()
        assert province.snv.valid_to is None
