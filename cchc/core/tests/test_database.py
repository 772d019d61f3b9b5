"""Behaviour that depends on the database vendor; the suite runs on SQLite and PostgreSQL."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from cchc.core.ordering import order_vi
from cchc.orgunits.models import OrgUnit
from cchc.orgunits.selectors import units_for_user
from cchc.orgunits.services import unit_create


def test_suite_runs_on_the_expected_database():
    expected = os.environ.get("CCHC_EXPECT_DB_VENDOR")
    if expected:
        assert connection.vendor == expected
    else:
        assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.django_db
def test_sqlite_uses_immediate_transactions_and_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only settings")
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_vietnamese_order_in_the_database(province):
    names = ["Ông", "Đinh", "Ăn", "Bình", "Ánh", "Ơn", "An", "Dũng", "Ân", "Oanh", "Ốc", "Đặng"]
    for i, name in enumerate(names):
        unit_create(
            actor=None, code=f"V{i}", name=name, unit_type=province.types["xa"], parent=province.province
        )
    ordered = list(
        order_vi(OrgUnit.objects.filter(code__startswith="V"), "name").values_list("name", flat=True)
    )
    assert ordered == ["An", "Ánh", "Ăn", "Ân", "Bình", "Dũng", "Đặng", "Đinh", "Oanh", "Ốc", "Ông", "Ơn"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang", ["PH"]),
        ("dak lak", []),
        ("dak", ["XA"]),
        ("DAK MOI", ["XA"]),
        ("đắk", ["XA"]),
        ("so", ["SNV", "STC"]),
    ],
)
def test_search_without_accents(province, personas, query, expected):
    found = units_for_user(personas.province_admin, query=query)
    assert sorted(u.code for u in found) == expected


def test_dak_lak_finds_dak_lak(province, personas):
    unit_create(
        actor=None, code="DL", name="Xã Đắk Lắk Mẫu", unit_type=province.types["xa"], parent=province.province
    )
    assert [u.code for u in units_for_user(personas.province_admin, query="dak lak")] == ["DL"]
