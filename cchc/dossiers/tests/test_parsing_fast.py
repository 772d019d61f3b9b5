"""The import's fast paths agree with the general ones they short-cut.

`RowParser.moment` and `RowParser._bool` memoise `parse_datetime` / `parse_bool` on the raw text,
and `Reader.keyed_rows` re-keys rows while reading; each must give exactly what the slow path
gives, errors (and their Vietnamese messages) included.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone

from cchc.dossiers import parsing
from cchc.dossiers.columns import HEADER_TO_KEY
from cchc.dossiers.parsing import LABELS, RowError, RowParser, parse_bool, parse_datetime
from cchc.dossiers.readers import CsvReader, JsonReader
from cchc.dossiers.workdays import WorkCalendar

DATETIMES: list[Any] = [
    "03/12/2024 10:25:00",  # the export format
    "03/12/2024 10:25",
    "03/12/2024",
    "3/2/2024 7:05:09",
    " 03/12/2024 10:25:00 ",
    "2024-12-03T10:25:00",
    "2024-12-03 10:25:00+00:00",
    "2024-12-03",
    "",
    "   ",
    None,
    dt.datetime(2024, 12, 3, 10, 25),
    dt.date(2024, 12, 3),
    # Invalid: each must raise the same error with the same message.
    "31/02/2024 10:25:00",
    "03/12/2024 25:00:00",
    "03/13/2024 10:25:00",
    "aa/bb/cccc dd:ee:ff",
    "03/12/2024x10:25:00",
    "03-12-2024 10:25:00",
    "2024-13-03T10:25:00",
    "hôm nay",
    "03/12",
    "12/2024 10:25:00",
]


def _outcome(func: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "ok", func(*args)
    except RowError as exc:
        return "error", str(exc)


def _parser() -> RowParser:
    return RowParser(
        source="IGATE",
        procedures={},
        units={},
        calendar=WorkCalendar(),
        header_map=HEADER_TO_KEY,
        now=timezone.now(),
    )


@pytest.mark.parametrize("value", DATETIMES)
@pytest.mark.parametrize("key", ["received_at", "resolved_at"])
def test_memoised_datetime_agrees_with_the_general_parser(value: Any, key: str) -> None:
    parser = _parser()
    expected = _outcome(parse_datetime, value, LABELS[key])
    for _ in range(3):  # first call (miss) and later ones (hits) alike
        got = _outcome(parser.moment, value, key)
        assert got == expected
        if got[0] == "ok" and got[1] is not None:
            assert got[1].tzinfo == expected[1].tzinfo


def test_datetime_memo_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "MEMO_SIZE", 10)
    parser = _parser()
    start = dt.datetime(2024, 1, 1, 8, 0)
    for i in range(100):
        text = (start + dt.timedelta(minutes=i)).strftime("%d/%m/%Y %H:%M:%S")
        assert parser.moment(text, "received_at") == parse_datetime(text, "")
        assert len(parser._moments) <= 10


@pytest.mark.parametrize(
    "value", ["Có", "có", " Có ", "Không", "x", "1", "0", "", None, True, False, 1, 0.0, "Yes", "có lẽ", "2"]
)
def test_memoised_bool_agrees_with_the_general_parser(value: Any) -> None:
    parser = _parser()
    label = LABELS["digitised"]
    expected = ("ok", False) if value is None or value == "" else _outcome(parse_bool, value, label)
    for _ in range(3):
        assert _outcome(parser._bool, value, "digitised") == expected


CSVS = [
    "Mã hồ sơ,Mã TTHC,Ghi chú\nHS1,P1,a\nHS2,P2\n,,\nHS3,P3,c,extra\n",
    # Two headers of the same column: the later one wins in both paths.
    "Mã TTHC,Mã hồ sơ,procedure_code\nP1,HS1,Q1\nP2,HS2\n",
    # A repeated known header: only the general path can give its order; keyed_rows declines.
    "Mã hồ sơ,procedure_code,Mã hồ sơ\nHS1,P1,HS1b\nHS2\n",
    # Repeated unknown headers do not matter.
    "Mã hồ sơ,,,Ghi chú,Ghi chú\nHS1,a,b,c,d\n",
]


@pytest.mark.parametrize("text", CSVS)
def test_keyed_rows_agree_with_rows_then_values(text: str) -> None:
    parser = _parser()
    data = text.encode()
    general = [(n, parser.values(raw)) for n, raw in CsvReader(io.BytesIO(data), len(data)).rows()]
    keyed = CsvReader(io.BytesIO(data), len(data)).keyed_rows(HEADER_TO_KEY)
    if keyed is None:
        assert text.startswith("Mã hồ sơ,procedure_code,Mã hồ sơ")
        return
    fast = [(n, {k: v for k, v in row.items() if k is not None}) for n, row in keyed]
    assert fast == general


def test_json_has_no_keyed_rows() -> None:
    data = b'[{"code": "HS1"}]'
    assert JsonReader(io.BytesIO(data), len(data)).keyed_rows(HEADER_TO_KEY) is None
