"""Importing units from CSV or Excel: read → plan (validate every row) → apply (one transaction).

Rows are matched by "Mã đơn vị" (upsert): a new code creates a unit, a known code updates the
fields that differ and moves the unit when "Mã đơn vị cấp trên" changed. A file with any error
is refused as a whole. The same functions serve the web import (dry run, then a background job)
and commands.

    plan = plan_import(read_table(data, "don-vi.csv"), user=user)
    if not plan.has_errors:
        apply_plan(plan, actor=user)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.core.csvsafe import csv_uncell
from cchc.core.text import fold
from cchc.orgunits.models import OrgUnit, UnitType
from cchc.orgunits.services import unit_create, unit_move, unit_update

MAX_ROWS = 5000
DATE_FORMAT = "%d/%m/%Y"
_DATE_INPUTS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
PROGRESS_EVERY = 50


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Vietnamese header in files (not translated: files are Vietnamese)
    required: bool = False
    max_length: int | None = None


COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã đơn vị", required=True, max_length=40),
    Column("name", "Tên đơn vị", required=True, max_length=255),
    Column("short_name", "Tên ngắn", max_length=120),
    Column("abbreviation", "Ký hiệu", max_length=30),
    Column("unit_type", "Loại đơn vị", required=True),
    Column("parent", "Mã đơn vị cấp trên", max_length=40),
    Column("valid_from", "Hiệu lực từ"),
    Column("valid_to", "Hiệu lực đến"),
    Column("address", "Địa chỉ", max_length=255),
    Column("email", "Email", max_length=254),
    Column("phone", "Điện thoại", max_length=40),
)
HEADERS: dict[str, str] = {c.key: c.header for c in COLUMNS}
_BY_FOLDED_HEADER = {fold(c.header): c for c in COLUMNS}
TEXT_FIELDS = ("name", "short_name", "abbreviation", "address", "email", "phone")
DATE_FIELDS = ("valid_from", "valid_to")

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"

Report = Callable[[int, str], None]


class ImportFileError(Exception):
    """The file cannot be read at all (format, encoding, headers)."""


class ImportRejected(Exception):
    """The file has errors; nothing was written."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors[:50]))


# --- Reading --------------------------------------------------------------------------------


@dataclass
class Table:
    """A file's cells as text: `rows` are (row number as the user sees it, {column key: text})."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    ignored_headers: list[str] = field(default_factory=list)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().strftime(DATE_FORMAT)
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)”.")
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [
        [csv_uncell(cell.strip()) for cell in row]
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = ImportFileError(_("The Excel file could not be read. Save it again as .xlsx."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise unreadable from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except (IndexError, KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile):
        raise unreadable from None
    finally:
        workbook.close()


def read_table(data: bytes, filename: str) -> Table:
    """Read a CSV (UTF-8 with or without BOM; comma or semicolon) or XLSX file (first sheet)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        cells = _read_xlsx(data)
    elif suffix == ".csv":
        cells = _read_csv(data)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    numbered = [(i, row) for i, row in enumerate(cells, start=1) if any(c for c in row)]
    if not numbered:
        raise ImportFileError(_("The file is empty."))
    header_number, header = numbered[0]
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, title in enumerate(header):
        column = _BY_FOLDED_HEADER.get(fold(title))
        if column is None:
            if title:
                ignored.append(title)
        elif column.key in positions:
            raise ImportFileError(_("The column “%(column)s” appears twice.") % {"column": column.header})
        else:
            positions[column.key] = index
    missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        raise ImportFileError(
            _("Row %(row)d: missing columns %(columns)s. Use the headers of the sample file.")
            % {"row": header_number, "columns": ", ".join(f"“{m}”" for m in missing)}
        )
    rows = [
        (number, {key: (row[i].strip() if i < len(row) else "") for key, i in positions.items()})
        for number, row in numbered[1:]
    ]
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
    if not rows:
        raise ImportFileError(_("The file has headers but no rows."))
    columns = [c.key for c in COLUMNS if c.key in positions]
    return Table(columns=columns, rows=rows, ignored_headers=ignored)


# --- Planning -------------------------------------------------------------------------------


