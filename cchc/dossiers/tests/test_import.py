"""Dossier import: formats, row errors, all-or-nothing, dry run, idempotency, encoding, scale."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from cchc.dossiers.importer import MAX_ERRORS, ImportResult, import_dossiers
from cchc.dossiers.models import DailySummary, Dossier, MonthlySummary
from cchc.dossiers.tests.factories import at

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
pytestmark = pytest.mark.django_db


def run(data: bytes, name: str = "f.csv", actor: Any = None, **kw: Any) -> ImportResult:
    return import_dossiers(
        io.BytesIO(data), name, len(data), actor=actor, source=kw.pop("source", "IGATE"), **kw
    )


def sample(ext: str) -> bytes:
    return (SAMPLES / f"dossiers-mau.{ext}").read_bytes()


@pytest.mark.parametrize("ext", ["csv", "xlsx", "json"])
def test_sample_files_import(province: Any, catalogue: Any, ext: str) -> None:
    result = run(sample(ext), f"dossiers-mau.{ext}")
    assert result.ok, result.errors or result.fatal
    assert (result.rows, result.created, result.updated, result.written) == (8, 8, 0, True)
    d = {x.code[-4:]: x for x in Dossier.objects.all()}
    assert d["0001"].timeliness == "early" and d["0001"].channel == "online"
    assert d["0002"].timeliness == "on_time"  # finished at 16:30 on the due date
    # Extended once (apology letter): due date is the new appointment 11/03; finished 12/03 → late.
    assert d["0003"].timeliness == "late" and d["0003"].apology_issued
    assert d["0003"].supplement_requests == ["2025-03-05"]
    # No appointment in the file: 4 working hours from Wed 14:00 → Thu 8:30.
    assert d["0004"].due_at == at(2025, 3, 6, 8, 30) and d["0004"].outcome == "returned"
    assert d["0005"].outcome == "" and d["0005"].ended_on is None
    assert d["0008"].outcome == "transferred" and d["0008"].timeliness == ""
    assert d["0006"].unit == province.snv and d["0006"].receiving_unit == province.centre
    if ext == "json":
        assert len(d["0001"].steps) == 2
    assert DailySummary.objects.exists() and MonthlySummary.objects.count() == 3  # 3 procedures, March


def test_reimport_is_idempotent_and_overlap_updates(province: Any, catalogue: Any) -> None:
    run(sample("csv"))
    before = list(MonthlySummary.objects.order_by("procedure_id").values())
    again = run(sample("csv"))
    assert (again.created, again.updated, Dossier.objects.count()) == (0, 8, 8)
    after = list(MonthlySummary.objects.order_by("procedure_id").values())
    assert [{k: v for k, v in r.items() if k != "id"} for r in before] == [
        {k: v for k, v in r.items() if k != "id"} for r in after
    ]
    # An overlapping export: one dossier now finished, one new.
    text = sample("csv").decode("utf-8-sig").splitlines()
    changed = text[5].replace(",,,,,Có", ",,11/03/2025 08:00,,Giải quyết,Có", 1)
    assert changed != text[5]
    new = text[1].replace("0001", "0009")
    result = run(("\n".join([text[0], changed, new]) + "\n").encode())
    assert result.ok, result.errors
    assert (result.created, result.updated, Dossier.objects.count()) == (1, 1, 9)
    assert Dossier.objects.get(code__endswith="0005").outcome == "resolved"


def test_a_bad_row_writes_nothing_and_lists_every_error(province: Any, catalogue: Any) -> None:
    text = sample("csv").decode("utf-8-sig").splitlines()
    bad = [
        text[1].replace("MAU.HT.01", "KHONG.CO"),
        text[2].replace("Trực tiếp", "Fax"),
        text[3].replace("04/03/2025 10:00", "31/02/2025 10:00", 1),
        text[4].replace("Trả lại", "Đã xong"),
    ]
    result = run(("\n".join([text[0], *bad, *text[5:]]) + "\n").encode())
    assert not result.ok and not result.written
    assert result.error_count == 4
    assert "Dòng 2" in result.errors[0] or "Row 2" in result.errors[0]
    assert "KHONG.CO" in result.errors[0]
    assert Dossier.objects.count() == 0 and not DailySummary.objects.exists()


def test_dry_run_writes_nothing(province: Any, catalogue: Any) -> None:
    result = run(sample("csv"), dry_run=True)
    assert result.ok and not result.written and result.created == 8
    assert Dossier.objects.count() == 0


def test_wrong_encoding_is_refused_in_vietnamese(province: Any, catalogue: Any) -> None:
    result = run((SAMPLES / "dossiers-cp1258.csv").read_bytes())
    assert result.fatal and "UTF-8" in result.fatal and "1258" in result.fatal
    assert Dossier.objects.count() == 0


def test_missing_columns_and_empty_files(province: Any, catalogue: Any) -> None:
    assert "Mã TTHC" in run("Mã hồ sơ,Kênh tiếp nhận\nA,Trực tuyến\n".encode()).fatal
    assert run(b"").fatal
    assert run(b"x", "f.pdf").fatal
    assert run(sample("csv"), source=" ").fatal


def test_semicolon_csv_and_json_lines(province: Any, catalogue: Any) -> None:
    text = sample("csv").decode("utf-8-sig").replace(",", ";")
    assert run(text.encode()).created == 8
    lines = "\n".join(json.dumps(o, ensure_ascii=False) for o in json.loads(sample("json")))
    result = run(lines.encode(), "f.jsonl", source="VIETTEL")
    assert result.ok and result.created == 8  # another source system: other dossiers
    assert Dossier.objects.count() == 16


def test_scope_of_the_importer(province: Any, personas: Any, catalogue: Any) -> None:
    result = run(sample("csv"), actor=personas.commune_officer)
    assert not result.ok and result.error_count == 3  # the three SNV dossiers
    assert "SNV" in result.errors[0]
    xa_only = "\n".join(
        line for line in sample("csv").decode("utf-8-sig").splitlines() if ",SNV," not in line
    )
    assert run(xa_only.encode(), actor=personas.commune_officer).created == 5
    for persona in ("outsider", "appraiser", "leader", "nobody"):
        assert run(xa_only.encode(), actor=getattr(personas, persona)).error_count == 5
    assert run(sample("csv"), actor=personas.province_admin).ok


def _big_csv(rows: int, bad_every: int = 0) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(
        ["Mã hồ sơ", "Mã TTHC", "Mã đơn vị giải quyết", "Kênh tiếp nhận", "Ngày tiếp nhận", "Ngày hoàn thành"]
    )
    for i in range(rows):
        proc = "MAU.HT.01" if not bad_every or i % bad_every else "SAI"
        w.writerow([f"HS-{i:07d}", proc, "XA", "Trực tuyến", f"{1 + i % 28:02d}/0{1 + i % 9}/2025 08:00", ""])
    return out.getvalue().encode()


def test_files_bigger_than_a_batch(province: Any, catalogue: Any) -> None:
    result = run(_big_csv(12_000))
    assert result.ok and result.created == 12_000 and Dossier.objects.count() == 12_000
    bad = run(_big_csv(12_000, bad_every=20), source="OTHER")
    assert bad.error_count == 600 and len(bad.errors) == MAX_ERRORS
    assert Dossier.objects.filter(source="OTHER").count() == 0


def test_json_objects_split_across_reads(province: Any, catalogue: Any, monkeypatch: Any) -> None:
    from cchc.dossiers.readers import JsonReader

    monkeypatch.setattr(JsonReader, "CHUNK", 37)  # every object spans several reads
    result = run(sample("json"), "f.json")
    assert result.ok and result.created == 8
    assert run(sample("json")[:-40], "g.json", source="CUT").fatal  # a truncated array


def test_a_bad_byte_after_the_first_rows_rolls_everything_back(province: Any, catalogue: Any) -> None:
    good = _big_csv(6_000)  # one batch written, and > 64 KB of valid UTF-8, before the bad byte
    assert len(good) > 64 * 1024
    result = run(
        good + "HS-X,MAU.HT.01,XA,Trực tuyến,01/03/2025 08:00,\n".encode("cp1258", "replace") + b"\xff\n"
    )
    assert result.fatal and "UTF-8" in result.fatal
    assert Dossier.objects.count() == 0
