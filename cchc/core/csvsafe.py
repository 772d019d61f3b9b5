"""CSV cells that spreadsheet programs will not run as formulas (CSV/formula injection).

Excel and LibreOffice treat a cell starting with = + - @ (or a tab/carriage return before them) as a
formula, so a unit name like "=HYPERLINK(…)" typed by one user could run on another user's machine when
they open an export. Exports prefix such cells with an apostrophe (shown by spreadsheets as a plain-text
marker); imports remove exactly that prefix, so an export still re-imports unchanged.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    return "'" + text if text.startswith(TRIGGERS) else text


def csv_uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(TRIGGERS) else text
