"""PAR INDEX assessment cycles: who is assessed against which framework, their answers and evidence,
the appraisal rounds, computed results and immutable publications.

Workflow (explicit transitions by the province administrator; deadlines are data beside them):
    draft → self_assessment → appraisal_1 → explanation → appraisal_2 → published
Each phase has a deadline; a unit is *late* when the phase's deadline (or its own extension) has
passed without its step done. Opening the cycle (draft → self_assessment) freezes its frameworks.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_BANDS: list[list[str]] = [["Tốt", "90"], ["Khá", "80"], ["Trung bình", "70"], ["Yếu", "0"]]


def default_bands() -> list[list[str]]:
    """UNVERIFIED defaults (domain.md §1.4: cut-offs vary by province); editable per cycle."""
    return [list(b) for b in DEFAULT_BANDS]


class Cycle(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
        APPRAISAL_1 = "appraisal_1", _("Appraisal round 1")
        EXPLANATION = "explanation", _("Explanation")
        APPRAISAL_2 = "appraisal_2", _("Appraisal round 2")
        PUBLISHED = "published", _("Published")

    owner = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="par_cycles",
        help_text=_("Usually the province: its administrators run the cycle."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    survey_ran = models.BooleanField(
        _("survey held"),
        default=True,
        help_text=_("Without a survey, survey-based criteria leave the denominator."),
    )
    bonus_cap = models.DecimalField(_("bonus cap"), null=True, blank=True, max_digits=8, decimal_places=2)
    penalty_cap = models.DecimalField(_("penalty cap"), null=True, blank=True, max_digits=8, decimal_places=2)
    bands = models.JSONField(
        _("result bands"),
        default=default_bands,
        help_text=_("Label and inclusive lower bound of the index, best first."),
    )
    self_deadline = models.DateField(_("self-assessment deadline"), null=True, blank=True)
    appraisal1_deadline = models.DateField(_("appraisal round 1 deadline"), null=True, blank=True)
    explanation_deadline = models.DateField(_("explanation deadline"), null=True, blank=True)
    appraisal2_deadline = models.DateField(_("appraisal round 2 deadline"), null=True, blank=True)
    publication_deadline = models.DateField(_("publication deadline"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment cycle")
        verbose_name_plural = _("assessment cycles")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("assessments:cycle_detail", args=[self.pk])

    def band_list(self) -> list[tuple[str, Decimal]]:
        return [(str(label), Decimal(str(lower))) for label, lower in self.bands]

    @property
    def data_period(self) -> tuple[dt.date, dt.date]:
        """The period automatic inputs are measured over: the assessed year."""
        return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)


class CycleFramework(models.Model):
    """Which framework a group of units is scored against, and the group they are ranked in."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="frameworks")
    framework = models.ForeignKey(
        "scoring.Framework", verbose_name=_("framework"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("ranking group"), max_length=200)
    unit_group = models.ForeignKey(
        "orgunits.UnitGroup", verbose_name=_("unit group"), null=True, blank=True, on_delete=models.PROTECT
    )
    unit_types = models.ManyToManyField("orgunits.UnitType", verbose_name=_("unit types"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("cycle framework")
        verbose_name_plural = _("cycle frameworks")
        ordering = ["cycle", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["cycle", "name"], name="cycleframework_unique_name")]

    def __str__(self) -> str:
        return self.name


class Assessment(models.Model):
    """One participating unit in one cycle (the participant record and its self-assessment)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being filled in")
        SUBMITTED = "submitted", _("Submitted")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="par_assessments")
    cycle_framework = models.ForeignKey(CycleFramework, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    explanation_submitted_at = models.DateTimeField(_("explanation submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["cycle", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["cycle", "unit"], name="assessment_unique_unit")]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.unit}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("assessments:sheet", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.SUBMITTED


class DeadlineExtension(models.Model):
    """A later deadline for one unit and one phase, granted by the province administrator."""

    class Phase(models.TextChoices):
        SELF = "self", _("Self-assessment")
        EXPLANATION = "explanation", _("Explanation")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="extensions")
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["assessment", "phase", "-granted_at"]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.get_phase_display()} → {self.deadline:%d/%m/%Y}"


class Answer(models.Model):
    """A unit's answer to one leaf criterion and the appraisal of it.

    `version` is bumped by every save (optimistic locking): a form or API call sends the version it
    read, and a save against a newer version is refused instead of overwriting someone else's work.
    """

    class Decision(models.TextChoices):
        NONE = "", _("Not appraised")
        ACCEPT = "accept", _("Accepted")
        ADJUST = "adjust", _("Adjusted")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey("scoring.Criterion", on_delete=models.PROTECT, related_name="+")
    declared = models.JSONField(_("declared values"), default=dict, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    self_points = models.DecimalField(
        _("self-assessed points"), null=True, blank=True, max_digits=8, decimal_places=2
    )
    self_note = models.CharField(max_length=300, blank=True)
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("How the score was reached; required without evidence.")
    )
    provided_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    provided_source = models.CharField(_("system value source"), max_length=500, blank=True)
    provided_detail = models.JSONField(default=dict, blank=True)
    provided_at = models.DateTimeField(null=True, blank=True)
    r1_decision = models.CharField(max_length=8, choices=Decision.choices, default=Decision.NONE, blank=True)
    r1_points = models.DecimalField(
        _("round 1 points"), null=True, blank=True, max_digits=8, decimal_places=2
    )
    r1_comment = models.TextField(_("round 1 comment"), blank=True)
    r1_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    r1_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(_("unit's explanation (giải trình)"), blank=True)
    response_at = models.DateTimeField(null=True, blank=True)
    r2_decision = models.CharField(max_length=8, choices=Decision.choices, default=Decision.NONE, blank=True)
    r2_points = models.DecimalField(
        _("round 2 points"), null=True, blank=True, max_digits=8, decimal_places=2
    )
    r2_comment = models.TextField(_("round 2 comment"), blank=True)
    r2_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    r2_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "criterion__sort_order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="answer_unique_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.criterion_id}"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    # Never the user's file name on disk: the content hash and the detected extension.
    return (
        f"evidence/{instance.assessment.cycle_id}/{instance.assessment_id}/{instance.sha256}.{instance.kind}"
    )


class Evidence(models.Model):
    """A verifying document (tài liệu kiểm chứng). One document can serve several criteria."""

    class Stage(models.TextChoices):
        SELF = "self", _("Self-assessment")
        EXPLANATION = "explanation", _("Explanation")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=8)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    title = models.CharField(_("document title"), max_length=300)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    doc_date = models.DateField(_("document date"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.SELF)
    answers = models.ManyToManyField(Answer, through="EvidenceLink", related_name="evidence")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")
        ordering = ["assessment", "-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class EvidenceLink(models.Model):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="links")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evidence", "answer"], name="evidencelink_unique")]

    def __str__(self) -> str:
        return f"{self.evidence_id} → {self.answer_id}"


class Assignment(models.Model):
    """Who appraises one domain (top-level criterion) of one unit's assessment."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assignments")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    domain = models.ForeignKey("scoring.Criterion", on_delete=models.PROTECT, related_name="+")
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="par_assignments"
    )

    class Meta:
        verbose_name = _("appraisal assignment")
        verbose_name_plural = _("appraisal assignments")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="assignment_unique_domain")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.domain_id} → {self.appraiser_id}"


