"""Multi-year resolution programmes and their targets (chỉ tiêu) with yearly/quarterly actuals."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    issuing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    title = models.CharField(_("title"), max_length=300)
    doc_number = models.CharField(_("document number"), max_length=60, blank=True)
    doc_date = models.DateField(_("document date"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resolution programme")
        verbose_name_plural = _("resolution programmes")
        ordering = ["-start_year", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="programme_years")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plans:programme_detail", args=[self.pk])


class Direction(models.TextChoices):
    AT_LEAST = "ge", _("at least (≥)")
    AT_MOST = "le", _("at most (≤)")


class Target(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    number = models.CharField(_("number"), max_length=20, blank=True)
    name = models.CharField(_("target"), max_length=400)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    end_value = models.DecimalField(
        _("target for the end of the programme"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    direction = models.CharField(
        _("direction"), max_length=2, choices=Direction.choices, default=Direction.AT_LEAST
    )
    responsible_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["programme", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class TargetValue(models.Model):
    """The planned value and/or the actual value of a target for a year (quarter 0) or a quarter."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), default=0, validators=[MaxValueValidator(4)], help_text=_("0 = the whole year.")
    )
    planned = models.DecimalField(_("planned value"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual value"), max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target value")
        verbose_name_plural = _("target values")
        ordering = ["target", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["target", "year", "quarter"], name="targetvalue_unique_period")
        ]

    def __str__(self) -> str:
        return f"{self.target_id} {self.year}/{self.quarter}"