@dataclass
class RowPlan:
    number: int
    code: str
    name: str = ""
    action: str = ERROR
    values: dict[str, Any] = field(default_factory=dict)  # cleaned values of the columns present
    parent_code: str | None = None  # None: no "Mã đơn vị cấp trên" column in the file
    unit: OrgUnit | None = None  # the existing unit (updates)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # header → (before, after)
    field_changes: dict[str, Any] = field(default_factory=dict)  # for unit_update
    move: bool = False
    depth: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def effective_date(self) -> dt.date:
        return self.values.get("valid_from") or dt.date.today()


@dataclass
class ImportPlan:
    rows: list[RowPlan]
    columns: list[str]
    ignored_headers: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # not tied to one row

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(r.errors for r in self.rows)

    def all_errors(self) -> list[str]:
        return [*self.errors, *(e for r in self.rows for e in r.errors)]

    def counts(self) -> dict[str, int]:
        out = {CREATE: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0}
        for row in self.rows:
            out[row.action] += 1
        return out


def _parse_date(text: str) -> dt.date:
    for fmt in _DATE_INPUTS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, UnitType):
        return value.code
    return str(value)


class _TypeIndex:
    def __init__(self) -> None:
        types = list(UnitType.objects.all())
        self.by_code = {t.code.lower(): t for t in types}
        self.by_name = {fold(t.name): t for t in types}

    def find(self, text: str) -> UnitType | None:
        return self.by_code.get(text.lower()) or self.by_name.get(fold(text))


def _clean_row(number: int, cells: dict[str, str], types: _TypeIndex) -> RowPlan:
    row = RowPlan(number=number, code=cells.get("code", ""), name=cells.get("name", ""))
    for column in COLUMNS:
        if column.key not in cells:
            continue
        text = cells[column.key]
        if column.required and not text:
            row.errors.append(
                _("Row %(row)d: “%(column)s” is required.") % {"row": number, "column": column.header}
            )
            continue
        if column.max_length and len(text) > column.max_length:
            row.errors.append(
                _("Row %(row)d: “%(column)s” is longer than %(max)d characters.")
                % {"row": number, "column": column.header, "max": column.max_length}
            )
            continue
        if column.key in DATE_FIELDS:
            if not text:
                row.values[column.key] = None
                continue
            try:
                row.values[column.key] = _parse_date(text)
            except ValueError:
                row.errors.append(
                    _("Row %(row)d: “%(column)s” must be a date dd/mm/yyyy, not “%(value)s”.")
                    % {"row": number, "column": column.header, "value": text}
                )
        elif column.key == "unit_type":
            unit_type = types.find(text)
            if unit_type is None:
                row.errors.append(
                    _("Row %(row)d: unknown unit type “%(value)s”.") % {"row": number, "value": text}
                )
            row.values["unit_type"] = unit_type
        elif column.key == "parent":
            row.parent_code = text
        elif column.key == "email" and text:
            try:
                validate_email(text)
            except ValidationError:
                row.errors.append(
                    _("Row %(row)d: “%(value)s” is not a valid e-mail address.")
                    % {"row": number, "value": text}
                )
            row.values["email"] = text
        else:
            row.values[column.key] = text
    start, end = row.values.get("valid_from"), row.values.get("valid_to")
    if start and end and end < start:
        row.errors.append(_("Row %(row)d: “Hiệu lực đến” is before “Hiệu lực từ”.") % {"row": number})
    return row


def _final_parents(rows: Iterable[RowPlan]) -> dict[str, str | None]:
    """code → parent code once the file is applied (every unit, from the database and the file)."""
    parents: dict[str, str | None] = dict(OrgUnit.objects.values_list("code", "parent__code"))
    for row in rows:
        if row.parent_code is not None:
            parents[row.code] = row.parent_code or None
        elif row.unit is None:
            parents[row.code] = None
    return parents


def _ancestry(code: str, parents: dict[str, str | None]) -> tuple[int, bool]:
    """(depth, is_cycle) of `code` in the final tree."""
    seen = {code}
    depth, current = 0, parents.get(code)
    while current is not None:
        if current in seen:
            return depth, True
        seen.add(current)
        depth += 1
        current = parents.get(current)
    return depth, False


