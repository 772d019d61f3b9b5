"""Excel import (dry run, row errors, all-or-nothing) and export of the procedure catalogue.

Catalogues hold hundreds to a few thousand rows, so the check runs in the request; the rows are
written through `procedure_upsert` (audited) in one transaction.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from cchc.core.text import fold
from cchc.dossiers.models import Procedure
from cchc.dossiers.readers import header_key
from cchc.dossiers.services import procedure_upsert
from cchc.orgunits.models import OrgUnit

HEADERS = [
    ("code", "Mã TTHC"),
    ("name", "Tên thủ tục"),
    ("field", "Lĩnh vực"),
    ("level", "Cấp thẩm quyền"),
    ("processing_time", "Thời hạn giải quyết"),
    ("time_unit", "Đơn vị thời hạn"),
    ("online_level", "Mức độ DVC trực tuyến"),
    ("fee", "Phí, lệ phí (đồng)"),
    ("valid_from", "Hiệu lực từ"),
    ("valid_to", "Hiệu lực đến"),
    ("units", "Đơn vị có thẩm quyền"),
]
LEVELS = {"tinh": "tinh", "cap tinh": "tinh", "xa": "xa", "cap xa": "xa"}
TIME_UNITS = {
    "ngay lam viec": "days",
    "ngay": "days",
    "days": "days",
    "gio lam viec": "hours",
    "gio": "hours",
    "hours": "hours",
}
ONLINE = {
    "toan trinh": "full",
    "full": "full",
    "mot phan": "partial",
    "partial": "partial",
    "": "none",
    "khong": "none",
    "none": "none",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class PlannedRow:
    number: int
    code: str
    values: dict[str, Any] = field(default_factory=dict)
    units: list[OrgUnit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    action: str = ""


@dataclass
class CataloguePlan:
    rows: list[PlannedRow]
    fatal: str = ""

    @property
    def has_errors(self) -> bool:
        return bool(self.fatal) or any(r.errors for r in self.rows)

    def counts(self) -> dict[str, int]:
        out = {"create": 0, "update": 0, "error": 0}
        for r in self.rows:
            out["error" if r.errors else r.action] += 1
        return out


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()


def plan_catalogue(data: bytes) -> CataloguePlan:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # any damaged or non-Excel file
        return CataloguePlan([], _("The Excel file cannot be read."))
    it = book.worksheets[0].iter_rows(values_only=True)
    try:
        header = [header_key(h) for h in next(it)]
    except StopIteration:
        return CataloguePlan([], _("The file is empty."))
    by_header = {header_key(label): key for key, label in HEADERS}
    keys = [by_header.get(h) for h in header]
    if "code" not in keys or "name" not in keys:
        return CataloguePlan(
            [], _("Required columns are missing: %(columns)s.") % {"columns": "Mã TTHC, Tên thủ tục"}
        )
    units = {u.code: u for u in OrgUnit.objects.all()}
    existing = set(Procedure.objects.values_list("code", flat=True))
    rows: list[PlannedRow] = []
    seen: set[str] = set()
    for number, values in enumerate(it, start=2):
        raw = {k: v for k, v in zip(keys, values, strict=False) if k}
        if not any(v not in (None, "") for v in raw.values()):
            continue
        code = str(raw.get("code") or "").strip()
        row = PlannedRow(number, code)
        rows.append(row)
        _fill(row, raw, units)
        if not code:
            row.errors.append(_("The procedure code is missing."))
        elif code in seen:
            row.errors.append(_("Code %(code)s appears twice in the file.") % {"code": code})
        seen.add(code)
        row.action = "update" if code in existing else "create"
    book.close()
    return CataloguePlan(rows)


def _fill(row: PlannedRow, raw: dict[str, Any], units: dict[str, OrgUnit]) -> None:
    v = row.values
    v["name"] = str(raw.get("name") or "").strip()
    v["field"] = str(raw.get("field") or "").strip()
    if not v["name"] or not v["field"]:
        row.errors.append(_("The name and the field are required."))
    level = LEVELS.get(fold(str(raw.get("level") or "")))
    if level is None:
        row.errors.append(_("Competent level must be “Cấp tỉnh” or “Cấp xã”."))
    v["level"] = level
    try:
        v["processing_time"] = Decimal(str(raw.get("processing_time")).replace(",", "."))
        if v["processing_time"] <= 0:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        row.errors.append(_("The processing time must be a positive number."))
    unit = TIME_UNITS.get(fold(str(raw.get("time_unit") or "ngay lam viec")))
    if unit is None:
        row.errors.append(_("Time unit must be “ngày làm việc” or “giờ làm việc”."))
    v["time_unit"] = unit
    online = ONLINE.get(fold(str(raw.get("online_level") or "")))
    if online is None:
        row.errors.append(_("Online level must be “Toàn trình”, “Một phần” or empty."))
    v["online_level"] = online
    fee = raw.get("fee")
    try:
        if isinstance(fee, int | float | Decimal):
            v["fee"] = Decimal(str(fee))
        else:  # "50.000" written the Vietnamese way
            v["fee"] = None if fee in (None, "") else Decimal(str(fee).replace(".", "").replace(",", "."))
    except InvalidOperation:
        row.errors.append(_("The fee must be a number."))
    try:
        v["valid_from"], v["valid_to"] = _date(raw.get("valid_from")), _date(raw.get("valid_to"))
    except ValueError:
        row.errors.append(_("Dates must be written dd/mm/yyyy."))
    for code in [c.strip() for c in str(raw.get("units") or "").split(";") if c.strip()]:
        if code in units:
            row.units.append(units[code])
        else:
            row.errors.append(_("Unit “%(code)s” does not exist or is outside your scope.") % {"code": code})


@transaction.atomic
def apply_catalogue(plan: CataloguePlan, *, actor: Any) -> int:
    if plan.has_errors:
        raise ValidationError(_("The file has errors, so nothing was imported."))
    for row in plan.rows:
        try:
            procedure_upsert(actor=actor, code=row.code, competent_units=row.units, **row.values)
        except ValidationError as exc:
            raise ValidationError(
                _("Row %(number)s: %(message)s") % {"number": row.number, "message": "; ".join(exc.messages)}
            ) from None
    return len(plan.rows)


def export_catalogue(procedures: Any) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Thủ tục hành chính")
    sheet.append([label for _key, label in HEADERS])
    level = {"tinh": "Cấp tỉnh", "xa": "Cấp xã"}
    unit = {"days": "ngày làm việc", "hours": "giờ làm việc"}
    online = {"full": "Toàn trình", "partial": "Một phần", "none": ""}
    for p in procedures.prefetch_related("competent_units"):
        sheet.append(
            [
                p.code,
                p.name,
                p.field,
                level[p.level],
                p.processing_time,
                unit[p.time_unit],
                online[p.online_level],
                p.fee,
                p.valid_from,
                p.valid_to,
                "; ".join(u.code for u in p.competent_units.all()),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
