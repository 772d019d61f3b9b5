"""The statistics report in the official table layout (VPCP one-stop report) as Excel.

Numbers are real numbers and rates real fractions with a percent format, so Excel shows
"45,16%" to Vietnamese users (style.md B.4).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from cchc.dossiers.statistics import Figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# (top header, [(sub header, attribute)])
LAYOUT: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Số hồ sơ nhận giải quyết",
        [
            ("Tổng số", "total"),
            ("Kỳ trước chuyển qua", "carried_over"),
            ("Trực tuyến", "received_online"),
            ("Trực tiếp", "received_direct"),
            ("Bưu chính công ích", "received_postal"),
        ],
    ),
    (
        "Số hồ sơ đã giải quyết",
        [
            ("Tổng số", "resolved"),
            ("Trước hạn", "early"),
            ("Đúng hạn", "on_time"),
            ("Quá hạn", "late"),
        ],
    ),
    (
        "Số hồ sơ đang giải quyết",
        [("Tổng số", "pending"), ("Trong hạn", "pending_within"), ("Quá hạn", "pending_overdue")],
    ),
    ("Trả lại, rút hồ sơ", [("Số hồ sơ", "returned_withdrawn")]),
    ("Chuyển liên thông", [("Số hồ sơ", "transferred")]),
    ("Tỷ lệ", [("Đúng hạn", "on_time_rate"), ("Trực tuyến", "online_rate"), ("Số hóa", "digitisation_rate")]),
]


def report_xlsx(title: str, period: str, rows: Sequence[tuple[str, Figures]], total: Figures) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Thống kê"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ncols = 2 + sum(len(subs) for _t, subs in LAYOUT)
    sheet.cell(1, 1, title).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    sheet.cell(2, 1, f"Kỳ báo cáo: {period}")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
    sheet.cell(4, 1, "STT")
    sheet.cell(4, 2, "Đơn vị / Lĩnh vực")
    for col in (1, 2):
        sheet.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
    col = 3
    for top, subs in LAYOUT:
        sheet.cell(4, col, top)
        if len(subs) > 1:
            sheet.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + len(subs) - 1)
        for i, (label, _attr) in enumerate(subs):
            sheet.cell(5, col + i, label)
        col += len(subs)
    for r in (4, 5):
        for c in range(1, ncols + 1):
            cell = sheet.cell(r, c)
            cell.font, cell.alignment, cell.border = bold, center, border
    row = 6
    for number, (name, figures) in enumerate([*rows, ("Tổng cộng", total)], start=1):
        is_total = number == len(rows) + 1
        sheet.cell(row, 1, "" if is_total else number)
        sheet.cell(row, 2, name)
        col = 3
        for _top, subs in LAYOUT:
            for _label, attr in subs:
                value = getattr(figures, attr)
                cell = sheet.cell(row, col)
                if attr.endswith("_rate"):
                    cell.value = None if value is None else value / 100
                    cell.number_format = "0.00%"
                else:
                    cell.value = value
                    cell.number_format = "#,##0"
                col += 1
        for c in range(1, ncols + 1):
            sheet.cell(row, c).border = border
            if is_total:
                sheet.cell(row, c).font = bold
        row += 1
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 40
    for c in range(3, ncols + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 11
    sheet.freeze_panes = "C6"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