def plan_import(table: Table, *, user: Any, today: dt.date | None = None) -> ImportPlan:
    """Validate every row against the database and the user's rights; write nothing.

    `user=None` is the system (no scope checks), as in the services.
    """
    types = _TypeIndex()
    rows = [_clean_row(number, cells, types) for number, cells in table.rows]
    plan = ImportPlan(rows=rows, columns=table.columns, ignored_headers=table.ignored_headers)

    first_row: dict[str, int] = {}
    for row in rows:
        if row.code and row.code in first_row:
            row.errors.append(
                _("Row %(row)d: code “%(code)s” already appears in row %(first)d.")
                % {"row": row.number, "code": row.code, "first": first_row[row.code]}
            )
        first_row.setdefault(row.code, row.number)
    in_file = {r.code: r for r in rows if r.code and first_row.get(r.code) == r.number}

    wanted = {r.code for r in rows if r.code} | {r.parent_code for r in rows if r.parent_code}
    existing = {
        u.code: u for u in OrgUnit.objects.filter(code__in=wanted).select_related("parent", "unit_type")
    }
    is_admin = user is None or scope.is_system_admin(user)

    def may_manage(unit: OrgUnit) -> bool:
        return user is None or scope.can(user, scope.MANAGE_UNITS, unit)

    forbidden: set[int] = set()
    for row in rows:
        row.unit = existing.get(row.code)
        if row.unit is not None and not may_manage(row.unit):
            forbidden.add(row.number)
            row.errors.append(
                _("Row %(row)d: you may not change unit “%(code)s”.") % {"row": row.number, "code": row.code}
            )

    final = _final_parents(rows)
    for row in rows:
        if row.number in forbidden or not row.code:
            continue
        _check_parent(row, in_file=in_file, existing=existing, is_admin=is_admin, may_manage=may_manage)
        row.depth, cycle = _ancestry(row.code, final)
        if cycle:
            row.errors.append(
                _("Row %(row)d: unit “%(code)s” would end up under itself.")
                % {"row": row.number, "code": row.code}
            )

    for row in rows:
        if row.errors:
            row.action = ERROR
            continue
        if row.unit is None:
            row.action = CREATE
            continue
        for key, value in row.values.items():
            current = row.unit.unit_type if key == "unit_type" else getattr(row.unit, key)
            if current != value:
                row.field_changes[key] = value
                row.changes[HEADERS[key]] = (_show(current), _show(value))
        if row.move:
            old = row.unit.parent.code if row.unit.parent else ""
            row.changes[HEADERS["parent"]] = (old, row.parent_code or "")
        row.action = UPDATE if row.changes else UNCHANGED
    return plan


def _check_parent(
    row: RowPlan,
    *,
    in_file: dict[str, RowPlan],
    existing: dict[str, OrgUnit],
    is_admin: bool,
    may_manage: Callable[[OrgUnit], bool],
) -> None:
    n = row.number
    unit = row.unit
    if row.parent_code is None and unit is not None:
        return  # no parent column: the parent stays as it is
    code = row.parent_code or ""
    if not code:
        if unit is None and not is_admin:
            row.errors.append(
                _(
                    "Row %(row)d: “Mã đơn vị cấp trên” is required; only a system administrator "
                    "can add a top-level unit."
                )
                % {"row": n}
            )
        elif unit is not None and unit.parent_id is not None:
            row.errors.append(
                _("Row %(row)d: “Mã đơn vị cấp trên” is empty, but a unit cannot be moved to the top level.")
                % {"row": n}
            )
        return
    if code == row.code:
        row.errors.append(_("Row %(row)d: a unit cannot be its own parent.") % {"row": n})
        return
    parent_row = in_file.get(code)
    parent_unit = existing.get(code)
    if parent_row is None and parent_unit is None:
        row.errors.append(_("Row %(row)d: parent unit “%(code)s” not found.") % {"row": n, "code": code})
        return
    if unit is not None and unit.parent is not None and unit.parent.code == code:
        return  # unchanged parent
    if parent_unit is not None and not may_manage(parent_unit):
        row.errors.append(
            _("Row %(row)d: you may not add or move units under “%(code)s”.") % {"row": n, "code": code}
        )
        return
    if parent_row is not None and "valid_to" in parent_row.values:
        parent_valid_to = parent_row.values["valid_to"]  # as it will be after the import
    else:
        parent_valid_to = parent_unit.valid_to if parent_unit else None
    if unit is None:
        own_end = row.values.get("valid_to")
        if parent_valid_to and (own_end is None or own_end > parent_valid_to):
            row.errors.append(
                _("Row %(row)d: the parent unit “%(code)s” closes on %(date)s, before this unit.")
                % {"row": n, "code": code, "date": parent_valid_to.strftime(DATE_FORMAT)}
            )
        return
    row.move = True
    if parent_valid_to and parent_valid_to < row.effective_date:
        row.errors.append(
            _("Row %(row)d: the new parent unit “%(code)s” is closed on %(date)s.")
            % {"row": n, "code": code, "date": row.effective_date.strftime(DATE_FORMAT)}
        )


