"""Importing a plan's tasks from a spreadsheet laid out the way provinces publish plans.

Columns (first row with these headers; accents and case do not matter):
    STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành

Rows whose STT is a Roman numeral ("I", "II.", …) are area headings: the area is matched by
name; the tasks below belong to it. Numbered rows ("1", "1.", "2.3") are tasks; a number with a
dot ("2.3") is a sub-task of "2". Units are matched by name, short name, abbreviation or code,
accent-insensitively ("So Tu phap" = "Sở Tư pháp"); several coordinating units are separated by
"," or ";". The deadline is a date (dd/mm/yyyy), "Quý II", "Quý II/2025" or "Thường xuyên".
Every row is checked first (dry run); the import writes all rows or none.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.core.text import fold
from cchc.orgunits.models import OrgUnit
from cchc.plans.models import DeadlineKind, Plan, PlanArea, Task
from cchc.plans.services import task_create

HEADERS = {
    "number": "STT",
    "title": "Nội dung",
    "lead": "Cơ quan chủ trì",
    "coordinating": "Cơ quan phối hợp",
    "output": "Sản phẩm",
    "deadline": "Thời gian hoàn thành",
}
REQUIRED = ("number", "title", "lead", "deadline")
_FOLDED = {fold(h): k for k, h in HEADERS.items()}
_ROMAN = re.compile(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_RE = re.compile(r"^quy\s+([ivx1-4]+)(?:\s*(?:/|nam)\s*(\d{4}))?$")
MAX_ROWS = 2000

Report = Callable[[int, str], None]


class ImportError_(Exception):
    """The file cannot be used; `errors` are per-row Vietnamese messages."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors[:50]))


@dataclass
class TaskLine:
    row: int
    number: str
    title: str
    area: PlanArea
    lead: OrgUnit
    coordinating: list[OrgUnit]
    output: str
    deadline_kind: str
    deadline: dt.date | None
    quarter: int | None
    parent_number: str = ""


