"""Downloads of published results: Excel, CSV, JSON and Word (Decree 30/2020 layout basics).

Every writer works on the published snapshot (see `publication.build_snapshot`), never on live
rows, so a download always matches the hash shown on the public page.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from cchc.assessments.hashing import canonical_json
from cchc.core.csvsafe import csv_cell
from cchc.core.formatting import format_vi_number

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"

MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def _num(value: Any, places: int = 2) -> str:
    if value is None or value == "":
        return "–"
    return format_vi_number(Decimal(str(value)), places)


def _pct(value: Any) -> str:
    return "–" if value is None else f"{_num(value)}%"


def _change(value: Any, places: int = 2) -> str:
    if value is None:
        return "–"
    number = Decimal(str(value))
    return ("+" if number > 0 else "") + _num(number, places)


def ranking_header(group: dict[str, Any]) -> list[str]:
    domains = [f"{d['code']}. {d['title']}" for d in group["domains"]]
    return [
        "Hạng",
        "Mã đơn vị",
        "Đơn vị",
        "Tổng điểm",
        "Điểm tối đa áp dụng",
        "Chỉ số (%)",
        "Xếp loại",
        *domains,
        "Thay đổi điểm so với năm trước",
        "Thay đổi thứ hạng",
    ]


def ranking_rows(group: dict[str, Any]) -> list[list[Any]]:
    """One row per unit, values as exact decimals (None where there is nothing)."""
    rows = []
    for r in group["results"]:
        by_code = {d["code"]: d for d in r["domains"]}
        rows.append(
            [
                r["rank"],
                r["unit_code"],
                r["unit_name"],
                _dec(r["total"]),
                _dec(r["max_applicable"]),
                _dec(r["index"]),
                r["band"],
                *[_dec(by_code.get(d["code"], {}).get("index")) for d in group["domains"]],
                _dec(r.get("change_points")),
                r.get("change_places"),
            ]
        )
    return rows


def _dec(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def snapshot_csv(snapshot: dict[str, Any]) -> bytes:
    """All groups one after the other, with a group column; UTF-8 with BOM for Excel."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for group in snapshot["groups"]:
        writer.writerow(["Nhóm", *ranking_header(group)])
        for row in ranking_rows(group):
            writer.writerow([csv_cell(group["name"]), *[csv_cell("" if v is None else str(v)) for v in row]])
        writer.writerow([])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def snapshot_json(snapshot: dict[str, Any]) -> bytes:
    return canonical_json(snapshot).encode("utf-8")


def snapshot_xlsx(snapshot: dict[str, Any]) -> bytes:
    """One sheet per group; numbers as numbers (2 decimals), header bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for i, group in enumerate(snapshot["groups"], start=1):
        title = f"{i}. {group['name']}"[:31]
        for bad in "[]:*?/\\":
            title = title.replace(bad, " ")
        sheet = workbook.create_sheet(title)
        sheet.append(ranking_header(group))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in ranking_rows(group):
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, float):
                    cell.number_format = "0.00"
        sheet.freeze_panes = "A2"
        sheet.column_dimensions["C"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _docx_base(title_lines: list[str]) -> Any:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    # Decree 30/2020 margins: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")

    def centered(text: str, *, bold: bool = False, size: int = 13, italic: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        run.font.name = "Times New Roman"

    centered(MOTTO_1, bold=True, size=13)
    centered(MOTTO_2, bold=True, size=14)
    centered("_______________", size=13)
    document.add_paragraph()
    for i, line in enumerate(title_lines):
        centered(line, bold=i == 0, size=14)
    document.add_paragraph()
    return document


def _docx_table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(13)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = Pt(13)


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def ranking_docx(snapshot: dict[str, Any], group: dict[str, Any]) -> bytes:
    cycle = snapshot["cycle"]
    document = _docx_base(
        [
            f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {cycle['year']}",
            f"Nhóm: {group['name']}",
            f"(Công bố phiên bản {snapshot['version']}; mã băm SHA-256: {snapshot_hash_short(snapshot)})",
        ]
    )
    rows = [
        [str(r["rank"] or "–"), r["unit_name"], _num(r["total"]), _pct(r["index"]), r["band"] or "–"]
        for r in group["results"]
    ]
    _docx_table(document, ["Hạng", "Đơn vị", "Tổng điểm", "Chỉ số", "Xếp loại"], rows)
    return _save(document)


def scorecard_docx(snapshot: dict[str, Any], group: dict[str, Any], result: dict[str, Any]) -> bytes:
    cycle = snapshot["cycle"]
    document = _docx_base(
        [
            f"PHIẾU KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {cycle['year']}",
            result["unit_name"],
            f"Nhóm: {group['name']}",
        ]
    )
    summary = (
        f"Tổng điểm: {_num(result['total'])}/{_num(result['max_applicable'])}; "
        f"chỉ số: {_pct(result['index'])}; xếp loại: {result['band'] or '–'}; "
        f"xếp hạng: {result['rank'] or '–'}/{len(group['results'])}."
    )
    document.add_paragraph(summary)
    rows = [
        [d["code"], d["title"], _num(d["points"]), _num(d["max"]), _pct(d["index"])]
        for d in result["domains"]
    ]
    _docx_table(document, ["Mã", "Lĩnh vực", "Điểm đạt", "Điểm tối đa", "Chỉ số"], rows)
    if result.get("bonus") or result.get("penalty"):
        document.add_paragraph(
            f"Điểm thưởng: {_num(result.get('bonus'))}; điểm trừ: {_num(result.get('penalty'))}."
        )
    return _save(document)


def snapshot_hash_short(snapshot: dict[str, Any]) -> str:
    from cchc.assessments.hashing import content_hash

    return content_hash(snapshot)[:16]