class Result(models.Model):
    """A unit's computed result (recomputed as a whole; a published snapshot is the record)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="results")
    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="result")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    cycle_framework = models.ForeignKey(CycleFramework, on_delete=models.CASCADE, related_name="+")
    base_points = models.DecimalField(default=Decimal("0"), max_digits=8, decimal_places=2)
    max_applicable = models.DecimalField(default=Decimal("0"), max_digits=8, decimal_places=2)
    index = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    bonus = models.DecimalField(default=Decimal("0"), max_digits=8, decimal_places=2)
    penalty = models.DecimalField(default=Decimal("0"), max_digits=8, decimal_places=2)
    total = models.DecimalField(default=Decimal("0"), max_digits=8, decimal_places=2)
    band = models.CharField(max_length=60, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    domains = models.JSONField(default=list)
    lost = models.JSONField(default=list)
    prev_total = models.DecimalField(null=True, blank=True, max_digits=8, decimal_places=2)
    prev_rank = models.PositiveIntegerField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["cycle", "cycle_framework", "rank"]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.total} ({self.index}%)"

    @property
    def change_points(self) -> Decimal | None:
        return None if self.prev_total is None else self.total - self.prev_total

    @property
    def change_places(self) -> int | None:
        """Places gained (positive) since last year."""
        if self.prev_rank is None or self.rank is None:
            return None
        return self.prev_rank - self.rank


class Publication(models.Model):
    """An immutable snapshot of all results. Never updated: a correction is a new version."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    sha256 = models.CharField(max_length=64)
    reason = models.TextField(_("reason"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["cycle", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "version"], name="publication_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.cycle} v{self.version}"

    def as_dict(self) -> dict[str, Any]:
        return dict(self.snapshot)