@dataclass
class ImportResult:
    lines: list[TaskLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    areas_seen: list[str] = field(default_factory=list)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise ImportError_([_("The Excel file could not be read. Save it again as .xlsx.")]) from None
    try:
        sheet = book.worksheets[0]
        return [
            (i, [_cell(v) for v in row]) for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()


class UnitIndex:
    """Units by folded name, short name, abbreviation and code (current units first)."""

    def __init__(self) -> None:
        self.by_key: dict[str, OrgUnit] = {}
        today = dt.date.today()
        units = sorted(
            OrgUnit.objects.all(), key=lambda u: (u.valid_to is not None and u.valid_to < today, u.pk)
        )
        for unit in reversed(units):  # current units win: written last
            for text in (unit.code, unit.abbreviation, unit.short_name, unit.name):
                if text:
                    self.by_key[fold(text)] = unit

    def find(self, text: str) -> OrgUnit | None:
        return self.by_key.get(fold(text))


def _area_for(text: str, areas: list[PlanArea]) -> PlanArea | None:
    key = fold(re.sub(r"^[IVXLC]+[.)]?\s*", "", text))
    for area in areas:
        name = fold(area.name)
        if key and (key == name or key in name or name in key):
            return area
    return None


def _deadline(text: str, year: int) -> tuple[str, dt.date | None, int | None]:
    folded = fold(text).strip()
    if folded in ("thuong xuyen", "hang nam", "ca nam"):
        return DeadlineKind.RECURRING, None, None
    match = _QUARTER_RE.match(folded)
    if match:
        quarter = _QUARTERS.get(match.group(1))
        if quarter is None or (match.group(2) and int(match.group(2)) != year):
            raise ValueError(text)
        return DeadlineKind.QUARTER, None, quarter
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return DeadlineKind.DATE, dt.datetime.strptime(text.strip(), fmt).date(), None
        except ValueError:
            continue
    raise ValueError(text)


def check(data: bytes, plan: Plan) -> ImportResult:
    """Validate every row; write nothing."""
    rows = [(n, r) for n, r in read_rows(data) if any(r)]
    if not rows:
        raise ImportError_([_("The file is empty.")])
    header_row, header = rows[0]
    positions = {_FOLDED[fold(h)]: i for i, h in enumerate(header) if fold(h) in _FOLDED}
    missing = [HEADERS[k] for k in REQUIRED if k not in positions]
    if missing:
        raise ImportError_(
            [
                _("Row %(row)d: missing columns %(columns)s.")
                % {"row": header_row, "columns": ", ".join(missing)}
            ]
        )
    if len(rows) > MAX_ROWS:
        raise ImportError_([_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS}])
    areas = list(PlanArea.objects.filter(is_active=True))
    units = UnitIndex()
    result = ImportResult()
    area: PlanArea | None = None
    seen_numbers: dict[str, int] = {}
    for number, raw in rows[1:]:
        cells = {k: (raw[i] if i < len(raw) else "") for k, i in positions.items()}
        stt = cells.get("number", "").strip().rstrip(".").strip()
        title = cells.get("title", "")
        if _ROMAN.match(stt.upper()) and stt:
            area = _area_for(title, areas)
            if area is None:
                result.errors.append(
                    _("Row %(row)d: no PAR area matches the heading “%(text)s”.")
                    % {"row": number, "text": title}
                )
            else:
                result.areas_seen.append(area.name)
            continue
        errors: list[str] = []
        if not title:
            errors.append(_("Row %(row)d: “Nội dung” is empty.") % {"row": number})
        if area is None:
            errors.append(
                _("Row %(row)d: the task comes before any area heading (I., II., …).") % {"row": number}
            )
        if stt and stt in seen_numbers:
            errors.append(
                _("Row %(row)d: number “%(stt)s” already appears in row %(first)d.")
                % {"row": number, "stt": stt, "first": seen_numbers[stt]}
            )
        lead = units.find(cells.get("lead", ""))
        if lead is None:
            errors.append(
                _("Row %(row)d: unknown lead unit “%(unit)s”.")
                % {"row": number, "unit": cells.get("lead", "")}
            )
        coordinating: list[OrgUnit] = []
        for name in filter(None, (p.strip() for p in re.split(r"[;,\n]", cells.get("coordinating", "")))):
            unit = units.find(name)
            if unit is None:
                errors.append(
                    _("Row %(row)d: unknown coordinating unit “%(unit)s”.") % {"row": number, "unit": name}
                )
            else:
                coordinating.append(unit)
        try:
            kind, deadline, quarter = _deadline(cells.get("deadline", ""), plan.year)
        except ValueError:
            errors.append(
                _("Row %(row)d: “%(value)s” is not a deadline (dd/mm/yyyy, “Quý II” or “Thường xuyên”).")
                % {"row": number, "value": cells.get("deadline", "")}
            )
            kind, deadline, quarter = DeadlineKind.DATE, None, None
        if deadline is not None and deadline.year != plan.year:
            errors.append(
                _("Row %(row)d: the deadline %(date)s is not in %(year)d.")
                % {"row": number, "date": deadline.strftime("%d/%m/%Y"), "year": plan.year}
            )
        parent_number = stt.rsplit(".", 1)[0] if "." in stt else ""
        if parent_number and parent_number not in seen_numbers:
            errors.append(
                _("Row %(row)d: sub-task “%(stt)s” has no task “%(parent)s” above it.")
                % {"row": number, "stt": stt, "parent": parent_number}
            )
        if stt:
            seen_numbers.setdefault(stt, number)
        if errors:
            result.errors.extend(errors)
            continue
        assert area is not None and lead is not None
        result.lines.append(
            TaskLine(
                number,
                stt,
                title,
                area,
                lead,
                coordinating,
                cells.get("output", "")[:300],
                kind,
                deadline,
                quarter,
                parent_number,
            )
        )
    if not result.lines and not result.errors:
        result.errors.append(_("The file has no task rows."))
    return result


def apply(data: bytes, plan: Plan, *, actor: Any, report: Report | None = None) -> dict[str, Any]:
    """Check again and write every task in one transaction, or none (ImportError_)."""
    result = check(data, plan)
    if result.errors:
        raise ImportError_(result.errors)
    created: dict[str, Task] = {}
    total = len(result.lines)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        for index, line in enumerate(result.lines, start=1):
            task = task_create(
                actor=actor,
                plan=plan,
                area=line.area,
                title=line.title,
                lead_unit=line.lead,
                deadline_kind=line.deadline_kind,
                deadline=line.deadline,
                quarter=line.quarter,
                coordinating_units=line.coordinating,
                parent=created.get(line.parent_number),
                number=line.number,
                output=line.output,
                reason=_("Imported from a file"),
            )
            if line.number:
                created[line.number] = task
            if report is not None and (index % 20 == 0 or index == total):
                report(
                    10 + int(85 * index / total),
                    _("%(done)d of %(total)d tasks added") % {"done": index, "total": total},
                )
    return {
        "created": total,
        "summary": {_("Tasks added"): total},
        "message": _("%(count)d tasks added to the plan.") % {"count": total},
    }
