"""Writes docs/samples/plan-mau.xlsx, the example import file (used by the tests and offered for
download on the import page): `python -m cchc.plans.tests.make_sample`.

Its units (Sở Nội vụ, Sở Tài chính) exist both in the test province and in the sample province.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

PATH = Path(__file__).resolve().parents[3] / "docs" / "samples" / "plan-mau.xlsx"
HEADERS = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"]
ROWS: list[list[object]] = [
    ["I.", "Công tác chỉ đạo, điều hành cải cách hành chính", "", "", "", ""],
    [
        1,
        "Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2025",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Kế hoạch",
        dt.date(2025, 1, 31),
    ],
    [
        2,
        "Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị",
        "Sở Nội vụ",
        "",
        "Báo cáo kết quả kiểm tra",
        "Quý III",
    ],
    ["II.", "Cải cách thủ tục hành chính", "", "", "", ""],
    [
        3,
        "Rà soát, đơn giản hóa thủ tục hành chính, giấy tờ công dân",
        "Sở Nội vụ",
        "So Tai chinh",
        "Phương án đơn giản hóa",
        "Quý II/2025",
    ],
    ["3.1", "Rà soát thủ tục hành chính lĩnh vực nội vụ", "SNV", "", "Danh mục thủ tục", "30/04/2025"],
    ["3.2", "Rà soát thủ tục hành chính lĩnh vực tài chính", "STC", "", "Danh mục thủ tục", "30/05/2025"],
    [
        4,
        "Cập nhật, công khai thủ tục hành chính trên Cổng Dịch vụ công",
        "Sở Tài chính",
        "Sở Nội vụ",
        "Thủ tục được công khai",
        "Thường xuyên",
    ],
    ["III.", "Cải cách tài chính công", "", "", "", ""],
    [5, "Đẩy mạnh giải ngân vốn đầu tư công", "Sở Tài chính", "", "Báo cáo", dt.date(2025, 12, 15)],
]


def build() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kế hoạch"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ROWS:
        ws.append(row)
        if isinstance(row[5], dt.date):
            ws.cell(ws.max_row, 6).number_format = "DD/MM/YYYY"
    for column, width in zip("ABCDEF", (6, 60, 20, 20, 24, 18), strict=True):
        ws.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


if __name__ == "__main__":
    PATH.parent.mkdir(parents=True, exist_ok=True)
    PATH.write_bytes(build())
    print(PATH)
