"""The documented column mapping of dossier files (headers are matched without accents/case).

Shown on the import page and in docs/user-guide/dossiers.md; the first header is the canonical
Vietnamese one, used by the sample files and exports.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.dossiers.readers import header_key


@dataclass(frozen=True)
class Column:
    key: str
    headers: tuple[str, ...]
    required: bool
    help: str | Promise


COLUMNS: list[Column] = [
    Column("code", ("Mã hồ sơ", "code"), True, _("Dossier code, unique within the source system")),
    Column(
        "source", ("Hệ thống nguồn", "source"), False, _("Source system; default: the one chosen on import")
    ),
    Column(
        "procedure",
        ("Mã TTHC", "Mã thủ tục", "procedure_code"),
        True,
        _("Code of the procedure in the catalogue"),
    ),
    Column("unit", ("Mã đơn vị giải quyết", "unit_code"), True, _("Official code of the handling unit")),
    Column(
        "receiving_unit",
        ("Mã đơn vị tiếp nhận", "receiving_unit_code"),
        False,
        _("Official code of the receiving unit"),
    ),
    Column("channel", ("Kênh tiếp nhận", "channel"), True, _("Trực tuyến, Trực tiếp or Bưu chính công ích")),
    Column("received_at", ("Ngày tiếp nhận", "received_at"), True, _("dd/mm/yyyy hh:mm or ISO 8601")),
    Column(
        "due_at",
        ("Ngày hẹn trả", "due_at"),
        False,
        _("Appointment; computed from the procedure's time when empty"),
    ),
    Column(
        "extended_due_at",
        ("Ngày hẹn lại", "extended_due_at"),
        False,
        _("New appointment after the one extension"),
    ),
    Column(
        "apology_issued", ("Phiếu xin lỗi", "apology_issued"), False, _("Có/Không: apology letter issued")
    ),
    Column(
        "supplement_requests",
        ("Ngày yêu cầu bổ sung", "supplement_requests"),
        False,
        _("Dates separated by “;”"),
    ),
    Column(
        "resolved_at",
        ("Ngày hoàn thành", "resolved_at"),
        False,
        _("When the dossier was finished (or returned, withdrawn, transferred)"),
    ),
    Column(
        "result_returned_at",
        ("Ngày trả kết quả", "result_returned_at"),
        False,
        _("When the result was handed over"),
    ),
    Column(
        "outcome",
        ("Kết quả xử lý", "outcome"),
        False,
        _("Giải quyết, Từ chối, Trả lại, Rút hồ sơ, Chuyển liên thông; empty while processing"),
    ),
    Column("digitised", ("Số hóa", "digitised"), False, _("Có/Không: components digitised")),
    Column("electronic_result", ("Kết quả điện tử", "electronic_result"), False, _("Có/Không")),
    Column("paid_online", ("Thanh toán trực tuyến", "paid_online"), False, _("Có/Không")),
    Column(
        "population_data_reused", ("Khai thác CSDL dân cư", "population_data_reused"), False, _("Có/Không")
    ),
    Column(
        "rating", ("Đánh giá hài lòng", "rating"), False, _("1 (very dissatisfied) to 5 (very satisfied)")
    ),
    Column("steps", ("Các bước xử lý", "steps"), False, _("JSON only: list of {unit, due_at, finished_at}")),
]

HEADER_TO_KEY: dict[str, str] = {header_key(h): c.key for c in COLUMNS for h in c.headers}
EXPORT_HEADERS: list[str] = [c.headers[0] for c in COLUMNS if c.key != "steps"]
