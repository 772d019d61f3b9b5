"""PAR INDEX criteria frameworks: the methodology as versioned data (one framework per year and unit group).

A framework is a tree of criteria of any depth (lĩnh vực → tiêu chí → tiêu chí thành phần …). Leaves
carry a typed scoring rule (see `cchc.scoring.rules`); an internal node's maximum is the sum of its
children's. Once a cycle using the framework opens, the framework is frozen: the services refuse any
change, so published results can always be explained by the rules they were computed with.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.scoring.rules import RuleType
from cchc.scoring.tree import Tree, build_tree


class Framework(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FROZEN = "frozen", _("Frozen")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    owner = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("issuing province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The province (root unit) whose decision issued the framework; empty: every province."),
    )
    unit_group = models.ForeignKey(
        "orgunits.UnitGroup",
        verbose_name=_("unit group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frameworks",
        help_text=_("The group of units this framework is meant for."),
    )
    unit_types = models.ManyToManyField(
        "orgunits.UnitType",
        verbose_name=_("unit types"),
        blank=True,
        related_name="frameworks",
        help_text=_("Kinds of unit this framework is meant for (empty: not restricted)."),
    )
    description = models.TextField(_("description"), blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=300, blank=True, help_text=_("e.g. Decision 1234/QĐ-UBND of 15/12/2025")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    cloned_from = models.ForeignKey(
        "self",
        verbose_name=_("cloned from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clones",
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("criteria framework")
        verbose_name_plural = _("criteria frameworks")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("scoring:detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.FROZEN

    def tree(self) -> Tree:
        """The whole criteria tree in ONE query (applicable unit types come through a LEFT JOIN)."""
        rows = Criterion.objects.filter(framework=self).values(
            "id",
            "parent_id",
            "code",
            "title",
            "sort_order",
            "max_points",
            "method",
            "kind",
            "rule_type",
            "rule_params",
            "provider_key",
            "guidance",
            "evidence_expected",
            "applies_to",
        )
        return build_tree(rows)


class Criterion(models.Model):
    class Method(models.TextChoices):
        SELF = "self", _("Self-assessed, then appraised")
        SURVEY = "survey", _("Survey")
        AUTO = "auto", _("Automatic from system data")

    class Kind(models.TextChoices):
        BASE = "base", _("Base")
        BONUS = "bonus", _("Bonus")
        PENALTY = "penalty", _("Penalty")

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="criteria"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent criterion"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=30, help_text=_('e.g. "3.1.2"'))
    title = models.CharField(_("title"), max_length=500)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    guidance = models.TextField(_("scoring guidance"), blank=True)
    evidence_expected = models.TextField(_("evidence expected"), blank=True)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default=Method.SELF)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BASE)
    rule_type = models.CharField(
        _("rule type"), max_length=20, choices=RuleType.choices, default=RuleType.MANUAL
    )
    rule_params = models.JSONField(_("rule parameters"), default=dict, blank=True)
    provider_key = models.CharField(
        _("automatic input"),
        max_length=80,
        blank=True,
        help_text=_("For automatic criteria: the system value that fills the rule's input."),
    )
    applies_to = models.ManyToManyField(
        "orgunits.UnitType",
        verbose_name=_("applies to"),
        blank=True,
        related_name="+",
        help_text=_("Kinds of unit the criterion applies to (empty: all)."),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["framework", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="criterion_unique_code"),
            models.CheckConstraint(condition=models.Q(max_points__gte=0), name="criterion_max_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