# --- Applying -------------------------------------------------------------------------------


def _messages(error: ValidationError) -> str:
    return "; ".join(str(m) for m in error.messages)


def apply_plan(plan: ImportPlan, *, actor: Any, report: Report | None = None) -> dict[str, Any]:
    """Write a plan without errors in ONE transaction: every row or none.

    Rows are applied parents first (by depth in the final tree), so a parent may come later in
    the file than its children.
    """
    if plan.has_errors:
        raise ImportRejected(plan.all_errors())
    rows = sorted(plan.rows, key=lambda r: (r.depth, r.number))
    total = len(rows)
    reason = _("Imported from a file")
    created = updated = 0
    cache: dict[str, OrgUnit] = {}

    def unit_by_code(code: str) -> OrgUnit:
        if code not in cache:
            cache[code] = OrgUnit.objects.select_related("parent").get(code=code)
        return cache[code]

    with transaction.atomic():
        for index, row in enumerate(rows, start=1):
            try:
                if row.action == CREATE:
                    fields = {k: v for k, v in row.values.items() if k not in ("code", "name", "unit_type")}
                    cache[row.code] = unit_create(
                        actor=actor,
                        code=row.code,
                        name=row.values["name"],
                        unit_type=row.values["unit_type"],
                        parent=unit_by_code(row.parent_code) if row.parent_code else None,
                        reason=reason,
                        **fields,
                    )
                    created += 1
                elif row.action == UPDATE:
                    unit = unit_by_code(row.code)
                    if row.field_changes:
                        unit_update(actor=actor, unit=unit, reason=reason, **row.field_changes)
                    if row.move and row.parent_code:
                        unit_move(
                            actor=actor,
                            unit=unit,
                            new_parent=unit_by_code(row.parent_code),
                            effective_date=row.effective_date,
                            reason=reason,
                        )
                        cache.clear()  # paths below the moved unit changed
                    updated += 1
            except ValidationError as exc:
                raise ImportRejected(
                    [_("Row %(row)d: %(error)s") % {"row": row.number, "error": _messages(exc)}]
                ) from exc
            if report is not None and (index % PROGRESS_EVERY == 0 or index == total):
                report(
                    10 + int(85 * index / total),
                    _("%(done)d of %(total)d rows applied") % {"done": index, "total": total},
                )
    unchanged = total - created - updated
    return {
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        # Labels for the job page (cchc.jobs shows "summary" as is), in the worker's language.
        "summary": {
            _("Units created"): created,
            _("Units updated"): updated,
            _("Units unchanged"): unchanged,
        },
        "message": _("%(created)d units created, %(updated)d updated, %(unchanged)d unchanged.")
        % {"created": created, "updated": updated, "unchanged": unchanged},
    }


def import_file(data: bytes, filename: str, *, actor: Any, report: Report | None = None) -> dict[str, Any]:
    """Read, validate and apply a file (the background job and commands); refuse it on any error."""
    if report is not None:
        report(2, _("Checking the file"))
    try:
        table = read_table(data, filename)
    except ImportFileError as exc:
        raise ImportRejected([str(exc)]) from exc
    plan = plan_import(table, user=actor)
    if plan.has_errors:
        raise ImportRejected(plan.all_errors())
    if report is not None:
        report(10, _("%(count)d rows checked") % {"count": len(plan.rows)})
    return apply_plan(plan, actor=actor, report=report)
