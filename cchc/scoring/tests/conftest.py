"""Browser-test set-up shared with tests/browser/ (Chromium, plain-HTTP live server)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import (  # noqa: F401  (fixtures used by test_browser_*.py)
    _plain_http_settings,
    browser_context_args,
    browser_type_launch_args,
    live_server,
)


@pytest.fixture(scope="session")
def orm_beside_playwright() -> Iterator[None]:
    """See tests/browser/conftest.py: Playwright keeps an event loop running in the test thread.
    Session-scoped (set up before Playwright starts) and requested only by the browser tests,
    which run last."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE", "true"))
        yield


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last (Playwright's loop must not be running during the other tests)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture
def english() -> Any:
    """Rule and service tests match the English msgids; the Vietnamese catalogue is checked by
    cchc/core/tests/test_i18n.py and the pages' tests."""
    from django.utils import translation

    with translation.override("en"):
        yield
