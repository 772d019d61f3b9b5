"""Streaming readers of dossier files: CSV, XLSX and JSON (array or JSON lines).

Each reader yields (row number, {folded header: raw value}) one row at a time and never holds the
file in memory; `progress()` tells how far it got (0–1) from the bytes or rows consumed.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from django.utils.translation import gettext as _

from cchc.core.text import fold

SNIFF_BYTES = 64 * 1024


class FileError(Exception):
    """The file as a whole cannot be read (the message is shown to the user)."""


def header_key(text: Any) -> str:
    return " ".join(fold(str(text or "")).replace("_", " ").split())


def _check_utf8(head: bytes) -> None:
    """Refuse files in a legacy code page: Excel's "CSV" in Vietnamese Windows is cp1258."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        guess = "Windows-1252"
        try:
            text = head.decode("cp1258")
            if any(ch in text for ch in "ăâđêôơưĂÂĐÊÔƠƯ"):
                guess = "Windows-1258 (TCVN/Vietnamese Windows)"
        except UnicodeDecodeError:
            pass
        raise FileError(
            _(
                "The file is not encoded in UTF-8 (it looks like %(encoding)s). In Excel choose "
                "“Save as” → “CSV UTF-8 (comma delimited)” and upload it again."
            )
            % {"encoding": guess}
        ) from None


class Reader:
    headers: list[str]

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        raise NotImplementedError

    def progress(self) -> float:
        raise NotImplementedError

    def keyed_rows(self, header_map: dict[str, str]) -> Iterator[tuple[int, dict[str, Any]]] | None:
        """Rows keyed directly by `header_map[header]` (unknown headers under None), i.e. what
        `RowParser.values` makes of `rows()`, without building the header-keyed dict first; None when
        the reader cannot (JSON rows carry their own keys)."""
        return None


def _keyed(
    reader: CsvReader | XlsxReader, header_map: dict[str, str]
) -> Iterator[tuple[int, dict[str, Any]]] | None:
    mapped = [h for h in reader.headers if header_map.get(h)]
    if len(set(mapped)) != len(mapped):
        # A repeated known header keeps, in `rows()`, its first position but its last value: an
        # order between columns of the same key that zipping the keys directly would not give.
        return None
    return reader._records([header_map.get(h) for h in reader.headers])


class CsvReader(Reader):
    def __init__(self, raw: IO[bytes], size: int) -> None:
        self.raw, self.size = raw, max(size, 1)
        head = raw.read(SNIFF_BYTES)
        _check_utf8(head)
        raw.seek(0)
        self.text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        first = head.decode("utf-8", errors="ignore").splitlines()[0] if head.strip() else ""
        delimiter = ";" if first.count(";") > first.count(",") else ","
        self.reader = csv.reader(self.text, delimiter=delimiter)
        try:
            self.headers = [header_key(h) for h in next(self.reader)]
        except StopIteration:
            raise FileError(_("The file is empty.")) from None
        except UnicodeDecodeError:
            raise FileError(_("The file is not encoded in UTF-8.")) from None

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        return self._records(self.headers)

    def keyed_rows(self, header_map: dict[str, str]) -> Iterator[tuple[int, dict[str, Any]]] | None:
        return _keyed(self, header_map)

    def _records(self, headers: list[Any]) -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for number, values in enumerate(self.reader, start=2):
                if not any(values):
                    continue
                yield number, dict(zip(headers, values, strict=False))
        except UnicodeDecodeError:
            raise FileError(
                _("The file is not encoded in UTF-8 (an invalid byte appears after the first rows).")
            ) from None

    def progress(self) -> float:
        try:
            return min(1.0, self.raw.tell() / self.size)
        except (OSError, ValueError):
            return 0.0


class XlsxReader(Reader):
    def __init__(self, raw: IO[bytes]) -> None:
        from openpyxl import load_workbook

        try:
            self.book = load_workbook(raw, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise FileError(_("The Excel file cannot be read: %(error)s") % {"error": exc}) from None
        self.sheet = self.book.worksheets[0]
        self.total = max(self.sheet.max_row or 1, 1)
        self.done = 0
        self.it = self.sheet.iter_rows(values_only=True)
        try:
            self.headers = [header_key(h) for h in next(self.it)]
        except StopIteration:
            raise FileError(_("The file is empty.")) from None

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        return self._records(self.headers)

    def keyed_rows(self, header_map: dict[str, str]) -> Iterator[tuple[int, dict[str, Any]]] | None:
        return _keyed(self, header_map)

    def _records(self, headers: list[Any]) -> Iterator[tuple[int, dict[str, Any]]]:
        for number, values in enumerate(self.it, start=2):
            self.done = number
            if not any(v not in (None, "") for v in values):
                continue
            yield number, dict(zip(headers, values, strict=False))
        self.book.close()

    def progress(self) -> float:
        return min(1.0, self.done / self.total)


class JsonReader(Reader):
    """A JSON array of objects (decoded object by object) or JSON lines."""

    CHUNK = 256 * 1024

    def __init__(self, raw: IO[bytes], size: int) -> None:
        self.raw, self.size = raw, max(size, 1)
        head = raw.read(SNIFF_BYTES)
        _check_utf8(head)
        raw.seek(0)
        self.text = io.TextIOWrapper(raw, encoding="utf-8-sig")
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        self.is_array = stripped.startswith(b"[")
        self.headers = []  # JSON rows carry their own keys

    def _objects(self) -> Iterator[Any]:
        decoder = json.JSONDecoder()
        buf, pos = "", 0
        started = False
        while True:
            chunk = self.text.read(self.CHUNK)
            buf = buf[pos:] + chunk
            pos = 0
            while True:
                while pos < len(buf) and buf[pos] in " \t\r\n,":
                    pos += 1
                if not started and pos < len(buf):
                    if buf[pos] != "[":
                        raise FileError(
                            _("A JSON file must hold an array of objects or one object per line.")
                        )
                    started, pos = True, pos + 1
                    continue
                if pos < len(buf) and buf[pos] == "]":
                    return
                try:
                    obj, end = decoder.raw_decode(buf, pos)
                except json.JSONDecodeError:
                    break  # incomplete object: read more
                yield obj
                pos = end
            if not chunk:
                if buf[pos:].strip():
                    raise FileError(_("The JSON file is incomplete or damaged."))
                return

    def _lines(self) -> Iterator[Any]:
        for line in self.text:
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    raise FileError(_("The JSON file is incomplete or damaged.")) from None

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        source = self._objects() if self.is_array else self._lines()
        try:
            for number, obj in enumerate(source, start=1):
                if not isinstance(obj, dict):
                    raise FileError(_("A JSON file must hold an array of objects or one object per line."))
                yield number, {header_key(k): v for k, v in obj.items()}
        except UnicodeDecodeError:
            raise FileError(_("The file is not encoded in UTF-8.")) from None

    def progress(self) -> float:
        try:
            return min(1.0, self.raw.tell() / self.size)
        except (OSError, ValueError):
            return 0.0


def open_reader(raw: IO[bytes], filename: str, size: int) -> Reader:
    name = filename.lower()
    if name.endswith(".csv"):
        return CsvReader(raw, size)
    if name.endswith(".xlsx"):
        return XlsxReader(raw)
    if name.endswith((".json", ".jsonl", ".ndjson")):
        return JsonReader(raw, size)
    raise FileError(_("Unsupported file type: use CSV, XLSX or JSON."))
