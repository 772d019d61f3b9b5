"""The province admin adds a tiered criterion in the framework editor: choosing the rule type swaps in
its parameter fields (htmx), the criterion is saved and the tree shows it with its rule.

Assertions rely on URLs, field names and data (codes, titles), not on translated wording.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cchc.scoring.models import Criterion
from cchc.scoring.testing import make_framework
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


def test_admin_adds_a_tiered_criterion(
    orm_beside_playwright: None, page: Page, live_server: Any, province: Any, personas: Any
) -> None:
    framework = make_framework(owner=province.province)
    domain = Criterion.objects.get(framework=framework, code="2")
    sign_in(page, live_server, personas.province_admin.username)
    page.goto(
        live_server.url + reverse("scoring:criterion_create", args=[framework.pk]) + f"?parent={domain.pk}"
    )
    expect(page.locator("input[name=code]")).to_have_value("2.3")
    expect(page.locator("textarea[name=p-tiers]")).to_have_count(0)
    page.select_option("select[name=rule_type]", "tiers")
    expect(page.locator("textarea[name=p-tiers]")).to_be_visible()  # swapped in by htmx
    page.fill("input[name=title]", "Tỷ lệ hồ sơ trực tuyến toàn trình")
    page.fill("input[name=max_points]", "1")
    page.select_option("select[name=p-basis]", "percent")
    page.fill("textarea[name=p-tiers]", "100; 1\n80; 0,5")
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_url(f"**{framework.get_absolute_url()}#c-*")
    created = Criterion.objects.get(framework=framework, code="2.3")
    expect(page.locator(f"#c-{created.pk}")).to_contain_text("Tỷ lệ hồ sơ trực tuyến toàn trình")
    assert created.parent_id == domain.pk
    assert created.rule_params["tiers"] == [["100", "1"], ["80", "0.5"]]
