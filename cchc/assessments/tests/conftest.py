"""A cycle of the test province: SNV and STC scored against a small framework."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from cchc.accounts.models import Role
from cchc.assessments.tests.factories import make_framework


@dataclass
class Par:
    framework: Any
    cycle: Any
    entry: Any
    snv: Any  # SNV's assessment
    stc: Any  # STC's assessment
    snv_leader: Any  # unit leader of SNV (may submit)
    snv_appraiser: Any  # appraiser at the province who also works at SNV (conflict of interest)

    def answer(self, assessment: Any, code: str) -> Any:
        return assessment.answers.select_related("criterion").get(criterion__code=code)


@pytest.fixture
def par_draft(province: Any, personas: Any) -> Any:
    from cchc.assessments import services

    fw = make_framework()
    cycle = services.cycle_create(
        actor=personas.province_admin, owner=province.province, year=2025, name="Đánh giá CCHC 2025"
    )
    entry = services.cycle_framework_add(
        actor=personas.province_admin,
        cycle=cycle,
        framework=fw,
        name="Sở, ban, ngành",
        unit_types=[province.types["so"]],
    )
    return fw, cycle, entry


@pytest.fixture
def par(par_draft: Any, province: Any, personas: Any) -> Par:
    from cchc.accounts.services import membership_add, user_create
    from cchc.assessments import services

    fw, cycle, entry = par_draft
    services.cycle_participants_add(
        actor=personas.province_admin, cycle=cycle, units=[province.snv, province.stc]
    )
    cycle = services.cycle_open(actor=personas.province_admin, cycle=cycle)
    leader = user_create(
        actor=None,
        username="snv_leader",
        full_name="Lãnh đạo SNV",
        email="ld@example.org",
        password="x-Mat-khau-2025!",
        unit=province.snv,
        role=Role.UNIT_LEADER,
    )
    # A council member who also works at SNV: may appraise others, never SNV.
    conflicted = user_create(
        actor=None,
        username="snv_appraiser",
        full_name="Thẩm định SNV",
        email="td@example.org",
        password="x-Mat-khau-2025!",
        unit=province.province,
        role=Role.APPRAISER,
    )
    membership_add(actor=None, user=conflicted, unit=province.snv, role=Role.FOCAL_OFFICER)
    return Par(
        framework=fw,
        cycle=cycle,
        entry=entry,
        snv=cycle.assessments.get(unit=province.snv),
        stc=cycle.assessments.get(unit=province.stc),
        snv_leader=leader,
        snv_appraiser=conflicted,
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last (as tests/browser/conftest.py does for the whole suite): once Playwright's
    event loop runs in this thread, the ORM needs DJANGO_ALLOW_ASYNC_UNSAFE for every later test."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture
def english() -> Any:
    """Service tests match the English messages, whatever the catalogue already translates."""
    from django.utils import translation

    with translation.override("en"):
        yield
