"""Recognising evidence files by their content (magic bytes), never by the name the user gave.

A renamed executable or HTML page must not be stored as "report.pdf": the first bytes decide. Office
Open XML files (DOCX, XLSX) are ZIP archives, so the archive's `[Content_Types].xml` must declare the
Word or Excel main part; legacy DOC/XLS are OLE2 compound files, told apart by the stream names in the
directory (best effort: an OLE2 file without a recognisable stream is refused).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    content_type: str
    extension: str


PDF = FileKind("pdf", "PDF", "application/pdf", "pdf")
DOCX = FileKind(
    "docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
)
XLSX = FileKind("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
DOC = FileKind("doc", "Word 97-2003", "application/msword", "doc")
XLS = FileKind("xls", "Excel 97-2003", "application/vnd.ms-excel", "xls")
PNG = FileKind("png", "PNG", "image/png", "png")
JPEG = FileKind("jpeg", "JPEG", "image/jpeg", "jpg")
KINDS = {k.code: k for k in (PDF, DOCX, XLSX, DOC, XLS, PNG, JPEG)}

_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def max_upload_bytes() -> int:
    return int(getattr(settings, "CCHC_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _office_open_xml(stream: BinaryIO) -> FileKind | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    if _DOCX_MAIN in types or _DOCX_MAIN.replace(b"document.main", b"template.main") in types:
        return DOCX
    if _XLSX_MAIN in types:
        return XLSX
    return None


def _ole2(head: bytes) -> FileKind | None:
    # Directory entries hold UTF-16LE stream names; "WordDocument" marks Word, "Workbook"/"Book" Excel.
    if "WordDocument".encode("utf-16-le") in head:
        return DOC
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return XLS
    return None


def detect_kind(stream: BinaryIO) -> FileKind | None:
    """The kind of file `stream` holds, or None when it is not an accepted evidence format."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        kind = _office_open_xml(stream)
        stream.seek(0)
        return kind
    if head.startswith(OLE2_MAGIC):
        data = stream.read()
        stream.seek(0)
        return _ole2(data)
    return None


def detect_bytes(data: bytes) -> FileKind | None:
    return detect_kind(io.BytesIO(data))
