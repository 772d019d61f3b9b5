"""Plans, their tasks and the progress the units report on them.

A task's progress is not stored on the task: it is the history of `TaskUpdate` rows, so the
statistics can be computed as of any date (a quarterly report must not change when later updates
arrive). The approved plan keeps a JSON baseline of its tasks; changes are shown against it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PlanArea(models.Model):
    """A PAR area tasks are grouped by (chỉ đạo điều hành, cải cách thể chế…): reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("PAR area")
        verbose_name_plural = _("PAR areas")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        CLOSED = "closed", _("Closed")

    issuing_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=300)
    doc_number = models.CharField(_("document number"), max_length=60, blank=True)
    doc_date = models.DateField(_("document date"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("derived from plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="derived_plans",
        help_text=_("The higher-level plan this plan implements; its tasks led by this unit appear here."),
    )
    trust_self_reports = models.BooleanField(
        _("trust self-reports"),
        default=False,
        help_text=_("Count a task as completed when the lead unit reports it, without acceptance."),
    )
    escalation_days = models.PositiveSmallIntegerField(
        _("escalate after (days overdue)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Overdue tasks are reported to the lead unit's leader after this many days."),
    )
    baseline = models.JSONField(_("baseline"), default=dict, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    # Title, number and issuing unit without accents, lower case: the list's search runs in the
    # database (`search_text__contains` per word), kept up to date by the plan services.
    search_text = models.CharField(max_length=600, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("PAR plan")
        verbose_name_plural = _("PAR plans")
        ordering = ["-year", "issuing_unit__path", "id"]
        indexes = [
            models.Index(fields=["year", "status"]),
            models.Index(fields=["issuing_unit", "year"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plans:detail", args=[self.pk])

    @property
    def document_label(self) -> str:
        """ "Kế hoạch số 02/KH-VPUB ngày 06/02/2022" style reference, empty without a number."""
        if not self.doc_number:
            return ""
        text = f"{self.doc_number}"
        if self.doc_date:
            text += f" ({self.doc_date:%d/%m/%Y})"
        return text


class DeadlineKind(models.TextChoices):
    DATE = "date", _("By a date")
    QUARTER = "quarter", _("Within a quarter")
    RECURRING = "recurring", _("Recurring (all year)")


class TaskSource(models.TextChoices):
    PLAN = "plan", _("Plan")
    CONCLUSION = "conclusion", _("Meeting conclusion")


class Task(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks")
    area = models.ForeignKey(
        PlanArea, verbose_name=_("PAR area"), on_delete=models.PROTECT, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent task"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subtasks",
    )
    number = models.CharField(
        _("number"), max_length=20, blank=True, help_text=_('As in the document, e.g. "2.1".')
    )
    title = models.TextField(_("task"))
    lead_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_tasks"
    )
    coordinating_units = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name=_("coordinating units"), blank=True, related_name="coordinated_tasks"
    )
    output = models.CharField(_("expected output"), max_length=300, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    deadline_kind = models.CharField(
        _("deadline kind"), max_length=12, choices=DeadlineKind.choices, default=DeadlineKind.DATE
    )
    deadline = models.DateField(
        _("deadline"), help_text=_("For a quarter: its last day; for a recurring task: 31/12 of the year.")
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(0)]
    )
    par_index_code = models.CharField(
        _("PAR INDEX criterion"),
        max_length=20,
        blank=True,
        help_text=_('Code of the PAR INDEX criterion the task serves, e.g. "3.1.2".'),
    )
    source = models.CharField(_("source"), max_length=12, choices=TaskSource.choices, default=TaskSource.PLAN)
    conclusion = models.ForeignKey(
        "plans.Conclusion",
        verbose_name=_("meeting conclusion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    responsibility = models.CharField(
        _("responsibility"), max_length=300, blank=True, help_text=_("Who answers for the result (“5 rõ”).")
    )
    added_on = models.DateField(_("added on"), default=dt.date.today)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "area__sort_order", "sort_order", "id"]
        indexes = [models.Index(fields=["deadline"]), models.Index(fields=["plan", "lead_unit"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(deadline_kind="quarter"),
                name="task_quarter_only_for_quarter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()[:200]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plans:task_detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None

    @property
    def is_recurring(self) -> bool:
        return self.deadline_kind == DeadlineKind.RECURRING


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    COMPLETED_LATE = "completed_late", _("Completed late")
    NOT_DONE = "not_done", _("Not carried out")


COMPLETED_STATUSES = (TaskStatus.COMPLETED, TaskStatus.COMPLETED_LATE)


class TaskUpdate(models.Model):
    """A progress report by the lead unit, or a contribution by a coordinating unit."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress report")
        CONTRIBUTION = "contribution", _("Contribution")

    class Review(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")
        NONE = "none", _("No review needed")

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PROGRESS)
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices, blank=True)
    percent = models.PositiveSmallIntegerField(
        _("percent done"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    text = models.TextField(_("report"))
    reason = models.CharField(_("reason not carried out"), max_length=300, blank=True)
    reported_on = models.DateField(_("reported on"), default=dt.date.today)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    period_key = models.CharField(
        _("reporting period"),
        max_length=12,
        blank=True,
        help_text=_("For a recurring task: the period this report covers."),
    )
    review = models.CharField(_("review"), max_length=10, choices=Review.choices, default=Review.PENDING)
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task update")
        verbose_name_plural = _("task updates")
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["task", "reported_on"]), models.Index(fields=["review"])]

    def __str__(self) -> str:
        return f"{self.task_id} · {self.get_status_display()} · {self.reported_on:%d/%m/%Y}"

    @property
    def is_completion(self) -> bool:
        return self.status in COMPLETED_STATUSES

    @property
    def period_label(self) -> str:
        """ "Quarter I 2026" for a recurring task's report (the key alone when unknown)."""
        from cchc.plans import periods

        if self.period_key not in periods.BY_KEY:
            return self.period_key
        return periods.period(self.period_key, self.task.plan.year).label


def evidence_path(instance: Evidence, filename: str) -> str:
    # Under MEDIA_ROOT/plans/evidence/ (outside the web root); served only by a scoped view.
    return f"plans/evidence/{dt.date.today():%Y/%m}/{filename}"


class Evidence(models.Model):
    """A document proving progress (file + document number and date)."""

    update = models.ForeignKey(TaskUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    doc_number = models.CharField(_("document number"), max_length=60, blank=True)
    doc_date = models.DateField(_("document date"), null=True, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.doc_number or self.original_name
