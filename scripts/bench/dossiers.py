#!/usr/bin/env python
"""Benchmark of the one-stop dossier module against DuckDB, on the database of DATABASE_URL
(SQLite by default) in a scratch database created and destroyed here.

  .venv/bin/python scripts/bench/dossiers.py [--rows 1000000]
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cchc_bench \
    .venv/bin/python scripts/bench/dossiers.py --rows 10000000

Measures, on N generated dossiers (seasonality, procedure mix, channels, lateness):
  1. import of a CSV export (streaming, all-or-nothing, upsert, summary refresh) in a child process,
     rows/s and peak memory (ru_maxrss), against DuckDB `read_csv` into a table (target ≥ 1/5);
  2. the statistics report of all units over a PAR window (15/12→14/6: partial months at both
     ends), against DuckDB aggregating the same dossiers exported to Parquet (target ≤ 3×);
  the two reports must give identical totals.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CCHC_ALLOW_INSECURE_KEY", "1")

HEADERS = [
    "Mã hồ sơ",
    "Mã TTHC",
    "Mã đơn vị giải quyết",
    "Kênh tiếp nhận",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày hẹn lại",
    "Phiếu xin lỗi",
    "Ngày hoàn thành",
    "Ngày trả kết quả",
    "Kết quả xử lý",
    "Số hóa",
    "Kết quả điện tử",
    "Thanh toán trực tuyến",
    "Khai thác CSDL dân cư",
    "Đánh giá hài lòng",
]
CHANNEL = {"online": "Trực tuyến", "direct": "Trực tiếp", "postal": "Bưu chính công ích"}
OUTCOME = {
    "": "",
    "resolved": "Giải quyết",
    "refused": "Từ chối",
    "returned": "Trả lại",
    "withdrawn": "Rút hồ sơ",
    "transferred": "Chuyển liên thông",
}
TARGET_REPORT_RATIO = 3.0
TARGET_IMPORT_RATIO = 0.2
TARGET_MEMORY_MB = 300


def _setup() -> None:
    import django

    django.setup()


def _fmt(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.strftime("%d/%m/%Y %H:%M:%S")


def _yes(value: bool) -> str:
    return "Có" if value else "Không"


def make_world(n_communes: int = 100) -> tuple[list[Any], dict[str, Any]]:
    """A province with departments and communes, and the sample catalogue."""
    from cchc.dossiers import demo
    from cchc.dossiers.generator import ProcSpec, UnitSpec
    from cchc.orgunits.models import OrgUnit, UnitType

    t_prov = UnitType.objects.create(code="tinh", name="Tỉnh", level=1, is_territorial=True)
    t_so = UnitType.objects.create(code="so", name="Sở", level=1)
    t_xa = UnitType.objects.create(code="xa", name="Xã", level=3, is_territorial=True)
    root = OrgUnit.objects.create(code="BENCH", name="Tỉnh Đo Kiểm", unit_type=t_prov, path="", depth=0)
    root.path = f"/{root.pk}/"
    root.save(update_fields=["path"])
    procs = demo._catalogue()
    weights = {row[0]: row[8] for row in demo.CATALOGUE}

    def spec(code: str) -> ProcSpec:
        p = procs[code]
        return ProcSpec(p.pk, p.processing_time, p.time_unit, p.online_level, bool(p.fee), weights[code])

    def child(code: str, name: str, utype: Any) -> Any:
        unit = OrgUnit.objects.create(code=code, name=name, unit_type=utype, parent=root, path="", depth=1)
        unit.path = f"{root.path}{unit.pk}/"
        unit.save(update_fields=["path"])
        return unit

    units = []
    commune_specs = [spec(c) for c, p in procs.items() if p.level == "xa"]
    for i in range(n_communes):
        unit = child(f"XA{i:03d}", f"Xã Đo Kiểm {i}", t_xa)
        units.append(UnitSpec(unit.pk, unit.code, commune_specs, 1.0))
    for key, codes in demo.AGENCY_PROCEDURES.items():
        unit = child(key, f"Sở {key}", t_so)
        specs = [spec(c) for c in codes]
        units.append(UnitSpec(unit.pk, unit.code, specs, 3.0 * sum(s.weight for s in specs) / 10))
    code_of = {p.pk: c for c, p in procs.items()}
    return units, code_of


def write_csv(path: Path, rows: int, units: list[Any], code_of: dict[int, str], seed: int) -> dt.date:
    from django.utils import timezone

    from cchc.dossiers.generator import generate
    from cchc.dossiers.parsing import DB_COLUMNS

    ix = {c: i for i, c in enumerate(DB_COLUMNS)}
    unit_code = {u.id: u.code for u in units}
    now = timezone.now()
    end = timezone.localdate()
    start = end.replace(year=end.year - 2) + dt.timedelta(days=1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(HEADERS)
        for r in generate(n=rows, units=units, start=start, end=end, now=now, seed=seed, source="BENCH"):
            w.writerow(
                [
                    r[ix["code"]],
                    code_of[r[ix["procedure_id"]]],
                    unit_code[r[ix["unit_id"]]],
                    CHANNEL[r[ix["channel"]]],
                    _fmt(r[ix["received_at"]]),
                    _fmt(r[ix["due_at"]]),
                    _fmt(r[ix["extended_due_at"]]),
                    _yes(r[ix["apology_issued"]]),
                    _fmt(r[ix["resolved_at"]]),
                    _fmt(r[ix["result_returned_at"]]),
                    OUTCOME[r[ix["outcome"]]],
                    _yes(r[ix["digitised"]]),
                    _yes(r[ix["electronic_result"]]),
                    _yes(r[ix["paid_online"]]),
                    _yes(r[ix["population_data_reused"]]),
                    r[ix["rating"]] or "",
                ]
            )
    return end


def child_import(csv_path: str) -> None:
    """Runs in a subprocess (DATABASE_URL = the scratch database) so ru_maxrss is the import's."""
    _setup()
    from cchc.dossiers.importer import import_dossiers

    started = time.perf_counter()
    with open(csv_path, "rb") as handle:
        result = import_dossiers(handle, "bench.csv", os.path.getsize(csv_path), actor=None, source="BENCH")
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "ok": result.ok,
                "rows": result.rows,
                "seconds": seconds,
                "peak_mb": peak_kb / 1024,
                "errors": result.errors[:3],
                "fatal": result.fatal,
            }
        )
    )


