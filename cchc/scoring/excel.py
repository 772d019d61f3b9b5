"""A framework as an Excel sheet, one row per node, and back: export → import gives the same tree.

The parent of a node is given by its code ("3.1.2" is under "3.1"); rows keep the tree's order.
Reading validates every row and reports all errors at once (Vietnamese, with the row number);
writing happens only for a file without errors, in one transaction.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.core.text import fold
from cchc.orgunits.models import OrgUnit, UnitGroup, UnitType
from cchc.scoring import rules, services
from cchc.scoring.models import Criterion, Framework
from cchc.scoring.tree import Tree

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 2000
# Headers are Vietnamese in files (not translated: the files are Vietnamese documents).
COLUMNS = (
    ("code", "Mã"),
    ("title", "Tên tiêu chí"),
    ("max_points", "Điểm tối đa"),
    ("kind", "Loại điểm"),
    ("method", "Phương pháp"),
    ("rule_type", "Loại quy tắc"),
    ("rule_params", "Tham số (JSON)"),
    ("provider_key", "Nguồn tự động"),
    ("guidance", "Hướng dẫn"),
    ("evidence_expected", "Tài liệu kiểm chứng"),
    ("applies_to", "Áp dụng cho"),
)
REQUIRED = ("code", "title", "max_points")
_BY_HEADER = {fold(header): key for key, header in COLUMNS}


class ImportFileError(Exception):
    """The file cannot be read at all."""


def export_xlsx(framework: Framework, tree: Tree | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    tree = tree or framework.tree()
    type_codes = dict(UnitType.objects.values_list("pk", "code"))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Bộ tiêu chí"
    sheet.append([header for _key, header in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for node in tree.nodes:
        sheet.append(
            [
                node.code,
                node.title,
                float(node.max_points)
                if node.max_points == node.max_points.to_integral()
                else str(node.max_points),
                node.kind,
                node.method,
                node.rule_type if node.is_leaf else "",
                json.dumps(node.rule_params, ensure_ascii=False) if node.is_leaf and node.rule_params else "",
                node.provider_key,
                node.guidance,
                node.evidence_expected,
                ", ".join(sorted(type_codes[t] for t in node.applies_to)),
            ]
        )
        sheet.cell(row=sheet.max_row, column=1).number_format = "@"
        sheet.cell(row=sheet.max_row, column=2).alignment = Alignment(indent=node.depth)
    for column, width in zip("ABCDEFGHIJK", (10, 60, 12, 10, 12, 16, 50, 24, 40, 40, 16), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Plan:
    rows: list[dict[str, Any]] = field(default_factory=list)  # cleaned, JSON-friendly (for the signed token)
    errors: list[str] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(data: bytes) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = ImportFileError(_("The Excel file could not be read. Save it again as .xlsx."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise unreadable from None
    try:
        cells = [[_cell(v) for v in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    except (IndexError, KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile):
        raise unreadable from None
    finally:
        workbook.close()
    numbered = [(i, row) for i, row in enumerate(cells, start=1) if any(row)]
    if not numbered:
        raise ImportFileError(_("The file is empty."))
    _header_number, header = numbered[0]
    keys = [_BY_HEADER.get(fold(h)) for h in header]
    missing = [h for key, h in COLUMNS if key in REQUIRED and key not in keys]
    if missing:
        raise ImportFileError(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    rows = [
        (n, {k: (row[i] if i < len(row) else "") for i, k in enumerate(keys) if k}) for n, row in numbered[1:]
    ]
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
    return rows


def plan_import(rows: Sequence[tuple[int, dict[str, str]]]) -> Plan:
    plan = Plan()
    types = {t.code: t.pk for t in UnitType.objects.all()}
    seen: dict[str, dict[str, Any]] = {}
    children: set[str] = set()
    for number, raw in rows:
        errors: list[str] = []
        code = raw.get("code", "").strip()
        parent = code.rsplit(".", 1)[0] if "." in code else ""
        for key in REQUIRED:
            if not raw.get(key, "").strip():
                errors.append(_("“%(column)s” is empty.") % {"column": dict(COLUMNS)[key]})
        if code in seen:
            errors.append(_("Code %(code)s appears twice.") % {"code": code})
        if parent and parent not in seen:
            errors.append(_("Its parent %(code)s must come in an earlier row.") % {"code": parent})
        try:
            max_points = Decimal(raw.get("max_points", "").replace(",", "."))
        except InvalidOperation:
            errors.append(_("“Điểm tối đa” is not a number."))
            max_points = Decimal(0)
        kind = raw.get("kind") or (seen[parent]["kind"] if parent in seen else Criterion.Kind.BASE)
        if kind not in Criterion.Kind.values:
            errors.append(_("Unknown kind: %(value)s.") % {"value": kind})
        method = raw.get("method") or Criterion.Method.SELF
        if method not in Criterion.Method.values:
            errors.append(_("Unknown method: %(value)s.") % {"value": method})
        rule_type = raw.get("rule_type") or rules.RuleType.MANUAL
        params: Any = {}
        if raw.get("rule_params"):
            try:
                params = json.loads(raw["rule_params"])
            except ValueError:
                errors.append(_("“Tham số (JSON)” is not valid JSON."))
        if not errors:
            try:
                params = rules.validate_params(rule_type, params, max_points)
            except ValidationError as exc:
                errors.extend(exc.messages)
        applies = [c.strip() for c in raw.get("applies_to", "").replace(";", ",").split(",") if c.strip()]
        unknown = [c for c in applies if c not in types]
        if unknown:
            errors.append(_("Unknown unit types: %(codes)s.") % {"codes": ", ".join(unknown)})
        if errors:
            plan.errors.extend(_("Row %(n)s: %(error)s") % {"n": number, "error": e} for e in errors)
            seen.setdefault(code, {"kind": kind})
            continue
        row = {
            "code": code,
            "parent": parent,
            "title": raw["title"].strip(),
            "max_points": str(max_points),
            "kind": kind,
            "method": method,
            "rule_type": rule_type,
            "rule_params": params,
            "provider_key": raw.get("provider_key", "").strip(),
            "guidance": raw.get("guidance", ""),
            "evidence_expected": raw.get("evidence_expected", ""),
            "applies_to": [types[c] for c in applies],
        }
        seen[code] = row
        if parent:
            children.add(parent)
        plan.rows.append(row)
    if not plan.rows and not plan.errors:
        plan.errors.append(_("The file has no criteria."))
    return plan


def apply_import(
    rows: Sequence[dict[str, Any]],
    *,
    actor: Any,
    owner: OrgUnit | None,
    code: str,
    name: str,
    year: int,
    unit_group: UnitGroup | None = None,
) -> Framework:
    """Create the framework and every criterion in one transaction (all or nothing)."""
    types = {t.pk: t for t in UnitType.objects.all()}
    with transaction.atomic():
        framework = services.framework_create(
            actor=actor, owner=owner, code=code, name=name, year=year, unit_group=unit_group
        )
        by_code: dict[str, Criterion] = {}
        for order, row in enumerate(rows, start=1):
            try:
                by_code[row["code"]] = services.criterion_create(
                    actor=actor,
                    framework=framework,
                    parent=by_code.get(row["parent"]) if row["parent"] else None,
                    code=row["code"],
                    title=row["title"],
                    max_points=Decimal(row["max_points"]),
                    kind=row["kind"],
                    method=row["method"],
                    rule_type=row["rule_type"],
                    rule_params=row["rule_params"],
                    provider_key=row["provider_key"],
                    guidance=row["guidance"],
                    evidence_expected=row["evidence_expected"],
                    applies_to=[types[t] for t in row["applies_to"] if t in types],
                    sort_order=order * 10,
                )
            except ValidationError as exc:
                raise ValidationError(
                    _("Criterion %(code)s: %(error)s")
                    % {"code": row["code"], "error": " ".join(exc.messages)}
                ) from None
    return framework
