"""The plans card of the home page: the working unit's plan of the year, counted as the plan page
counts it, for every persona."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from cchc.plans import dashboard, selectors, services
from cchc.plans.models import Plan, TaskStatus
from cchc.plans.tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
D = dt.date


@pytest.fixture(autouse=True)
def _today_in_english() -> Any:
    """23/11/2026; labels in English (the catalogue is compiled by the lead after this change)."""
    from django.utils import translation

    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0), tick=False), translation.override("en"):
        yield


def report(task: Any, status: str, day: dt.date, *, accept: bool = True, **extra: Any) -> Any:
    update = services.update_create(
        actor=None, task=task, status=status, text="Báo cáo tiến độ", reported_on=day, **extra
    )
    if accept:
        services.update_review(actor=None, update=update, accept=True)
    return update


def build_plans(province: Any, year: int = 2026) -> dict[str, Plan]:
    """Plans of `year` with known figures on 23/11/2026:
    TINH: 3 tasks — SNV's completed on time, STC's not started and overdue, XA's in progress
          → "hoàn thành 1/3 nhiệm vụ, chiếm 33,33%", 1 overdue;
    SNV:  4 tasks — one completed, two overdue, one due on 25/11 → 1/4 = 25,00%, 2 overdue;
    STC:  2 tasks, both completed → 2/2 = 100,00%, none overdue.
    """
    tinh = f.plan(province, unit=province.province, year=year)
    done = f.task(tinh, province.snv, title="Rà soát quy trình nội bộ", deadline=D(year, 6, 30))
    f.task(tinh, province.stc, title="Công khai ngân sách", deadline=D(year, 9, 30))
    xa = f.task(tinh, province.commune, title="Số hoá hồ sơ một cửa", deadline=D(year, 12, 31))
    f.approve(tinh)
    report(done, TaskStatus.COMPLETED, D(year, 6, 20))
    report(xa, TaskStatus.IN_PROGRESS, D(year, 10, 1), percent=40)

    snv = f.plan(province, unit=province.snv, year=year)
    first = f.task(snv, province.snv, title="Ban hành kế hoạch", deadline=D(year, 2, 28))
    f.task(snv, province.snv, title="Kiểm tra CCHC", deadline=D(year, 6, 30))
    f.task(snv, province.snv, title="Tập huấn", deadline=D(year, 10, 31))
    f.task(snv, province.snv, title="Báo cáo năm", deadline=D(year, 11, 25))
    f.approve(snv)
    report(first, TaskStatus.COMPLETED, D(year, 2, 20))

    stc = f.plan(province, unit=province.stc, year=year)
    tasks = [f.task(stc, province.stc, title=f"Nhiệm vụ {i}", deadline=D(year, 5, 31)) for i in (1, 2)]
    f.approve(stc)
    for t in tasks:
        report(t, TaskStatus.COMPLETED, D(year, 5, 10))
    return {"tinh": tinh, "snv": snv, "stc": stc}


def card_of(user: Any) -> Any:
    found = dashboard.cards(user, TODAY)
    assert len(found) <= 1
    return found[0] if found else None


def figures(card: Any) -> dict[str, str]:
    return {str(x.label): x.value for x in card.figures}


@pytest.mark.parametrize(
    ("persona", "plan_key", "sentence", "overdue"),
    [
        ("province_admin", "tinh", "hoàn thành 1/3 nhiệm vụ, chiếm 33,33%", "1"),
        ("leader", "tinh", "hoàn thành 1/3 nhiệm vụ, chiếm 33,33%", "1"),
        ("appraiser", "tinh", "hoàn thành 1/3 nhiệm vụ, chiếm 33,33%", "1"),
        ("dept_officer", "snv", "hoàn thành 1/4 nhiệm vụ, chiếm 25,00%", "2"),
        ("outsider", "stc", "hoàn thành 2/2 nhiệm vụ, chiếm 100,00%", "0"),
        # No plan of its own: the province plan, with only the task it leads.
        ("commune_officer", "tinh", "hoàn thành 0/1 nhiệm vụ, chiếm 0,00%", "0"),
    ],
)
def test_each_persona_sees_its_own_plan(
    province: Any, personas: Any, persona: str, plan_key: str, sentence: str, overdue: str
) -> None:
    plans = build_plans(province)
    card = card_of(getattr(personas, persona))
    plan = plans[plan_key]
    assert card.headline == sentence
    assert plan.title in card.subtitle and plan.issuing_unit.name in card.subtitle
    assert figures(card)["Overdue today"] == overdue
    assert card.link == reverse("plans:statistics", args=[plan.pk]) + "?period=year&year=2026"
    # Never another unit's plan: the outsider's card names STC's plan only.
    others = [p for k, p in plans.items() if k != plan_key]
    assert all(reverse("plans:detail", args=[p.pk]) not in x.link for p in others for x in card.figures)


@pytest.mark.parametrize("persona", ["province_admin", "dept_officer", "outsider", "commune_officer"])
def test_figures_are_those_of_the_pages_they_link_to(
    province: Any, personas: Any, client_for: Any, persona: str
) -> None:
    build_plans(province)
    user = getattr(personas, persona)
    card = card_of(user)
    client = client_for(user)
    # The statistics page (whole year, its default) starts its sentence with the headline.
    statistics = client.get(card.link)
    assert statistics.status_code == 200
    assert statistics.context["result"].sentence.startswith(card.headline + ";")
    assert figures(card)["Tasks (not cancelled)"] == str(statistics.context["result"].summary.total)
    # "Overdue today" is the plan page's overdue card, and what its overdue filter lists.
    overdue = next(x for x in card.figures if str(x.label) == "Overdue today")
    page = client.get(overdue.link)
    assert page.status_code == 200
    assert overdue.value == str(page.context["summary"].overdue) == str(page.context["shown_count"])


def test_a_recurring_task_counts_as_the_statistics_page_counts_it(province: Any, personas: Any) -> None:
    plans = build_plans(province)
    weekly = services.task_create(
        actor=None,
        plan=plans["snv"],
        area=f.area(),
        title="Báo cáo CCHC định kỳ",
        lead_unit=province.snv,
        deadline_kind="recurring",
        added_on=D(2026, 1, 10),
    )
    report(weekly, TaskStatus.COMPLETED, D(2026, 10, 5), period_key="q3")
    card = card_of(personas.dept_officer)
    # Done for the third quarter, not yet for the year: 1 of 5 for the year, as in the reports.
    assert card.headline == "hoàn thành 1/5 nhiệm vụ, chiếm 20,00%"
    rows = selectors.task_rows(selectors.visible_plan_tasks(personas.dept_officer, plans["snv"]))
    today = selectors.summary_of_states(rows, selectors.states_for(rows, TODAY))
    assert today.completed == 2  # the plan page shows it completed for its latest period
    # The donut and its legend: on time, late, in progress, not started (+ not carried out).
    assert card.chart["values"] == [1, 0, 0, 4]
    legend = {str(x.label): x.value for x in card.figures if x.swatch}
    assert legend == {"Completed on time": "1", "Completed late": "0", "In progress": "0", "Not started": "4"}


def test_the_province_sees_the_lead_units_furthest_behind(province: Any, personas: Any) -> None:
    build_plans(province)
    groups = {
        str(g.title): {str(x.label): x.value for x in g.figures} for g in card_of(personas.leader).groups
    }
    # STC (0 of 1, overdue) before XA (0 of 1); SNV has completed its task and is not listed.
    assert list(groups["Lead units furthest behind"].items()) == [
        ("Sở Tài chính", "0/1 (0.00%)"),
        ("Xã Đắk Mới", "0/1 (0.00%)"),
    ]
    assert card_of(personas.dept_officer).groups == []  # a unit's own plan: no comparison


def test_due_soon_only_for_those_who_carry_out_tasks(province: Any, personas: Any) -> None:
    build_plans(province)
    label = "My tasks due in the next 7 days"
    assert figures(card_of(personas.dept_officer))[label] == "1"  # "Báo cáo năm", due 25/11
    assert figures(card_of(personas.outsider))[label] == "0"  # STC's tasks are completed
    assert figures(card_of(personas.commune_officer))[label] == "0"  # due 31/12
    for persona in ("province_admin", "leader", "appraiser"):
        assert label not in figures(card_of(getattr(personas, persona)))


def test_completed_tasks_due_soon_do_not_count(province: Any, personas: Any) -> None:
    plans = build_plans(province)
    soon = plans["snv"].tasks.get(title="Báo cáo năm")
    report(soon, TaskStatus.COMPLETED, D(2026, 11, 20))
    assert figures(card_of(personas.dept_officer))["My tasks due in the next 7 days"] == "0"


def test_reports_awaiting_review_for_approvers(province: Any, personas: Any) -> None:
    plans = build_plans(province)
    task = plans["tinh"].tasks.get(title="Công khai ngân sách")
    report(task, TaskStatus.IN_PROGRESS, D(2026, 11, 2), accept=False, percent=50)
    label = "Reports awaiting your review"
    assert figures(card_of(personas.province_admin))[label] == "1"
    assert label not in figures(card_of(personas.leader))  # viewers do not review
    assert label not in figures(card_of(personas.dept_officer))


def test_own_approved_plan_before_drafts_and_other_units(province: Any, personas: Any) -> None:
    plans = build_plans(province)
    draft = services.plan_create(actor=None, issuing_unit=province.snv, year=2026, title="Kế hoạch bổ sung")
    assert draft.status == Plan.Status.DRAFT
    own = reverse("plans:statistics", args=[plans["snv"].pk]) + "?period=year&year=2026"
    assert card_of(personas.dept_officer).link == own
    last_year = services.plan_create(actor=None, issuing_unit=province.snv, year=2025, title="Năm trước")
    f.task(last_year, province.snv)
    f.approve(last_year)
    assert card_of(personas.dept_officer).link == own


def test_no_plan_of_the_year(province: Any, personas: Any) -> None:
    build_plans(province, year=2025)
    card = card_of(personas.province_admin)
    assert card.headline == "" and card.note == "No plan of 2026 is visible to you yet."
    assert card.link == reverse("plans:list") + "?year=2026"


def test_no_card_without_a_unit(province: Any, personas: Any) -> None:
    build_plans(province)
    assert card_of(personas.nobody) is None