def duckdb_import(csv_path: Path) -> float:
    import duckdb

    con = duckdb.connect()
    started = time.perf_counter()
    con.execute(f"CREATE TABLE d AS SELECT * FROM read_csv('{csv_path}', header=true)")
    seconds = time.perf_counter() - started
    con.close()
    return seconds


def raw_load(csv_path: Path) -> float:
    """The database's own bulk path with no checks at all (SQLite: csv.reader + executemany; PostgreSQL:
    COPY) into an unindexed text table: the ceiling any importer on this database can reach."""
    from django.db import connection

    with open(csv_path, newline="", encoding="utf-8") as handle:
        width = len(next(csv.reader(handle)))
    connection.ensure_connection()
    raw = connection.connection
    cur = raw.cursor()
    cur.execute(f"CREATE TABLE bench_raw ({', '.join(f'c{i} text' for i in range(width))})")
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with (
            open(csv_path, "rb") as handle,
            cur.copy("COPY bench_raw FROM STDIN (FORMAT csv, HEADER true)") as cp,
        ):
            while chunk := handle.read(1 << 20):
                cp.write(chunk)
    else:
        with open(csv_path, newline="", encoding="utf-8") as handle:
            rows = csv.reader(handle)
            next(rows)
            cur.execute("BEGIN")
            cur.executemany(f"INSERT INTO bench_raw VALUES ({', '.join('?' * width)})", rows)
            cur.execute("COMMIT")
    seconds = time.perf_counter() - started
    cur.execute("DROP TABLE bench_raw")
    cur.close()
    return seconds


