"""Every user-facing string has a Vietnamese translation, and the interface is Vietnamese by default."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _entries(po_text: str) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry of a .po file (plural forms joined)."""
    entries, msgid, msgstr, fuzzy, field = [], None, "", False, None
    for line in [*po_text.splitlines(), ""]:
        if not line.strip():
            if msgid is not None:
                entries.append((msgid, msgstr, fuzzy))
            msgid, msgstr, fuzzy, field = None, "", False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            msgid, field = line[6:].strip().strip('"'), "id"
        elif line.startswith("msgid_plural"):
            field = "plural"
        elif line.startswith("msgstr"):
            msgstr += line.split(" ", 1)[1].strip().strip('"')
            field = "str"
        elif line.startswith('"'):
            if field == "id" and msgid is not None:
                msgid += line.strip().strip('"')
            elif field == "str":
                msgstr += line.strip().strip('"')
    return [e for e in entries if e[0]]  # drop the header entry


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    entries = _entries(PO.read_text(encoding="utf-8"))
    assert entries, "the Vietnamese catalogue is empty"
    untranslated = [m for m, s, _f in entries if not s]
    fuzzy = [m for m, _s, f in entries if f]
    assert not untranslated, f"untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


@pytest.mark.slow_subprocess
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """Extract messages in a scratch copy of the project: nothing may come out untranslated.

    makemessages writes next to the sources it scans, so it runs on a copy, never on the repository.
    """
    copy = tmp_path / "src"
    for name in ("cchc", "config", "templates", "locale", "static"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = os.environ | {"CCHC_ALLOW_INSECURE_KEY": "1", "CCHC_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "--no-obsolete"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    entries = _entries((copy / "locale" / "vi" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    missing = [m for m, s, f in entries if not s or f]
    assert not missing, (
        f"strings without a Vietnamese translation (run makemessages and translate): {missing[:30]}"
    )


def test_unprefixed_urls_are_vietnamese_and_en_prefix_is_english(client, db):
    vi = client.get("/tai-khoan/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en")
    assert vi.status_code == 200
    assert '<html lang="vi"' in vi.content.decode()
    en = client.get("/en/tai-khoan/dang-nhap/")
    assert en.status_code == 200
    assert '<html lang="en"' in en.content.decode()
    assert "Sign in" in en.content.decode()
    assert "Đăng nhập" in vi.content.decode()


def test_catalogue_compiles_with_matching_format_directives(tmp_path):
    """msgfmt refuses a translation whose %(name)s / {} placeholders differ from the English text;
    Django would then fall back to English for the whole catalogue at set-up."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("gettext's msgfmt is not installed")
    result = subprocess.run(
        [msgfmt, "--check-format", "-o", str(tmp_path / "django.mo"), str(PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_django_messages_users_meet_are_vietnamese():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.validators import FileExtensionValidator
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("vi"):
        assert str(BLANK_CHOICE_LABEL) == "- Chọn -"
        try:
            FileExtensionValidator(["pdf"])(SimpleUploadedFile("a.exe", b"x"))
        except ValidationError as error:
            message = error.messages[0]
        assert message.startswith("Không chấp nhận tệp có phần mở rộng “exe”")
