"""A focal officer opens the inbox, marks a reminder read with htmx, then opens another one."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cchc.notifications.models import Notification
from cchc.notifications.services import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_marks_read_and_opens_a_notification(
    orm_beside_playwright: None, page: Page, live_server: Any, personas: Any, client_for: Any
) -> None:
    officer = personas.dept_officer
    units = reverse("orgunits:list")
    notify(
        recipients=[officer], key="b.1", title="Nhiệm vụ sắp đến hạn sau 3 ngày", url=units, level="warning"
    )
    notify(recipients=[officer], key="b.2", title="Kế hoạch đã được phê duyệt", url=units)
    first = Notification.objects.get(key="b.1")

    # Sign in through the session cookie of a logged-in test client.
    cookie = client_for(officer).cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto(live_server.url + reverse("notifications:list"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    row = page.locator(f"#notification-{first.pk}")
    expect(row).to_contain_text("Nhiệm vụ sắp đến hạn sau 3 ngày")

    # htmx swaps the row in place (no page load: the marker survives): no more "mark read" button.
    page.evaluate("window.__noReload = true")
    row.locator(f"form[action='{reverse('notifications:mark_read', args=[first.pk])}'] button").click()
    expect(page.locator(f"#notification-{first.pk} form[action$='/da-doc/']")).to_have_count(0)
    assert page.evaluate("window.__noReload === true")
    first.refresh_from_db()
    assert first.read_at is not None

    # Opening the other one marks it read and goes to its page.
    second = Notification.objects.get(key="b.2")
    page.locator(f"#notification-{second.pk} form[action$='/mo/'] button").click()
    expect(page).to_have_url(re.compile(re.escape(live_server.url + units)))
    second.refresh_from_db()
    assert second.read_at is not None
