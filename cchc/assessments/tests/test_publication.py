"""Publication: hashed immutable snapshots, locks after publication, corrections as new versions."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.assessments import documents, services
from cchc.assessments.hashing import content_hash
from cchc.assessments.models import Cycle, Publication, Result
from cchc.assessments.tests.workflow import appraise, assign_all, fill

pytestmark = pytest.mark.usefixtures("english")


def run_to_round2(par: Any, personas: Any) -> None:
    fill(par, par.snv, personas.dept_officer)
    services.assessment_submit(actor=par.snv_leader, assessment=par.snv)
    assign_all(par, par.snv, personas.appraiser, personas.province_admin)
    for _ in range(3):
        services.cycle_advance(actor=personas.province_admin, cycle=par.cycle)


@pytest.fixture
def published(par: Any, personas: Any) -> Any:
    run_to_round2(par, personas)
    publication = services.cycle_publish(actor=personas.province_admin, cycle=par.cycle)
    return par, publication


def test_publish_freezes_a_hashed_snapshot(published: Any) -> None:
    par, publication = published
    assert publication.version == 1
    assert publication.sha256 == content_hash(publication.snapshot)
    group = publication.snapshot["groups"][0]
    assert [r["unit_code"] for r in group["results"]] == ["SNV", "STC"]
    snv = group["results"][0]
    assert snv["rank"] == 1 and snv["total"] == "3.50" and snv["index"] == "70.00"  # (3 + 0.5) / 5
    assert [d["code"] for d in snv["domains"]] == ["1", "2"]
    assert Cycle.objects.get(pk=par.cycle.pk).status == Cycle.Status.PUBLISHED


def test_nobody_changes_published_scores(published: Any, personas: Any) -> None:
    par, _publication = published
    cycle = Cycle.objects.get(pk=par.cycle.pk)
    with pytest.raises(ValidationError):
        services.answer_save_self(
            actor=personas.dept_officer, answer=par.answer(par.snv, "2.1"), declared={"points": "0"}
        )
    with pytest.raises(ValidationError):
        appraise(par, par.snv, personas.appraiser, "2.1", 2, "adjust", points="0", comment="x")
    with pytest.raises(ValidationError, match="published"):
        services.results_recompute(actor=personas.province_admin, cycle=cycle)
    with pytest.raises(ValidationError):
        services.cycle_publish(actor=personas.province_admin, cycle=cycle)
    with pytest.raises(ValidationError):
        services.cycle_update(actor=personas.province_admin, cycle=cycle, survey_ran=False)


def test_correction_is_a_new_audited_version(published: Any, personas: Any) -> None:
    from cchc.audit.models import AuditEvent

    par, first = published
    cycle = Cycle.objects.get(pk=par.cycle.pk)
    fix = [services.Correction(par.answer(par.snv, "2.1"), "0")]
    with pytest.raises(ValidationError, match="reason"):
        services.publication_correct(actor=personas.province_admin, cycle=cycle, corrections=fix, reason="")
    with pytest.raises(PermissionDenied):
        services.publication_correct(actor=personas.appraiser, cycle=cycle, corrections=fix, reason="Sai sót")
    second = services.publication_correct(
        actor=personas.province_admin,
        cycle=cycle,
        corrections=fix,
        reason="Sửa sai sót nhập liệu tiêu chí 2.1",
    )
    assert second.version == 2 and second.sha256 != first.sha256
    first_again = Publication.objects.get(pk=first.pk)
    assert first_again.snapshot == first.snapshot and first_again.sha256 == content_hash(first.snapshot)
    assert second.snapshot["groups"][0]["results"][0]["total"] == "2.50"
    assert Result.objects.get(assessment=par.snv).total == Decimal("2.50")
    assert AuditEvent.objects.filter(action="par.publish", reason__startswith="Sửa sai sót").exists()
    assert AuditEvent.objects.filter(action="par.answer.correct").count() == 1


def test_last_years_result_gives_the_change(published: Any, personas: Any, province: Any) -> None:
    from cchc.assessments.tests.factories import make_framework

    fw = make_framework(code="so-2026", year=2026)
    cycle = services.cycle_create(actor=None, owner=province.province, year=2026, name="Đánh giá CCHC 2026")
    services.cycle_framework_add(
        actor=None, cycle=cycle, framework=fw, name="Sở", unit_types=[province.types["so"]]
    )
    services.cycle_participants_add(actor=None, cycle=cycle, units=[province.snv, province.stc])
    services.cycle_open(actor=None, cycle=cycle)
    services.results_recompute(actor=None, cycle=cycle)
    snv = Result.objects.get(cycle=cycle, unit=province.snv)
    assert snv.prev_total == Decimal("3.50") and snv.prev_rank == 1
    assert snv.change_points == Decimal("-3.50") and snv.change_places == 0


def test_downloads(published: Any) -> None:
    from docx import Document
    from openpyxl import load_workbook

    _par, publication = published
    snapshot = publication.snapshot
    group = snapshot["groups"][0]
    csv_text = documents.snapshot_csv(snapshot).decode("utf-8-sig")
    assert "Sở Nội vụ" in csv_text and "3.50" in csv_text
    sheet = load_workbook(io.BytesIO(documents.snapshot_xlsx(snapshot))).worksheets[0]
    assert sheet["C2"].value == "Sở Nội vụ" and sheet["D2"].value == 3.5
    word = Document(io.BytesIO(documents.ranking_docx(snapshot, group)))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and texts[1] == "Độc lập - Tự do - Hạnh phúc"
    assert word.styles["Normal"].font.name == "Times New Roman"
    assert word.tables[0].rows[1].cells[1].text == "Sở Nội vụ"
    card = Document(io.BytesIO(documents.scorecard_docx(snapshot, group, group["results"][0])))
    assert "Sở Nội vụ" in [p.text for p in card.paragraphs]
    assert card.tables[0].rows[1].cells[0].text == "1"
