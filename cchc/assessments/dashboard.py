"""Home-page card of the PAR INDEX: the cycle under way and the latest published results.

Figures come from the module's selectors and services: the phase and its deadline (the cycle
page's phase list), the unit's completeness meter (`services.completeness`) and deadline with
extensions (`effective_deadline`, `selectors.is_late`), submissions and late units for province
readers (as on the cycle page), appraisal progress (`selectors.appraisal_progress`), and ranks
from the latest published snapshot (what the public pages show). Constant queries per request.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.assessments import selectors, services
from cchc.assessments.models import Assessment, Assignment, Cycle, DeadlineExtension
from cchc.assessments.services._common import effective_deadline
from cchc.assessments.views.cycles import PHASES
from cchc.core.dashboard import (
    Card,
    Figure,
    FigureGroup,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_ratio,
    is_province_level,
    working_unit,
)
from cchc.core.formatting import percent
from cchc.orgunits.models import OrgUnit

TOP = 3
# The phases in which a unit has a step of its own to take before a deadline.
UNIT_PHASE = {
    Cycle.Status.SELF_ASSESSMENT: DeadlineExtension.Phase.SELF,
    Cycle.Status.EXPLANATION: DeadlineExtension.Phase.EXPLANATION,
}
APPRAISAL_PHASES = (Cycle.Status.APPRAISAL_1, Cycle.Status.APPRAISAL_2)


def current_cycle(user: Any) -> Cycle | None:
    """The latest cycle under way (opened and not yet published) the user sees."""
    return (
        selectors.cycles_for_user(user)
        .exclude(status__in=[Cycle.Status.DRAFT, Cycle.Status.PUBLISHED])
        .order_by("-year", "-id")
        .first()
    )


def latest_published(user: Any) -> Cycle | None:
    return (
        selectors.cycles_for_user(user)
        .filter(publications__isnull=False)
        .distinct()
        .order_by("-year", "-id")
        .first()
    )


def phase_deadline(cycle: Cycle) -> dt.date | None:
    field = dict(PHASES).get(Cycle.Status(cycle.status))
    return getattr(cycle, field) if field else None


def _unit_figures(cycle: Cycle, assessment: Assessment) -> list[Figure]:
    """The unit's own sheet: status, completeness, and its deadline of the current phase."""
    assessment.cycle = cycle
    extensions = list(assessment.extensions.all())
    done, total = services.completeness(assessment)
    sheet = assessment.get_absolute_url()
    figures = [
        Figure(_("Your unit's self-assessment"), assessment.get_status_display(), sheet),
        Figure(
            _("Criteria complete"),
            f"{fmt_ratio(done, total)} ({fmt_percent(percent(done, total))})",
            sheet,
            "success" if total and done == total else "",
        ),
    ]
    phase = UNIT_PHASE.get(Cycle.Status(cycle.status))
    if phase is not None:
        late = selectors.is_late(assessment, extensions)
        figures.append(
            Figure(
                _("Your unit's deadline"),
                fmt_date(effective_deadline(assessment, phase, extensions)),
                sheet,
                "danger" if late else "",
            )
        )
    return figures


def _province_figures(user: Any, cycle: Cycle) -> list[Figure]:
    """Submissions and units behind schedule, as the cycle page counts them."""
    assessments = list(selectors.assessments_for_user(user, cycle).prefetch_related("extensions"))
    for a in assessments:
        a.cycle = cycle
    submitted = sum(1 for a in assessments if a.status == Assessment.Status.SUBMITTED)
    late = sum(1 for a in assessments if selectors.is_late(a, list(a.extensions.all())))
    link = cycle.get_absolute_url()
    return [
        Figure(
            _("Self-assessments submitted"),
            f"{fmt_ratio(submitted, len(assessments))} ({fmt_percent(percent(submitted, len(assessments)))})",
            link,
        ),
        Figure(_("Units behind schedule"), fmt_number(late), link, "danger" if late else ""),
    ]


