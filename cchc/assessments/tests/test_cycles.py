"""Cycle set-up, phase transitions, participants, deadline extensions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cchc.assessments import services
from cchc.assessments.models import Answer, Assessment, Cycle, DeadlineExtension
from cchc.assessments.services._common import effective_deadline
from cchc.assessments.services.cycles import validate_bands
from cchc.audit.models import AuditEvent
from cchc.scoring.models import Framework

pytestmark = pytest.mark.usefixtures("english")


def test_open_freezes_frameworks_and_creates_answer_sheets(par: Any) -> None:
    par.framework.refresh_from_db()
    assert par.framework.status == Framework.Status.FROZEN
    assert par.cycle.status == Cycle.Status.SELF_ASSESSMENT
    codes = sorted(Answer.objects.filter(assessment=par.snv).values_list("criterion__code", flat=True))
    assert codes == ["1.1", "1.2", "2.1", "2.2", "T.1"]  # leaves only


def test_open_needs_participants(par_draft: Any, personas: Any) -> None:
    _fw, cycle, _entry = par_draft
    with pytest.raises(ValidationError, match="Enrol"):
        services.cycle_open(actor=personas.province_admin, cycle=cycle)


def test_participants_default_to_units_the_frameworks_cover(
    par_draft: Any, personas: Any, province: Any
) -> None:
    _fw, cycle, _entry = par_draft
    created = services.cycle_participants_add(actor=personas.province_admin, cycle=cycle)
    assert {a.unit for a in created} == {province.snv, province.stc}  # the two "Sở"


def test_unit_outside_every_framework_is_refused(par_draft: Any, personas: Any, province: Any) -> None:
    _fw, cycle, _entry = par_draft
    with pytest.raises(ValidationError, match="No framework"):
        services.cycle_participants_add(actor=personas.province_admin, cycle=cycle, units=[province.commune])


@pytest.mark.parametrize(
    ("persona", "error"),
    [
        ("dept_officer", PermissionDenied),  # sees the cycle through SNV's participation
        ("outsider", PermissionDenied),  # STC takes part too
        ("commune_officer", Http404),  # the commune is not in this cycle
        ("nobody", Http404),
        ("appraiser", PermissionDenied),
        ("leader", PermissionDenied),
    ],
)
def test_only_province_administrators_run_cycles(par: Any, personas: Any, persona: str, error: type) -> None:
    with pytest.raises(error):
        services.cycle_advance(actor=getattr(personas, persona), cycle=par.cycle)


def test_phases_advance_in_order(par: Any, personas: Any) -> None:
    seen = []
    for _ in range(3):
        seen.append(services.cycle_advance(actor=personas.province_admin, cycle=par.cycle).status)
    assert seen == [Cycle.Status.APPRAISAL_1, Cycle.Status.EXPLANATION, Cycle.Status.APPRAISAL_2]
    with pytest.raises(ValidationError, match="publish"):
        services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)
    assert AuditEvent.objects.filter(action="par.cycle.advance").count() == 3


def test_frameworks_only_added_in_draft(par: Any, personas: Any, province: Any) -> None:
    with pytest.raises(ValidationError):
        services.cycle_framework_add(
            actor=personas.province_admin,
            cycle=par.cycle,
            framework=par.framework,
            name="Khác",
            unit_types=[province.types["xa"]],
        )


@pytest.mark.parametrize(
    ("bands", "ok"),
    [
        ([["Tốt", 90], ["Khá", 80], ["Trung bình", 70], ["Yếu", 0]], True),
        ([["A", 90]], True),
        ([["Khá", 80], ["Tốt", 90]], False),  # not best first
        ([["Tốt", 101]], False),
        ([["", 50]], False),
        ([["Tốt", "abc"]], False),
        ([], False),
    ],
)
def test_band_validation(bands: list, ok: bool) -> None:
    if ok:
        assert validate_bands(bands)[0][0] == bands[0][0]
    else:
        with pytest.raises(ValidationError):
            validate_bands(bands)


def test_deadlines_must_follow_the_phases(par: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="order"):
        services.cycle_update(
            actor=personas.province_admin,
            cycle=par.cycle,
            self_deadline=dt.date(2026, 2, 1),
            appraisal1_deadline=dt.date(2026, 1, 1),
        )


def test_extension_is_audited_and_moves_only_that_units_deadline(par: Any, personas: Any) -> None:
    services.cycle_update(actor=personas.province_admin, cycle=par.cycle, self_deadline=dt.date(2020, 1, 31))
    with pytest.raises(ValidationError, match="reason"):
        services.deadline_extend(
            actor=personas.province_admin,
            assessment=par.snv,
            phase="self",
            deadline=dt.date(2099, 1, 1),
            reason=" ",
        )
    with pytest.raises(PermissionDenied):
        services.deadline_extend(
            actor=personas.dept_officer,
            assessment=par.snv,
            phase="self",
            deadline=dt.date(2099, 1, 1),
            reason="x",
        )
    services.deadline_extend(
        actor=personas.province_admin,
        assessment=par.snv,
        phase="self",
        deadline=dt.date(2099, 1, 1),
        reason="Đơn vị mới sáp nhập",
    )
    snv, stc = (Assessment.objects.select_related("cycle").get(pk=a.pk) for a in (par.snv, par.stc))
    assert effective_deadline(snv, DeadlineExtension.Phase.SELF) == dt.date(2099, 1, 1)
    assert effective_deadline(stc, DeadlineExtension.Phase.SELF) == dt.date(2020, 1, 31)
    event = AuditEvent.objects.get(action="par.deadline.extend")
    assert event.reason == "Đơn vị mới sáp nhập" and event.unit == par.snv.unit
