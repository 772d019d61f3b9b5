"""Forms of the organisation-unit screens. They validate input; the services do the writing."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.orgunits.models import OrgUnit, UnitGroupSet, UnitType
from cchc.orgunits.selectors import manageable_units

MAX_IMPORT_BYTES = 5 * 1024 * 1024
IMPORT_EXTENSIONS = (".csv", ".xlsx")


class DatePickerInput(forms.DateInput):
    """A text input shown and parsed as dd/mm/yyyy, with the shared flatpickr date picker."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "data-datepicker": "",
            "placeholder": "dd/mm/yyyy",
            "autocomplete": "off",
            "inputmode": "numeric",
        }
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    # input_formats default to the active language's DATE_INPUT_FORMATS (config/formats): dd/mm/yyyy.
    return forms.DateField(label=label, required=required, widget=DatePickerInput(), help_text=help_text)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{obj.name} ({obj.code})"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{obj.name} ({obj.code})"


class BootstrapForm(forms.Form):
    """Bootstrap classes on every widget, and `is-invalid` on fields with errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "")
                if "is-invalid" not in css.split():
                    widget.attrs["class"] = f"{css} is-invalid".strip()


def add_service_error(
    form: forms.Form, error: ValidationError, field_map: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: on the matching field, else at the top."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            name = field_map.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class UnitListFilterForm(BootstrapForm):
    """Filters of the unit list (GET). Invalid values fall back to their defaults."""

    as_of = date_field(_("As of"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    unit_type = forms.ChoiceField(label=_("Unit type"), required=False)
    level = forms.TypedChoiceField(
        label=_("Level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All levels")), *UnitType.Level.choices],
    )
    closed = forms.BooleanField(label=_("Include closed units"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit_type"]).choices = [
            ("", _("All types")),
            *UnitType.objects.order_by("sort_order", "code").values_list("code", "name"),
        ]
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Name, code or abbreviation")}
        )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `selectors.unit_listing`; invalid fields fall back to defaults."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data keeps only the valid fields
            data = self.cleaned_data
        return {
            "as_of": data.get("as_of") or dt.date.today(),
            "query": (data.get("q") or "").strip(),
            "unit_type": data.get("unit_type") or None,
            "level": data.get("level"),
            "include_closed": bool(data.get("closed")),
        }


class UnitForm(BootstrapForm):
    """Create (with a parent) or edit (without: moving is its own action) a unit."""

    code = forms.CharField(label=_("Official code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=120, required=False)
    abbreviation = forms.CharField(
        label=_("Abbreviation"),
        max_length=30,
        required=False,
        help_text=_('Used in document numbers, e.g. "UBND" in "15/BC-UBND".'),
    )
    unit_type = forms.ModelChoiceField(label=_("Unit type"), queryset=UnitType.objects.none())
    parent = UnitChoiceField(label=_("Parent unit"), queryset=OrgUnit.objects.none())
    valid_from = date_field(_("Valid from"), required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        help_text=_("Recorded in the unit's history."),
    )

    def __init__(self, *args: Any, user: Any, unit: OrgUnit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        cast(forms.ModelChoiceField, self.fields["unit_type"]).queryset = UnitType.objects.order_by(
            "sort_order", "code"
        )
        if unit is None:
            parent = cast(forms.ModelChoiceField, self.fields["parent"])
            parent.queryset = manageable_units(user)
            parent.required = not scope.is_system_admin(user)
            if not parent.required:
                parent.help_text = _("Leave empty only for the province itself (a top-level unit).")
            del self.fields["reason"]
        else:
            del self.fields["parent"]

    @staticmethod
    def initial_for(unit: OrgUnit) -> dict[str, Any]:
        names = (
            "code",
            "name",
            "short_name",
            "abbreviation",
            "valid_from",
            "address",
            "email",
            "phone",
            "note",
        )
        return {**{n: getattr(unit, n) for n in names}, "unit_type": unit.unit_type_id}

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        return data


class MoveForm(BootstrapForm):
    new_parent = UnitChoiceField(label=_("New parent unit"), queryset=OrgUnit.objects.none())
    effective_date = date_field(_("Effective date"))
    decision = forms.CharField(
        label=_("Legal basis"), max_length=200, required=False, help_text=_("e.g. Decision 123/QĐ-UBND")
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args: Any, user: Any, unit: OrgUnit, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"effective_date": dt.date.today()})
        super().__init__(*args, **kwargs)
        # Not the unit itself nor its subtree, nor its current parent.
        cast(forms.ModelChoiceField, self.fields["new_parent"]).queryset = (
            manageable_units(user).exclude(path__startswith=unit.path).exclude(pk=unit.parent_id or 0)
        )


class CloseForm(BootstrapForm):
    valid_to = date_field(_("Last day of validity"))
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"valid_to": dt.date.today()})
        super().__init__(*args, **kwargs)


class MergeForm(BootstrapForm):
    """Sources into an existing unit, or into a new unit created in the same transaction."""

    sources = UnitMultipleChoiceField(
        label=_("Units to merge"),
        queryset=OrgUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("They close the day before the effective date. Hold Ctrl (or ⌘) to choose several."),
    )
    target = UnitChoiceField(
        label=_("Receiving unit (existing)"),
        queryset=OrgUnit.objects.none(),
        required=False,
    )
    new_code = forms.CharField(label=_("Code of the new unit"), max_length=40, required=False)
    new_name = forms.CharField(label=_("Name of the new unit"), max_length=255, required=False)
    new_type = forms.ModelChoiceField(
        label=_("Type of the new unit"), queryset=UnitType.objects.none(), required=False
    )
    new_parent = UnitChoiceField(
        label=_("Parent of the new unit"), queryset=OrgUnit.objects.none(), required=False
    )
    effective_date = date_field(_("Effective date"))
    decision = forms.CharField(
        label=_("Legal basis"),
        max_length=200,
        required=False,
        help_text=_("e.g. Resolution 1234/NQ-UBTVQH15"),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.may_create_top_level = scope.is_system_admin(user)
        units = manageable_units(user)
        for name in ("sources", "target", "new_parent"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = units
        cast(forms.ModelChoiceField, self.fields["new_type"]).queryset = UnitType.objects.order_by(
            "sort_order", "code"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        target = data.get("target")
        new = [data.get("new_code"), data.get("new_name"), data.get("new_type")]
        if target and any(new):
            raise ValidationError(_("Choose an existing receiving unit or describe a new one, not both."))
        if not target:
            if not any(new) and not data.get("new_parent"):
                raise ValidationError(_("Choose the receiving unit, or describe the new unit to create."))
            for name, value in zip(("new_code", "new_name", "new_type"), new, strict=True):
                if not value:
                    self.add_error(name, _("Required to create the new unit."))
            if not data.get("new_parent") and not self.may_create_top_level:
                self.add_error("new_parent", _("Required to create the new unit."))
        sources = data.get("sources") or []
        if target and any(s.pk == target.pk for s in sources):
            self.add_error("target", _("A unit cannot be merged into itself."))
        return data

    @property
    def creates_target(self) -> bool:
        return not self.cleaned_data.get("target")


class ImportUploadForm(BootstrapForm):
    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"),
        help_text=_("UTF-8 CSV (comma or semicolon) or an Excel workbook; at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in IMPORT_EXTENSIONS:
            raise ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload


class GroupSetForm(BootstrapForm):
    code = forms.SlugField(label=_("Code"), max_length=60, help_text=_("Letters, digits and hyphens."))
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class GroupForm(BootstrapForm):
    group_set = forms.ModelChoiceField(label=_("Group set"), queryset=UnitGroupSet.objects.none())
    code = forms.SlugField(label=_("Code"), max_length=60, help_text=_("Letters, digits and hyphens."))
    name = forms.CharField(label=_("Name"), max_length=200)
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["group_set"]).queryset = UnitGroupSet.objects.order_by(
            "name"
        )


class GroupMembersForm(BootstrapForm):
    members = UnitMultipleChoiceField(
        label=_("Member units"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["members"]).queryset = choices
