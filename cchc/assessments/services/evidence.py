"""Evidence documents: content-checked upload under MEDIA_ROOT/evidence/, links to criteria."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.assessments import filetypes
from cchc.assessments.models import Answer, Assessment, Cycle, DeadlineExtension, Evidence, EvidenceLink
from cchc.assessments.services._common import require_before_deadline, require_unit
from cchc.audit.services import audit_record
from cchc.core.formatting import format_vi_number


def _stage_for(assessment: Assessment) -> str:
    """Evidence is added while self-assessing (sheet not submitted) or in the explanation window."""
    cycle = assessment.cycle
    if cycle.status == Cycle.Status.SELF_ASSESSMENT and not assessment.is_locked:
        require_before_deadline(assessment, DeadlineExtension.Phase.SELF)
        return Evidence.Stage.SELF
    if cycle.status == Cycle.Status.EXPLANATION and assessment.explanation_submitted_at is None:
        require_before_deadline(assessment, DeadlineExtension.Phase.EXPLANATION)
        return Evidence.Stage.EXPLANATION
    raise ValidationError(_("Evidence can only be added while self-assessing or explaining."))


def _read(upload: Any) -> bytes:
    limit = filetypes.max_upload_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            {
                "file": _("The file is larger than the limit of %(mb)s MB.")
                % {"mb": format_vi_number(limit / 1048576, 0)}
            }
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            {
                "file": _("The file is larger than the limit of %(mb)s MB.")
                % {"mb": format_vi_number(limit / 1048576, 0)}
            }
        )
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    return data


@transaction.atomic
def evidence_upload(
    *,
    actor: Any,
    assessment: Assessment,
    upload: Any,
    title: str,
    doc_number: str = "",
    doc_date: dt.date | None = None,
    answers: Iterable[Answer] = (),
) -> Evidence:
    """Store a document after checking what it really is (PDF, Word, Excel, PNG, JPEG)."""
    assessment = (
        Assessment.objects.select_for_update().select_related("cycle__owner", "unit").get(pk=assessment.pk)
    )
    require_unit(actor, scope.WRITE, assessment)
    stage = _stage_for(assessment)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the document's title.")})
    data = _read(upload)
    kind = filetypes.detect_bytes(data)
    if kind is None:
        raise ValidationError(
            {"file": _("This file is not a PDF, Word, Excel, PNG or JPEG document (checked by its content).")}
        )
    evidence = Evidence(
        assessment=assessment,
        original_name=(getattr(upload, "name", "") or f"tai-lieu.{kind.extension}").rsplit("/", 1)[-1][:255],
        kind=kind.code,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        title=title.strip()[:300],
        doc_number=(doc_number or "").strip()[:100],
        doc_date=doc_date,
        stage=stage,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    evidence.file.save(f"{evidence.sha256}.{kind.extension}", ContentFile(data), save=False)
    evidence.save()
    linked = _link(evidence, answers)
    audit_record(
        actor=actor,
        action="par.evidence.upload",
        obj=evidence,
        unit=assessment.unit,
        changes={"file": [None, evidence.original_name], "criteria": [None, linked]},
    )
    return evidence


def _link(evidence: Evidence, answers: Iterable[Answer]) -> list[str]:
    codes = []
    for answer in answers:
        if answer.assessment_id != evidence.assessment_id:
            raise ValidationError(_("A document can only serve criteria of the same self-assessment."))
        EvidenceLink.objects.get_or_create(evidence=evidence, answer=answer)
        codes.append(answer.criterion.code)
    return codes


@transaction.atomic
def evidence_link(*, actor: Any, evidence: Evidence, answers: Iterable[Answer]) -> Evidence:
    """Let an uploaded document serve more criteria."""
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("cycle__owner", "unit")
        .get(pk=evidence.assessment_id)
    )
    require_unit(actor, scope.WRITE, assessment)
    _stage_for(assessment)
    codes = _link(evidence, answers)
    audit_record(
        actor=actor,
        action="par.evidence.link",
        obj=evidence,
        unit=assessment.unit,
        changes={"criteria": [None, codes]},
    )
    return evidence


@transaction.atomic
def evidence_unlink(*, actor: Any, evidence: Evidence, answer: Answer) -> None:
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("cycle__owner", "unit")
        .get(pk=evidence.assessment_id)
    )
    require_unit(actor, scope.WRITE, assessment)
    stage = _stage_for(assessment)
    if evidence.stage != stage:
        raise ValidationError(_("Documents of an earlier stage cannot be changed."))
    EvidenceLink.objects.filter(evidence=evidence, answer=answer).delete()
    audit_record(
        actor=actor,
        action="par.evidence.unlink",
        obj=evidence,
        unit=assessment.unit,
        changes={"criteria": [answer.criterion.code, None]},
    )


@transaction.atomic
def evidence_delete(*, actor: Any, evidence: Evidence) -> None:
    """Remove a document of the current stage (earlier stages are part of the record)."""
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("cycle__owner", "unit")
        .get(pk=evidence.assessment_id)
    )
    require_unit(actor, scope.WRITE, assessment)
    stage = _stage_for(assessment)
    if evidence.stage != stage:
        raise ValidationError(_("Documents of an earlier stage cannot be changed."))
    audit_record(
        actor=actor,
        action="par.evidence.delete",
        obj=evidence,
        unit=assessment.unit,
        changes={"file": [evidence.original_name, None]},
    )
    name = str(evidence.file.name)
    storage = evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
