"""Forms of the framework editor. Rule parameters get their own small form per rule type, so the
criterion form shows only the fields of the chosen rule (swapped with htmx when the type changes)."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cchc.orgunits.models import UnitGroup, UnitType
from cchc.scoring import providers
from cchc.scoring.models import Criterion, Framework
from cchc.scoring.rules import RuleType
from cchc.scoring.rules.basis import BASES
from cchc.scoring.rules.formula import INPUT_KINDS

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


def add_service_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form (on its field when the service named one)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class FrameworkForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"), max_length=60, help_text=_("Short and unique, e.g. so-ban-nganh-2026.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    unit_group = forms.ModelChoiceField(
        label=_("Unit group"), queryset=UnitGroup.objects.select_related("group_set"), required=False
    )
    unit_types = forms.ModelMultipleChoiceField(
        label=_("Unit types"),
        queryset=UnitType.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Kinds of unit this framework is meant for (empty: not restricted). Ctrl+click to pick several."
        ),
    )
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class CloneForm(forms.Form):
    code = forms.SlugField(label=_("Code of the copy"), max_length=60)
    name = forms.CharField(label=_("Name of the copy"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, source: Framework, **kwargs: Any) -> None:
        year = source.year + 1
        kwargs.setdefault(
            "initial",
            {
                "code": source.code.replace(str(source.year), str(year))
                if str(source.year) in source.code
                else f"{source.code}-{year}",
                "name": source.name.replace(str(source.year), str(year))
                if str(source.year) in source.name
                else f"{source.name} {year}",
                "year": year,
            },
        )
        super().__init__(*args, **kwargs)
        _styled(self)


def _provider_choices(current: str = "") -> list[tuple[str, str]]:
    choices = [("", "—")] + [(p.key, f"{p.label} ({p.key})") for p in providers.all_providers()]
    if current and current not in dict(choices):
        choices.append((current, gettext("%(key)s (not available yet)") % {"key": current}))
    return choices


class CriterionForm(forms.Form):
    parent = forms.TypedChoiceField(label=_("Parent criterion"), required=False, coerce=int, empty_value=None)
    code = forms.CharField(label=_("Code"), max_length=30, help_text=_('e.g. "3.1.2"'))
    title = forms.CharField(label=_("Title"), max_length=500)
    max_points = forms.DecimalField(
        label=_("Maximum points"), min_value=0, max_digits=8, decimal_places=2, localize=True
    )
    kind = forms.ChoiceField(label=_("Type of points"), choices=Criterion.Kind.choices)
    method = forms.ChoiceField(label=_("Method"), choices=Criterion.Method.choices)
    provider_key = forms.ChoiceField(label=_("Automatic input"), required=False)
    rule_type = forms.ChoiceField(label=_("Scoring rule"), choices=RuleType.choices)
    guidance = forms.CharField(
        label=_("Scoring guidance"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_expected = forms.CharField(
        label=_("Evidence expected"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    applies_to = forms.ModelMultipleChoiceField(
        label=_("Applies to"),
        queryset=UnitType.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Kinds of unit the criterion applies to (empty: all). Ctrl+click to pick several."),
    )

    def __init__(
        self, *args: Any, framework: Framework, exclude_ids: set[int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        tree = framework.tree()
        excluded = exclude_ids or set()
        cast(forms.ChoiceField, self.fields["parent"]).choices = [("", gettext("— none (a domain) —"))] + [
            (n.id, f"{'· ' * n.depth}{n.code} {n.title[:80]}") for n in tree.nodes if n.id not in excluded
        ]
        current = self.initial.get("provider_key", "") or (
            self.data.get("provider_key", "") if self.is_bound else ""
        )
        cast(forms.ChoiceField, self.fields["provider_key"]).choices = _provider_choices(str(current or ""))
        _styled(self)


# --- rule parameters ---------------------------------------------------------------------------


def _dec(label: Any, required: bool = True, **kw: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=0, decimal_places=2, localize=True, **kw
    )


def _label_field(label: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=200)


ZERO_CHOICES = [
    ("na", _("Not applicable")),
    ("full", _("Full points")),
    ("zero", _("Zero")),
]


def _param_fields(rule_type: str) -> dict[str, forms.Field]:
    measure = {
        "basis": forms.ChoiceField(label=_("Measured as"), choices=BASES),
        "value_label": _label_field(_("Label of the value")),
        "numerator_label": _label_field(_("Label of the number achieved (ratio)")),
        "denominator_label": _label_field(_("Label of the total (ratio)")),
        "zero_denominator": forms.ChoiceField(
            label=_("A ratio of 0/0 counts as"), choices=ZERO_CHOICES, required=False
        ),
    }
    by_type: dict[str, dict[str, forms.Field]] = {
        RuleType.YES_NO: {"question": _label_field(_("Question shown to the unit"))},
        RuleType.TIERS: {
            **measure,
            "tiers": forms.CharField(
                label=_("Tiers"),
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_(
                    "One tier per line: lower bound (inclusive); points. E.g. “100; 1” then “80; 0,5”."
                ),
            ),
        },
        RuleType.PROPORTIONAL: {
            **measure,
            "target": _dec(_("Target"), required=False, help_text=_("Empty: 100%.")),
        },
        RuleType.PER_OCCURRENCE: {
            "points_each": _dec(_("Points per occurrence")),
            "cap": _dec(_("Cap"), required=False, help_text=_("Empty: the maximum points.")),
            "count_label": _label_field(_("What is counted")),
        },
        RuleType.DEDUCTION: {
            "points_each": _dec(_("Points deducted per occurrence")),
            "floor": _dec(_("Floor"), required=False, help_text=_("Empty: 0.")),
            "count_label": _label_field(_("What is counted")),
        },
        RuleType.DEADLINE: {
            "deadline": forms.DateField(
                label=_("Deadline"),
                input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                widget=forms.DateInput(format="%d/%m/%Y", attrs={"data-datepicker": ""}),
            ),
            "grace_days": forms.IntegerField(label=_("Days of grace"), min_value=0, required=False),
            "late_points": _dec(_("Points when late within the grace"), required=False),
            "task_label": _label_field(_("What must be completed")),
        },
        RuleType.FORMULA: {
            "inputs": forms.CharField(
                label=_("Inputs"),
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("One input per line: name | label | kind (number, count, percent, bool)."),
            ),
            "expression": forms.CharField(
                label=_("Formula"),
                max_length=500,
                help_text=_(
                    "Numbers, inputs, + − * /, brackets, min, max, round, abs, comparisons, “a if c else b”."
                ),
            ),
        },
    }
    fields = by_type.get(rule_type, {})
    return {
        **fields,
        "allow_na": forms.BooleanField(label=_("The unit may declare it not applicable"), required=False),
    }


class RuleParamsForm(forms.Form):
    """The parameters of one rule type; `params()` gives the JSON the services validate."""

    def __init__(self, *args: Any, rule_type: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "p")
        super().__init__(*args, **kwargs)
        self.rule_type = rule_type
        self.fields.update(_param_fields(rule_type))
        _styled(self)

    @classmethod
    def from_params(cls, rule_type: str, params: dict[str, Any]) -> RuleParamsForm:
        initial: dict[str, Any] = {}
        for key, value in (params or {}).items():
            # Decimal values show with the Vietnamese decimal comma in localized fields.
            is_number = isinstance(value, str) and value.replace(".", "", 1).isdigit()
            initial[key] = Decimal(value) if is_number and key != "deadline" else value
        if rule_type == RuleType.TIERS:
            initial["tiers"] = "\n".join(f"{_vi(t)}; {_vi(p)}" for t, p in params.get("tiers", []))
        if rule_type == RuleType.FORMULA:
            initial["inputs"] = "\n".join(
                f"{i['name']} | {i.get('label', '')} | {i.get('kind', 'number')}"
                for i in params.get("inputs", [])
            )
        if rule_type == RuleType.DEADLINE and params.get("deadline"):
            with contextlib.suppress(ValueError):
                initial["deadline"] = dt.date.fromisoformat(str(params["deadline"]))
        return cls(rule_type=rule_type, initial=initial)

    def params(self) -> dict[str, Any]:
        data = self.cleaned_data
        params: dict[str, Any] = {}
        for key, value in data.items():
            if value in (None, "", False):
                continue
            if key == "tiers":
                params["tiers"] = self._tiers(value)
            elif key == "inputs":
                params["inputs"] = self._inputs(value)
            elif isinstance(value, Decimal):
                params[key] = str(value)
            elif isinstance(value, dt.date):
                params[key] = value.isoformat()
            else:
                params[key] = value
        return params

    def _tiers(self, text: str) -> list[list[str]]:
        tiers = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("\t", ";").split(";")]
            if len(parts) != 2 or not all(parts):
                raise ValidationError(
                    gettext("Line %(n)s of the tiers: write “bound; points”.") % {"n": number}
                )
            tiers.append(parts)
        return tiers

    def _inputs(self, text: str) -> list[dict[str, str]]:
        inputs = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 1:
                parts += [parts[0], "number"]
            elif len(parts) == 2:
                parts.append("number")
            if len(parts) != 3 or parts[2] not in INPUT_KINDS:
                raise ValidationError(
                    gettext("Line %(n)s of the inputs: write “name | label | kind”.") % {"n": number}
                )
            inputs.append({"name": parts[0], "label": parts[1], "kind": parts[2]})
        return inputs


def _vi(value: Any) -> str:
    return str(value).replace(".", ",")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    code = forms.SlugField(label=_("Code of the new framework"), max_length=60)
    name = forms.CharField(label=_("Name"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    unit_group = forms.ModelChoiceField(
        label=_("Unit group"), queryset=UnitGroup.objects.select_related("group_set"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
