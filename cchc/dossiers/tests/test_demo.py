"""The sample dossiers load on the sample province, deterministic, labelled as sample, and the
summaries agree with a raw count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cchc.dossiers import demo
from cchc.dossiers.models import Dossier, MonthlySummary, Procedure
from cchc.dossiers.statistics import Selection, report, report_raw, total


def test_sample_dossiers(db: Any, settings: Any) -> None:
    from cchc.core.demo.loader import load_demo_province

    settings.CCHC_DEMO_DOSSIERS = 3_000
    load_demo_province(seed=2025)
    assert not demo.is_loaded()
    summary = demo.load(seed=2025)
    assert demo.is_loaded() and "3.000 hồ sơ mẫu" in summary
    assert Dossier.objects.count() == 3_000 and not Dossier.objects.filter(is_sample=False).exists()
    assert all(p.is_sample and "(mẫu)" in p.name for p in Procedure.objects.all())
    today = timezone.localdate()
    assert not Dossier.objects.filter(received_at__gt=timezone.now()).exists()
    assert not Dossier.objects.filter(resolved_at__gt=timezone.now()).exists()
    assert Dossier.objects.filter(received_on__lt=today - dt.timedelta(days=731)).count() == 0
    assert Dossier.objects.filter(timeliness="late").exists() and Dossier.objects.filter(outcome="").exists()
    assert Dossier.objects.filter(unit__unit_type__code="xa").exists()
    assert Dossier.objects.exclude(unit__unit_type__code__in=demo.COMMUNE_TYPES).exists()  # departments
    assert MonthlySummary.objects.exists()
    start, end = today - dt.timedelta(days=200), today - dt.timedelta(days=20)
    assert total(report(Selection(), start, end).values()) == report_raw(Dossier.objects.all(), start, end)
    codes = list(Dossier.objects.order_by("code").values_list("code", flat=True)[:5])
    Dossier.objects.all().delete()
    demo.load(seed=2025)  # deterministic for a seed
    assert list(Dossier.objects.order_by("code").values_list("code", flat=True)[:5]) == codes
