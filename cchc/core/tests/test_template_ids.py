"""With USE_THOUSAND_SEPARATOR a primary key of 1000 renders as "1.000": in a URL, an element id or
an <option> value it silently points at the wrong object or at none. Templates must unlocalize ids."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template

RAW_ID = re.compile(r"\{\{\s*([A-Za-z_][\w.]*(?:\.pk|\.id|_id|\.year))\s*\}\}")
# Strings, not numbers: bound form fields and HTML ids built by the code.
NOT_NUMBERS = re.compile(r"^form\.|(?:auto_id|chart_id)$")


def _raw_ids(line: str) -> list[str]:
    return [m.group(1) for m in RAW_ID.finditer(line) if not NOT_NUMBERS.search(m.group(1))]


def test_no_template_prints_a_raw_id() -> None:
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if _raw_ids(line)
    ]
    assert not offenders, offenders


def test_the_check_sees_ids_and_skips_strings() -> None:
    assert _raw_ids('<a href="?parent={{ unit.pk }}">') == ["unit.pk"]
    assert _raw_ids("{{ row.answer_id }} {{ plan.year }}") == ["row.answer_id", "plan.year"]
    assert _raw_ids('{{ unit.pk|unlocalize }} {{ form.year }} id="{{ field.auto_id }}"') == []


def test_unlocalize_keeps_big_ids_whole() -> None:
    rendered = Template('<a href="?parent={{ pk|unlocalize }}">{{ pk }}</a>').render(Context({"pk": 13687}))
    assert rendered == '<a href="?parent=13687">13.687</a>'
