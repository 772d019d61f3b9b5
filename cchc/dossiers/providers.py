"""Automatic PAR INDEX inputs from the dossiers (interface: cchc/scoring/providers.py).

A unit's value covers its subtree (a department with its service units, a commune with its
centre). One statistics pass for all requested units, rolled up by the materialised path, so the
cost does not grow with the number of units.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.core.formatting import format_vi_number
from cchc.dossiers.statistics import Figures, Selection, report
from cchc.orgunits.models import OrgUnit
from cchc.scoring.providers import Provided, provider


def _rolled_up(unit_ids: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    paths = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    if not paths:
        return {}
    q = Q()
    for p in set(paths.values()):
        q |= Q(unit__path__startswith=p)
    per_unit = report(Selection(q=q, group_by="unit"), start, end)
    unit_paths = dict(OrgUnit.objects.filter(pk__in=list(per_unit)).values_list("pk", "path"))
    out: dict[int, Figures] = {}
    for uid, path in paths.items():
        for other, figures in per_unit.items():
            if unit_paths.get(other, "").startswith(path):
                out.setdefault(uid, Figures()).add(figures)
    return out


def _provide(
    unit_ids: Sequence[int],
    start: date,
    end: date,
    rate: Callable[[Figures], Decimal | None],
    describe: Callable[[Figures], str],
) -> dict[int, Provided]:
    result = {}
    for uid, f in _rolled_up(unit_ids, start, end).items():
        value = rate(f)
        if value is not None:
            result[uid] = Provided(value=value, source=describe(f), detail=f.as_dict())
    return result


def _n(value: int) -> str:
    return format_vi_number(value)


@provider("dossiers.on_time_rate", label=_("Dossiers resolved early or on time"), unit_of_measure="%")
def on_time_rate(*, unit_ids: Sequence[int], start: date, end: date) -> dict[int, Provided]:
    return _provide(
        unit_ids,
        start,
        end,
        lambda f: f.on_time_rate,
        lambda f: (
            f"Hồ sơ một cửa: {_n(f.early + f.on_time)}/{_n(f.resolved)} hồ sơ giải quyết trước hạn, đúng hạn"
        ),
    )


@provider("dossiers.online_rate", label=_("Dossiers received online"), unit_of_measure="%")
def online_rate(*, unit_ids: Sequence[int], start: date, end: date) -> dict[int, Provided]:
    return _provide(
        unit_ids,
        start,
        end,
        lambda f: f.online_rate,
        lambda f: f"Hồ sơ một cửa: {_n(f.received_online)}/{_n(f.received)} hồ sơ tiếp nhận trực tuyến",
    )


@provider("dossiers.satisfaction", label=_("Satisfaction with the handling of dossiers"), unit_of_measure="%")
def satisfaction(*, unit_ids: Sequence[int], start: date, end: date) -> dict[int, Provided]:
    return _provide(
        unit_ids,
        start,
        end,
        lambda f: f.satisfaction_rate,
        lambda f: (
            f"Đánh giá hồ sơ: {_n(f.rated_satisfied)}/{_n(f.rated)} lượt hài lòng, rất hài lòng (4–5 sao)"
        ),
    )
