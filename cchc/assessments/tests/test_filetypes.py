"""Evidence files are recognised by their content, not their name."""

from __future__ import annotations

import pytest

from cchc.assessments.filetypes import OLE2_MAGIC, detect_bytes
from cchc.assessments.tests.factories import PDF_BYTES, docx_bytes, xlsx_bytes

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20


def _zip_without_office_types() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return buffer.getvalue()


def _ole2(stream_name: str) -> bytes:
    return OLE2_MAGIC + b"\x00" * 500 + stream_name.encode("utf-16-le") + b"\x00" * 100


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF_BYTES, "pdf"),
        (PNG, "png"),
        (JPEG, "jpeg"),
        (docx_bytes(), "docx"),
        (xlsx_bytes(), "xlsx"),
        (_ole2("WordDocument"), "doc"),
        (_ole2("Workbook"), "xls"),
        (_ole2("Something"), None),  # an OLE2 file that is neither Word nor Excel
        (_zip_without_office_types(), None),  # a plain ZIP renamed .docx
        (b"PK\x03\x04broken", None),
        (b"<html><script>alert(1)</script>", None),
        (b"MZ\x90\x00executable", None),
        (b"", None),
    ],
)
def test_detect_by_content(data: bytes, expected: str | None) -> None:
    kind = detect_bytes(data)
    assert (kind.code if kind else None) == expected
