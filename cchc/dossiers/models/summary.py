"""Pre-aggregated flows of dossiers, so reports never scan the raw rows (style.md anti-pattern 5).

Every count is a *flow* dated by the day its event happened, so any period is a sum and the stocks
follow from cumulative sums (see `cchc.dossiers.statistics`):
  * received_* on `received_on`;
  * early/on_time/late, returned_withdrawn, transferred (the dossier leaves the pending stock) on
    `ended_on`;
  * overdue_in on the day after `due_on` when the dossier was still open then; overdue_out on
    `ended_on` for such dossiers.
DailySummary holds one row per unit × procedure × day; MonthlySummary the same per month (the 1st),
so a period costs the months it covers plus the days of its partial months.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

COUNT_FIELDS = (
    "received_online",
    "received_direct",
    "received_postal",
    "received_eligible_full",  # received for a procedure offered full online
    "received_full_online",  # … and filed online
    "received_digitised",
    "received_paid_online",
    "received_with_fee",
    "received_reused",
    "early",
    "on_time",
    "late",
    "returned_withdrawn",
    "transferred",
    "overdue_in",
    "overdue_out",
    "decided_e_result",
    "rated",
    "rated_satisfied",
)


class SummaryBase(models.Model):
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey("dossiers.Procedure", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    received_online = models.PositiveIntegerField(default=0)
    received_direct = models.PositiveIntegerField(default=0)
    received_postal = models.PositiveIntegerField(default=0)
    received_eligible_full = models.PositiveIntegerField(default=0)
    received_full_online = models.PositiveIntegerField(default=0)
    received_digitised = models.PositiveIntegerField(default=0)
    received_paid_online = models.PositiveIntegerField(default=0)
    received_with_fee = models.PositiveIntegerField(default=0)
    received_reused = models.PositiveIntegerField(default=0)
    early = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    returned_withdrawn = models.PositiveIntegerField(default=0)
    transferred = models.PositiveIntegerField(default=0)
    overdue_in = models.PositiveIntegerField(default=0)
    overdue_out = models.PositiveIntegerField(default=0)
    decided_e_result = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    rated_satisfied = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailySummary(SummaryBase):
    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "unit", "procedure"], name="dossier_daily_key")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.procedure_id}/{self.day}"


class MonthlySummary(SummaryBase):
    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "unit", "procedure"], name="dossier_monthly_key")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.procedure_id}/{self.day:%m/%Y}"


class ReportedTotals(models.Model):
    """Aggregate figures a unit reported (entered by hand or imported as totals), checked against
    the identities and against the figures computed from the dossiers; never corrected."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    carried_over = models.PositiveIntegerField(_("carried over"))
    received = models.PositiveIntegerField(_("new received"))
    resolved = models.PositiveIntegerField(_("resolved"))
    resolved_on_time = models.PositiveIntegerField(_("resolved early or on time"))
    pending = models.PositiveIntegerField(_("pending"))
    returned_withdrawn = models.PositiveIntegerField(_("returned or withdrawn"), default=0)
    transferred = models.PositiveIntegerField(_("transferred"), default=0)
    source = models.CharField(_("source"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reported totals")
        verbose_name_plural = _("reported totals")
        constraints = [
            models.UniqueConstraint(fields=["unit", "start", "end"], name="reported_totals_period")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"

    @property
    def unaccounted(self) -> int:
        """(carried + received) − (resolved + pending + returned/withdrawn + transferred)."""
        handled = self.resolved + self.pending + self.returned_withdrawn + self.transferred
        return self.carried_over + self.received - handled
