"""Excel export re-imports unchanged; a file with errors is refused row by row; the import page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cchc.scoring import excel
from cchc.scoring.models import Criterion, Framework
from cchc.scoring.testing import make_framework

pytestmark = pytest.mark.django_db


def shape(framework: Framework) -> list[tuple[Any, ...]]:
    return [
        (n.code, n.title, n.max_points, n.kind, n.method, n.rule_type, n.rule_params, n.provider_key,
         n.guidance, n.evidence_expected, n.applies_to, n.depth)
        for n in framework.tree().nodes
    ]  # fmt: skip


def test_export_reimports_unchanged(province: Any) -> None:
    source = make_framework(owner=province.province)
    leaf = Criterion.objects.get(framework=source, code="2.1")
    leaf.applies_to.set([province.types["so"], province.types["xa"]])
    Criterion.objects.filter(pk=leaf.pk).update(
        guidance="Kiểm tra trên Cổng thông tin", evidence_expected="Ảnh chụp"
    )
    data = excel.export_xlsx(source)
    plan = excel.plan_import(excel.read_xlsx(data))
    assert plan.errors == []
    copy = excel.apply_import(
        plan.rows, actor=None, owner=province.province, code="copy", name="Copy", year=2025
    )
    assert shape(copy) == shape(source)


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([header for _key, header in excel.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_row_errors_are_all_reported(province: Any) -> None:
    data = _xlsx(
        [
            ["1", "Lĩnh vực", "2"],
            ["1.1", "Con", "abc"],
            ["2.1", "Không có cha", "1"],
            ["1.2", "Sai tham số", "1", "base", "self", "tiers", '{"tiers": []}'],
            ["1.3", "JSON hỏng", "1", "", "", "tiers", "{oops"],
            ["1.4", "", "1", "", "weird"],
            ["1", "Trùng mã", "1"],
            ["1.5", "Loại đơn vị", "1", "", "", "", "", "", "", "", "so, khong-co"],
        ]
    )
    with translation.override("en"):
        plan = excel.plan_import(excel.read_xlsx(data))
    text = "\n".join(plan.errors)
    for expected in [
        "Row 3: “Điểm tối đa” is not a number.",
        "Row 4: Its parent 2 must come in an earlier row.",
        "Row 5: Give at least one tier",
        "Row 6: “Tham số (JSON)” is not valid JSON.",
        "Row 7: “Tên tiêu chí” is empty.",
        "Row 7: Unknown method: weird.",
        "Row 8: Code 1 appears twice.",
        "Row 9: Unknown unit types: khong-co.",
    ]:
        assert expected in text


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a zip", "could not be read"), (_xlsx.__doc__ or b"", "could not be read")],
)
def test_unreadable_files(content: Any, message: str) -> None:
    with translation.override("en"), pytest.raises(excel.ImportFileError, match=message):
        excel.read_xlsx(content if isinstance(content, bytes) else content.encode())


def test_missing_columns(db: Any) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Mã", "Tên"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with translation.override("en"), pytest.raises(excel.ImportFileError, match="Missing columns"):
        excel.read_xlsx(buffer.getvalue())


def test_import_page_checks_then_creates(client_for: Any, personas: Any, province: Any) -> None:
    source = make_framework(owner=province.province)
    client = client_for(personas.province_admin)
    upload = SimpleUploadedFile("khung.xlsx", excel.export_xlsx(source))
    response = client.post(
        reverse("scoring:import"), {"file": upload, "code": "nhap-2026", "name": "Nhập 2026", "year": 2026}
    )
    assert response.status_code == 200 and not Framework.objects.filter(code="nhap-2026").exists()
    token = response.context["token"]
    assert token
    response = client.post(reverse("scoring:import"), {"token": token})
    imported = Framework.objects.get(code="nhap-2026")
    assert response.status_code == 302 and imported.owner == province.province
    assert imported.criteria.count() == source.criteria.count()
    # Another user cannot replay the token.
    assert (
        client_for(personas.system_admin).post(reverse("scoring:import"), {"token": token}).status_code == 403
    )


def test_export_download(client_for: Any, personas: Any, province: Any) -> None:
    source = make_framework(owner=province.province)
    response = client_for(personas.outsider).get(reverse("scoring:export", args=[source.pk]))
    assert response.status_code == 200 and response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    assert excel.plan_import(excel.read_xlsx(response.content)).errors == []
