"""Import, exports, reminders, the PAR INDEX provider, targets, meetings, pages and API."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook, load_workbook

from cchc.accounts.models import Membership, Role
from cchc.notifications.models import Notification
from cchc.plans import imports, meetings, reminders, services, targets
from cchc.plans.models import Direction, Task
from cchc.plans.tests import factories as f
from cchc.plans.tests.make_sample import PATH as SAMPLE
from cchc.scoring.providers import get_provider

pytestmark = pytest.mark.django_db
D = dt.date


def test_sample_file_imports_all_or_nothing(province: Any, personas: Any) -> None:
    plan = f.plan(province, unit=province.province)
    data = SAMPLE.read_bytes()
    result = imports.check(data, plan)
    assert result.errors == []
    assert [line.number for line in result.lines] == ["1", "2", "3", "3.1", "3.2", "4", "5"]
    assert result.lines[2].coordinating == [province.stc]  # "So Tai chinh" without accents
    assert result.lines[1].deadline_kind == "quarter" and result.lines[5].deadline_kind == "recurring"
    outcome = imports.apply(data, plan, actor=personas.province_admin)
    assert outcome["created"] == 7
    sub = Task.objects.get(plan=plan, number="3.1")
    assert sub.parent.number == "3" and sub.lead_unit == province.snv


def _xlsx(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"])
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_bad_file_gives_row_errors_and_writes_nothing(province: Any, personas: Any) -> None:
    plan = f.plan(province)
    data = _xlsx(
        [
            [1, "Trước mọi lĩnh vực", "Sở Nội vụ", "", "", "30/06/2025"],
            ["I", "Cải cách thủ tục hành chính", "", "", "", ""],
            [2, "Nhiệm vụ", "Sở Không Tồn Tại", "Sở Ma", "", "31/02/2025"],
            [3, "Nhiệm vụ năm khác", "SNV", "", "", "30/06/2024"],
            ["4.1", "Con mồ côi", "SNV", "", "", "Quý V"],
        ]
    )
    result = imports.check(data, plan)
    text = "\n".join(result.errors)
    assert "Dòng 2" in text or "Row 2" in text
    for fragment in ("Sở Không Tồn Tại", "Sở Ma", "31/02/2025", "2024", "4.1", "Quý V"):
        assert fragment in text
    with pytest.raises(imports.ImportError_):
        imports.apply(data, plan, actor=personas.province_admin)
    assert not plan.tasks.exists()
    with pytest.raises(imports.ImportError_):
        imports.check(b"not a workbook", plan)


def test_import_page_dry_run_then_job(
    province: Any, personas: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = f.plan(province, unit=province.snv)
    client = client_for(personas.dept_officer)
    page = client.post(
        "/ke-hoach/nhap/", {"plan": plan.pk, "file": SimpleUploadedFile("kh.xlsx", SAMPLE.read_bytes())}
    )
    assert page.status_code == 200 and page.context["token"]
    assert not plan.tasks.exists()  # the dry run writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/ke-hoach/nhap/", {"token": page.context["token"]})
    assert done.status_code == 302
    assert plan.tasks.count() == 7


def test_exports_are_numbers(world_plan: Any, personas: Any, client_for: Any) -> None:
    plan = world_plan
    client = client_for(personas.province_admin)
    book = load_workbook(
        io.BytesIO(client.get(f"/ke-hoach/{plan.pk}/thong-ke/xuat/?period=year&year=2025").content)
    )
    ws = book.active
    totals = [row for row in ws.iter_rows(values_only=True) if row and row[0] == "Tổng cộng"]
    assert totals[0][1] == 3 and isinstance(totals[0][1], int)
    assert totals[0][10] == pytest.approx(1 / 3, abs=1e-4)
    book = load_workbook(io.BytesIO(client.get(f"/ke-hoach/{plan.pk}/xuat/").content))
    dates = [c.value for c in book.active["F"] if isinstance(c.value, dt.datetime)]
    assert dates  # deadlines are real dates


@pytest.fixture
def world_plan(province: Any, personas: Any) -> Any:
    plan = f.plan(province)
    done = f.task(plan, province.snv, deadline=D(2025, 3, 31))
    f.task(plan, province.snv, deadline=D(2025, 5, 31))
    f.task(plan, province.commune, deadline=D(2025, 12, 1))
    f.approve(plan)
    update = services.update_create(
        actor=None, task=done, status="completed", text="Xong", reported_on=D(2025, 3, 20)
    )
    services.update_review(actor=None, update=update, accept=True)
    return plan


def test_reminders_frozen_time_no_duplicates(province: Any, personas: Any) -> None:
    leader = f_user("snv_leader", province.snv, Role.UNIT_LEADER)
    plan = f.plan(province, escalation_days=7)
    soon = f.task(plan, province.snv, deadline=D(2025, 6, 10))
    late = f.task(plan, province.snv, deadline=D(2025, 5, 20))
    f.approve(plan)
    officer = personas.dept_officer
    with time_machine.travel(dt.datetime(2025, 6, 3, 7, 0), tick=False):
        first = reminders.task_reminders_send(today=dt.date.today())
        second = reminders.task_reminders_send(today=dt.date.today())
    assert first == {"due": 1, "overdue": 1, "escalated": 1}  # 7 days left; 14 days late > 7
    assert second == {"due": 0, "overdue": 0, "escalated": 0}
    keys = set(Notification.objects.values_list("user__username", "key"))
    assert ("dept_officer", f"plans.task.{soon.pk}.due-7d.2025-06-10") in keys
    assert ("dept_officer", f"plans.task.{late.pk}.overdue.2025-05-20") in keys
    assert ("snv_leader", f"plans.task.{late.pk}.escalate.2025-05-20") in keys
    assert not Notification.objects.filter(user=personas.commune_officer).exists()
    assert officer.notifications.count() == 2 and leader.notifications.count() == 1


def test_reminders_skip_completed_and_respect_escalation_days(province: Any, personas: Any) -> None:
    f_user("snv_leader", province.snv, Role.UNIT_LEADER)
    plan = f.plan(province, escalation_days=30)
    late = f.task(plan, province.snv, deadline=D(2025, 5, 20))
    done = f.task(plan, province.snv, deadline=D(2025, 5, 21))
    f.approve(plan)
    u = services.update_create(
        actor=None, task=done, status="completed", text="Xong", reported_on=D(2025, 5, 21)
    )
    services.update_review(actor=None, update=u, accept=True)
    counts = reminders.task_reminders_send(today=D(2025, 6, 3))
    assert counts == {"due": 0, "overdue": 1, "escalated": 0}
    assert Notification.objects.filter(key__contains=f".{late.pk}.").count() == 1


def f_user(username: str, unit: Any, role: str) -> Any:
    from cchc.accounts.services import user_create

    user = user_create(
        actor=None,
        username=username,
        full_name=username,
        email=f"{username}@example.org",
        password="x-Y-z-2025!!",
        unit=unit,
        role=role,
    )
    assert Membership.objects.filter(user=user, role=role).exists()
    return user


def test_scheduled_job_is_registered() -> None:
    import cchc.plans.scheduled  # noqa: F401
    from cchc.jobs import schedule

    assert "plans.reminders" in schedule._DAILY


def test_completion_rate_provider(world_plan: Any, province: Any) -> None:
    p = get_provider("plans.completion_rate")
    assert p is not None
    values = p.values(
        unit_ids=[province.snv.pk, province.commune.pk, province.stc.pk],
        start=D(2025, 1, 1),
        end=D(2025, 12, 31),
    )
    assert values[province.snv.pk].value == Decimal("50.00")
    assert "hoàn thành 1/2 nhiệm vụ" in values[province.snv.pk].source
    assert values[province.commune.pk].value == Decimal("0.00")
    assert province.stc.pk not in values  # no tasks: absent, not 0


def test_target_summary(province: Any, personas: Any) -> None:
    prog = targets.programme_create(
        actor=None, issuing_unit=province.province, title="NQ CCHC 2021–2030", start_year=2021, end_year=2030
    )
    online = targets.target_create(actor=None, programme=prog, name="Hồ sơ trực tuyến", end_value=Decimal(80))
    cost = targets.target_create(
        actor=None,
        programme=prog,
        name="Chi phí tuân thủ",
        direction=Direction.AT_MOST,
        end_value=Decimal(10),
    )
    satisfied = targets.target_create(
        actor=None, programme=prog, name="Mức độ hài lòng", end_value=Decimal(90)
    )
    targets.target_value_set(
        actor=None, target=online, year=2025, planned=Decimal(60), actual=Decimal(65), source="Cổng DVC"
    )
    targets.target_value_set(actor=None, target=cost, year=2025, actual=Decimal(12), source="Khảo sát")
    s = targets.target_summary(prog, 2025)
    assert [r.met for r in s.results] == [True, False, False]  # the third has no data
    assert s.sentence == "đạt và vượt 1/3 chỉ tiêu, chiếm 33,33%"
    assert [r.target for r in s.not_met] == [cost, satisfied]
    with pytest.raises(ValidationError):
        targets.target_value_set(actor=None, target=online, year=2025, actual=Decimal(1))  # no source
    with pytest.raises(PermissionDenied):
        targets.target_value_set(actor=personas.commune_officer, target=online, year=2025, planned=Decimal(1))


def test_conclusion_assigns_a_task_in_the_statistics(world_plan: Any, province: Any, personas: Any) -> None:
    meeting = meetings.meeting_create(
        actor=personas.province_admin, unit=province.province, date=D(2025, 4, 2), title="Họp BCĐ"
    )
    conclusion = meetings.conclusion_add(
        actor=personas.province_admin, meeting=meeting, text="Giao Sở Nội vụ…"
    )
    with pytest.raises(ValidationError):
        meetings.conclusion_assign_task(
            actor=personas.province_admin,
            conclusion=conclusion,
            plan=world_plan,
            area=f.area(),
            what="Rà soát",
            who=province.snv,
            by_when=D(2025, 5, 1),
            expected_result="",
            responsibility="",
        )
    task = meetings.conclusion_assign_task(
        actor=personas.province_admin,
        conclusion=conclusion,
        plan=world_plan,
        area=f.area(),
        what="Rà soát",
        who=province.snv,
        by_when=D(2025, 5, 1),
        expected_result="Báo cáo",
        responsibility="Giám đốc Sở",
    )
    assert task.source == "conclusion" and task.plan == world_plan


def test_pages_render_for_the_owner(world_plan: Any, personas: Any, client_for: Any) -> None:
    client = client_for(personas.province_admin)
    task = world_plan.tasks.first()
    for url in (
        "/ke-hoach/",
        f"/ke-hoach/{world_plan.pk}/",
        f"/ke-hoach/{world_plan.pk}/?overdue=on",
        f"/ke-hoach/{world_plan.pk}/thong-ke/?period=par_h1&year=2025",
        f"/ke-hoach/{world_plan.pk}/tien-do/",
        f"/ke-hoach/{world_plan.pk}/thay-doi/",
        f"/ke-hoach/nhiem-vu/{task.pk}/",
        "/ke-hoach/cua-toi/",
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(f"/ke-hoach/{world_plan.pk}/thong-ke/?period=year&year=2025").content.decode()
    assert "hoàn thành 1/3 nhiệm vụ, chiếm 33,33%" in page and 'id="area-chart-data"' in page


def test_commune_officer_cannot_post_on_department_task(
    world_plan: Any, personas: Any, client_for: Any
) -> None:
    snv_task = world_plan.tasks.filter(lead_unit__code="SNV").last()
    client = client_for(personas.commune_officer)
    assert (
        client.post(f"/ke-hoach/nhiem-vu/{snv_task.pk}/bao-cao/", {"status": "completed"}).status_code == 404
    )
    api = client.post(
        f"/api/plans/tasks/{snv_task.pk}/updates",
        {"status": "completed", "text": "x"},
        content_type="application/json",
    )
    assert api.status_code == 404
    assert not snv_task.updates.exists()


def test_api_statistics_and_update(world_plan: Any, personas: Any, client_for: Any) -> None:
    client = client_for(personas.dept_officer)
    stats = client.get(f"/api/plans/{world_plan.pk}/statistics?period=year&year=2025").json()
    assert stats["summary"]["total"] == 2 and stats["summary"]["completed_percent"] == "50.00"
    task = world_plan.tasks.filter(lead_unit__code="SNV").last()
    created = client.post(
        f"/api/plans/tasks/{task.pk}/updates",
        {"status": "in_progress", "percent": 30, "text": "Đang làm"},
        content_type="application/json",
    )
    assert created.status_code == 200 and created.json()["review"] == "pending"
    bad = client.post(
        f"/api/plans/tasks/{task.pk}/updates",
        {"status": "not_done", "text": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 422
