"""Decision 766 scores from the configuration of a year (cchc.dossiers.models.indicators).

For each unit and period: the rate of each indicator (computed from the dossier summaries, or an
imported value with its provenance), converted into points by the indicator's rule, summed per
group (never above the group's maximum) and in total. The province's own score uses the rates of
all units together (not an average of unit scores). Points are Decimal, half-up to 2 places.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cchc.core.formatting import round_half_up
from cchc.dossiers.models import Indicator, IndicatorSet, IndicatorValue
from cchc.dossiers.statistics import Figures, Selection, report, total

# source key → the rate of a Figures (None: no dossiers to measure)
COMPUTED: dict[str, Callable[[Figures], Decimal | None]] = {
    "on_time": lambda f: f.on_time_rate,
    "full_online": lambda f: f.full_online_rate,
    "e_result": lambda f: f.e_result_rate,
    "digitised": lambda f: f.digitisation_rate,
    "reuse": lambda f: f.reuse_rate,
    "paid_online": lambda f: f.online_payment_rate,
    "satisfaction": lambda f: f.satisfaction_rate,
}


def points_for(rate: Decimal | None, max_points: Decimal, target: Decimal, rule: str) -> Decimal:
    """Linear: max × rate / target, capped at max. Threshold: max when rate ≥ target, else 0."""
    if rate is None:
        return Decimal("0.00")
    if rule == Indicator.Rule.THRESHOLD:
        return round_half_up(max_points if rate >= target else 0)
    if target <= 0 or rate >= target:
        return round_half_up(max_points)
    return round_half_up(max_points * Decimal(rate) / Decimal(target))


@dataclass
class IndicatorScore:
    indicator: Indicator
    rate: Decimal | None
    points: Decimal
    provenance: str


@dataclass
class UnitScore:
    key: Any  # unit id, or None for the province
    groups: dict[int, Decimal] = field(default_factory=dict)
    items: list[IndicatorScore] = field(default_factory=list)
    rank: int = 0

    @property
    def total(self) -> Decimal:
        return sum(self.groups.values(), Decimal("0.00"))


def current_set(year: int) -> IndicatorSet | None:
    return IndicatorSet.objects.filter(year=year).order_by("-version").first()


def _score(
    key: Any, indicators: list[Indicator], figures: Figures | None, imported: dict[int, IndicatorValue]
) -> UnitScore:
    score = UnitScore(key)
    for ind in indicators:
        if ind.source in COMPUTED:
            rate = COMPUTED[ind.source](figures) if figures else None
            provenance = "CCHC" if rate is not None else ""
        else:
            value = imported.get(ind.pk)
            rate = value.rate if value else None
            provenance = value.provenance if value else ""
        pts = points_for(rate, ind.max_points, ind.target, ind.rule)
        score.items.append(IndicatorScore(ind, rate, pts, provenance))
    maxima = {}
    for item in score.items:
        g = item.indicator.group
        maxima[g.number] = g.max_points
        score.groups[g.number] = score.groups.get(g.number, Decimal("0.00")) + item.points
    score.groups = {n: min(v, maxima[n]) for n, v in score.groups.items()}
    return score


def scores(
    iset: IndicatorSet,
    selection: Selection,
    start: dt.date,
    end: dt.date,
    province_unit_id: int | None = None,
) -> tuple[list[UnitScore], UnitScore]:
    """Unit scores ranked (ties share a rank) and the score of all the selected units together."""
    indicators = list(Indicator.objects.filter(group__indicator_set=iset).select_related("group"))
    selection.group_by = "unit"
    per_unit = report(selection, start, end)
    values = IndicatorValue.objects.filter(indicator__group__indicator_set=iset, start=start, end=end)
    imported: dict[Any, dict[int, IndicatorValue]] = {}
    for v in values:
        imported.setdefault(v.unit_id, {})[v.indicator_id] = v
    unit_scores = [_score(uid, indicators, f, imported.get(uid, {})) for uid, f in per_unit.items()]
    unit_scores.sort(key=lambda s: (-s.total, s.key))
    previous, rank = None, 0
    for position, s in enumerate(unit_scores, start=1):
        if s.total != previous:
            rank, previous = position, s.total
        s.rank = rank
    province = _score(None, indicators, total(per_unit.values()), imported.get(province_unit_id, {}))
    return unit_scores, province
