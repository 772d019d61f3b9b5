from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from cchc.dossiers.models import Procedure
from cchc.dossiers.tests.factories import procedure


@pytest.fixture
def catalogue(db: Any) -> dict[str, Procedure]:
    """The procedures named by docs/samples/dossiers-mau.*."""
    return {
        "MAU.HT.01": procedure("MAU.HT.01", name="Đăng ký khai sinh (mẫu)", processing_time=Decimal(3)),
        "MAU.CT.02": procedure(
            "MAU.CT.02",
            name="Chứng thực bản sao từ bản chính (mẫu)",
            field="Chứng thực",
            processing_time=Decimal(4),
            time_unit="hours",
            online_level="partial",
        ),
        "MAU.DD.03": procedure(
            "MAU.DD.03",
            name="Cấp phép hoạt động (mẫu)",
            field="Nội vụ",
            level="tinh",
            processing_time=Decimal(10),
            online_level="partial",
            fee=Decimal(50000),
        ),
    }


@pytest.fixture(autouse=True)
def _reference_data(db: Any) -> None:
    """The seeded calendar and 766 configuration (migration 0002), restored in case a
    transactional test elsewhere flushed the database before these tests run."""
    from cchc.dossiers import models
    from cchc.dossiers.seed import seed_766, seed_calendar

    seed_calendar(models.CalendarYear, models.CalendarDay)
    seed_766(models.IndicatorSet, models.IndicatorGroup, models.Indicator)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last (as tests/browser/conftest.py does): once Playwright's event loop runs,
    the rest of the suite would share it."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
