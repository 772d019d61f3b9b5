"""Forms of the PAR INDEX screens. They validate input; the services write."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.assessments.models import Cycle, DeadlineExtension
from cchc.assessments.services.cycles import validate_bands
from cchc.orgunits.forms import BootstrapForm, add_service_error, date_field
from cchc.orgunits.models import OrgUnit, UnitGroup, UnitType
from cchc.scoring.models import Framework

__all__ = ["add_service_error"]

DEADLINES = (
    ("self_deadline", _("Self-assessment deadline")),
    ("appraisal1_deadline", _("Appraisal round 1 deadline")),
    ("explanation_deadline", _("Explanation deadline")),
    ("appraisal2_deadline", _("Appraisal round 2 deadline")),
    ("publication_deadline", _("Publication deadline")),
)


class BandsField(forms.CharField):
    """Bands typed one per line: "Tốt: 90"."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(f"{label}: {lower}" for label, lower in value)
        return value

    def clean(self, value: Any) -> list[list[str]]:
        text = super().clean(value)
        bands = []
        for line in str(text).splitlines():
            if not line.strip():
                continue
            label, _sep, lower = line.rpartition(":")
            bands.append([label.strip(), lower.strip().replace(",", ".")])
        return validate_bands(bands)


class CycleForm(BootstrapForm):
    owner = forms.ModelChoiceField(label=_("Organising unit"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Name"), max_length=200)
    survey_ran = forms.BooleanField(
        label=_("A survey is held"),
        required=False,
        help_text=_("Without a survey, survey-based criteria leave the denominator."),
    )
    bonus_cap = forms.DecimalField(
        label=_("Bonus cap (points)"), required=False, min_value=Decimal(0), decimal_places=2
    )
    penalty_cap = forms.DecimalField(
        label=_("Penalty cap (points)"), required=False, min_value=Decimal(0), decimal_places=2
    )
    bands = BandsField(
        label=_("Result bands"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, best first: label and the lowest index of the band, e.g. “Tốt: 90”."),
    )

    def __init__(self, *args: Any, owners: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in DEADLINES:
            self.fields[name] = date_field(label, required=False)
            self.fields[name].widget.attrs["class"] = "form-control"
        if editing:
            del self.fields["owner"]
        else:
            owner_field = self.fields["owner"]
            assert isinstance(owner_field, forms.ModelChoiceField)
            owner_field.queryset = owners if owners is not None else OrgUnit.objects.none()

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        return data


class FrameworkAddForm(BootstrapForm):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    name = forms.CharField(label=_("Ranking group"), max_length=200)
    unit_group = forms.ModelChoiceField(
        label=_("Unit group"), queryset=UnitGroup.objects.all(), required=False
    )
    unit_types = forms.ModelMultipleChoiceField(
        label=_("Unit types"),
        queryset=UnitType.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args: Any, owner: OrgUnit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["framework"]
        assert isinstance(field, forms.ModelChoiceField)
        # Frameworks of this province, or shared ones (no issuing province).
        field.queryset = Framework.objects.filter(Q(owner__isnull=True) | Q(owner=owner)).order_by(
            "-year", "name"
        )


class ExtensionForm(BootstrapForm):
    phase = forms.ChoiceField(label=_("Phase"), choices=DeadlineExtension.Phase.choices)
    deadline = date_field(_("New deadline"))
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(BootstrapForm):
    file = forms.FileField(label=_("File (PDF, Word, Excel, PNG, JPEG)"))
    title = forms.CharField(label=_("Document title"), max_length=300)
    doc_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    doc_date = date_field(_("Document date"), required=False)
    answers = forms.MultipleChoiceField(label=_("Serves the criteria"), required=False)

    def __init__(self, *args: Any, answer_choices: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        answers_field = self.fields["answers"]
        assert isinstance(answers_field, forms.MultipleChoiceField)
        answers_field.choices = [(str(pk), label) for pk, label in answer_choices]
        self.fields["answers"].widget.attrs["size"] = 6


class CorrectionForm(BootstrapForm):
    """Corrections after publication, one per line: "criterion code; unit code; new points"."""

    lines = forms.CharField(
        label=_("Corrections"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: unit code; criterion code; new points — e.g. “SNV; 2.1; 0,75”."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def parsed(self) -> list[tuple[str, str, str]]:
        rows = []
        for line in self.cleaned_data["lines"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) != 3:
                raise ValidationError(_("Write each correction as: unit code; criterion code; new points."))
            rows.append((parts[0], parts[1], parts[2]))
        return rows


def json_list(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


STATUS_BADGES: dict[str, str] = {
    Cycle.Status.DRAFT: "text-bg-secondary",
    Cycle.Status.SELF_ASSESSMENT: "text-bg-primary",
    Cycle.Status.APPRAISAL_1: "text-bg-warning",
    Cycle.Status.EXPLANATION: "text-bg-info",
    Cycle.Status.APPRAISAL_2: "text-bg-warning",
    Cycle.Status.PUBLISHED: "text-bg-success",
}
