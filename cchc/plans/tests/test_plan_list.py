"""The plan list: filters run in the database, choices come from the user's plans, "— All —" labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from cchc.accounts import scope
from cchc.plans import selectors, services
from cchc.plans.forms import ALL
from cchc.plans.models import Plan
from cchc.plans.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(province: Any) -> dict[str, Plan]:
    made = {
        "tinh25": f.plan(province, unit=province.province, year=2025),
        "tinh26": f.plan(province, unit=province.province, year=2026),
        "snv25": services.plan_create(
            actor=None, issuing_unit=province.snv, year=2025, title="Kế hoạch CCHC của Sở Nội vụ năm 2025"
        ),
        "stc25": services.plan_create(
            actor=None,
            issuing_unit=province.stc,
            year=2025,
            title="Kế hoạch thực hiện nhiệm vụ cải cách hành chính",
            doc_number="15/KH-STC",
        ),
    }
    f.task(made["tinh25"], province.snv)
    f.approve(made["tinh25"])
    return made


def names(qs: Any, plans: dict[str, Plan]) -> set[str]:
    pks = set(qs.values_list("pk", flat=True))
    return {name for name, plan in plans.items() if plan.pk in pks}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"tinh25", "tinh26", "snv25", "stc25"}),
        ({"year": 2025}, {"tinh25", "snv25", "stc25"}),
        ({"status": "approved"}, {"tinh25"}),
        ({"status": "draft", "year": 2025}, {"snv25", "stc25"}),
        ({"query": "noi vu"}, {"snv25"}),  # without accents
        ({"query": "NỘI VỤ 2025"}, {"snv25"}),  # every word must match
        ({"query": "15/kh-stc"}, {"stc25"}),  # the document number
        ({"query": "tai chinh"}, {"stc25"}),  # the issuing unit's name
        ({"query": "thử nghiệm"}, {"tinh25", "tinh26"}),
        ({"query": "khong co"}, set()),
    ],
)
def test_filters(filters: dict[str, Any], expected: set[str], plans: dict[str, Plan], personas: Any) -> None:
    assert names(selectors.filtered_plans(personas.system_admin, **filters), plans) == expected


def test_unit_filter_and_scope(plans: dict[str, Plan], personas: Any, province: Any) -> None:
    admin = personas.province_admin
    assert names(selectors.filtered_plans(admin, unit=province.stc), plans) == {"stc25"}
    # The outsider (STC) sees its own plan only, whatever the filter asks for.
    assert names(selectors.filtered_plans(personas.outsider), plans) == {"stc25"}
    assert names(selectors.filtered_plans(personas.outsider, unit=province.snv), plans) == set()
    # SNV's officer sees its plan and the province plan with a task SNV leads.
    assert names(selectors.filtered_plans(personas.dept_officer, year=2025), plans) == {"tinh25", "snv25"}
    assert names(selectors.filtered_plans(personas.nobody), plans) == set()


def test_filtering_is_done_by_the_database(
    plans: dict[str, Plan], personas: Any, django_assert_num_queries: Any
) -> None:
    scope.memberships(personas.leader)  # cached per user, as during a request
    with django_assert_num_queries(1):
        found = list(selectors.filtered_plans(personas.leader, year=2025, status="draft", query="noi vu"))
    assert found == [plans["snv25"]]
    sql = str(selectors.filtered_plans(personas.leader, query="noi vu").query)
    assert "search_text" in sql  # the words are matched in SQL, not in Python


def test_search_text_follows_edits(plans: dict[str, Plan]) -> None:
    plan = services.plan_update(actor=None, plan=plans["stc25"], title="Kế hoạch chuyển đổi số")
    assert "chuyen doi so" in plan.search_text and "15/kh-stc" in plan.search_text


def test_list_page_filters_and_choices(plans: dict[str, Plan], personas: Any, client_for: Any) -> None:
    client = client_for(personas.dept_officer)
    response = client.get(reverse("plans:list"), {"year": "2025", "q": "noi vu"})
    assert response.status_code == 200
    assert list(response.context["plans"]) == [plans["snv25"]]
    form = response.context["form"]
    assert [c[0] for c in form.fields["year"].choices] == ["", 2025]  # only years of visible plans
    assert form.fields["year"].choices[0][1] == ALL and form.fields["status"].choices[0][1] == ALL
    units = list(form.fields["unit"].queryset)
    assert {u.code for u in units} == {"TINH", "SNV"}  # STC's plan is invisible: not offered
    assert form.fields["unit"].empty_label == ALL
    page = response.content.decode()
    assert f">{ALL}</option>" in page
    # A bad value leaves the list unfiltered rather than failing.
    bad = client.get(reverse("plans:list"), {"year": "abc"})
    assert bad.status_code == 200 and len(bad.context["plans"]) == 2


def test_all_label_is_vietnamese() -> None:
    from django.utils import translation

    with translation.override("en"):
        msgid = str(ALL)
    assert msgid == "— All —"
    with translation.override("vi"):
        shown = str(ALL)
    if shown != "— Tất cả —":  # the catalogue is not compiled yet: the pending translation must be right
        pending = Path(__file__).parents[3] / "locale/pending/plans.json"
        assert json.loads(pending.read_text("utf-8"))[msgid] == "— Tất cả —"


def test_task_filter_empty_labels(plans: dict[str, Plan], personas: Any, client_for: Any) -> None:
    response = client_for(personas.province_admin).get(reverse("plans:detail", args=[plans["tinh25"].pk]))
    form = response.context["form"]
    assert form.fields["area"].empty_label == ALL and form.fields["unit"].empty_label == ALL
    assert form.fields["state"].choices[0] == ("", ALL)