def export_parquet(path: Path, tmp: Path) -> None:
    """The dossiers as stored (derived dates included), through CSV, into Parquet."""
    import duckdb
    from django.db import connection

    flat = tmp / "export.csv"
    cols = "unit_id, channel, received_on, due_on, ended_on, timeliness, outcome, digitised"
    with connection.cursor() as cursor, flat.open("w", newline="") as handle:
        w = csv.writer(handle)
        w.writerow([c.strip() for c in cols.split(",")])
        cursor.execute(f"SELECT {cols} FROM dossiers_dossier")
        while batch := cursor.fetchmany(50_000):
            w.writerows(batch)
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT unit_id, channel, CAST(received_on AS DATE) received_on, CAST(due_on AS DATE) due_on, "
        f"CAST(ended_on AS DATE) ended_on, timeliness, outcome, CAST(digitised AS BOOLEAN) digitised "
        f"FROM read_csv('{flat}', header=true, all_varchar=true)) TO '{path}' (FORMAT parquet)"
    )
    con.close()
    flat.unlink()


DUCK_SQL = """
SELECT unit_id,
  count(*) FILTER (WHERE received_on < $s AND (ended_on IS NULL OR ended_on >= $s)) AS carried_over,
  count(*) FILTER (WHERE received_on BETWEEN $s AND $e AND channel = 'online') AS received_online,
  count(*) FILTER (WHERE received_on BETWEEN $s AND $e AND channel = 'direct') AS received_direct,
  count(*) FILTER (WHERE received_on BETWEEN $s AND $e AND channel = 'postal') AS received_postal,
  count(*) FILTER (WHERE ended_on BETWEEN $s AND $e AND timeliness = 'early') AS early,
  count(*) FILTER (WHERE ended_on BETWEEN $s AND $e AND timeliness = 'on_time') AS on_time,
  count(*) FILTER (WHERE ended_on BETWEEN $s AND $e AND timeliness = 'late') AS late,
  count(*) FILTER (WHERE ended_on BETWEEN $s AND $e AND outcome IN ('returned', 'withdrawn'))
    AS returned_withdrawn,
  count(*) FILTER (WHERE ended_on BETWEEN $s AND $e AND outcome = 'transferred') AS transferred,
  count(*) FILTER (WHERE received_on <= $e AND (ended_on IS NULL OR ended_on > $e) AND due_on >= $e)
    AS pending_within,
  count(*) FILTER (WHERE received_on <= $e AND (ended_on IS NULL OR ended_on > $e) AND due_on < $e)
    AS pending_overdue,
  count(*) FILTER (WHERE received_on BETWEEN $s AND $e AND digitised) AS received_digitised
FROM read_parquet('{path}') GROUP BY unit_id
"""
COMPARED = [
    "carried_over",
    "received_online",
    "received_direct",
    "received_postal",
    "early",
    "on_time",
    "late",
    "returned_withdrawn",
    "transferred",
    "pending_within",
    "pending_overdue",
    "received_digitised",
]


