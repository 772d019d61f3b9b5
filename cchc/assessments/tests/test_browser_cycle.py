"""In a browser: self-assess → submit → appraise → explain → publish (the services move the phases).

Relies on stable things (URLs, form field names, numbers) rather than translated wording.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cchc.assessments import services
from cchc.assessments.models import Answer, Cycle
from cchc.assessments.tests.workflow import assign_all, fill
from conftest import PASSWORD
from tests.browser.conftest import (  # noqa: F401 - the browser set-up of tests/browser/
    _allow_orm_beside_playwright,
    _plain_http_settings,
    browser_context_args,
    browser_type_launch_args,
    live_server,
)

pytestmark = pytest.mark.browser


def sign_in(page: Page, live_server: Any, username: str, password: str = PASSWORD) -> None:  # noqa: F811
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("accounts:login"))
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")


def test_self_assess_submit_appraise_explain_publish(
    page: Page,
    live_server: Any,  # noqa: F811 - the fixture imported above
    par: Any,
    personas: Any,
) -> None:
    from cchc.accounts.models import User

    for user in (par.snv_leader, personas.appraiser):  # the fixture's accounts share the test password
        User.objects.filter(pk=user.pk).update(password=personas.dept_officer.password)
    fill(par, par.snv, personas.dept_officer, {"1.1": {"achieved": True}, "1.2": {"value": "85"}})
    answer = par.answer(par.snv, "2.1")
    sheet = live_server.url + reverse("assessments:sheet", args=[par.snv.pk])

    # The focal officer scores 2.1 (htmx save of one criterion).
    sign_in(page, live_server, personas.dept_officer.username)
    page.goto(sheet)
    row = page.locator(f"#c{answer.criterion_id}")
    row.locator("input[name=f_points]").fill("1")
    row.locator("textarea[name=explanation]").fill("Theo báo cáo năm")
    row.locator("button[type=submit]").click()
    expect(page.locator(f"#c{answer.criterion_id} [role=status]")).to_be_visible()
    expect(page.locator(f"#c{answer.criterion_id}")).to_contain_text("1,00")

    # The unit leader submits: the sheet locks.
    sign_in(page, live_server, par.snv_leader.username)
    page.goto(sheet)
    page.locator(f"form[action='{reverse('assessments:sheet_submit', args=[par.snv.pk])}'] button").click()
    expect(page.locator(".bi-lock")).to_be_visible()

    # Round 1: the appraiser lowers 2.1 with a comment.
    assign_all(par, par.snv, personas.appraiser, personas.province_admin)
    services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)
    sign_in(page, live_server, personas.appraiser.username)
    page.goto(live_server.url + reverse("assessments:appraisal_sheet", args=[par.snv.pk]))
    row = page.locator(f"tr#c{answer.criterion_id}")
    row.locator("input[value=adjust]").check()
    row.locator("input[name=points]").fill("0,5")
    row.locator("textarea[name=comment]").fill("Thiếu tài liệu kiểm chứng")
    row.locator("button").click()
    expect(page.locator(f"tr#c{answer.criterion_id}")).to_contain_text("0,50")

    # Explanation window: the unit explains.
    services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)
    sign_in(page, live_server, personas.dept_officer.username)
    page.goto(sheet)
    row = page.locator(f"#c{answer.criterion_id}")
    row.locator("textarea[name=response]").fill("Bổ sung quyết định công bố danh mục")
    row.locator(f"form[action='{reverse('assessments:answer_explain', args=[answer.pk])}'] button").click()
    expect(page.locator(f"#c{answer.criterion_id}")).to_contain_text("Bổ sung quyết định")
    assert Answer.objects.get(pk=answer.pk).response == "Bổ sung quyết định công bố danh mục"

    # Round 2 and publication from the cycle page; the public page shows the hash.
    services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)
    sign_in(page, live_server, personas.province_admin.username)
    page.goto(live_server.url + reverse("assessments:cycle_detail", args=[par.cycle.pk]))
    page.locator("button[name=action][value=publish]").click()
    page.wait_for_load_state("load")
    assert Cycle.objects.get(pk=par.cycle.pk).status == Cycle.Status.PUBLISHED
    publication = par.cycle.publications.get()
    page.goto(live_server.url + reverse("public:cycle", args=[par.cycle.pk]))
    expect(page.locator("main")).to_contain_text(publication.sha256)
    expect(page.locator("main")).to_contain_text(par.snv.unit.name)
