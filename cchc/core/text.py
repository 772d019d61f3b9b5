"""Vietnamese text helpers: accent-free search keys and Vietnamese alphabetical order.

Search: a stored `search_text` column holds `fold(text)`; queries fold the user's input the same way,
so "dang" finds "Đặng" and "dak lak" finds "Đắk Lắk" on SQLite and PostgreSQL alike. Naive NFKD
stripping keeps "đ", hence Unidecode.

Order: PostgreSQL uses the ICU collation "vi-x-icu"; SQLite gets a Python collation named "vi"
registered on each new connection (see CoreConfig.ready), built from `vi_sort_key`.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, accent-free, single-spaced form of `text` for searching."""
    if not text:
        return ""
    return _SPACES.sub(" ", unidecode(text).lower()).strip()


# Vietnamese alphabet order of base letters; tones are a secondary key.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that are tones (secondary key) in the usual dictionary order:
# no tone, huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot below).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Combining marks that make a distinct letter rather than a tone.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def vi_sort_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Key ordering strings as a Vietnamese dictionary does: a ă â b c d đ e ê …, tones second."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", (text or "").lower()):
        if unicodedata.combining(ch):
            if letters and ch in _TONES:
                tones[-1] = _TONES[ch]
                continue
            prev_letter = _ALPHABET[letters[-1]] if letters and letters[-1] < len(_ALPHABET) else ""
            merged = _LETTER_MARKS.get((prev_letter, ch))
            if merged:
                letters[-1] = _BASE_RANK[merged]
            continue
        if ch in _BASE_RANK:
            letters.append(_BASE_RANK[ch])
        elif ch.isdigit():
            # Digits sort before letters, by value.
            letters.append(-10 + int(ch))
        elif ch.isspace():
            letters.append(-20)
        else:
            letters.append(1000 + ord(ch))
        tones.append(0)
    return tuple(letters), tuple(tones), text or ""


def vi_collate(left: str, right: str) -> int:
    """SQLite collation callback ("vi")."""
    a, b = vi_sort_key(left), vi_sort_key(right)
    return (a > b) - (a < b)


def vi_collation_name(vendor: str) -> str:
    """Name of the Vietnamese collation on the given database vendor."""
    return "vi-x-icu" if vendor == "postgresql" else "vi"
