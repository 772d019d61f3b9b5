"""A department's focal officer reports a task completed with an evidence file on the task page;
the province admin accepts the report and the task shows as completed.

Assertions rely on stable things (URLs, form field names, the evidence file name, the
`data-task-state` / `data-review` attributes of the badges), not on translated wording.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cchc.plans.models import Evidence, TaskUpdate
from cchc.plans.tests import factories as f
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("accounts:login"))
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(live_server.url + reverse("core:home"))


def test_officer_reports_with_evidence_and_admin_accepts(
    orm_beside_playwright: None, page: Page, live_server: Any, province: Any, personas: Any, tmp_path: Path
) -> None:
    today = dt.date.today()
    plan = f.plan(province, year=today.year)
    task = f.task(
        plan,
        province.snv,
        title="Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực nội vụ",
        deadline=today + dt.timedelta(days=30),
        added_on=dt.date(today.year, 1, 1),
    )
    f.approve(plan)
    task_url = live_server.url + reverse("plans:task_detail", args=[task.pk])
    evidence = tmp_path / "bao-cao-ket-qua.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% bao cao ket qua ra soat TTHC\n")

    # The focal officer of SNV opens the task (not completed yet) and reports it completed.
    sign_in(page, live_server, personas.dept_officer.username)
    page.goto(task_url)
    expect(page.locator("#task-state [data-task-state]")).to_have_attribute("data-task-state", "not_started")
    page.locator(f"main a[href='{reverse('plans:update_create', args=[task.pk])}']").click()
    form = page.locator("main form[method=post]")
    form.locator("select[name=status]").select_option("completed")
    form.locator("textarea[name=text]").fill("Đã ban hành Quyết định công bố kết quả rà soát")
    form.locator("input[name=evidence_file]").set_input_files(str(evidence))
    form.locator("input[name=evidence_number]").fill("125/QĐ-SNV")
    form.locator("button[type=submit]:not([name])").click()

    # Back on the task page: the report awaits review, with its evidence file; not completed yet.
    expect(page).to_have_url(re.compile(re.escape(task_url) + "$"))
    update = TaskUpdate.objects.get(task=task)
    item = page.locator(f"#update-{update.pk}")
    expect(item).to_contain_text("Đã ban hành Quyết định công bố kết quả rà soát")
    expect(item.locator("[data-review]")).to_have_attribute("data-review", "pending")
    evidence_row = Evidence.objects.get(update=update)
    link = item.locator(f"a[href='{reverse('plans:evidence', args=[evidence_row.pk])}']")
    expect(link).to_have_text("bao-cao-ket-qua.pdf")
    expect(item).to_contain_text("125/QĐ-SNV")
    expect(page.locator("#task-state [data-task-state]")).to_have_attribute("data-task-state", "in_progress")
    expect(page.locator("#task-state [data-awaiting-review]")).to_have_count(1)
    expect(item.locator("button[value=accept]")).to_have_count(0)  # the officer cannot review

    # The province admin accepts it: the task is completed (on time).
    sign_in(page, live_server, personas.province_admin.username)
    page.goto(task_url)
    item = page.locator(f"#update-{update.pk}")
    item.locator("button[value=accept]").click()
    expect(page).to_have_url(re.compile(re.escape(task_url) + "$"))
    expect(page.locator(f"#update-{update.pk} [data-review]")).to_have_attribute("data-review", "accepted")
    expect(page.locator("#task-state [data-task-state]")).to_have_attribute(
        "data-task-state", "completed_on_time"
    )
    update.refresh_from_db()
    assert update.review == TaskUpdate.Review.ACCEPTED
    assert update.reviewed_by == personas.province_admin
    assert evidence_row.file.read() == evidence.read_bytes()
