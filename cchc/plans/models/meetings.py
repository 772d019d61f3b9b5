"""Steering-committee meetings and briefings, and the conclusions that assign tasks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering committee meeting")
        BRIEFING = "briefing", _("Briefing")
        REVIEW = "review", _("Review conference")
        THEMATIC = "thematic", _("Thematic meeting")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        COMMUNE = "commune", _("Commune")

    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("organising unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.STEERING)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.PROVINCE)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    chair = models.CharField(_("chaired by"), max_length=200, blank=True)
    attendees = models.PositiveIntegerField(_("attendees"), default=0)
    online_sites = models.PositiveIntegerField(_("online sites"), default=0)
    notice_number = models.CharField(
        _("conclusion notice number"), max_length=60, blank=True, help_text=_("e.g. 125/TB-UBND")
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plans:meeting_detail", args=[self.pk])


class Conclusion(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    number = models.CharField(_("number"), max_length=20, blank=True)
    text = models.TextField(_("conclusion"))

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.text}".strip()[:200]
