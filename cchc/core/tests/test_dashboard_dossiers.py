"""The one-stop dossiers card of the home page: this year so far, from the statistics report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import translation

from cchc.dossiers import dashboard, summaries
from cchc.dossiers.tests.factories import at, dossier, procedure

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today_in_english() -> Any:
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0), tick=False), translation.override("en"):
        yield


@pytest.fixture
def dossiers(province: Any) -> None:
    """XA: early, 2 on time, late, 1 pending overdue; STC: on time, late; last year's ignored."""
    p = procedure("P1")
    for unit, due, ended in [
        (province.commune, at(2026, 3, 10), at(2026, 3, 5)),
        (province.commune, at(2026, 4, 10), at(2026, 4, 10, 16)),
        (province.commune, at(2026, 5, 10), at(2026, 5, 10, 8)),
        (province.commune, at(2026, 6, 10), at(2026, 6, 12)),
        (province.stc, at(2026, 7, 10), at(2026, 7, 10)),
        (province.stc, at(2026, 8, 10), at(2026, 8, 20)),
        (province.stc, at(2025, 8, 10), at(2025, 8, 20)),
    ]:
        dossier(unit=unit, proc=p, received=due - dt.timedelta(days=5), due=due, ended=ended)
    dossier(unit=province.commune, proc=p, received=at(2026, 11, 2), due=at(2026, 11, 10))
    summaries.refresh()


def card_of(user: Any) -> Any:
    found = dashboard.cards(user, TODAY)
    assert len(found) <= 1
    return found[0] if found else None


def figures(card: Any) -> dict[str, str]:
    return {str(x.label): x.value for x in card.figures}


@pytest.mark.parametrize(
    ("persona", "headline", "received", "early", "on_time", "late", "overdue"),
    [
        ("province_admin", "66.67% of the dossiers resolved were on time (4/6)", "7", "1", "3", "2", "1"),
        ("leader", "66.67% of the dossiers resolved were on time (4/6)", "7", "1", "3", "2", "1"),
        ("commune_officer", "75.00% of the dossiers resolved were on time (3/4)", "5", "1", "2", "1", "1"),
        ("outsider", "50.00% of the dossiers resolved were on time (1/2)", "2", "0", "1", "1", "0"),
    ],
)
def test_each_persona_sees_its_scope(
    dossiers: Any,
    personas: Any,
    persona: str,
    headline: str,
    received: str,
    early: str,
    on_time: str,
    late: str,
    overdue: str,
) -> None:
    got = figures(card := card_of(getattr(personas, persona)))
    assert card.headline == headline
    assert (got["Received"], got["Early"], got["On time"], got["Late"]) == (received, early, on_time, late)
    assert got["Pending overdue"] == overdue


def test_a_unit_without_dossiers_and_nobody(dossiers: Any, personas: Any) -> None:
    card = card_of(personas.dept_officer)
    assert card.figures == [] and card.note == "No dossiers in your scope this year."
    assert card_of(personas.nobody) is None


@pytest.mark.parametrize("persona", ["province_admin", "commune_officer", "outsider"])
def test_the_figures_are_the_statistics_pages(
    dossiers: Any, personas: Any, client_for: Any, persona: str
) -> None:
    card = card_of(getattr(personas, persona))
    response = client_for(getattr(personas, persona)).get(card.link)
    assert response.status_code == 200
    whole = response.context["total"]
    period = response.context["period"]
    assert (period.start, period.end) == (dt.date(2026, 1, 1), TODAY)
    got = figures(card)
    assert got["Resolved"] == str(whole.resolved) and got["Late"] == str(whole.late)
    assert card.headline.startswith(f"{whole.on_time_rate}%")


def test_queries_do_not_grow_with_dossiers(dossiers: Any, province: Any, personas: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            dashboard.cards(personas.province_admin, TODAY)
        return len(ctx.captured_queries)

    count()  # the user's memberships are read once, then cached on the user
    before = count()
    assert before == 3  # the stock before the year, its whole months, the days of this month
    p = procedure("P2")
    for day in range(1, 28):
        due = at(2026, 10, day)
        dossier(unit=province.ward, proc=p, received=due - dt.timedelta(days=3), due=due, ended=due)
    summaries.refresh()
    assert count() == before
    assert figures(card_of(personas.province_admin))["Received"] == "34"
