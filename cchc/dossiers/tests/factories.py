"""Test helpers: procedures and dossiers built through the same derivation as imports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from cchc.dossiers import classify
from cchc.dossiers.models import Dossier, Procedure

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


def procedure(code: str = "P1", **extra: Any) -> Procedure:
    values = {
        "name": f"Thủ tục {code}",
        "field": "Hộ tịch",
        "level": "xa",
        "processing_time": Decimal(3),
        "online_level": "full",
        "fee": Decimal(0),
    }
    values.update(extra)
    return Procedure.objects.create(code=code, **values)


_seq = iter(range(1, 10**9))


def dossier(
    *,
    unit: Any,
    proc: Procedure,
    received: dt.datetime,
    due: dt.datetime,
    ended: dt.datetime | None = None,
    outcome: str = "",
    extended: dt.datetime | None = None,
    channel: str = "online",
    code: str | None = None,
    **extra: Any,
) -> Dossier:
    if ended is not None and not outcome:
        outcome = "resolved"
    due_on = classify.due_date(due, extended)
    ended_on = classify.local_date(ended)
    return Dossier.objects.create(
        source="TEST",
        code=code or f"HS-{next(_seq)}",
        procedure=proc,
        unit=unit,
        channel=channel,
        received_at=received,
        due_at=due,
        extended_due_at=extended,
        resolved_at=ended,
        outcome=outcome,
        received_on=classify.local_date(received),
        due_on=due_on,
        ended_on=ended_on,
        timeliness=classify.timeliness(outcome, ended_on, due_on),
        **extra,
    )
