"""Streaming, all-or-nothing, idempotent import of dossier files.

One pass in one transaction: rows are parsed in batches; while no row has failed each batch is
upserted by (source, code) — PostgreSQL: COPY into a temporary staging table, then INSERT … ON
CONFLICT DO UPDATE; SQLite: executemany INSERT … ON CONFLICT DO UPDATE. After the first bad row
the file is still checked to the end (so the user gets every error) but nothing more is written,
and the transaction is rolled back: a file with errors writes nothing. A dry run does the same
checks and never writes. Memory stays constant: one batch and the first MAX_ERRORS messages.

Afterwards the summaries of the units and months touched by old and new versions are refreshed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.audit.services import audit_record
from cchc.dossiers import summaries
from cchc.dossiers.columns import COLUMNS, HEADER_TO_KEY
from cchc.dossiers.models import Dossier, Procedure
from cchc.dossiers.parsing import DB_COLUMNS, ProcedureInfo, RowError, RowParser
from cchc.dossiers.readers import FileError, open_reader
from cchc.dossiers.workdays import WorkCalendar
from cchc.orgunits.models import OrgUnit

BATCH = 5000
MAX_ERRORS = 200
Report = Callable[[int, str], None]


class ImportFailed(Exception):
    """Raised inside the transaction to roll back a file with errors."""


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    error_count: int = 0
    errors: list[str] = field(default_factory=list)
    fatal: str = ""
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.error_count and not self.fatal

    def add_error(self, number: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(_("Row %(number)s: %(message)s") % {"number": number, "message": message})

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "error_count": self.error_count,
            "errors": self.errors,
            "fatal": self.fatal,
            "dry_run": self.dry_run,
            "written": self.written,
        }


def _writable_units(actor: Any) -> dict[str, int]:
    qs = OrgUnit.objects.all()
    if actor is not None:
        qs = qs.filter(scope.unit_q(actor, capability=scope.WRITE, prefix=""))
    return dict(qs.values_list("code", "id"))


def _procedures() -> dict[str, ProcedureInfo]:
    return {
        code: ProcedureInfo(pk, time, unit)
        for code, pk, time, unit in Procedure.objects.values_list(
            "code", "id", "processing_time", "time_unit"
        )
    }


class DossierWriter:
    """Upserts batches and collects the (unit, day) window of old and new versions."""

    def __init__(self) -> None:
        self.table = Dossier._meta.db_table
        self.units: set[int] = set()
        self.lo: dt.date | None = None
        self.hi: dt.date | None = None
        self.staging = False

    def _touch(self, unit_id: int, *days: dt.date | None) -> None:
        self.units.add(unit_id)
        for d in days:
            if d is not None:
                self._touch_days(d, d)

    def _touch_days(self, lo: dt.date, hi: dt.date) -> None:
        self.lo = lo if self.lo is None or lo < self.lo else self.lo
        self.hi = hi if self.hi is None or hi > self.hi else self.hi

    def existing(self, batch: list[tuple[Any, ...]], write: bool) -> set[tuple[str, str]]:
        """The (source, code) keys of the batch already stored (their old versions' windows are
        touched)."""
        found: set[tuple[str, str]] = set()
        by_source: dict[str, list[str]] = {}
        for row in batch:
            by_source.setdefault(row[0], []).append(row[1])
        for source, codes in by_source.items():
            for code, unit_id, r, due, e in self._lookup(source, codes):
                found.add((source, code))
                if write:
                    self._touch(unit_id, r, due + dt.timedelta(days=1), e)
        return found

    def _lookup(self, source: str, codes: list[str]) -> list[tuple[Any, ...]]:
        """(code, unit, received, due, ended) of the rows already stored for these codes."""
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                # One JSON parameter instead of an ORM `code__in`, which cost more to build (and be
                # split under SQLite's parameter limit) than the index probes themselves. CROSS JOIN
                # fixes the order: otherwise SQLite may scan the source's index once per code.
                cursor.execute(
                    f"SELECT d.code, d.unit_id, d.received_on, d.due_on, d.ended_on FROM json_each(%s) AS c "
                    f"CROSS JOIN {self.table} d ON d.source = %s AND d.code = c.value",
                    [json.dumps(codes), source],
                )
                return [
                    (code, unit_id, _date(r), _date(due), _date(e))
                    for code, unit_id, r, due, e in cursor.fetchall()
                ]
            # PostgreSQL has no statistics for a table growing inside the import's transaction and
            # misjudges any join of the codes with it (`code IN (…)`: a sequential scan; a plain join:
            # a hash of every row of the source), quadratic over millions of rows. The LATERAL
            # subquery (OFFSET 0 keeps it from being flattened into a join) probes the (source, code)
            # unique index once per code whatever the estimates.
            cursor.execute(
                f"SELECT d.* FROM unnest(%s::text[]) AS c(code) CROSS JOIN LATERAL (SELECT d.code, "
                f"d.unit_id, d.received_on, d.due_on, d.ended_on FROM {self.table} d "
                f"WHERE d.source = %s AND d.code = c.code OFFSET 0) d",
                [codes, source],
            )
            return list(cursor.fetchall())

    def write(self, batch: list[tuple[Any, ...]], stored: set[tuple[str, str]] | None = None) -> None:
        """Upsert `batch`. `stored`, when given, holds exactly the batch's keys already in the table
        (from `existing` in this transaction): SQLite then inserts the other rows without the
        upsert's conflict handling, which costs about as much as the insert itself."""
        self.units.update(row[_UNIT] for row in batch)
        for days in (
            [row[_RECEIVED_ON] for row in batch],
            [row[_DUE_ON] + dt.timedelta(days=1) for row in batch],
            [d for row in batch if (d := row[_ENDED_ON]) is not None],
        ):
            if days:
                self._touch_days(min(days), max(days))
        cols = ", ".join(DB_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in DB_COLUMNS if c not in ("source", "code"))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                self._copy_upsert(cursor, batch, cols, updates)
                return
            if not self.staging:
                # Index pages of a large table do not fit SQLite's default 2 MB cache; random
                # index inserts would then re-read pages from the OS for every row.
                cursor.execute("PRAGMA cache_size = -65536")
                self.staging = True
            insert = f"INSERT INTO {self.table} ({cols}) VALUES ({', '.join(['%s'] * len(DB_COLUMNS))})"
            upsert = f"{insert} ON CONFLICT (source, code) DO UPDATE SET {updates}"
            if stored is None:
                cursor.executemany(upsert, [_sqlite_row(row) for row in batch])
                return
            new = [_sqlite_row(row) for row in batch if (row[0], row[1]) not in stored]
            if new:
                cursor.executemany(insert, new)
            if stored:
                cursor.executemany(upsert, [_sqlite_row(row) for row in batch if (row[0], row[1]) in stored])

    def _copy_upsert(self, cursor: Any, batch: list[tuple[Any, ...]], cols: str, updates: str) -> None:
        if not self.staging:
            # Foreign keys are checked per statement, not queued for the commit: a deferred check
            # keeps an event per row in the server's memory until the end of a 10M-row import.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # An enclosing transaction (tests, nested imports) may still hold an earlier one.
            cursor.execute("DROP TABLE IF EXISTS dossier_staging")
            cursor.execute(
                f"CREATE TEMP TABLE dossier_staging ON COMMIT DROP AS "
                f"SELECT {cols} FROM {self.table} WITH NO DATA"
            )
            self.staging = True
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY dossier_staging ({cols}) FROM STDIN") as copy:
            for row in batch:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {self.table} ({cols}) SELECT {cols} FROM dossier_staging "
            f"ON CONFLICT (source, code) DO UPDATE SET {updates}"
        )
        cursor.execute("TRUNCATE dossier_staging")


