"""Exporting units: CSV with a BOM and XLSX, scoped, as of a date, and re-importable unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cchc.orgunits.imports import COLUMNS, plan_import, read_table
from cchc.orgunits.services import unit_update

pytestmark = pytest.mark.django_db

HEADER = [c.header for c in COLUMNS]


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def by_code(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    return {r[0]: dict(zip((c.key for c in COLUMNS), r, strict=True)) for r in rows[1:]}


class TestCsv:
    def test_headers_rows_and_formats(self, client_for, personas, province):
        unit_update(actor=None, unit=province.snv, phone="0200 3812 346", email="snv@example.org")
        response = client_for(personas.province_admin).get(reverse("orgunits:export"), {"format": "csv"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        rows = csv_rows(response)
        assert rows[0] == HEADER
        units = by_code(rows)
        assert list(units) == ["TINH", "SNV", "STC", "TTPV", "XA", "PH"]  # tree order: parents first
        assert units["SNV"]["parent"] == "TINH" and units["SNV"]["phone"] == "0200 3812 346"
        assert units["XA"]["valid_from"] == "01/07/2025" and units["XA"]["unit_type"] == "xa"
        assert units["TINH"]["parent"] == ""

    def test_scope_limits_the_export(self, client_for, personas, province):
        rows = csv_rows(client_for(personas.commune_officer).get(reverse("orgunits:export")))
        assert [r[0] for r in rows[1:]] == ["XA"]
        assert rows[1][HEADER.index("Mã đơn vị cấp trên")] == "TINH"  # the parent's code even if not visible

    def test_as_of_2024_exports_the_old_tree(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(
            reverse("orgunits:export"), {"as_of": "31/12/2024"}
        )
        units = by_code(csv_rows(response))
        assert "XA" not in units and units["XA1"]["parent"] == "HUY"
        assert units["HUY"]["valid_to"] == "30/06/2025"
        assert "2024-12-31" in response["Content-Disposition"]

    def test_filters_of_the_list_apply(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(reverse("orgunits:export"), {"q": "dak"})
        assert list(by_code(csv_rows(response))) == ["XA"]


class TestXlsx:
    def test_workbook(self, client_for, personas, province):
        unit_update(actor=None, unit=province.snv, phone="0200 3812 346")
        response = client_for(personas.province_admin).get(reverse("orgunits:export"), {"format": "xlsx"})
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == HEADER
        units = {r[0]: r for r in rows[1:]}
        assert units["SNV"][HEADER.index("Điện thoại")] == "0200 3812 346"  # text: leading zero kept
        assert units["XA"][HEADER.index("Hiệu lực từ")] == dt.datetime(2025, 7, 1)
        assert sheet.freeze_panes == "A2"

    def test_formula_like_text_stays_text(self, client_for, personas, province):
        unit_update(actor=None, unit=province.snv, short_name="=1+1")
        response = client_for(personas.province_admin).get(reverse("orgunits:export"), {"format": "xlsx"})
        sheet = load_workbook(io.BytesIO(response.content)).active
        cell = next(r for r in sheet.iter_rows() if r[0].value == "SNV")[HEADER.index("Tên ngắn")]
        assert cell.data_type == "s" and cell.value == "=1+1"

    def test_csv_cells_that_spreadsheets_would_run_are_guarded(self, client_for, personas, province):
        unit_update(actor=None, unit=province.snv, short_name="=HYPERLINK(1)")
        rows = csv_rows(client_for(personas.province_admin).get(reverse("orgunits:export")))
        snv = next(r for r in rows if r[0] == "SNV")
        assert snv[HEADER.index("Tên ngắn")] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_export_then_import_is_unchanged(client_for, personas, province, fmt):
    unit_update(
        actor=None, unit=province.snv, phone="+84 200 3812 346", email="snv@example.org", address="Số 2"
    )
    unit_update(actor=None, unit=province.stc, short_name="=1+1")  # guarded in CSV, restored on import
    response = client_for(personas.province_admin).get(reverse("orgunits:export"), {"format": fmt})
    plan = plan_import(read_table(response.content, f"don-vi.{fmt}"), user=personas.province_admin)
    assert not plan.has_errors, plan.all_errors()
    assert plan.counts() == {"create": 0, "update": 0, "unchanged": 6, "error": 0}


def test_read_only_users_may_export_what_they_see(client_for, personas, province):
    rows = csv_rows(client_for(personas.leader).get(reverse("orgunits:export")))
    assert len(rows) == 7
    assert client_for(personas.nobody).get(
        reverse("orgunits:export")
    ).content.decode().strip() == "\ufeff" + ",".join(HEADER)
