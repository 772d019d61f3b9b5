"""Upload a dossier file in the browser and watch the job's progress bar reach 100%.

Same set-up as tests/browser/ (Debian's Chromium; skipped without it, failing on CI).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from cchc.dossiers.models import Dossier
from conftest import PASSWORD

pytestmark = pytest.mark.browser
CHROMIUM = Path(os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium"))
SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "dossiers-mau.csv"


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE", "true"))
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"Chromium not found at {CHROMIUM} (CI=true)", pytrace=False)
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [*browser_type_launch_args.get("args", []), "--no-sandbox", "--disable-gpu"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1366, "height": 900}}


@pytest.fixture(scope="session")
def _plain_http(django_test_environment: None) -> Iterator[None]:
    override = override_settings(
        SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session")
def live_server(_plain_http: None, live_server: Any) -> Any:
    return live_server


def test_upload_and_watch_the_progress_bar(
    page: Page, live_server: Any, province: Any, personas: Any, catalogue: Any
) -> None:
    admin = personas.province_admin
    page.goto(live_server.url + reverse("accounts:login"))
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(admin.username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()

    page.goto(live_server.url + reverse("dossiers:import"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.locator("input[name=file]").set_input_files(str(SAMPLE))
    page.locator("input[name=source]").fill("IGATE")
    page.locator("input[name=dry_run]").uncheck()
    page.locator("main form button[type=submit]").click()

    # The job page: its progress bar ends at 100% and the status region shows the result.
    expect(page).to_have_url(re.compile(re.escape(live_server.url) + r"/tac-vu/[0-9a-f-]+/$"))
    bar = page.locator("#job-status [role=progressbar]")
    expect(bar).to_have_attribute("aria-valuenow", "100", timeout=20_000)
    expect(page.locator("#job-status")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#job-status dl").last).to_contain_text("8")
    assert Dossier.objects.filter(source="IGATE").count() == 8
    page.screenshot(
        path=str(Path(os.environ.get("CCHC_SHOTS", "/tmp")) / "dossiers-import-job.png"), full_page=True
    )
