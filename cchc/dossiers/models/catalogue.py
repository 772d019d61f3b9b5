"""The catalogue of administrative procedures (thủ tục hành chính, TTHC)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Procedure(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "tinh", _("Province level")
        COMMUNE = "xa", _("Commune level")

    class TimeUnit(models.TextChoices):
        DAYS = "days", _("working days")
        HOURS = "hours", _("working hours")

    class OnlineLevel(models.TextChoices):
        # NĐ 42/2022 art. 11: full-online replaces old level 4, partial the old level 3.
        FULL = "full", _("Full online")
        PARTIAL = "partial", _("Partly online")
        NONE = "none", _("Not online")

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=500)
    field = models.CharField(_("field"), max_length=200, db_index=True)
    level = models.CharField(_("competent level"), max_length=4, choices=Level.choices)
    competent_units = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name=_("competent units"), blank=True, related_name="procedures"
    )
    processing_time = models.DecimalField(_("statutory processing time"), max_digits=7, decimal_places=2)
    time_unit = models.CharField(_("time unit"), max_length=5, choices=TimeUnit.choices, default="days")
    online_level = models.CharField(
        _("online service level"), max_length=7, choices=OnlineLevel.choices, default="none"
    )
    fee = models.DecimalField(_("fee (VND)"), max_digits=14, decimal_places=0, null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")
        ordering = ["field", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="procedure_valid_period",
            ),
            models.CheckConstraint(condition=Q(processing_time__gt=0), name="procedure_time_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"
