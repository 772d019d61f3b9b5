"""Small frameworks and cycles for the tests (built through the ORM and the services)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from cchc.scoring import rules
from cchc.scoring.models import Criterion, Framework

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def crit(
    fw: Framework, parent: Criterion | None, code: str, title: str, max_points: str, **extra: Any
) -> Criterion:
    rule_type = extra.pop("rule_type", "manual")
    params = rules.validate_params(rule_type, extra.pop("rule_params", {}), Decimal(max_points))
    applies_to = extra.pop("applies_to", ())
    node = Criterion.objects.create(
        framework=fw,
        parent=parent,
        code=code,
        title=title,
        sort_order=int(code.split(".")[-1]) if code.split(".")[-1].isdigit() else 90,
        max_points=Decimal(max_points),
        rule_type=rule_type,
        rule_params=params,
        **extra,
    )
    if applies_to:
        node.applies_to.set(applies_to)
    return node


def make_framework(code: str = "so-2025", year: int = 2025) -> Framework:
    """Two domains and a bonus group:
    1 (3 points): 1.1 yes/no (N/A allowed, 1) · 1.2 tiers on a percentage (2: 100% → 2, 80% → 1)
    2 (2 points): 2.1 manual (1) · 2.2 survey (1)
    T bonus: T.1 manual (1)
    """
    fw = Framework.objects.create(code=code, name=f"Sở, ban, ngành {year}", year=year)
    d1 = crit(fw, None, "1", "Công tác chỉ đạo, điều hành", "3")
    crit(
        fw,
        d1,
        "1.1",
        "Ban hành kế hoạch CCHC đúng hạn",
        "1",
        rule_type="yes_no",
        rule_params={"allow_na": True},
    )
    crit(
        fw,
        d1,
        "1.2",
        "Mức độ hoàn thành kế hoạch",
        "2",
        rule_type="tiers",
        rule_params={"basis": "percent", "tiers": [["100", "2"], ["80", "1"]]},
    )
    d2 = crit(fw, None, "2", "Cải cách thủ tục hành chính", "2")
    crit(fw, d2, "2.1", "Công khai thủ tục hành chính", "1")
    crit(fw, d2, "2.2", "Mức độ hài lòng", "1", rule_type="survey", method="survey")
    bonus = crit(fw, None, "T", "Điểm thưởng", "1", kind="bonus")
    crit(fw, bonus, "T.1", "Mô hình sáng kiến", "1", kind="bonus")
    return fw


def leaf(fw: Framework, code: str) -> Criterion:
    return Criterion.objects.get(framework=fw, code=code)


def pdf_upload(name: str = "ke-hoach.pdf", data: bytes = PDF_BYTES) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def docx_bytes() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


FAR = dt.date(2099, 12, 31)
