"""Exporting units to CSV or Excel with the import's columns, so an export can be re-imported."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from cchc.core.csvsafe import csv_cell
from cchc.orgunits.imports import COLUMNS, DATE_FORMAT
from cchc.orgunits.models import OrgUnit
from cchc.orgunits.selectors import TreeNode

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_rows(nodes: list[TreeNode]) -> list[list[Any]]:
    """One row per unit in the import's column order; dates stay `date`, the rest is text.

    The parent is the one of `nodes` (the parent as of the listing's date), by code.
    """
    codes = {n.unit.pk: n.unit.code for n in nodes}
    missing = {n.parent_id for n in nodes if n.parent_id and n.parent_id not in codes}
    if missing:
        codes.update(OrgUnit.objects.filter(pk__in=missing).values_list("pk", "code"))
    rows = []
    for node in nodes:
        unit = node.unit
        values = {
            "code": unit.code,
            "name": unit.name,
            "short_name": unit.short_name,
            "abbreviation": unit.abbreviation,
            "unit_type": unit.unit_type.code,
            "parent": codes.get(node.parent_id, "") if node.parent_id else "",
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
            "address": unit.address,
            "email": unit.email,
            "phone": unit.phone,
        }
        rows.append([values[c.key] for c in COLUMNS])
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    return str(value)


def to_csv(rows: list[list[Any]]) -> bytes:
    """UTF-8 with a BOM (so Excel shows Vietnamese correctly), comma-separated, dates dd/mm/yyyy."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    for row in rows:
        writer.writerow([csv_cell(_text(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[Any]], *, title: str = "Đơn vị") -> bytes:
    """An Excel workbook: header row in bold, frozen; dates as dates shown dd/mm/yyyy; codes and
    phone numbers as text (no lost leading zeros)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([c.header for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    date_columns = [i for i, c in enumerate(COLUMNS, start=1) if c.key in ("valid_from", "valid_to")]
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    for column in date_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "DD/MM/YYYY"
    widths = {"code": 14, "name": 40, "short_name": 24, "abbreviation": 10, "unit_type": 14, "parent": 18}
    for index, column_def in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(column_def.key, 16)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
