"""Organisation units: the province's tree with validity periods and lineage (2025 reorganisation).

The tree is a parent FK plus a materialised `path` ("/1/7/42/") maintained by the services, so
"a unit and its subtree" is `path__startswith` (index-friendly on both databases). The parent is
the *current* parent; `UnitMove` rows keep earlier parents so the tree can be rebuilt as of a date.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnitType(models.Model):
    """Kind of unit (tỉnh, sở, huyện, xã, phường, đặc khu, trung tâm…): data, not code."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Province level")
        DISTRICT = 2, _("District level")
        COMMUNE = 3, _("Commune level")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    level = models.PositiveSmallIntegerField(_("administrative level"), choices=Level.choices)
    is_territorial = models.BooleanField(
        _("territorial unit"),
        default=False,
        help_text=_("An administrative division (province, district, commune) rather than an agency."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("unit type")
        verbose_name_plural = _("unit types")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class OrgUnit(models.Model):
    code = models.CharField(_("official code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=30,
        blank=True,
        help_text=_('Used in document numbers, e.g. "UBND" in "15/BC-UBND".'),
    )
    unit_type = models.ForeignKey(
        UnitType, verbose_name=_("unit type"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    search_text = models.CharField(max_length=500, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_period",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("orgunits:detail", args=[self.pk])

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    @property
    def is_closed(self) -> bool:
        return self.valid_to is not None and self.valid_to < dt.date.today()


class UnitMove(models.Model):
    """A change of parent, so the tree can be rebuilt as it stood on any earlier date."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="moves")
    old_parent = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    new_parent = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    effective_date = models.DateField(_("effective date"))
    decision = models.CharField(_("decision"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("unit move")
        verbose_name_plural = _("unit moves")
        ordering = ["effective_date", "id"]

    def __str__(self) -> str:
        return f"{self.unit} → {self.new_parent} ({self.effective_date:%d/%m/%Y})"


class UnitLineage(models.Model):
    """One predecessor → successor link: merges, splits, renames, dissolutions."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merged into")
        SPLIT = "split", _("Split into")
        RENAME = "rename", _("Renamed / reorganised as")
        DISSOLVE = "dissolve", _("Dissolved; tasks taken over by")

    predecessor = models.ForeignKey(
        OrgUnit,
        verbose_name=_("predecessor"),
        on_delete=models.PROTECT,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        OrgUnit,
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        related_name="predecessor_links",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    effective_date = models.DateField(_("effective date"))
    decision = models.CharField(
        _("legal basis"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Resolution 1234/NQ-UBTVQH15"),
    )
    share = models.DecimalField(
        _("share of data"),
        max_digits=7,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_(
            "Fraction of the predecessor's figures attributed to this successor when it was split "
            "(0–1). Leave empty for a whole merge."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lineage link")
        verbose_name_plural = _("lineage links")
        ordering = ["effective_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="lineage_unique_pair"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="lineage_not_self"),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gt=0) & Q(share__lte=1)),
                name="lineage_share_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


class UnitGroupSet(models.Model):
    """A way of grouping units for ranking or reporting, e.g. "Xếp hạng CCHC 2025"."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("group set")
        verbose_name_plural = _("group sets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitGroup(models.Model):
    """A group of units ranked or reported together, e.g. "Sở, ban, ngành", "Xã biên giới"."""

    group_set = models.ForeignKey(
        UnitGroupSet, verbose_name=_("group set"), on_delete=models.CASCADE, related_name="groups"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    members = models.ManyToManyField(OrgUnit, verbose_name=_("members"), blank=True, related_name="groups")

    class Meta:
        verbose_name = _("unit group")
        verbose_name_plural = _("unit groups")
        ordering = ["group_set", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["group_set", "code"], name="unitgroup_unique_code")]

    def __str__(self) -> str:
        return self.name
