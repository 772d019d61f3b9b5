"""Seed the 2025–2026 holidays and the Decision 766 configuration (editable data afterwards)."""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    from cchc.dossiers.seed import seed_766, seed_calendar

    seed_calendar(apps.get_model("dossiers", "CalendarYear"), apps.get_model("dossiers", "CalendarDay"))
    seed_766(
        apps.get_model("dossiers", "IndicatorSet"),
        apps.get_model("dossiers", "IndicatorGroup"),
        apps.get_model("dossiers", "Indicator"),
    )


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
