#!/usr/bin/env python
"""Keep the Vietnamese catalogue complete without hand-editing django.po.

Messages are extracted in a scratch copy of the project (makemessages writes next to what it scans),
then every entry gets its translation from, in order: the current locale/vi/LC_MESSAGES/django.po,
and the JSON files in locale/pending/*.json ({"English msgid": "Vietnamese"}; for a plural entry the
key is the singular msgid; a pgettext entry is keyed "context\\u0004msgid").

  scripts/i18n_sync.py --missing [PATH ...]   list msgids without a translation (only those used
                                               under the given paths, e.g. cchc/plans templates/plans)
  scripts/i18n_sync.py --write [--keep-pending] rewrite django.po from the extraction, compile it, and
                                               fold the pending JSON files into it (then removed)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
PENDING = ROOT / "locale" / "pending"
COPIED = ("cchc", "config", "templates", "locale", "static")


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def _known() -> dict[str, str]:
    known: dict[str, str] = {}
    for entry in polib.pofile(str(PO)):
        text = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if text and "fuzzy" not in entry.flags:
            known[_key(entry)] = text
    for path in sorted(PENDING.glob("*.json")):
        for msgid, text in json.loads(path.read_text(encoding="utf-8")).items():
            if text:
                known[msgid] = text
    return known


def _extract(tmp: Path) -> polib.POFile:
    copy = tmp / "src"
    for name in COPIED:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = os.environ | {"CCHC_ALLOW_INSECURE_KEY": "1", "CCHC_VAR_DIR": str(tmp / "var")}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-obsolete"],
        cwd=copy, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return polib.pofile(str(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"))


def _fill(po: polib.POFile, known: dict[str, str]) -> list[polib.POEntry]:
    missing = []
    for entry in po:
        text = known.get(_key(entry))
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            entry.msgstr_plural = {0: text or ""}
        else:
            entry.msgstr = text or ""
        if not text:
            missing.append(entry)
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--missing", nargs="*", metavar="PATH")
    group.add_argument("--write", action="store_true")
    parser.add_argument(
        "--keep-pending", action="store_true", help="with --write: keep locale/pending/*.json"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        po = _extract(Path(tmp))
    missing = _fill(po, _known())
    if args.missing is not None:
        prefixes = tuple(p.rstrip("/") for p in args.missing)
        shown = [
            e for e in missing if not prefixes or any(f.startswith(prefixes) for f, _line in e.occurrences)
        ]
        for entry in shown:
            print(json.dumps(_key(entry), ensure_ascii=False))
        print(f"{len(shown)} untranslated", file=sys.stderr)
        return 1 if shown else 0
    old = polib.pofile(str(PO))
    po.metadata = old.metadata
    po.header = old.header
    po.metadata_is_fuzzy = False
    for entry in po:
        entry.occurrences = []
    po.wrapwidth = 100
    po.save(str(PO))
    if not args.keep_pending:
        for path in PENDING.glob("*.json"):
            path.unlink()
    compiled = subprocess.run(
        [sys.executable, "manage.py", "compilemessages", "-l", "vi", "-i", ".venv", "-i", "node_modules"],
        cwd=ROOT, env=os.environ | {"CCHC_ALLOW_INSECURE_KEY": "1"}, capture_output=True, text=True,
    )  # fmt: skip
    if compiled.returncode:
        print(compiled.stdout + compiled.stderr, file=sys.stderr)
        return 2
    print(f"{len(po)} entries, {len(missing)} untranslated", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