def best_of(runs: int, func: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--csv", help="reuse a CSV generated by an earlier run (same --rows and --seed)")
    parser.add_argument("--child-import", help=argparse.SUPPRESS)
    args, _unknown = parser.parse_known_args()
    if args.child_import:
        child_import(args.child_import)
        return
    _setup()
    import duckdb
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cchc.dossiers.periods import period_for
    from cchc.dossiers.statistics import Selection, report, total

    tmp = Path(tempfile.mkdtemp(prefix="bench-dossiers-"))
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(tmp / "bench.sqlite3")
    print(f"dossiers benchmark: {args.rows:,} rows on {vendor}")
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        if vendor == "sqlite":
            url = f"sqlite:///{test_name}"
        else:
            s = connection.settings_dict
            url = f"postgresql://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{test_name}"
        units, code_of = make_world()
        started = time.perf_counter()
        if args.csv:  # the units and procedures above have the codes the generator wrote
            csv_path = Path(args.csv)
            end = dt.date.fromtimestamp(csv_path.stat().st_mtime)
        else:
            csv_path = tmp / "dossiers.csv"
            end = write_csv(csv_path, args.rows, units, code_of, args.seed)
        size_mb = csv_path.stat().st_size / 1e6
        print(
            f"  generated {args.rows:,} dossiers ({size_mb:,.0f} MB CSV) "
            f"in {time.perf_counter() - started:.1f} s"
        )

        connection.close()  # the child writes; SQLite allows one writer
        env = {**os.environ, "DATABASE_URL": url}
        out = subprocess.run(
            [sys.executable, __file__, "--child-import", str(csv_path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            print(out.stdout, out.stderr)
            raise SystemExit("import child failed")
        imp = json.loads(out.stdout.strip().splitlines()[-1])
        if not imp["ok"]:
            raise SystemExit(f"import refused: {imp['fatal'] or imp['errors']}")
        ours_rate = imp["rows"] / imp["seconds"]
        duck_import = duckdb_import(csv_path)
        duck_rate = args.rows / duck_import
        print(
            f"  import CSV (parse, check, upsert, summaries): {imp['seconds']:.1f} s "
            f"= {ours_rate:,.0f} rows/s; "
            f"peak memory {imp['peak_mb']:.0f} MB (target ≤ {TARGET_MEMORY_MB} MB)"
        )
        print(f"  DuckDB read_csv into a table:              {duck_import:.2f} s = {duck_rate:,.0f} rows/s")
        ratio = ours_rate / duck_rate
        verdict = "OK" if ratio >= TARGET_IMPORT_RATIO else "BELOW TARGET"
        print(f"  import rate ratio ours/DuckDB = {ratio:.3f} (target ≥ {TARGET_IMPORT_RATIO}) {verdict}")
        raw_s = raw_load(csv_path)
        raw_rate = args.rows / raw_s
        print(
            f"  database bulk loader, no checks (ceiling): {raw_s:.2f} s = {raw_rate:,.0f} rows/s "
            f"(ratio to DuckDB {raw_rate / duck_rate:.3f}; ours/bulk loader {ours_rate / raw_rate:.2f})"
        )

        # The report over all units, for the PAR 6-month window ending in the data's last year.
        year = end.year if end >= dt.date(end.year, 6, 14) else end.year - 1
        period = period_for("par_h1", year)
        parquet = tmp / "dossiers.parquet"
        export_parquet(parquet, tmp)
        with CaptureQueriesContext(connection) as queries:
            ours_s, figures = best_of(3, lambda: report(Selection(), period.start, period.end))
        con = duckdb.connect()
        sql = DUCK_SQL.format(path=parquet)
        duck_s, duck_rows = best_of(
            3, lambda: con.execute(sql, {"s": period.start, "e": period.end}).fetchall()
        )
        ours_total = total(figures.values())
        duck_total = [sum(r[i + 1] for r in duck_rows) for i in range(len(COMPARED))]
        same = [getattr(ours_total, n) for n in COMPARED] == duck_total
        print(
            f"  report {period.label}, {len(figures)} units: ours {ours_s * 1000:.1f} ms "
            f"({len(queries) // 3} queries), DuckDB/Parquet {duck_s * 1000:.1f} ms"
        )
        ratio = ours_s / duck_s
        verdict = "OK" if ratio <= TARGET_REPORT_RATIO else "ABOVE TARGET"
        print(
            f"  report time ratio ours/DuckDB = {ratio:.2f} (target ≤ {TARGET_REPORT_RATIO}) {verdict}; "
            f"totals {'identical' if same else 'DIFFER'}"
        )
        if not same:
            print("   ours  ", [getattr(ours_total, n) for n in COMPARED])
            print("   duckdb", duck_total)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        for child in tmp.iterdir():
            child.unlink()
        tmp.rmdir()


if __name__ == "__main__":
    main()
