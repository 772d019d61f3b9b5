"""Forms of the plan screens. They validate input; the services do the writing."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.orgunits.forms import BootstrapForm, UnitChoiceField, UnitMultipleChoiceField, date_field
from cchc.orgunits.models import OrgUnit
from cchc.plans import periods
from cchc.plans.models import DeadlineKind, Direction, Meeting, Plan, PlanArea, Task, TaskStatus, TaskUpdate


def _qs(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def current_units() -> Any:
    today = dt.date.today()
    return OrgUnit.objects.exclude(valid_to__lt=today).order_by("path")


def writable_units(user: Any) -> Any:
    return current_units().filter(scope.unit_q(user, capability=scope.WRITE, prefix=""))


ALL = _("— All —")


class PlanFilterForm(BootstrapForm):
    """Filters of the plan list; the choices offer only what the user's plans contain."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", ALL), *Plan.Status.choices])
    unit = UnitChoiceField(
        label=_("Issuing unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=ALL
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = plans.order_by("-year").values_list("year", flat=True).distinct()
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", ALL), *((y, str(y)) for y in years)]
        _qs(self, "unit").queryset = OrgUnit.objects.filter(
            pk__in=plans.order_by().values("issuing_unit_id")
        ).order_by("path")


class PlanForm(BootstrapForm):
    issuing_unit = UnitChoiceField(label=_("Issuing unit"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=300)
    doc_number = forms.CharField(
        label=_("Document number"), max_length=60, required=False, help_text=_("e.g. 02/KH-UBND")
    )
    doc_date = date_field(_("Document date"), required=False)
    legal_basis = forms.CharField(
        label=_("Legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    parent = forms.ModelChoiceField(
        label=_("Derived from plan"), queryset=Plan.objects.none(), required=False
    )
    trust_self_reports = forms.BooleanField(
        label=_("Count reported completions without acceptance"), required=False
    )
    escalation_days = forms.IntegerField(
        label=_("Escalate overdue tasks to the unit leader after (days)"),
        min_value=1,
        max_value=365,
        initial=7,
    )

    def __init__(self, *args: Any, user: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from cchc.plans.selectors import plans_for_user

        _qs(self, "issuing_unit").queryset = writable_units(user)
        parents = plans_for_user(user).exclude(status=Plan.Status.DRAFT)
        if plan is not None:
            del self.fields["issuing_unit"]
            parents = parents.exclude(pk=plan.pk)
        _qs(self, "parent").queryset = parents.select_related("issuing_unit")


class TaskForm(BootstrapForm):
    area = forms.ModelChoiceField(label=_("PAR area"), queryset=PlanArea.objects.filter(is_active=True))
    number = forms.CharField(label=_("Number"), max_length=20, required=False)
    title = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = UnitChoiceField(label=_("Lead unit"), queryset=OrgUnit.objects.none())
    coordinating_units = UnitMultipleChoiceField(
        label=_("Coordinating units"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    output = forms.CharField(label=_("Expected output"), max_length=300, required=False)
    start_date = date_field(_("Start"), required=False)
    deadline_kind = forms.ChoiceField(label=_("Deadline kind"), choices=DeadlineKind.choices)
    deadline = date_field(_("Deadline"), required=False, help_text=_("For a deadline by date."))
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=6, decimal_places=2, initial=1)
    parent = forms.ModelChoiceField(label=_("Parent task"), queryset=Task.objects.none(), required=False)
    par_index_code = forms.CharField(label=_("PAR INDEX criterion code"), max_length=20, required=False)
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=300,
        required=False,
        help_text=_("Required once the plan is approved: the change is shown against the baseline."),
    )

    def __init__(self, *args: Any, plan: Plan, task: Task | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = current_units()
        _qs(self, "lead_unit").queryset = units
        _qs(self, "coordinating_units").queryset = units
        parents = plan.tasks.filter(parent__isnull=True)
        if task is not None:
            parents = parents.exclude(pk=task.pk)
        _qs(self, "parent").queryset = parents
        if plan.status == Plan.Status.DRAFT:
            del self.fields["reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("deadline_kind")
        if kind == DeadlineKind.DATE and not data.get("deadline"):
            self.add_error("deadline", _("Enter the deadline."))
        if kind == DeadlineKind.QUARTER and not data.get("quarter"):
            self.add_error("quarter", _("Choose the quarter."))
        return data

    @staticmethod
    def initial_for(task: Task) -> dict[str, Any]:
        return {
            "area": task.area_id,
            "number": task.number,
            "title": task.title,
            "lead_unit": task.lead_unit_id,
            "coordinating_units": list(task.coordinating_units.values_list("pk", flat=True)),
            "output": task.output,
            "start_date": task.start_date,
            "deadline_kind": task.deadline_kind,
            "deadline": task.deadline,
            "quarter": task.quarter,
            "weight": task.weight,
            "parent": task.parent_id,
            "par_index_code": task.par_index_code,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        data["coordinating_units"] = list(data["coordinating_units"])
        data["number"] = data["number"] or ""
        return data


class TaskFilterForm(BootstrapForm):
    area = forms.ModelChoiceField(
        label=_("PAR area"), queryset=PlanArea.objects.all(), required=False, empty_label=ALL
    )
    unit = UnitChoiceField(
        label=_("Lead unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=ALL
    )
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", ALL),
            ("completed", _("Completed")),
            ("in_progress", _("In progress")),
            ("not_started", _("Not started")),
            ("not_done", _("Not carried out")),
            ("cancelled", _("Cancelled")),
        ],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, unit_ids: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _qs(self, "unit").queryset = OrgUnit.objects.filter(pk__in=list(unit_ids)).order_by("path")


class CancelForm(BootstrapForm):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    cancelled_on = date_field(_("Cancelled on"), required=False)


class UpdateForm(BootstrapForm):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    percent = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100, required=False)
    text = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label=_("Reason (when not carried out)"), max_length=300, required=False)
    reported_on = date_field(_("Report date"))
    completed_on = date_field(_("Completed on"), required=False)
    period_key = forms.ChoiceField(
        label=_("Reporting period"), choices=[("", "—"), *periods.CHOICES], required=False
    )
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)
    evidence_number = forms.CharField(label=_("Evidence document number"), max_length=60, required=False)
    evidence_date = date_field(_("Evidence document date"), required=False)

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not task.is_recurring:
            del self.fields["period_key"]


class ContributionForm(BootstrapForm):
    unit = UnitChoiceField(label=_("Coordinating unit"), queryset=OrgUnit.objects.none())
    text = forms.CharField(label=_("Contribution"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)
    evidence_number = forms.CharField(label=_("Evidence document number"), max_length=60, required=False)
    evidence_date = date_field(_("Evidence document date"), required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _qs(self, "unit").queryset = units


class ReviewForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("return", _("Return"))],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StatsForm(BootstrapForm):
    period = forms.ChoiceField(label=_("Period"), choices=periods.CHOICES, initial="year", required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class MeetingForm(BootstrapForm):
    unit = UnitChoiceField(label=_("Organising unit"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=Meeting.Level.choices)
    date = date_field(_("Date"))
    title = forms.CharField(label=_("Title"), max_length=300)
    chair = forms.CharField(label=_("Chaired by"), max_length=200, required=False)
    attendees = forms.IntegerField(label=_("Attendees"), min_value=0, initial=0)
    online_sites = forms.IntegerField(label=_("Online sites"), min_value=0, initial=0)
    notice_number = forms.CharField(label=_("Conclusion notice number"), max_length=60, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _qs(self, "unit").queryset = writable_units(user)


class ConclusionTaskForm(BootstrapForm):
    """A conclusion and, optionally, the task it assigns with the "5 rõ"."""

    number = forms.CharField(label=_("Number"), max_length=20, required=False)
    text = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 2}))
    plan = forms.ModelChoiceField(
        label=_("Plan the task goes into"), queryset=Plan.objects.none(), required=False
    )
    area = forms.ModelChoiceField(
        label=_("PAR area"), queryset=PlanArea.objects.filter(is_active=True), required=False
    )
    who = UnitChoiceField(label=_("Who (lead unit)"), queryset=OrgUnit.objects.none(), required=False)
    what = forms.CharField(label=_("What (task)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    by_when = date_field(_("By when"), required=False)
    expected_result = forms.CharField(label=_("Expected result"), max_length=300, required=False)
    responsibility = forms.CharField(label=_("Responsibility"), max_length=300, required=False)

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _qs(self, "plan").queryset = plans
        _qs(self, "who").queryset = current_units()

    @property
    def assigns_task(self) -> bool:
        return bool(self.cleaned_data.get("what"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("what"):
            for name in ("plan", "area", "who", "by_when", "expected_result", "responsibility"):
                if not data.get(name):
                    self.add_error(name, _("Required by the “5 rõ” principle."))
        return data


class ProgrammeForm(BootstrapForm):
    issuing_unit = UnitChoiceField(label=_("Issuing unit"), queryset=OrgUnit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    doc_number = forms.CharField(
        label=_("Document number"), max_length=60, required=False, help_text=_("e.g. 05/NQ-HĐND")
    )
    doc_date = date_field(_("Document date"), required=False)
    start_year = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("To year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["issuing_unit"]
        else:
            _qs(self, "issuing_unit").queryset = current_units().filter(
                scope.unit_q(user, capability=scope.APPROVE, prefix="")
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year is before the first year."))
        return data


class TargetForm(BootstrapForm):
    number = forms.CharField(label=_("Number"), max_length=20, required=False)
    name = forms.CharField(label=_("Target"), max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    unit_of_measure = forms.CharField(
        label=_("Unit of measure"), max_length=40, required=False, help_text=_("e.g. %, hồ sơ, ngày")
    )
    direction = forms.ChoiceField(label=_("Met when the actual value is"), choices=Direction.choices)
    baseline_value = forms.DecimalField(
        label=_("Baseline value"), required=False, max_digits=14, decimal_places=2, localize=True
    )
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), required=False, min_value=2000, max_value=2100
    )
    end_value = forms.DecimalField(
        label=_("Target for the end of the programme"),
        required=False,
        max_digits=14,
        decimal_places=2,
        localize=True,
        help_text=_("Yearly or quarterly targets are entered as planned values on the target's page."),
    )
    responsible_unit = UnitChoiceField(
        label=_("Responsible unit"), queryset=OrgUnit.objects.none(), required=False
    )
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _qs(self, "responsible_unit").queryset = current_units()

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("sort_order") is None:
            data.pop("sort_order", None)
        return data


class TargetValueForm(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        choices=[
            (0, _("Whole year")),
            (1, _("Quarter I")),
            (2, _("Quarter II")),
            (3, _("Quarter III")),
            (4, _("Quarter IV")),
        ],
    )
    planned = forms.DecimalField(
        label=_("Planned value"), required=False, max_digits=14, decimal_places=2, localize=True
    )
    actual = forms.DecimalField(
        label=_("Actual value"), required=False, max_digits=14, decimal_places=2, localize=True
    )
    source = forms.CharField(
        label=_("Source of the actual value"),
        max_length=300,
        required=False,
        help_text=_("e.g. Báo cáo số 12/BC-SNV ngày 10/01/2026"),
    )

    def __init__(self, *args: Any, can_plan: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_plan:
            del self.fields["planned"]


class ImportForm(BootstrapForm):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    plan = forms.ModelChoiceField(label=_("Add the tasks to plan"), queryset=Plan.objects.none())

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _qs(self, "plan").queryset = plans


UPDATE_REVIEW = TaskUpdate.Review
