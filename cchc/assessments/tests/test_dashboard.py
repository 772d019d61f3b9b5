"""The PAR INDEX card of the home page: phase and deadline, the unit's sheet, province progress,
the appraiser's queue and the latest published ranks, for every persona."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from cchc.assessments import dashboard, selectors, services
from cchc.assessments.tests.workflow import appraise, assign_all, fill

pytestmark = pytest.mark.usefixtures("english")
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0), tick=False):
        yield


def card_of(user: Any) -> Any:
    found = dashboard.cards(user, TODAY)
    assert len(found) <= 1
    return found[0] if found else None


def figures(card: Any) -> dict[str, str]:
    return {str(x.label): x.value for x in card.figures}


def groups(card: Any) -> dict[str, dict[str, str]]:
    return {str(g.title): {str(x.label): x.value for x in g.figures} for g in card.groups}


@pytest.fixture
def self_phase(par: Any, personas: Any) -> Any:
    """Self-assessment due 20/11/2026 (three days ago); SNV answered one criterion of three."""
    fill(par, par.snv, personas.dept_officer, {"1.1": {"achieved": True}})
    services.cycle_update(actor=personas.province_admin, cycle=par.cycle, self_deadline=dt.date(2026, 11, 20))
    return par


def test_unit_officer_sees_its_own_sheet(self_phase: Any, personas: Any) -> None:
    par = self_phase
    card = card_of(personas.dept_officer)
    assert card.subtitle == par.cycle.name
    got = figures(card)
    assert got["Phase"] == "Self-assessment"
    assert got["Deadline of this phase"] == "20/11/2026"
    assert got["Your unit's self-assessment"] == "Being filled in"
    assert got["Criteria complete"] == "1/3 (33.33%)"
    assert services.completeness(par.snv) == (1, 3)  # the sheet's own meter
    late = next(x for x in card.figures if str(x.label) == "Your unit's deadline")
    assert (late.value, late.tone) == ("20/11/2026", "danger")
    assert "Self-assessments submitted" not in got  # province figures are not a unit's business


def test_an_extension_moves_the_units_deadline(self_phase: Any, personas: Any) -> None:
    services.deadline_extend(
        actor=personas.province_admin,
        assessment=self_phase.snv,
        phase="self",
        deadline=dt.date(2026, 11, 30),
        reason="Đơn vị đề nghị gia hạn",
    )
    mine = next(x for x in card_of(personas.dept_officer).figures if str(x.label) == "Your unit's deadline")
    assert (mine.value, mine.tone) == ("30/11/2026", "")


def test_the_outsider_sees_only_its_own_unit(self_phase: Any, personas: Any) -> None:
    card = card_of(personas.outsider)
    assert figures(card)["Criteria complete"] == "0/3 (0.00%)"
    links = [x.link for x in card.figures]
    assert reverse("assessments:sheet", args=[self_phase.stc.pk]) in links
    assert reverse("assessments:sheet", args=[self_phase.snv.pk]) not in links


@pytest.mark.parametrize("persona", ["province_admin", "leader", "appraiser"])
def test_province_readers_see_submissions_and_late_units(
    self_phase: Any, personas: Any, persona: str
) -> None:
    got = figures(card_of(getattr(personas, persona)))
    assert got["Self-assessments submitted"] == "0/2 (0.00%)"
    assert got["Units behind schedule"] == "2"
    assert "Criteria complete" not in got
    assert "My appraisal queue (unit × field)" not in got  # not an appraisal phase


def test_a_unit_outside_every_cycle(self_phase: Any, personas: Any) -> None:
    card = card_of(personas.commune_officer)
    assert card.figures == [] and card.groups == []
    assert card.note == "No assessment cycle concerns your unit yet."
    assert card_of(personas.nobody) is None


def test_appraisal_round_progress_and_queue(par: Any, personas: Any) -> None:
    fill(par, par.snv, personas.dept_officer)
    services.assessment_submit(actor=par.snv_leader, assessment=par.snv)
    assign_all(par, par.snv, personas.appraiser, personas.province_admin)
    services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)
    cycle = selectors.get_cycle_for_user(personas.appraiser, par.cycle.pk)
    per_unit, _people = selectors.appraisal_progress(cycle)
    done, total = sum(u["done"] for u in per_unit), sum(u["total"] for u in per_unit)
    assert (done, total) == (0, 10)
    got = figures(card_of(personas.appraiser))
    assert got["Phase"] == "Appraisal round 1"
    assert got["Criteria appraised in this round"] == "0/10 (0.00%)"
    assert (
        got["My appraisal queue (unit × field)"] == "3"
    )  # SNV's three fields (two domains and the bonus group)
    assert got["Criteria I have appraised"] == "0/5 (0.00%)"  # SNV's five criteria
    assert got["Self-assessments submitted"] == "1/2 (50.00%)"
    admin = figures(card_of(personas.province_admin))
    assert admin["Criteria appraised in this round"] == "0/10 (0.00%)"
    assert "My appraisal queue (unit × field)" not in admin  # administrators run, do not appraise
    assert "Criteria appraised in this round" not in figures(card_of(personas.leader))
    assert "Criteria appraised in this round" not in figures(card_of(personas.dept_officer))
    appraise(par, par.snv, personas.appraiser, "2.1", 1, "accept")
    again = figures(card_of(personas.appraiser))
    assert again["Criteria I have appraised"] == "1/5 (20.00%)"
    assert again["Criteria appraised in this round"] == "1/10 (10.00%)"


@pytest.fixture
def published(par: Any, personas: Any) -> Any:
    fill(par, par.snv, personas.dept_officer)
    services.assessment_submit(actor=par.snv_leader, assessment=par.snv)
    assign_all(par, par.snv, personas.appraiser, personas.province_admin)
    for _ in range(3):
        services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)
    services.cycle_publish(actor=personas.province_admin, cycle=par.cycle)
    return par


def test_published_rank_of_the_units_own(published: Any, personas: Any) -> None:
    title = "Your unit's result, 2025"
    snv = card_of(personas.dept_officer)
    assert snv.figures == []  # no cycle under way
    assert groups(snv) == {
        title: {"Rank in “Sở, ban, ngành”": "1/2", "PAR INDEX": "70.00%", "Band": "Trung bình"}
    }
    assert snv.link == reverse("public:scorecard", args=[published.cycle.pk, published.snv.unit_id])
    stc = groups(card_of(personas.outsider))[title]
    assert stc["Rank in “Sở, ban, ngành”"] == "2/2"


def test_published_top_three_for_the_province(published: Any, personas: Any) -> None:
    for persona in ("province_admin", "leader", "appraiser"):
        got = groups(card_of(getattr(personas, persona)))
        top = got["Top 3 of “Sở, ban, ngành”, 2025"]
        assert next(iter(top)) == "1. Sở Nội vụ" and top["1. Sở Nội vụ"] == "70.00%"
    assert card_of(personas.commune_officer).groups == []
