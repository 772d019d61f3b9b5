"""Decision 766 scoring against hand-computed cases, and the PAR INDEX providers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.dossiers import summaries
from cchc.dossiers.decision766 import current_set, points_for, scores
from cchc.dossiers.models import Indicator, IndicatorGroup
from cchc.dossiers.services import indicator_value_set
from cchc.dossiers.statistics import Selection
from cchc.dossiers.tests.factories import at, dossier
from cchc.scoring.providers import get_provider

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.mark.parametrize(
    ("rate", "mx", "target", "rule", "expected"),
    [
        (D("90"), D("20"), D("100"), "linear", D("18.00")),
        (D("66.67"), D("20"), D("100"), "linear", D("13.33")),  # 13.334 → 13.33
        (D("40"), D("12"), D("80"), "linear", D("6.00")),  # 40/80 × 12
        (D("85"), D("12"), D("80"), "linear", D("12.00")),  # above target: capped
        (D("0"), D("6"), D("50"), "linear", D("0.00")),
        (None, D("6"), D("50"), "linear", D("0.00")),  # no data
        (D("79.99"), D("6"), D("80"), "threshold", D("0.00")),
        (D("80"), D("6"), D("80"), "threshold", D("6.00")),
        (D("33.33"), D("6"), D("50"), "linear", D("4.00")),  # 3.9996 → 4.00 half-up
    ],
)
def test_points(rate: Any, mx: Decimal, target: Decimal, rule: str, expected: Decimal) -> None:
    assert points_for(rate, mx, target, rule) == expected


def test_configuration_is_seeded_per_year() -> None:
    iset = current_set(2025)
    assert iset is not None
    groups = list(IndicatorGroup.objects.filter(indicator_set=iset).values_list("number", "max_points"))
    assert [int(m) for _n, m in groups] == [18, 20, 12, 22, 10, 18]
    for g in IndicatorGroup.objects.filter(indicator_set=iset):
        assert sum(i.max_points for i in g.indicators.all()) == g.max_points
    assert current_set(2026) is not None and current_set(2019) is None


def test_unit_scores_province_total_and_ranking(province: Any, personas: Any, catalogue: Any) -> None:
    """Hand-computed: XA resolves 4 dossiers, 3 in time (75%), all online, 2 digitised;
    SNV resolves 2, both in time, none online."""
    hs, dd = catalogue["MAU.HT.01"], catalogue["MAU.DD.03"]
    for day, end, extra in [
        (3, 5, {"digitised": True, "electronic_result": True, "rating": 5}),
        (3, 6, {"digitised": True, "rating": 4}),
        (3, 6, {}),
        (3, 10, {"rating": 2}),  # late
    ]:
        dossier(
            unit=province.commune,
            proc=hs,
            received=at(2025, 3, day),
            due=at(2025, 3, 6),
            ended=at(2025, 3, end),
            **extra,
        )
    for _i in range(2):
        dossier(
            unit=province.snv,
            proc=dd,
            received=at(2025, 3, 3),
            due=at(2025, 3, 17),
            ended=at(2025, 3, 10),
            channel="direct",
        )
    summaries.refresh()
    iset = current_set(2025)
    assert iset is not None
    sync = Indicator.objects.get(group__indicator_set=iset, code="1.4")
    start, end = dt.date(2025, 3, 1), dt.date(2025, 3, 31)
    indicator_value_set(
        actor=personas.province_admin,
        indicator=sync,
        unit=province.commune,
        start=start,
        end=end,
        rate=D("50"),
        provenance="Cổng DVCQG, báo cáo đồng bộ tháng 3/2025",
    )
    ranked, whole = scores(iset, Selection(), start, end)
    by_unit = {s.key: s for s in ranked}
    xa, snv = by_unit[province.commune.pk], by_unit[province.snv.pk]
    # XA: 1.4 sync 50% of 6 → 3; 2.1 on time 75% of 20 → 15; 3.1 full online 100% ≥ 80 → 12;
    # 4.1 e-result 1/4 = 25% of 80 → 6 × 25/80 = 1.875 → 1.88; 4.2 digitised 2/4 = 50% → 4 × 50/80 = 2.5;
    # 5.3 no fee-bearing dossiers → 0; 6.3 satisfaction 2/3 rated ≥ 4 = 66.67% of 90 → 6 × 66.67/90 = 4.44.
    assert xa.groups == {1: D("3.00"), 2: D("15.00"), 3: D("12.00"), 4: D("4.38"), 5: D("0.00"), 6: D("4.44")}
    assert xa.total == D("38.82")
    # SNV: on time 100% → 20; full online: procedure only partly online → no rate → 0.
    assert snv.groups[2] == D("20.00") and snv.groups[3] == D("0.00")
    assert snv.total == D("20.00")
    assert [s.rank for s in ranked] == [1, 2] and ranked[0].key == province.commune.pk
    # Province: 5/6 on time = 83.33% → 16.67 (rates of all dossiers together, not an average).
    assert whole.groups[2] == D("16.67")


def test_imported_values_need_scope_and_provenance(province: Any, personas: Any) -> None:
    iset = current_set(2025)
    sync = Indicator.objects.get(group__indicator_set=iset, code="1.4")
    computed = Indicator.objects.get(group__indicator_set=iset, code="2.1")
    args = {"unit": province.snv, "start": dt.date(2025, 1, 1), "end": dt.date(2025, 3, 31)}
    with pytest.raises(ValidationError):
        indicator_value_set(actor=personas.dept_officer, indicator=sync, rate=D(50), provenance=" ", **args)
    with pytest.raises(ValidationError):
        indicator_value_set(
            actor=personas.dept_officer, indicator=computed, rate=D(50), provenance="x", **args
        )
    with pytest.raises(PermissionDenied):
        indicator_value_set(actor=personas.leader, indicator=sync, rate=D(50), provenance="x", **args)
    from django.http import Http404

    with pytest.raises(Http404):
        indicator_value_set(actor=personas.outsider, indicator=sync, rate=D(50), provenance="x", **args)
    assert indicator_value_set(
        actor=personas.dept_officer, indicator=sync, rate=D(50), provenance="x", **args
    )


def test_providers_roll_up_the_subtree(province: Any, catalogue: Any) -> None:
    hs = catalogue["MAU.HT.01"]
    dossier(
        unit=province.commune,
        proc=hs,
        received=at(2025, 3, 3),
        due=at(2025, 3, 6),
        ended=at(2025, 3, 5),
        rating=5,
    )
    dossier(
        unit=province.commune,
        proc=hs,
        received=at(2025, 3, 3),
        due=at(2025, 3, 6),
        ended=at(2025, 3, 9),
        channel="direct",
    )
    summaries.refresh()
    ids = [province.commune.pk, province.province.pk, province.stc.pk]
    args = {"unit_ids": ids, "start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)}
    on_time = get_provider("dossiers.on_time_rate")
    assert on_time is not None
    values = on_time.values(**args)
    assert values[province.commune.pk].value == D("50.00")
    assert values[province.province.pk].value == D("50.00")  # the province covers the commune
    assert province.stc.pk not in values  # no data: absent, never 0
    assert "1/2" in values[province.commune.pk].source
    online = get_provider("dossiers.online_rate")
    satisfaction = get_provider("dossiers.satisfaction")
    assert online is not None and satisfaction is not None
    assert online.values(**args)[province.commune.pk].value == D("50.00")
    assert satisfaction.values(**args)[province.commune.pk].value == D("100.00")
