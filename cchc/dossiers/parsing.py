"""Turning one file row into the values of a Dossier, with Vietnamese row errors."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cchc.core.text import fold
from cchc.dossiers import classify
from cchc.dossiers.models.dossier import Outcome
from cchc.dossiers.workdays import WorkCalendar, due_for

LOCAL = ZoneInfo(settings.TIME_ZONE)
# Entries of each per-import memo (a few MB at most, whatever the size of the file).
MEMO_SIZE = 50_000

CHANNELS = {
    "truc tuyen": "online",
    "online": "online",
    "dvc truc tuyen": "online",
    "truc tiep": "direct",
    "direct": "direct",
    "buu chinh": "postal",
    "buu chinh cong ich": "postal",
    "bcci": "postal",
    "postal": "postal",
}
OUTCOMES = {
    "": "",
    "dang xu ly": "",
    "pending": "",
    "giai quyet": "resolved",
    "da giai quyet": "resolved",
    "resolved": "resolved",
    "tu choi": "refused",
    "refused": "refused",
    "tra lai": "returned",
    "returned": "returned",
    "rut ho so": "withdrawn",
    "dung xu ly": "withdrawn",
    "withdrawn": "withdrawn",
    "chuyen lien thong": "transferred",
    "transferred": "transferred",
}
TRUE = {"co", "x", "1", "true", "yes", "dung"}
FALSE = {"", "khong", "0", "false", "no", "sai"}

# Column order of the writer (also the order of the SQL statements).
DB_COLUMNS = (
    "source",
    "code",
    "procedure_id",
    "unit_id",
    "receiving_unit_id",
    "channel",
    "received_at",
    "due_at",
    "extended_due_at",
    "apology_issued",
    "supplement_requests",
    "resolved_at",
    "result_returned_at",
    "outcome",
    "digitised",
    "electronic_result",
    "paid_online",
    "population_data_reused",
    "rating",
    "steps",
    "received_on",
    "due_on",
    "ended_on",
    "timeliness",
    "is_sample",
    "imported_at",
)


class RowError(Exception):
    pass


@dataclass
class ProcedureInfo:
    id: int
    time: Decimal
    unit: str


LABELS = {
    "received_at": _lazy("Received at"),
    "due_at": _lazy("Appointment"),
    "extended_due_at": _lazy("New appointment"),
    "resolved_at": _lazy("Finished at"),
    "result_returned_at": _lazy("Result returned at"),
    "supplement_requests": _lazy("Supplement requests"),
    "apology_issued": _lazy("Apology letter"),
    "digitised": _lazy("Digitised"),
    "electronic_result": _lazy("Electronic result"),
    "paid_online": _lazy("Paid online"),
    "population_data_reused": _lazy("Population database reused"),
}


def parse_datetime(value: Any, label: Any) -> dt.datetime | None:
    """dd/mm/yyyy[ hh:mm[:ss]] (local time), ISO 8601, or an Excel date cell."""
    if value is None or value == "":
        return None
    if type(value) is str and len(value) == 19 and value[2] == "/" and value[5] == "/":
        try:  # the usual export format, without the general parser's overhead
            return dt.datetime(
                int(value[6:10]),
                int(value[3:5]),
                int(value[0:2]),
                int(value[11:13]),
                int(value[14:16]),
                int(value[17:19]),
                tzinfo=LOCAL,
            )
        except ValueError:
            pass
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            if len(text) >= 10 and text[4] == "-":
                moment = dt.datetime.fromisoformat(text)
            else:
                date_part, _sep, time_part = text.partition(" ")
                d, m, y = (int(p) for p in date_part.split("/"))
                hh, mm, ss = (
                    ([int(p) for p in time_part.split(":")] + [0, 0, 0])[:3] if time_part else (0, 0, 0)
                )
                moment = dt.datetime(y, m, d, hh, mm, ss)
        except (ValueError, IndexError):
            raise RowError(
                _("%(column)s: “%(value)s” is not a date (dd/mm/yyyy hh:mm).")
                % {"column": label, "value": text}
            ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL)


def parse_bool(value: Any, label: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    key = fold(str(value or ""))
    if key in TRUE:
        return True
    if key in FALSE:
        return False
    raise RowError(_("%(column)s: “%(value)s” is not Có or Không.") % {"column": label, "value": value})


def _text(value: Any) -> str:
    if type(value) is str:  # CSV cells: the common case first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class RowParser:
    """Maps a row dict (folded header → raw value) to a tuple in DB_COLUMNS order."""

    def __init__(
        self,
        *,
        source: str,
        procedures: dict[str, ProcedureInfo],
        units: dict[str, int],
        calendar: WorkCalendar,
        header_map: dict[str, str],
        is_sample: bool = False,
        now: dt.datetime,
    ) -> None:
        self.source, self.procedures, self.units = source, procedures, units
        self.calendar, self.header_map, self.is_sample, self.now = calendar, header_map, is_sample, now
        # Vocabulary cells (channel, outcome, Có/Không) repeat millions of times: fold each once.
        self._folded: dict[str, str] = {}
        # Raw Có/Không cell → bool, for the same reason (errors are never cached: they carry the label).
        self._bools: dict[str, bool] = {}
        # Raw timestamp text → parsed moment. Receipts and appointments fall on a few slots a day and
        # repeat across rows; the memo is cleared when full so memory stays bounded on any file.
        self._moments: dict[str, dt.datetime | None] = {}

    def _fold(self, value: Any) -> str:
        text = _text(value)
        folded = self._folded.get(text)
        if folded is None:
            folded = fold(text)
            if len(self._folded) < MEMO_SIZE:
                self._folded[text] = folded
        return folded

    def _bool(self, value: Any, key: str) -> bool:
        if type(value) is str:
            known = self._bools.get(value)
            if known is not None:
                return known
        if value is None or value == "":
            return False
        if isinstance(value, bool | int | float):
            return bool(value)
        folded = self._fold(value)
        if folded in TRUE:
            result = True
        elif folded in FALSE:
            result = False
        else:
            return parse_bool(value, LABELS[key])
        if type(value) is str and len(self._bools) < MEMO_SIZE:
            self._bools[value] = result
        return result

    def moment(self, value: Any, key: str) -> dt.datetime | None:
        """`parse_datetime` memoised on the raw text (a pure function of it when it succeeds)."""
        if type(value) is not str:
            return parse_datetime(value, LABELS[key])
        try:
            return self._moments[value]
        except KeyError:
            pass
        result = parse_datetime(value, LABELS[key])  # raises before anything is cached
        if len(self._moments) >= MEMO_SIZE:
            self._moments.clear()
        self._moments[value] = result
        return result

    def values(self, raw: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for header, value in raw.items():
            key = self.header_map.get(header)
            if key:
                out[key] = value
        return out

    def parse(self, raw: dict[str, Any]) -> tuple[Any, ...]:
        return self.parse_values(self.values(raw))

    def parse_values(self, v: dict[str, Any]) -> tuple[Any, ...]:
        """`parse` of a row already keyed by column key (see `values`)."""
        code = _text(v.get("code"))
        if not code:
            raise RowError(_("The dossier code is missing."))
        source = _text(v.get("source")) or self.source
        proc_code = _text(v.get("procedure"))
        proc = self.procedures.get(proc_code)
        if proc is None:
            raise RowError(_("Procedure “%(code)s” is not in the catalogue.") % {"code": proc_code})
        unit_code = _text(v.get("unit"))
        unit_id = self.units.get(unit_code)
        if unit_id is None:
            raise RowError(
                _("Unit “%(code)s” does not exist or is outside your scope.") % {"code": unit_code}
            )
        recv_code = _text(v.get("receiving_unit"))
        receiving_id = self.units.get(recv_code) if recv_code else None
        if recv_code and receiving_id is None:
            raise RowError(
                _("Unit “%(code)s” does not exist or is outside your scope.") % {"code": recv_code}
            )
        channel = CHANNELS.get(self._fold(v.get("channel")))
        if channel is None:
            raise RowError(
                _("Channel “%(value)s” is not Trực tuyến, Trực tiếp or Bưu chính công ích.")
                % {"value": v.get("channel") or ""}
            )
        received_at = self.moment(v.get("received_at"), "received_at")
        if received_at is None:
            raise RowError(_("The receipt date is missing."))
        due_at = self.moment(v.get("due_at"), "due_at") or due_for(
            self.calendar, received_at, proc.time, proc.unit
        )
        if due_at < received_at:
            raise RowError(_("The appointment is before the receipt."))
        extended = self.moment(v.get("extended_due_at"), "extended_due_at")
        if extended is not None and extended <= due_at:
            raise RowError(_("The new appointment must be after the first one."))
        resolved_at = self.moment(v.get("resolved_at"), "resolved_at")
        if resolved_at is not None and resolved_at < received_at:
            raise RowError(_("The dossier is finished before it was received."))
        if resolved_at is not None and resolved_at > self.now:
            raise RowError(_("The finish date is in the future."))
        returned_at = self.moment(v.get("result_returned_at"), "result_returned_at")
        outcome_text = self._fold(v.get("outcome"))
        if outcome_text not in OUTCOMES:
            raise RowError(_("Outcome “%(value)s” is not recognised.") % {"value": v.get("outcome")})
        outcome = OUTCOMES[outcome_text]
        if outcome and resolved_at is None:
            raise RowError(_("The outcome is given but the finish date is missing."))
        if resolved_at is not None and not outcome:
            outcome = Outcome.RESOLVED  # exports often give only the finish date of resolved dossiers
        rating_text = _text(v.get("rating"))
        rating = None
        if rating_text:
            try:
                rating = int(Decimal(rating_text))
            except ArithmeticError:
                rating = 0
            if not 1 <= rating <= 5:
                raise RowError(_("The rating must be a whole number from 1 to 5."))
        supplements = v.get("supplement_requests") or []
        if isinstance(supplements, str):
            supplements = [s for s in (p.strip() for p in supplements.split(";")) if s]
        supplement_dates = []
        for item in supplements:
            moment = parse_datetime(item, LABELS["supplement_requests"])
            if moment is not None:
                supplement_dates.append(moment.date().isoformat())
        steps = v.get("steps") or []
        if not isinstance(steps, list):
            raise RowError(_("Processing steps must be a JSON list."))
        received_on = classify.local_date(received_at)
        due_on = classify.due_date(due_at, extended)
        ended_on = classify.local_date(resolved_at)
        return (
            source[:40],
            code[:80],
            proc.id,
            unit_id,
            receiving_id,
            channel,
            received_at,
            due_at,
            extended,
            self._bool(v.get("apology_issued"), "apology_issued"),
            json.dumps(supplement_dates) if supplement_dates else "[]",
            resolved_at,
            returned_at,
            outcome,
            self._bool(v.get("digitised"), "digitised"),
            self._bool(v.get("electronic_result"), "electronic_result"),
            self._bool(v.get("paid_online"), "paid_online"),
            self._bool(v.get("population_data_reused"), "population_data_reused"),
            rating,
            json.dumps(steps, ensure_ascii=False, default=str) if steps else "[]",
            received_on,
            due_on,
            ended_on,
            classify.timeliness(outcome, ended_on, due_on),
            self.is_sample,
            self.now,
        )
