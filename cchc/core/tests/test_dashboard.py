"""The home page's module cards: discovery, scope per persona, and a constant number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.core import dashboard
from cchc.plans.models import TaskStatus
from cchc.plans.tests import factories as f
from cchc.plans.tests.test_dashboard import build_plans, report

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0), tick=False):
        yield


def open_cycle(province: Any, personas: Any) -> Any:
    """A PAR INDEX cycle in self-assessment with SNV and STC taking part."""
    from cchc.assessments import services
    from cchc.assessments.tests.factories import make_framework

    admin = personas.province_admin
    cycle = services.cycle_create(actor=admin, owner=province.province, year=2026, name="Đánh giá CCHC 2026")
    services.cycle_framework_add(
        actor=admin,
        cycle=cycle,
        framework=make_framework(),
        name="Sở, ban, ngành",
        unit_types=[province.types["so"]],
    )
    services.cycle_participants_add(actor=admin, cycle=cycle, units=[province.snv, province.stc])
    return services.cycle_open(actor=admin, cycle=cycle)


def home(client_for: Any, user: Any) -> str:
    response = client_for(user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_cards_are_discovered_from_the_apps() -> None:
    modules = {p.__module__ for p in dashboard.card_providers()}
    assert {"cchc.plans.dashboard", "cchc.assessments.dashboard", "cchc.dossiers.dashboard"} <= modules


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("province_admin", "hoàn thành 1/3 nhiệm vụ, chiếm 33,33%", "chiếm 25,00%"),
        ("leader", "hoàn thành 1/3 nhiệm vụ, chiếm 33,33%", "chiếm 25,00%"),
        ("appraiser", "hoàn thành 1/3 nhiệm vụ, chiếm 33,33%", "chiếm 25,00%"),
        ("dept_officer", "hoàn thành 1/4 nhiệm vụ, chiếm 25,00%", "chiếm 33,33%"),
        ("outsider", "hoàn thành 2/2 nhiệm vụ, chiếm 100,00%", "chiếm 25,00%"),
        ("commune_officer", "hoàn thành 0/1 nhiệm vụ, chiếm 0,00%", "chiếm 33,33%"),
    ],
)
def test_each_persona_sees_the_figures_of_its_scope(
    province: Any, personas: Any, client_for: Any, persona: str, shown: str, hidden: str
) -> None:
    build_plans(province)
    open_cycle(province, personas)
    html = home(client_for, getattr(personas, persona))
    assert shown[0].upper() + shown[1:] in html  # the plan statistics' own sentence
    assert hidden not in html
    assert 'class="card h-100 module-card"' in html
    assert "Đánh giá CCHC 2026" in html or persona == "commune_officer"


def test_a_system_administrator_without_a_unit_sees_the_province(
    province: Any, personas: Any, client_for: Any
) -> None:
    build_plans(province)
    assert dashboard.working_unit(personas.system_admin) == province.province
    assert "Hoàn thành 1/3 nhiệm vụ, chiếm 33,33%" in home(client_for, personas.system_admin)


def test_the_outsider_never_sees_snv_figures(province: Any, personas: Any, client_for: Any) -> None:
    plans = build_plans(province)
    html = home(client_for, personas.outsider)
    assert plans["stc"].title in html and "Sở Tài chính" in html
    assert f'href="/ke-hoach/{plans["snv"].pk}/' not in html
    assert f'href="/ke-hoach/{plans["tinh"].pk}/' not in html


def test_nobody_sees_no_module_cards(province: Any, personas: Any, client_for: Any) -> None:
    build_plans(province)
    open_cycle(province, personas)
    assert dashboard.module_cards(personas.nobody, TODAY) == []
    html = home(client_for, personas.nobody)
    assert 'class="card h-100 module-card"' not in html and "nhiệm vụ, chiếm" not in html
    assert "card-charts-data" not in html


def test_the_page_keeps_its_widgets_and_draws_the_charts(
    province: Any, personas: Any, client_for: Any
) -> None:
    build_plans(province)
    html = home(client_for, personas.province_admin)
    assert 'id="chart-units"' in html and "Hoạt động gần đây" in html
    assert 'id="card-charts-data"' in html and 'id="card-chart-0"' in html


def test_the_working_unit_follows_the_header_switcher(province: Any, personas: Any, client_for: Any) -> None:
    from cchc.accounts.models import Membership, Role
    from cchc.accounts.services import membership_add

    plans = build_plans(province)
    user = personas.outsider
    membership_add(actor=None, user=user, unit=province.snv, role=Role.FOCAL_OFFICER)
    client = client_for(user)
    snv = Membership.objects.get(user=user, unit=province.snv)
    client.post("/switch-unit/", {"membership": snv.pk, "next": "/"})
    html = client.get("/").content.decode()
    assert "Hoàn thành 1/4 nhiệm vụ, chiếm 25,00%" in html
    assert plans["snv"].title in html


def test_a_failing_module_does_not_take_the_page_down(
    province: Any, personas: Any, settings: Any, monkeypatch: Any
) -> None:
    def broken(user: Any, today: dt.date) -> list[dashboard.Card]:
        raise RuntimeError("boom")

    ok = dashboard.Card(title="Ổn", icon="bi-check", order=1)
    monkeypatch.setattr(dashboard, "card_providers", lambda: [broken, lambda user, today: [ok]])
    settings.DEBUG = False
    assert dashboard.module_cards(personas.province_admin, TODAY) == [ok]
    settings.DEBUG = True
    with pytest.raises(RuntimeError):
        dashboard.module_cards(personas.province_admin, TODAY)


def _count(client: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["province_admin", "dept_officer"])
def test_queries_do_not_grow_with_plans_and_tasks(
    province: Any, personas: Any, client_for: Any, persona: str
) -> None:
    plans = build_plans(province)
    open_cycle(province, personas)
    client = client_for(getattr(personas, persona))
    _count(client)  # warm the per-process caches (content types, settings)
    before = _count(client)
    # Many more tasks, reports, plans and sub-plans of the same year.
    for i in range(15):
        task = f.task(
            plans["tinh"], province.snv, title=f"Nhiệm vụ bổ sung {i}", deadline=dt.date(2026, 11, 26)
        )
        report(
            task,
            TaskStatus.COMPLETED if i % 2 else TaskStatus.IN_PROGRESS,
            dt.date(2026, 11, 1),
            percent=100 if i % 2 else 30,
        )
    for unit in (province.centre, province.ward):
        extra = f.plan(province, unit=unit, year=2026)
        for i in range(5):
            f.task(extra, province.snv, title=f"Việc {i}", deadline=dt.date(2026, 11, 27))
        f.approve(extra)
    after = _count(client)
    assert after == before
    assert before <= 35  # 28 for the province administrator when written (three module cards)
