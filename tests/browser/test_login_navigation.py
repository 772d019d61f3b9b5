"""Sign in through the real login form, reach the home page and the units list, sign out.

Assertions rely on stable things (URLs, element roles, form fields, unit and user names) and on
`<html lang="vi">` for the Vietnamese interface, not on translated wording.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = pytest.mark.browser


def url(live_server: Any, name: str) -> str:
    return live_server.url + reverse(name)


def sign_in(page: Page, live_server: Any, username: str, password: str) -> None:
    page.goto(url(live_server, "accounts:login"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()


def test_province_admin_signs_in_browses_units_and_signs_out(
    page: Page, live_server: Any, province: Any, personas: Any
) -> None:
    admin = personas.province_admin
    sign_in(page, live_server, admin.username, PASSWORD)

    # Home: Vietnamese page greeting the user by name, the province in the header.
    expect(page).to_have_url(url(live_server, "core:home"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_contain_text(admin.get_full_name())
    expect(page.locator("header")).to_contain_text(province.province.name)

    # The units list through the main menu.
    units_url = reverse("orgunits:list")
    page.locator("header nav .dropdown-toggle", has_text="Quản trị").click()
    page.locator(f"header nav a[href='{units_url}']").first.click()
    expect(page).to_have_url(re.compile(re.escape(live_server.url + units_url)))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("main").get_by_text(province.snv.name, exact=True).first).to_be_visible()

    # Sign out from the user menu: back on the login page, and the home page needs a login again.
    page.locator("#user-menu").click()
    page.locator(f"header form[action='{reverse('accounts:logout')}'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(url(live_server, "accounts:login"))))
    page.goto(url(live_server, "core:home"))
    expect(page).to_have_url(re.compile(re.escape(url(live_server, "accounts:login")) + r"\?next="))


def test_wrong_password_shows_an_error_and_stays_on_the_login_page(
    page: Page, live_server: Any, personas: Any
) -> None:
    sign_in(page, live_server, personas.province_admin.username, "not-the-password-2025")

    expect(page).to_have_url(url(live_server, "accounts:login"))
    expect(page.locator("main [role=alert]")).to_be_visible()
    expect(page.locator("main [role=alert]")).not_to_be_empty()
    expect(page.locator("input[name=username]")).to_have_value(personas.province_admin.username)
    expect(page.locator("header .dropdown-toggle")).to_have_count(0)  # not signed in
