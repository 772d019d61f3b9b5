"""Home-page card of the one-stop dossiers: this year so far, for the working unit's subtree.

The figures are the statistics report's (`statistics.report` over the pre-aggregated summaries,
through `selectors.statistics_selection`, so the user's scope applies) for 01/01 → today: the
same numbers as the statistics page with that custom period, which the card links to. A handful
of queries whatever the number of dossiers (a period costs at most three summary reads for the
stock before it and three for the period itself).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.core.dashboard import (
    Card,
    Figure,
    fmt_number,
    fmt_percent,
    fmt_ratio,
    is_province_level,
    working_unit,
)
from cchc.dossiers import selectors
from cchc.dossiers.periods import period_for
from cchc.dossiers.statistics import Figures, report, total
from cchc.orgunits.models import OrgUnit

# Early, on time, late (the chart and its legend).
COLORS = ["#146c43", "#75b798", "#fd7e14"]


def year_to_date(user: Any, unit: OrgUnit, today: dt.date) -> Figures:
    """The report's figures for 01/01 → today, for the unit and its sub-units within the scope."""
    period = period_for("custom", today.year, start=dt.date(today.year, 1, 1), end=today)
    filters = selectors.Filters(unit=None if is_province_level(unit) else unit)
    return total(
        report(selectors.statistics_selection(user, filters, "total"), period.start, period.end).values()
    )


def statistics_link(unit: OrgUnit, today: dt.date) -> str:
    params = {
        "kind": "custom",
        "year": today.year,
        "start": f"01/01/{today.year}",
        "end": f"{today:%d/%m/%Y}",
    }
    if not is_province_level(unit):
        params["unit"] = unit.pk
    return f"{reverse('dossiers:statistics')}?{urlencode(params)}"


def cards(user: Any, today: dt.date) -> list[Card]:
    unit = working_unit(user)
    if unit is None or not scope.has_capability_anywhere(user, scope.READ):
        return []
    f = year_to_date(user, unit, today)
    link = statistics_link(unit, today)
    card = Card(
        title=_("One-stop dossiers"),
        icon="bi-folder2-open",
        link=link,
        link_label=_("Dossier statistics"),
        order=30,
        subtitle=_("From 01/01/%(year)s to %(day)s · %(unit)s")
        % {"year": today.year, "day": f"{today:%d/%m/%Y}", "unit": unit.name},
    )
    if not (f.total or f.pending):
        card.note = _("No dossiers in your scope this year.")
        return [card]
    on_time = f.early + f.on_time
    if f.resolved:
        card.headline = _("%(rate)s of the dossiers resolved were on time (%(part)s)") % {
            "rate": fmt_percent(f.on_time_rate),
            "part": fmt_ratio(on_time, f.resolved),
        }
        card.chart = {
            "kind": "donut",
            "labels": [_("Early"), _("On time"), _("Late")],
            "values": [f.early, f.on_time, f.late],
            "colors": COLORS,
        }
    card.figures += [
        Figure(_("Received"), fmt_number(f.received)),
        Figure(_("Resolved"), fmt_number(f.resolved)),
        Figure(_("Early"), fmt_number(f.early), swatch=COLORS[0]),
        Figure(_("On time"), fmt_number(f.on_time), swatch=COLORS[1]),
        Figure(_("Late"), fmt_number(f.late), swatch=COLORS[2], tone="danger" if f.late else ""),
        Figure(
            _("Pending overdue"), fmt_number(f.pending_overdue), link, "danger" if f.pending_overdue else ""
        ),
        Figure(_("Online rate"), fmt_percent(f.online_rate)),
    ]
    return [card]