_DATETIME_IDX = [i for i, c in enumerate(DB_COLUMNS) if c.endswith("_at")]
_DATE_IDX = [i for i, c in enumerate(DB_COLUMNS) if c.endswith("_on")]
_UNIT, _RECEIVED_ON, _DUE_ON, _ENDED_ON = (
    DB_COLUMNS.index(c) for c in ("unit_id", "received_on", "due_on", "ended_on")
)


def _date(value: Any) -> dt.date | None:
    """A date column read by raw SQL (SQLite returns its ISO text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _sqlite_row(row: tuple[Any, ...]) -> list[Any]:
    """Values as Django stores them in SQLite (UTC text datetimes, ISO dates)."""
    out = list(row)
    for i in _DATETIME_IDX:
        value = out[i]
        if value is not None:  # what adapt_datetimefield_value stores (UTC, naive), without its overhead
            out[i] = str(value.astimezone(dt.UTC).replace(tzinfo=None))
    for i in _DATE_IDX:
        if out[i] is not None:
            out[i] = out[i].isoformat()
    return out


def import_dossiers(
    raw: IO[bytes],
    filename: str,
    size: int,
    *,
    actor: Any,
    source: str,
    dry_run: bool = False,
    report: Report | None = None,
    is_sample: bool = False,
    refresh: bool = True,
) -> ImportResult:
    """Check (and unless `dry_run`, write) a dossier file. Never raises for bad data: the
    result carries the errors, and nothing is written when there are any."""
    result = ImportResult(dry_run=dry_run)
    source = (source or "").strip()
    if not source:
        result.fatal = _("Choose the source system of the file.")
        return result
    try:
        reader = open_reader(raw, filename, size)
    except FileError as exc:
        result.fatal = str(exc)
        return result
    missing = _missing_required(reader.headers)
    if missing:
        result.fatal = _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        return result
    parser = RowParser(
        source=source,
        procedures=_procedures(),
        units=_writable_units(actor),
        calendar=WorkCalendar.load(),
        header_map=HEADER_TO_KEY,
        is_sample=is_sample,
        now=timezone.now(),
    )
    writer = DossierWriter()
    try:
        with transaction.atomic():
            _run(reader, parser, writer, result, dry_run, report)
            if not result.ok or dry_run:
                raise ImportFailed
            if refresh:
                if report:
                    report(95, _("Updating the statistics…"))
                summaries.refresh(unit_ids=writer.units, lo=writer.lo, hi=writer.hi)
            audit_record(
                actor=actor,
                action="dossiers.import",
                reason=filename[:200],
                changes={
                    "rows": [None, result.rows],
                    "created": [None, result.created],
                    "source": [None, source],
                },
            )
            result.written = True
    except ImportFailed:
        pass
    except FileError as exc:
        result.fatal = str(exc)
    return result


def _missing_required(headers: list[str]) -> list[str]:
    if not headers:  # JSON: keys are checked row by row
        return []
    present = {HEADER_TO_KEY.get(h) for h in headers}
    return [c.headers[0] for c in COLUMNS if c.required and c.key not in present]


def _run(
    reader: Any,
    parser: RowParser,
    writer: DossierWriter,
    result: ImportResult,
    dry_run: bool,
    report: Report | None,
) -> None:
    batch: dict[tuple[str, str], tuple[Any, ...]] = {}
    last_percent = -1

    def flush() -> None:
        rows = list(batch.values())
        batch.clear()
        writing = result.ok and not dry_run
        stored = writer.existing(rows, writing)
        result.updated += len(stored)
        result.created += len(rows) - len(stored)
        if writing:
            writer.write(rows, stored)

    # Files with a header row are read straight into column keys (no per-row re-keying).
    keyed = reader.keyed_rows(parser.header_map)
    rows, parse = (reader.rows(), parser.parse) if keyed is None else (keyed, parser.parse_values)
    for number, raw in rows:
        result.rows += 1
        try:
            row = parse(raw)
        except RowError as exc:
            result.add_error(number, str(exc))
            continue
        key = (row[0], row[1])
        if key in batch:
            result.add_error(number, _("Dossier “%(code)s” appears twice in the file.") % {"code": row[1]})
            continue
        batch[key] = row
        if len(batch) >= BATCH:
            flush()
            if report:
                percent = int(reader.progress() * 90)
                if percent != last_percent:
                    last_percent = percent
                    report(
                        percent, _("%(rows)s rows checked") % {"rows": f"{result.rows:,}".replace(",", ".")}
                    )
    if batch:
        flush()
    if result.rows == 0 and not result.error_count:
        result.fatal = _("The file has no dossier rows.")
