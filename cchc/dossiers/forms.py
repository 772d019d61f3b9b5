"""Forms of the dossier screens (filters, upload, calendar)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.dossiers.models import CalendarDay, Channel, Indicator, Outcome, Procedure
from cchc.dossiers.periods import KINDS, Period, period_for
from cchc.orgunits.forms import BootstrapForm

DATE_INPUT = {"data-datepicker": "", "autocomplete": "off", "placeholder": "dd/mm/yyyy"}
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MAX_UPLOAD = 512 * 1024 * 1024


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * max(obj.depth - 1, 0)}{obj.name}"


class DossierFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Dossier code"), required=False)
    unit = UnitChoiceField(label=_("Unit (with its sub-units)"), queryset=None, required=False)
    procedure = forms.ModelChoiceField(label=_("Procedure"), queryset=Procedure.objects.all(), required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", "—"), *Channel.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", "—"),
            ("pending", _("Being processed")),
            ("overdue", _("Overdue, being processed")),
            ("early", _("Resolved early")),
            ("on_time", _("Resolved on time")),
            ("late", _("Resolved late")),
            *[(v, label) for v, label in Outcome.choices if v not in ("", "resolved")],
        ],
    )
    received_from = forms.DateField(
        label=_("Received from"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs=DATE_INPUT),
    )
    received_to = forms.DateField(
        label=_("Received to"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs=DATE_INPUT),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ReportForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Period"), choices=list(KINDS.items()), initial="month")
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=_("Month / quarter / half"), min_value=1, max_value=12, initial=1, required=False
    )
    start = forms.DateField(
        label=_("From"), required=False, input_formats=DATE_FORMATS, widget=forms.TextInput(attrs=DATE_INPUT)
    )
    end = forms.DateField(
        label=_("To"), required=False, input_formats=DATE_FORMATS, widget=forms.TextInput(attrs=DATE_INPUT)
    )
    unit = UnitChoiceField(label=_("Unit (with its sub-units)"), queryset=None, required=False)
    field = forms.ChoiceField(label=_("Field"), required=False)
    procedure = forms.ModelChoiceField(label=_("Procedure"), queryset=Procedure.objects.all(), required=False)
    group_by = forms.ChoiceField(
        label=_("Group rows"),
        choices=[("unit", _("by unit")), ("field", _("by field"))],
        initial="unit",
        required=False,
    )

    def __init__(self, data: Any, *, units: Any, fields: list[str]) -> None:
        today = timezone.localdate()
        defaults = {"kind": "month", "year": today.year, "number": today.month, "group_by": "unit"}
        super().__init__(
            {**defaults, **{k: v for k, v in data.items() if v not in ("", None)}}
            if data is not None
            else defaults
        )
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["field"].choices = [("", "—"), *[(f, f) for f in fields]]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, number = data.get("kind"), data.get("number") or 1
        limits = {"month": 12, "quarter": 4, "half": 2}
        if kind in limits and not 1 <= number <= limits[kind]:
            self.add_error("number", _("Choose a number from 1 to %(n)s.") % {"n": limits[kind]})
        if kind == "custom" and not (data.get("start") and data.get("end") and data["start"] <= data["end"]):
            self.add_error("end", _("Give a start and an end date, the end not before the start."))
        return data

    def period(self) -> Period:
        d = self.cleaned_data
        return period_for(d["kind"], d["year"], d.get("number") or 1, d.get("start"), d.get("end"))


class DossierUploadForm(BootstrapForm):
    file = forms.FileField(label=_("File (CSV UTF-8, XLSX or JSON)"))
    source = forms.CharField(
        label=_("Source system"),
        max_length=40,
        initial="IGATE",
        help_text=_("e.g. IGATE, VIETTEL: dossier codes are unique within one source"),
    )
    dry_run = forms.BooleanField(label=_("Check only (write nothing)"), required=False, initial=True)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".json", ".jsonl", ".ndjson")):
            raise forms.ValidationError(_("Unsupported file type: use CSV, XLSX or JSON."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 512 MB."))
        return upload


class ProcedureUploadForm(BootstrapForm):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class CalendarDayForm(BootstrapForm):
    date = forms.DateField(
        label=_("Date"), input_formats=DATE_FORMATS, widget=forms.TextInput(attrs=DATE_INPUT)
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDay.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)


class CalendarYearForm(BootstrapForm):
    weekend_days = forms.CharField(label=_("Weekend days (1 = Monday … 7 = Sunday)"), max_length=20)
    morning_start = forms.TimeField(label=_("Morning start"))
    morning_end = forms.TimeField(label=_("Morning end"))
    afternoon_start = forms.TimeField(label=_("Afternoon start"))
    afternoon_end = forms.TimeField(label=_("Afternoon end"))


def default_year() -> int:
    return dt.date.today().year


class ReportedTotalsForm(BootstrapForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=None)
    start = forms.DateField(
        label=_("Period start"), input_formats=DATE_FORMATS, widget=forms.TextInput(attrs=DATE_INPUT)
    )
    end = forms.DateField(
        label=_("Period end"), input_formats=DATE_FORMATS, widget=forms.TextInput(attrs=DATE_INPUT)
    )
    carried_over = forms.IntegerField(label=_("Carried over"), min_value=0)
    received = forms.IntegerField(label=_("New received"), min_value=0)
    resolved = forms.IntegerField(label=_("Resolved"), min_value=0)
    resolved_on_time = forms.IntegerField(label=_("Resolved early or on time"), min_value=0)
    pending = forms.IntegerField(label=_("Pending"), min_value=0)
    returned_withdrawn = forms.IntegerField(label=_("Returned or withdrawn"), min_value=0, initial=0)
    transferred = forms.IntegerField(label=_("Transferred"), min_value=0, initial=0)
    source = forms.CharField(label=_("Source"), max_length=255, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class IndicatorValueForm(BootstrapForm):
    indicator: forms.ModelChoiceField[Indicator] = forms.ModelChoiceField(label=_("Indicator"), queryset=None)
    unit = UnitChoiceField(label=_("Unit"), queryset=None)
    start = forms.DateField(
        label=_("Period start"), input_formats=DATE_FORMATS, widget=forms.TextInput(attrs=DATE_INPUT)
    )
    end = forms.DateField(
        label=_("Period end"), input_formats=DATE_FORMATS, widget=forms.TextInput(attrs=DATE_INPUT)
    )
    rate = forms.DecimalField(label=_("Rate (%)"), min_value=0, max_value=100, decimal_places=2)
    provenance = forms.CharField(
        label=_("Provenance"), max_length=500, help_text=_("e.g. the national portal's report and its date")
    )

    def __init__(self, *args: Any, indicators: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
