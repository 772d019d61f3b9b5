"""Playwright against Debian's Chromium (`playwright install` cannot download browsers here).

Browser tests are marked `browser`. Without /usr/bin/chromium they are skipped, except on CI
(`CI=true`), where a missing browser fails the run instead of silently skipping it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

CHROMIUM = Path(os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API keeps an event loop running in the test thread, and Django's ORM
    refuses to run in a thread with a running loop unless told it is safe (our calls are).

    Set from the first browser test to the end of the session (the loop lives that long), not at
    import: in the environment during the other tests it would leak into their subprocesses, e.g.
    `manage.py check --deploy` fails with async.E001. The browser tests run last (see below).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE", "true"))
        yield


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last, after pytest's fixture-based reordering.

    pytest groups tests by session-scoped parameters (here `browser_name`) and would otherwise run
    them first; once Playwright's loop is running, the rest of the suite would share it.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)  # stable sort


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install the Debian package `chromium`."
        if _on_ci():
            pytest.fail(message + " (CI=true: browser tests must not be skipped)", pytrace=False)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Vietnamese is the default language; ask for it explicitly so the browser locale cannot
    # switch the site to English through Accept-Language.
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1366, "height": 900}}


@pytest.fixture(scope="session")
def _plain_http_settings(django_test_environment: None) -> Any:
    """The live server speaks plain HTTP: no HTTPS redirect, no Secure-only cookies.

    SecurityMiddleware reads SECURE_SSL_REDIRECT when the server thread builds its handler, so
    this must be in force before the (session-wide) live server starts, not per test.
    """
    override = override_settings(
        SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session")
def live_server(_plain_http_settings: None, live_server: Any) -> Any:
    return live_server
