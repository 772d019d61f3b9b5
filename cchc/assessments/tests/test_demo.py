"""The sample cycles load on the sample province and frameworks, fast and labelled as sample."""

from __future__ import annotations

import time
from typing import Any

from cchc.assessments import demo
from cchc.assessments.hashing import content_hash
from cchc.assessments.models import Cycle, Evidence, Result


def test_sample_cycles(db: Any) -> None:
    from cchc.core.demo.loader import load_demo_province
    from cchc.scoring import demo as scoring_demo

    load_demo_province(seed=2025)
    scoring_demo.load(seed=2025)
    assert not demo.is_loaded()
    started = time.monotonic()
    summary = demo.load(seed=2025)
    assert time.monotonic() - started < 20
    assert demo.is_loaded() and "2 đợt" in summary
    last, this = Cycle.objects.get(year=2024), Cycle.objects.get(year=2025)
    assert last.status == Cycle.Status.PUBLISHED and this.status == Cycle.Status.APPRAISAL_2
    assert all("dữ liệu mẫu" in c.name and c.is_sample for c in (last, this))
    publication = last.publications.get()
    assert publication.sha256 == content_hash(publication.snapshot)
    assert Result.objects.filter(cycle=this, prev_rank__isnull=False).exists()  # compared with 2024
    assert Evidence.objects.filter(assessment__cycle=this).count() == 6
    assert this.assessments.filter(answers__response__gt="").exists()
