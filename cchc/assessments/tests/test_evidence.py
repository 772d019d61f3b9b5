"""Evidence upload: content check, size limit, storage outside the web root, links, stages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cchc.assessments import services
from cchc.assessments.models import EvidenceLink
from cchc.assessments.tests.factories import PDF_BYTES, pdf_upload
from cchc.assessments.tests.workflow import fill

pytestmark = pytest.mark.usefixtures("english")


def test_upload_stores_by_hash_and_links_several_criteria(par: Any, personas: Any) -> None:
    answers = [par.answer(par.snv, "1.1"), par.answer(par.snv, "1.2")]
    evidence = services.evidence_upload(
        actor=personas.dept_officer,
        assessment=par.snv,
        upload=pdf_upload("../../etc/passwd.pdf"),
        title="Kế hoạch CCHC năm 2025",
        doc_number="12/KH-SNV",
        answers=answers,
    )
    assert evidence.kind == "pdf" and evidence.size == len(PDF_BYTES)
    assert evidence.original_name == "passwd.pdf"
    path = Path(evidence.file.path)
    assert path.read_bytes() == PDF_BYTES
    assert str(path).startswith(str(settings.MEDIA_ROOT)) and "/evidence/" in str(path)
    assert evidence.sha256 in path.name
    assert EvidenceLink.objects.filter(evidence=evidence).count() == 2


def test_content_not_extension_decides(par: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="checked by its content"):
        services.evidence_upload(
            actor=personas.dept_officer,
            assessment=par.snv,
            upload=pdf_upload("bao-cao.pdf", b"<html><script>alert(1)</script></html>"),
            title="Giả mạo",
        )


def test_size_limit_is_a_setting(par: Any, personas: Any, settings: Any) -> None:
    settings.CCHC_EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="larger than"):
        services.evidence_upload(
            actor=personas.dept_officer, assessment=par.snv, upload=pdf_upload(), title="Lớn"
        )


def test_evidence_of_another_assessment_cannot_be_linked(par: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="same self-assessment"):
        services.evidence_upload(
            actor=personas.dept_officer,
            assessment=par.snv,
            upload=pdf_upload(),
            title="Tài liệu",
            answers=[par.answer(par.stc, "1.1")],
        )


@pytest.mark.parametrize(
    ("persona", "error"), [("outsider", Http404), ("appraiser", PermissionDenied), ("nobody", Http404)]
)
def test_only_the_unit_uploads(par: Any, personas: Any, persona: str, error: type) -> None:
    with pytest.raises(error):
        services.evidence_upload(
            actor=getattr(personas, persona), assessment=par.snv, upload=pdf_upload(), title="x"
        )


def test_no_upload_after_submission_and_evidence_satisfies_completeness(par: Any, personas: Any) -> None:
    answer = par.answer(par.snv, "2.1")
    services.answer_save_self(
        actor=personas.dept_officer, answer=answer, declared={"points": "1"}, explanation=""
    )
    assert any(a.criterion.code == "2.1" for a, _why in services.missing_items(par.snv))
    evidence = services.evidence_upload(
        actor=personas.dept_officer,
        assessment=par.snv,
        upload=pdf_upload(),
        title="Danh mục TTHC",
        answers=[answer],
    )
    assert not any(a.criterion.code == "2.1" for a, _why in services.missing_items(par.snv))
    services.evidence_unlink(actor=personas.dept_officer, evidence=evidence, answer=answer)
    assert any(a.criterion.code == "2.1" for a, _why in services.missing_items(par.snv))
    services.evidence_link(actor=personas.dept_officer, evidence=evidence, answers=[answer])
    fill(par, par.snv, personas.dept_officer)
    services.assessment_submit(actor=par.snv_leader, assessment=par.snv)
    with pytest.raises(ValidationError, match="only be added"):
        services.evidence_upload(
            actor=personas.dept_officer, assessment=par.snv, upload=pdf_upload(), title="Muộn"
        )
    with pytest.raises(ValidationError):
        services.evidence_delete(actor=personas.dept_officer, evidence=evidence)


def test_delete_removes_the_file(par: Any, personas: Any, django_capture_on_commit_callbacks: Any) -> None:
    evidence = services.evidence_upload(
        actor=personas.dept_officer, assessment=par.snv, upload=pdf_upload(), title="x"
    )
    path = Path(evidence.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(actor=personas.dept_officer, evidence=evidence)
    assert not path.exists()
