"""Resolution programmes and targets: services (scope, audit, validation) and pages for every persona.

The programme is the province's; its first target is SNV's responsibility, so SNV's focal
officer (dept_officer) may see the programme and record that target's actual values, but not
plan values nor edit anything. Managing needs APPROVE on the programme's unit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.plans import targets
from cchc.plans.models import Direction, Programme, Target, TargetValue

pytestmark = pytest.mark.django_db

ALL = ("province_admin", "dept_officer", "commune_officer", "appraiser", "leader", "outsider", "system_admin")


@pytest.fixture
def programme(province: Any) -> Programme:
    return targets.programme_create(
        actor=None,
        issuing_unit=province.province,
        title="Nghị quyết về cải cách hành chính giai đoạn 2021–2030",
        doc_number="05/NQ-HĐND",
        start_year=2021,
        end_year=2030,
    )


@pytest.fixture
def target(programme: Programme, province: Any) -> Target:
    return targets.target_create(
        actor=None,
        programme=programme,
        number="1",
        name="Tỷ lệ hồ sơ trực tuyến toàn trình",
        unit_of_measure="%",
        end_value=Decimal(80),
        responsible_unit=province.snv,
    )


# --- Services ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("province_admin", True),
        ("system_admin", True),
        ("dept_officer", False),  # WRITE only: cannot manage the province's programmes
        ("commune_officer", False),
        ("appraiser", False),
        ("leader", False),
        ("outsider", False),
        ("nobody", False),
    ],
)
def test_managing_needs_approve_on_the_programme_unit(
    persona: str, allowed: bool, programme: Programme, target: Target, personas: Any, province: Any
) -> None:
    actor = getattr(personas, persona)
    calls = [
        lambda: targets.programme_create(
            actor=actor, issuing_unit=province.province, title="CT mới", start_year=2026, end_year=2030
        ),
        lambda: targets.programme_update(actor=actor, programme=programme, title="Tên mới"),
        lambda: targets.target_create(actor=actor, programme=programme, name="Chỉ tiêu mới"),
        lambda: targets.target_update(actor=actor, target=target, end_value=Decimal(85)),
        lambda: targets.target_value_set(actor=actor, target=target, year=2025, planned=Decimal(60)),
    ]
    for call in calls:
        if allowed:
            call()
        else:
            with pytest.raises(PermissionDenied):
                call()
    target.refresh_from_db()
    assert (target.end_value == Decimal(85)) is allowed


def test_unit_leader_of_the_issuing_unit_manages(province: Any, personas: Any) -> None:
    from cchc.accounts.models import Membership, Role

    Membership.objects.create(user=personas.outsider, unit=province.stc, role=Role.UNIT_LEADER)
    prog = targets.programme_create(
        actor=personas.outsider, issuing_unit=province.stc, title="CT của Sở", start_year=2025, end_year=2026
    )
    assert prog.issuing_unit == province.stc


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("province_admin", True),
        ("dept_officer", True),  # writer of the responsible unit (SNV)
        ("commune_officer", False),
        ("appraiser", False),
        ("leader", False),
        ("outsider", False),
        ("system_admin", True),
        ("nobody", False),
    ],
)
def test_actual_values_by_the_responsible_unit(
    persona: str, allowed: bool, target: Target, personas: Any
) -> None:
    actor = getattr(personas, persona)
    record = lambda: targets.target_value_set(  # noqa: E731
        actor=actor, target=target, year=2025, actual=Decimal("62.5"), source="Báo cáo 12/BC-SNV"
    )
    if allowed:
        value = record()
        assert (value.actual, value.source, value.quarter) == (Decimal("62.5"), "Báo cáo 12/BC-SNV", 0)
    else:
        with pytest.raises(PermissionDenied):
            record()
        assert not TargetValue.objects.exists()


def test_responsible_unit_cannot_set_planned_values(target: Target, personas: Any) -> None:
    with pytest.raises(PermissionDenied):
        targets.target_value_set(
            actor=personas.dept_officer,
            target=target,
            year=2025,
            planned=Decimal(50),
            actual=Decimal(1),
            source="x",
        )
    assert not TargetValue.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 2020, "actual": Decimal(1), "source": "x"}, "year"),  # before the programme
        ({"year": 2031, "planned": Decimal(1)}, "year"),
        ({"year": 2025, "quarter": 5, "planned": Decimal(1)}, "quarter"),
        ({"year": 2025, "actual": Decimal(1), "source": "  "}, "source"),  # an actual needs its source
        ({"year": 2025}, "actual"),  # nothing to record
    ],
)
def test_value_validation(target: Target, kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        targets.target_value_set(actor=None, target=target, **kwargs)
    assert field in exc.value.message_dict
    assert not TargetValue.objects.exists()


def test_quarterly_values_and_audit(target: Target, personas: Any) -> None:
    admin = personas.province_admin
    targets.target_value_set(actor=admin, target=target, year=2025, quarter=2, planned=Decimal(55))
    targets.target_value_set(
        actor=personas.dept_officer,
        target=target,
        year=2025,
        quarter=2,
        actual=Decimal(57),
        source="Cổng DVC",
    )
    value = TargetValue.objects.get(target=target, year=2025, quarter=2)
    assert (value.planned, value.actual, value.recorded_by) == (
        Decimal(55),
        Decimal(57),
        personas.dept_officer,
    )
    events = AuditEvent.objects.filter(action="plan.target_value_set").order_by("id")
    assert [e.actor for e in events] == [admin, personas.dept_officer]
    assert events[1].changes["actual"] == [None, "57"] or events[1].changes["actual"][1] in (
        57,
        "57",
        "57.00",
    )
    # The quarter has its own goal and result; the year is untouched.
    quarter = targets.target_summary(target.programme, 2025, 2)
    assert quarter.results[0].goal == Decimal(55) and quarter.results[0].met
    year = targets.target_summary(target.programme, 2025)
    assert year.results[0].actual is None and not year.results[0].met


def test_programme_update_keeps_values_inside_its_years(programme: Programme, target: Target) -> None:
    targets.target_value_set(actor=None, target=target, year=2022, actual=Decimal(10), source="x")
    with pytest.raises(ValidationError):
        targets.programme_update(actor=None, programme=programme, start_year=2023)
    targets.programme_update(actor=None, programme=programme, end_year=2025, title="  Tên ngắn  ")
    programme.refresh_from_db()
    assert (programme.end_year, programme.title) == (2025, "Tên ngắn")
    assert AuditEvent.objects.filter(action="plan.programme_update").count() == 1


def test_target_update_audits_changes(target: Target, personas: Any) -> None:
    targets.target_update(actor=personas.province_admin, target=target, direction=Direction.AT_MOST)
    targets.target_update(actor=personas.province_admin, target=target, direction=Direction.AT_MOST)  # no-op
    events = AuditEvent.objects.filter(action="plan.target_update")
    assert events.count() == 1 and events[0].changes == {"direction": ["ge", "le"]}


# --- Pages ---------------------------------------------------------------------------------------

VISIBLE = {"province_admin", "dept_officer", "appraiser", "leader", "system_admin"}  # dept: responsible
MANAGERS = {"province_admin", "system_admin"}


@pytest.mark.parametrize("persona", ALL)
def test_pages_for_every_persona(
    persona: str, programme: Programme, target: Target, personas: Any, client_for: Any
) -> None:
    # A value recorded by the system (the sample loader: no user) and one by a person.
    targets.target_value_set(actor=None, target=target, year=2024, actual=Decimal(40), source="Số liệu mẫu")
    targets.target_value_set(actor=personas.province_admin, target=target, year=2025, planned=Decimal(50))
    client = client_for(getattr(personas, persona))
    listed = client.get(reverse("plans:programme_list"))
    assert listed.status_code == 200
    assert (programme.title in listed.content.decode()) is (persona in VISIBLE)
    detail = client.get(reverse("plans:programme_detail", args=[programme.pk]))
    target_page = client.get(reverse("plans:target_detail", args=[target.pk]))
    edit = client.get(reverse("plans:programme_edit", args=[programme.pk]))
    add = client.get(reverse("plans:target_create", args=[programme.pk]))
    target_edit = client.get(reverse("plans:target_edit", args=[target.pk]))
    create = client.get(reverse("plans:programme_create"))
    if persona not in VISIBLE:
        assert {r.status_code for r in (detail, target_page, edit, add, target_edit)} == {404}
    else:
        assert detail.status_code == target_page.status_code == 200
        assert "Số liệu mẫu" in target_page.content.decode()
        assert "Tỷ lệ hồ sơ trực tuyến toàn trình" in detail.content.decode()
        expected = 200 if persona in MANAGERS else 403
        assert {edit.status_code, add.status_code, target_edit.status_code} == {expected}
        # The record form is shown to who may record (managers and the responsible unit).
        assert ('name="actual"' in target_page.content.decode()) is (persona in MANAGERS | {"dept_officer"})
        assert ('name="planned"' in target_page.content.decode()) is (persona in MANAGERS)
    assert create.status_code == (200 if persona in MANAGERS else 403)


def test_admin_creates_a_programme_and_a_target_through_the_pages(
    personas: Any, province: Any, client_for: Any
) -> None:
    client = client_for(personas.province_admin)
    response = client.post(
        reverse("plans:programme_create"),
        {
            "issuing_unit": province.province.pk,
            "title": "Chương trình chuyển đổi số 2026–2030",
            "doc_number": "12/NQ-HĐND",
            "doc_date": "15/01/2026",
            "start_year": "2026",
            "end_year": "2030",
        },
    )
    programme = Programme.objects.get(title="Chương trình chuyển đổi số 2026–2030")
    assert response.status_code == 302 and response["Location"] == programme.get_absolute_url()
    response = client.post(
        reverse("plans:target_create", args=[programme.pk]),
        {
            "number": "2",
            "name": "Thời gian giải quyết hồ sơ bình quân",
            "unit_of_measure": "ngày",
            "direction": "le",
            "baseline_value": "12,5",
            "baseline_year": "2025",
            "end_value": "7",
            "responsible_unit": province.centre.pk,
        },
    )
    target = Target.objects.get(programme=programme)
    assert response.status_code == 302
    assert (target.direction, target.baseline_value, target.end_value) == ("le", Decimal("12.5"), Decimal(7))
    assert target.responsible_unit == province.centre
    response = client.post(
        reverse("plans:target_detail", args=[target.pk]),
        {"year": "2026", "quarter": "0", "planned": "10", "actual": "9", "source": "Báo cáo 3/BC-TTPV"},
    )
    assert response.status_code == 302
    page = client.get(reverse("plans:programme_detail", args=[programme.pk]) + "?year=2026").content.decode()
    assert "Đạt và vượt 1/1 chỉ tiêu, chiếm 100,00%" in page
    assert "Báo cáo 3/BC-TTPV" in page
    assert AuditEvent.objects.filter(action__in=["plan.programme_create", "plan.target_create"]).count() == 2


def test_invalid_programme_years_show_a_form_error(personas: Any, province: Any, client_for: Any) -> None:
    response = client_for(personas.province_admin).post(
        reverse("plans:programme_create"),
        {"issuing_unit": province.province.pk, "title": "CT", "start_year": "2030", "end_year": "2021"},
    )
    assert response.status_code == 200 and response.context["form"].errors["end_year"]
    assert not Programme.objects.exists()


def test_responsible_officer_records_an_actual_value(target: Target, personas: Any, client_for: Any) -> None:
    client = client_for(personas.dept_officer)
    url = reverse("plans:target_detail", args=[target.pk])
    missing_source = client.post(url, {"year": "2025", "quarter": "3", "actual": "61"})
    assert missing_source.status_code == 200 and missing_source.context["form"].errors["source"]
    assert not TargetValue.objects.exists()
    # A planned value in the post is ignored: the field is not in the officer's form.
    ok = client.post(
        url, {"year": "2025", "quarter": "3", "actual": "61", "planned": "99", "source": "BC quý III"}
    )
    assert ok.status_code == 302
    value = TargetValue.objects.get()
    assert (value.quarter, value.actual, value.planned, value.source) == (3, Decimal(61), None, "BC quý III")


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("appraiser", 403), ("outsider", 404)])
def test_readers_cannot_record_values(
    persona: str, status: int, target: Target, personas: Any, client_for: Any
) -> None:
    response = client_for(getattr(personas, persona)).post(
        reverse("plans:target_detail", args=[target.pk]),
        {"year": "2025", "quarter": "0", "actual": "61", "source": "x"},
    )
    assert response.status_code == status
    assert not TargetValue.objects.exists()
