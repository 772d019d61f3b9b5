"""The default PAR areas (reference data in cchc/plans/seed.py)."""

from django.db import migrations


def add_areas(apps, schema_editor):
    from cchc.plans.seed import seed_areas

    seed_areas(apps.get_model("plans", "PlanArea"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(add_areas, migrations.RunPython.noop)]