def _appraisal_figures(user: Any, cycle: Cycle) -> list[Figure]:
    per_unit, per_appraiser = selectors.appraisal_progress(cycle)
    done = sum(u["done"] for u in per_unit)
    total = sum(u["total"] for u in per_unit)
    link = reverse("assessments:appraisal_dashboard", args=[cycle.pk])
    figures = [
        Figure(
            _("Criteria appraised in this round"),
            f"{fmt_ratio(done, total)} ({fmt_percent(percent(done, total))})",
            link,
        )
    ]
    if scope.has_capability_anywhere(user, scope.APPRAISE):
        queue = Assignment.objects.filter(cycle=cycle, appraiser_id=user.pk).count()
        figures.append(Figure(_("My appraisal queue (unit × field)"), fmt_number(queue), link))
        # appraisal_progress names each appraiser as the appraisal page does; use the row only
        # when the name is unambiguous.
        name = user.get_full_name() or user.username
        mine = [p for p in per_appraiser if p["name"] == name]
        if queue and len(mine) == 1:
            figures.append(
                Figure(
                    _("Criteria I have appraised"),
                    f"{fmt_ratio(mine[0]['done'], mine[0]['total'])} "
                    f"({fmt_percent(percent(mine[0]['done'], mine[0]['total']))})",
                    link,
                )
            )
    return figures


def _index(value: Any) -> str:
    return fmt_percent(Decimal(value) if value not in (None, "") else None)


def _published_groups(user: Any, unit: OrgUnit, cycle: Cycle) -> tuple[list[FigureGroup], str]:
    """The unit's rank in the latest published snapshot, or the top three of each group for
    province-level readers. Returns the groups and the page to link to."""
    publication = selectors.latest_publication(cycle)
    if publication is None:
        return [], ""
    snapshot = publication.snapshot
    for group in snapshot["groups"]:
        for result in group["results"]:
            if result["unit_id"] == unit.pk:
                title = _("Your unit's result, %(year)s") % {"year": cycle.year}
                figures = [
                    Figure(
                        _("Rank in “%(group)s”") % {"group": group["name"]},
                        fmt_ratio(result["rank"], len(group["results"])) if result["rank"] else "–",
                    ),
                    Figure(_("PAR INDEX"), _index(result["index"])),
                    Figure(_("Band"), result["band"] or "–"),
                ]
                link = reverse("public:scorecard", args=[cycle.pk, unit.pk])
                return [FigureGroup(title, figures)], link
    if not (is_province_level(unit) and selectors.can_see_all(user, cycle)):
        return [], ""
    groups = [
        FigureGroup(
            _("Top %(n)s of “%(group)s”, %(year)s") % {"n": TOP, "group": g["name"], "year": cycle.year},
            [Figure(f"{r['rank']}. {r['unit_name']}", _index(r["index"])) for r in g["results"][:TOP]],
        )
        for g in snapshot["groups"]
        if g["results"]
    ]
    return groups, reverse("public:cycle", args=[cycle.pk])


def cards(user: Any, today: dt.date) -> list[Card]:
    unit = working_unit(user)
    if unit is None or not scope.has_capability_anywhere(user, scope.READ):
        return []
    card = Card(
        title=_("PAR INDEX"),
        icon="bi-clipboard-check",
        link=reverse("assessments:cycle_list"),
        link_label=_("All assessment cycles"),
        order=20,
    )
    cycle = current_cycle(user)
    if cycle is not None:
        card.subtitle = cycle.name
        card.link, card.link_label = cycle.get_absolute_url(), _("Cycle details")
        card.figures += [
            Figure(_("Phase"), cycle.get_status_display(), cycle.get_absolute_url()),
            Figure(_("Deadline of this phase"), fmt_date(phase_deadline(cycle))),
        ]
        own = (
            selectors.assessments_for_user(user, cycle)
            .filter(unit=unit)
            .prefetch_related("extensions")
            .first()
        )
        if own is not None:
            card.figures += _unit_figures(cycle, own)
        elif is_province_level(unit) and selectors.can_see_all(user, cycle):
            card.figures += _province_figures(user, cycle)
        if cycle.status in APPRAISAL_PHASES and selectors.can_appraise_cycle(user, cycle):
            card.figures += _appraisal_figures(user, cycle)
    published = latest_published(user)
    if published is not None:
        groups, link = _published_groups(user, unit, published)
        card.groups += groups
        if cycle is None and link:
            card.link, card.link_label = link, _("Published results")
    if not card.figures and not card.groups:
        card.note = _("No assessment cycle concerns your unit yet.")
    return [card]
