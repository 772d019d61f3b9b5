"""The unit's scoring sheet: declared values, engine points, locks, completeness, automatic inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cchc.assessments import services
from cchc.assessments.models import Assessment
from cchc.assessments.tests.workflow import fill
from cchc.audit.models import AuditEvent
from cchc.scoring.providers import Provided, Provider, register_for_tests

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("code", "declared", "points", "na"),
    [
        ("1.1", {"achieved": True}, Decimal("1.00"), False),
        ("1.1", {"achieved": "không"}, Decimal("0.00"), False),
        ("1.1", {"not_applicable": True}, None, True),
        ("1.2", {"value": "100"}, Decimal("2.00"), False),
        ("1.2", {"value": "80"}, Decimal("1.00"), False),  # exactly on the threshold
        ("1.2", {"value": "79,99"}, Decimal("0.00"), False),
        ("1.2", {}, None, False),  # unanswered
        ("2.1", {"points": "0.75"}, Decimal("0.75"), False),
    ],
)
def test_self_points_come_from_the_rule(
    par: Any, personas: Any, code: str, declared: dict, points: Any, na: bool
) -> None:
    answer = par.answer(par.snv, code)
    saved = services.answer_save_self(
        actor=personas.dept_officer, answer=answer, declared=declared, version=1
    )
    assert (saved.self_points, saved.not_applicable, saved.version) == (points, na, 2)


def test_invalid_input_is_a_clear_error(par: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="between 0 and 100"):
        services.answer_save_self(
            actor=personas.dept_officer, answer=par.answer(par.snv, "1.2"), declared={"value": "120"}
        )


def test_survey_criteria_are_not_self_scored(par: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="Survey"):
        services.answer_save_self(
            actor=personas.dept_officer, answer=par.answer(par.snv, "2.2"), declared={"satisfaction": "90"}
        )


@pytest.mark.parametrize(
    ("persona", "error"),
    [
        ("outsider", Http404),
        ("commune_officer", Http404),
        ("appraiser", PermissionDenied),
        ("leader", PermissionDenied),
        ("nobody", Http404),
    ],
)
def test_only_the_units_staff_edit(par: Any, personas: Any, persona: str, error: type) -> None:
    with pytest.raises(error):
        services.answer_save_self(
            actor=getattr(personas, persona), answer=par.answer(par.snv, "1.1"), declared={"achieved": True}
        )


def test_stale_version_is_refused(par: Any, personas: Any) -> None:
    answer = par.answer(par.snv, "2.1")
    services.answer_save_self(actor=personas.dept_officer, answer=answer, declared={"points": "1"}, version=1)
    with pytest.raises(ValidationError, match="Someone else"):
        services.answer_save_self(
            actor=personas.province_admin, answer=answer, declared={"points": "0"}, version=1
        )
    answer.refresh_from_db()
    assert answer.self_points == Decimal("1.00")


def test_submit_needs_complete_sheet_and_the_unit_leader(par: Any, personas: Any) -> None:
    answer = par.answer(par.snv, "1.1")
    services.answer_save_self(
        actor=personas.dept_officer, answer=answer, declared={"achieved": True}, version=1
    )
    with pytest.raises(PermissionDenied):  # a focal officer prepares, the leader submits
        services.assessment_submit(actor=personas.dept_officer, assessment=par.snv)
    with pytest.raises(ValidationError, match="incomplete"):
        services.assessment_submit(actor=par.snv_leader, assessment=par.snv)
    done, total = services.completeness(par.snv)
    # 1.1 has a score but neither evidence nor explanation; the unclaimed bonus T.1 does not count.
    assert (done, total) == (0, 3)
    fill(par, par.snv, personas.dept_officer)
    assert services.completeness(par.snv) == (4, 4)
    services.assessment_submit(actor=par.snv_leader, assessment=par.snv)
    assert Assessment.objects.get(pk=par.snv.pk).is_locked
    with pytest.raises(ValidationError, match="locked"):
        services.answer_save_self(
            actor=personas.dept_officer, answer=par.answer(par.snv, "2.1"), declared={"points": "0"}
        )
    assert AuditEvent.objects.filter(action="par.assessment.submit", unit=par.snv.unit).exists()


def test_unclaimed_bonus_does_not_block_submission(par: Any, personas: Any) -> None:
    fill(
        par,
        par.snv,
        personas.dept_officer,
        {"1.1": {"achieved": True}, "1.2": {"value": "85"}, "2.1": {"points": "1"}},
    )
    assert services.completeness(par.snv) == (3, 3)
    services.assessment_submit(actor=par.snv_leader, assessment=par.snv)


def test_na_needs_no_evidence(par: Any, personas: Any) -> None:
    fill(par, par.snv, personas.dept_officer)
    answer = par.answer(par.snv, "1.1")
    answer.explanation = ""
    answer.save()
    services.answer_save_self(
        actor=personas.dept_officer,
        answer=answer,
        declared={"not_applicable": True},
        explanation="",
        version=answer.version,
    )
    assert services.missing_items(par.snv) == []


def test_reopen_by_administrator(par: Any, personas: Any) -> None:
    fill(par, par.snv, personas.dept_officer)
    services.assessment_submit(actor=par.snv_leader, assessment=par.snv)
    with pytest.raises(PermissionDenied):
        services.assessment_reopen(actor=par.snv_leader, assessment=par.snv, reason="x")
    services.assessment_reopen(actor=personas.province_admin, assessment=par.snv, reason="Thiếu tài liệu")
    assert not Assessment.objects.get(pk=par.snv.pk).is_locked


def test_deadline_blocks_edits_until_extended(par: Any, personas: Any) -> None:
    services.cycle_update(actor=personas.province_admin, cycle=par.cycle, self_deadline=dt.date(2020, 1, 31))
    answer = par.answer(par.snv, "2.1")
    with pytest.raises(ValidationError, match="deadline"):
        services.answer_save_self(actor=personas.dept_officer, answer=answer, declared={"points": "1"})
    services.deadline_extend(
        actor=personas.province_admin,
        assessment=par.snv,
        phase="self",
        deadline=dt.date(2099, 1, 1),
        reason="Gia hạn",
    )
    services.answer_save_self(actor=personas.dept_officer, answer=answer, declared={"points": "1"})


def test_automatic_criterion_takes_the_provider_value_with_provenance(par: Any, personas: Any) -> None:
    from cchc.scoring.models import Criterion

    Criterion.objects.filter(framework=par.framework, code="1.2").update(
        method="auto", provider_key="test.rate"
    )
    calls = []

    def values(*, unit_ids: Any, start: dt.date, end: dt.date) -> dict[int, Provided]:
        calls.append((tuple(unit_ids), start, end))
        return {
            par.snv.unit_id: Provided(
                Decimal("100"), "Kế hoạch 2025: 31/31 nhiệm vụ", {"done": 31, "total": 31}
            )
        }

    restore = register_for_tests(Provider("test.rate", "Tỉ lệ", "%", values))
    try:
        assert services.answers_refresh_auto(actor=personas.province_admin, cycle=par.cycle) == 1
    finally:
        restore()
    assert calls == [((par.snv.unit_id, par.stc.unit_id), dt.date(2025, 1, 1), dt.date(2025, 12, 31))]
    answer = par.answer(par.snv, "1.2")
    assert answer.self_points == Decimal("2.00")
    assert answer.provided_source.startswith("Kế hoạch") and answer.provided_detail == {
        "done": 31,
        "total": 31,
    }
    # The unit cannot overwrite the system value with its own declaration.
    saved = services.answer_save_self(actor=personas.dept_officer, answer=answer, declared={"value": "50"})
    assert saved.self_points == Decimal("2.00")
    assert par.answer(par.stc, "1.2").self_points is None  # no data: not reported as 0
