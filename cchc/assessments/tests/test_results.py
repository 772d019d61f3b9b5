"""Results: totals, N/A renormalisation end to end, bands, competition ranking, constant queries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.assessments import services
from cchc.assessments.models import Answer, Result
from cchc.assessments.services.results import leaf_value
from cchc.assessments.tests.workflow import fill
from cchc.scoring.compute import NA

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"self_points": Decimal("1"), "not_applicable": False}, Decimal("1")),
        ({"self_points": None, "not_applicable": True}, NA),
        ({"self_points": None, "not_applicable": False}, None),
        (
            {
                "self_points": Decimal("1"),
                "not_applicable": False,
                "r1_decision": "adjust",
                "r1_points": Decimal("0.5"),
            },
            Decimal("0.5"),
        ),
        (
            {
                "self_points": None,
                "not_applicable": True,
                "r1_decision": "adjust",
                "r1_points": Decimal("0.5"),
            },
            Decimal("0.5"),
        ),  # the appraiser rejected "not applicable"
        (
            {
                "self_points": Decimal("1"),
                "not_applicable": False,
                "r1_decision": "adjust",
                "r1_points": Decimal("0.5"),
                "r2_decision": "accept",
            },
            Decimal("0.5"),
        ),  # round 2 keeps round 1
        (
            {
                "self_points": Decimal("1"),
                "not_applicable": False,
                "r1_decision": "adjust",
                "r1_points": Decimal("0.5"),
                "r2_decision": "adjust",
                "r2_points": Decimal("0.75"),
            },
            Decimal("0.75"),
        ),
    ],
)
def test_which_score_counts(row: dict, expected: Any) -> None:
    full = {"r1_decision": "", "r1_points": None, "r2_decision": "", "r2_points": None, **row}
    assert leaf_value(full) == expected


def test_na_and_missing_survey_leave_the_denominator(par: Any, personas: Any) -> None:
    # SNV: 1.1 N/A, 1.2 = 85% → 1, 2.1 = 1, bonus 0.5; survey 2.2 unanswered.
    fill(
        par,
        par.snv,
        personas.dept_officer,
        {
            "1.1": {"not_applicable": True},
            "1.2": {"value": "85"},
            "2.1": {"points": "1"},
            "T.1": {"points": "0.5"},
        },
    )
    services.results_recompute(actor=personas.province_admin, cycle=par.cycle)
    result = Result.objects.get(assessment=par.snv)
    # Survey held: denominator 2 (1.2) + 1 (2.1) + 1 (2.2, unanswered = 0) = 4; points 2 + 0.5 bonus.
    assert (result.base_points, result.max_applicable, result.bonus, result.total) == (
        Decimal("2.00"),
        Decimal("4.00"),
        Decimal("0.50"),
        Decimal("2.50"),
    )
    assert result.index == Decimal("62.50")
    services.cycle_update(
        actor=personas.province_admin, cycle=par.cycle, survey_ran=False, bonus_cap=Decimal("0.25")
    )
    par.cycle.refresh_from_db()
    services.results_recompute(actor=personas.province_admin, cycle=par.cycle)
    result = Result.objects.get(assessment=par.snv)
    assert (result.max_applicable, result.bonus, result.total, result.index) == (
        Decimal("3.00"),
        Decimal("0.25"),
        Decimal("2.25"),
        Decimal("75.00"),
    )
    assert result.band == "Trung bình"
    domains = {d["code"]: d for d in result.domains}
    assert domains["1"]["max"] == "2.00" and domains["1"]["index"] == "50.00"
    assert domains["2"]["index"] == "100.00"
    assert result.lost[0]["code"] == "1.2" and result.lost[0]["lost"] == "1.00"


def test_ties_share_a_rank(par: Any, personas: Any, province: Any) -> None:
    from cchc.accounts.models import Role
    from cchc.accounts.services import user_create

    stc_officer = user_create(
        actor=None,
        username="stc_o",
        full_name="STC",
        email="stc@example.org",
        password="x-Mat-khau-2025!",
        unit=province.stc,
        role=Role.FOCAL_OFFICER,
    )
    fill(par, par.snv, personas.dept_officer)
    fill(par, par.stc, stc_officer)
    services.results_recompute(actor=personas.province_admin, cycle=par.cycle)
    assert list(Result.objects.filter(cycle=par.cycle).values_list("rank", flat=True)) == [1, 1]
    answer = par.answer(par.stc, "2.1")
    services.answer_save_self(actor=stc_officer, answer=answer, declared={"points": "0"})
    services.results_recompute(actor=personas.province_admin, cycle=par.cycle)
    ranks = dict(Result.objects.filter(cycle=par.cycle).values_list("unit__code", "rank"))
    assert ranks == {"SNV": 1, "STC": 2}


def _queries_for(count: int, province: Any, personas: Any) -> int:
    from cchc.assessments.tests.factories import make_framework
    from cchc.orgunits.services import unit_create

    fw = make_framework(code=f"fw-{count}")
    cycle = services.cycle_create(actor=None, owner=province.province, year=2025, name=f"Chu kỳ {count}")
    services.cycle_framework_add(
        actor=None, cycle=cycle, framework=fw, name="Sở", unit_types=[province.types["so"]]
    )
    units = [
        unit_create(
            actor=None,
            code=f"U{count}-{i}",
            name=f"Sở thử {i}",
            unit_type=province.types["so"],
            parent=province.province,
        )
        for i in range(count)
    ]
    services.cycle_participants_add(actor=None, cycle=cycle, units=units)
    services.cycle_open(actor=None, cycle=cycle)
    Answer.objects.filter(assessment__cycle=cycle, criterion__code="2.1").update(self_points=Decimal("1"))
    services.results_recompute(actor=None, cycle=cycle)  # first run creates the rows
    with CaptureQueriesContext(connection) as ctx:
        services.results_recompute(actor=None, cycle=cycle)
    assert Result.objects.filter(cycle=cycle).count() == count
    return len(ctx.captured_queries)


def test_recompute_query_count_does_not_grow_with_units(province: Any, personas: Any) -> None:
    assert _queries_for(10, province, personas) == _queries_for(30, province, personas)
