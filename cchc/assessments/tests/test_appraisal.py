"""Assignment matrix, conflict of interest, rounds 1 and 2, explanation, optimistic locking."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cchc.assessments import services
from cchc.assessments.models import Answer
from cchc.assessments.tests.workflow import appraise, assign_all, fill
from cchc.audit.models import AuditEvent
from cchc.scoring.models import Criterion

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def in_round1(par: Any, personas: Any) -> Any:
    fill(par, par.snv, personas.dept_officer)
    services.assessment_submit(actor=par.snv_leader, assessment=par.snv)
    assign_all(par, par.snv, personas.appraiser, personas.province_admin)
    services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)
    return par


def test_conflict_of_interest_is_refused(par: Any, personas: Any) -> None:
    domain = Criterion.objects.get(framework=par.framework, code="1")
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.assignment_set(
            actor=personas.province_admin, assessment=par.snv, domain=domain, appraiser=par.snv_appraiser
        )
    # The same person may appraise another unit.
    services.assignment_set(
        actor=personas.province_admin, assessment=par.stc, domain=domain, appraiser=par.snv_appraiser
    )


def test_assignee_needs_the_appraiser_role(par: Any, personas: Any) -> None:
    domain = Criterion.objects.get(framework=par.framework, code="1")
    with pytest.raises(ValidationError, match="appraiser role"):
        services.assignment_set(
            actor=personas.province_admin, assessment=par.snv, domain=domain, appraiser=personas.leader
        )


def test_only_a_domain_can_be_assigned(par: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="domain"):
        services.assignment_set(
            actor=personas.province_admin,
            assessment=par.snv,
            domain=Criterion.objects.get(framework=par.framework, code="1.1"),
            appraiser=personas.appraiser,
        )


def test_round1_accept_and_adjust(in_round1: Any, personas: Any) -> None:
    par = in_round1
    accepted = appraise(par, par.snv, personas.appraiser, "1.1", 1, "accept")
    assert accepted.r1_decision == "accept" and accepted.self_points == Decimal("1.00")
    with pytest.raises(ValidationError, match="comment"):
        appraise(par, par.snv, personas.appraiser, "1.2", 1, "adjust", points="0")
    with pytest.raises(ValidationError, match="between 0 and"):
        appraise(par, par.snv, personas.appraiser, "1.2", 1, "adjust", points="5", comment="Sai")
    adjusted = appraise(
        par, par.snv, personas.appraiser, "1.2", 1, "adjust", points="0,5", comment="Thiếu báo cáo quý"
    )
    assert adjusted.r1_points == Decimal("0.50")
    assert adjusted.self_points == Decimal("1.00")  # the appraiser never changes the self score
    event = AuditEvent.objects.filter(action="par.answer.round1").latest("at")
    assert event.reason == "Thiếu báo cáo quý" and event.changes["round1_points"] == [None, "0.50"]


def test_survey_result_is_entered_in_appraisal(in_round1: Any, personas: Any) -> None:
    par = in_round1
    with pytest.raises(ValidationError, match="Survey"):
        appraise(par, par.snv, personas.appraiser, "2.2", 1, "accept")
    answer = appraise(
        par, par.snv, personas.appraiser, "2.2", 1, "adjust", declared={"satisfaction": "85"}, comment="ĐTXHH"
    )
    assert answer.r1_points == Decimal("0.85")


@pytest.mark.parametrize(
    ("persona", "error"),
    [
        ("dept_officer", PermissionDenied),
        ("province_admin", PermissionDenied),
        ("outsider", Http404),
        ("leader", PermissionDenied),
        ("nobody", Http404),
    ],
)
def test_only_appraisers_appraise(in_round1: Any, personas: Any, persona: str, error: type) -> None:
    with pytest.raises(error):
        appraise(in_round1, in_round1.snv, getattr(personas, persona), "1.1", 1, "accept")


def test_unassigned_appraiser_is_refused(in_round1: Any, personas: Any, province: Any) -> None:
    from cchc.accounts.models import Role
    from cchc.accounts.services import user_create

    other = user_create(
        actor=None,
        username="td2",
        full_name="Thẩm định 2",
        email="td2@example.org",
        password="x-Mat-khau-2025!",
        unit=province.province,
        role=Role.APPRAISER,
    )
    with pytest.raises(PermissionDenied):
        appraise(in_round1, in_round1.snv, other, "1.1", 1, "accept")


def test_conflicted_appraiser_cannot_appraise_even_if_assigned_directly(
    in_round1: Any, personas: Any
) -> None:
    from cchc.assessments.models import Assignment

    par = in_round1
    Assignment.objects.filter(assessment=par.snv).update(appraiser=par.snv_appraiser)
    with pytest.raises((ValidationError, PermissionDenied)):
        appraise(par, par.snv, par.snv_appraiser, "1.1", 1, "accept")


def test_two_appraisers_saving_at_once_do_not_overwrite(in_round1: Any, personas: Any) -> None:
    par = in_round1
    stale = par.answer(par.snv, "2.1")  # both read version N
    appraise(par, par.snv, personas.appraiser, "2.1", 1, "adjust", points="0.5", comment="A")
    with pytest.raises(ValidationError, match="Someone else"):
        services.answer_appraise(
            actor=personas.appraiser,
            answer=stale,
            round=1,
            decision="adjust",
            points="0",
            comment="B",
            version=stale.version,
        )
    assert par.answer(par.snv, "2.1").r1_points == Decimal("0.50")


def test_round1_only_in_its_phase(par: Any, personas: Any) -> None:
    assign_all(par, par.snv, personas.appraiser, personas.province_admin)
    with pytest.raises(ValidationError, match="phase"):
        appraise(par, par.snv, personas.appraiser, "1.1", 1, "accept")


def test_explanation_then_round2(in_round1: Any, personas: Any) -> None:
    par = in_round1
    appraise(par, par.snv, personas.appraiser, "1.1", 1, "accept")
    appraise(par, par.snv, personas.appraiser, "1.2", 1, "adjust", points="0", comment="Không có minh chứng")
    services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)  # → explanation
    with pytest.raises(ValidationError, match="changed"):
        answer = par.answer(par.snv, "1.1")
        services.answer_explain(
            actor=personas.dept_officer, answer=answer, response="x", version=answer.version
        )
    answer = par.answer(par.snv, "1.2")
    with pytest.raises(Http404):
        services.answer_explain(actor=personas.outsider, answer=answer, response="x", version=answer.version)
    services.answer_explain(
        actor=personas.dept_officer, answer=answer, response="Bổ sung báo cáo quý IV", version=answer.version
    )
    from cchc.assessments.tests.factories import pdf_upload

    evidence = services.evidence_upload(
        actor=personas.dept_officer,
        assessment=par.snv,
        upload=pdf_upload(),
        title="Báo cáo quý IV",
        answers=[par.answer(par.snv, "1.2")],
    )
    assert evidence.stage == "explanation"
    services.assessment_submit_explanation(actor=par.snv_leader, assessment=par.snv)
    with pytest.raises(ValidationError, match="already"):
        answer = par.answer(par.snv, "1.2")
        services.answer_explain(
            actor=personas.dept_officer, answer=answer, response="y", version=answer.version
        )
    services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)  # → round 2
    final = appraise(
        par, par.snv, personas.appraiser, "1.2", 2, "adjust", points="1", comment="Chấp nhận giải trình"
    )
    assert (final.self_points, final.r1_points, final.r2_points) == (
        Decimal("1.00"),
        Decimal("0.00"),
        Decimal("1.00"),
    )
    kept = appraise(par, par.snv, personas.appraiser, "1.1", 2, "accept")
    assert kept.r2_decision == Answer.Decision.ACCEPT
