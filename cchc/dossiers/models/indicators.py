"""Decision 766/QĐ-TTg indicators as a versioned per-year configuration (data, not code).

Groups carry their maxima (18/20/12/22/10/18 in the 2022 version); each indicator names a group,
its maximum points, how a rate becomes points and its target. `source` is the key of a rate CCHC
computes from the dossiers (`cchc.dossiers.decision766.COMPUTED`) or "imported" for values CCHC
has no inputs for (e.g. synchronisation to the national portal), entered with their provenance.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorSet(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=255)
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
        ordering = ["-year", "-version"]
        constraints = [models.UniqueConstraint(fields=["year", "version"], name="indicator_set_version")]

    def __str__(self) -> str:
        return self.name


class IndicatorGroup(models.Model):
    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("group"))
    name = models.CharField(_("name"), max_length=255)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["indicator_set", "number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "number"], name="indicator_group_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Indicator(models.Model):
    class Rule(models.TextChoices):
        # UNVERIFIED community conversion: full points at or above the target, else proportional.
        LINEAR_TO_TARGET = "linear", _("Proportional up to the target")
        THRESHOLD = "threshold", _("All points at the target, none below")

    group = models.ForeignKey(IndicatorGroup, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=500)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    rule = models.CharField(_("conversion rule"), max_length=10, choices=Rule.choices, default="linear")
    target = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2, default=100)
    source = models.CharField(_("source"), max_length=40, default="imported")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["group__number", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="indicator_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorValue(models.Model):
    """An imported rate (0–100) of an indicator CCHC cannot compute, for one unit and period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    rate = models.DecimalField(_("rate (%)"), max_digits=6, decimal_places=2)
    provenance = models.CharField(_("provenance"), max_length=500)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "start", "end"], name="indicator_value_key")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.rate}%"
