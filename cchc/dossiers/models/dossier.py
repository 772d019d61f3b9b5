"""A one-stop dossier, imported from the provincial one-stop software (iGate, Viettel, …).

The timestamps are what the source system recorded. `received_on`, `due_on`, `ended_on` and
`timeliness` are local-date copies derived by `cchc.dossiers.classify` when the row is written
(imports write in bulk, so they are computed by the importer, never in `save()`): statistics group
by them without time-zone arithmetic in SQL, and the same rule serves every database.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    DIRECT = "direct", _("In person")
    POSTAL = "postal", _("Public postal service")


class Outcome(models.TextChoices):
    PENDING = "", _("Being processed")
    RESOLVED = "resolved", _("Resolved")
    REFUSED = "refused", _("Refused")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn / stopped")
    TRANSFERRED = "transferred", _("Transferred to another agency")


# Outcomes that are a decision on the request: counted as "resolved" and classified by timeliness.
DECIDED = (Outcome.RESOLVED, Outcome.REFUSED)
RETURNED_OR_WITHDRAWN = (Outcome.RETURNED, Outcome.WITHDRAWN)


class Timeliness(models.TextChoices):
    NONE = "", _("Not resolved")
    EARLY = "early", _("Early")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")


class Dossier(models.Model):
    source = models.CharField(_("source system"), max_length=40)
    code = models.CharField(_("dossier code"), max_length=80)
    # No single-column FK indexes: (unit, …) composites below serve the unit, and every extra
    # index slows the bulk import of millions of rows; units and procedures are never deleted.
    procedure = models.ForeignKey(
        "dossiers.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    receiving_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    channel = models.CharField(_("channel"), max_length=6, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(_("appointment (due) at"))
    extended_due_at = models.DateTimeField(_("extended appointment at"), null=True, blank=True)
    apology_issued = models.BooleanField(_("apology letter issued"), default=False)
    supplement_requests = models.JSONField(_("supplement requests"), default=list, blank=True)
    resolved_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    result_returned_at = models.DateTimeField(_("result returned at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=11, choices=Outcome.choices, blank=True)
    digitised = models.BooleanField(_("components digitised"), default=False)
    electronic_result = models.BooleanField(_("electronic result"), default=False)
    paid_online = models.BooleanField(_("paid online"), default=False)
    population_data_reused = models.BooleanField(_("population database reused"), default=False)
    rating = models.PositiveSmallIntegerField(_("satisfaction rating (1–5)"), null=True, blank=True)
    steps = models.JSONField(_("processing steps"), default=list, blank=True)
    # Derived (see the module docstring).
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("due on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    timeliness = models.CharField(_("timeliness"), max_length=7, choices=Timeliness.choices, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="dossier_source_code"),
            models.CheckConstraint(
                condition=Q(due_at__gte=models.F("received_at")), name="dossier_due_after"
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=models.F("received_at")),
                name="dossier_end_after",
            ),
        ]
        indexes = [
            # The dossier list, newest first, over the whole province (no sort of millions of rows).
            models.Index(fields=["received_at", "id"], name="dossier_received_at"),
            # Lists of a unit's dossiers; the statistics refresh by unit and month.
            models.Index(fields=["unit", "received_on"], name="dossier_unit_received"),
            models.Index(fields=["unit", "ended_on"], name="dossier_unit_ended"),
            # Overdue pending dossiers: only open rows are indexed.
            models.Index(
                fields=["unit", "due_on"], name="dossier_open_due", condition=Q(ended_on__isnull=True)
            ),
            # Late dossiers list.
            models.Index(fields=["unit", "ended_on"], name="dossier_late", condition=Q(timeliness="late")),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def effective_due_at(self):  # type: ignore[no-untyped-def]
        return self.extended_due_at or self.due_at
