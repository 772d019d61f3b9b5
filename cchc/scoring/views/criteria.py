"""Criterion create / edit (with the rule's parameter fields swapped by htmx), move, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.scoring import services
from cchc.scoring.forms import CriterionForm, RuleParamsForm, add_service_error
from cchc.scoring.models import Criterion, Framework
from cchc.scoring.permissions import can_manage, get_framework_for_user
from cchc.scoring.rules import RuleType

FIELDS = (
    "code",
    "title",
    "max_points",
    "kind",
    "method",
    "provider_key",
    "rule_type",
    "guidance",
    "evidence_expected",
)


def _criterion_for_user(user: Any, pk: int) -> Criterion:
    try:
        framework_id = Criterion.objects.values_list("framework_id", flat=True).get(pk=pk)
    except Criterion.DoesNotExist:
        raise Http404 from None
    framework = get_framework_for_user(user, framework_id, manage=True)
    criterion = Criterion.objects.select_related("parent").get(pk=pk)
    criterion.framework = framework
    return criterion


def _rule_type(request: HttpRequest, default: str) -> str:
    value = request.POST.get("rule_type") if request.method == "POST" else None
    return value if value in RuleType.values else default


def _save(
    request: HttpRequest,
    framework: Framework,
    form: CriterionForm,
    params_form: RuleParamsForm,
    criterion: Criterion | None,
) -> Criterion | None:
    if not (form.is_valid() and params_form.is_valid()):
        return None
    data = dict(form.cleaned_data)
    parent_id = data.pop("parent")
    applies_to = data.pop("applies_to")
    try:
        params = params_form.params()
        if criterion is None:
            parent = (
                Criterion.objects.filter(framework=framework, pk=parent_id).first() if parent_id else None
            )
            return services.criterion_create(
                actor=request.user,
                framework=framework,
                parent=parent,
                applies_to=applies_to,
                rule_params=params,
                **data,
            )
        criterion = services.criterion_update(
            actor=request.user, criterion=criterion, applies_to=applies_to, rule_params=params, **data
        )
        if parent_id != criterion.parent_id:
            parent = (
                Criterion.objects.filter(framework=framework, pk=parent_id).first() if parent_id else None
            )
            services.criterion_move(actor=request.user, criterion=criterion, parent=parent, position=10_000)
        return criterion
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "rule_params" in exc.error_dict:
            params_form.add_error(None, exc.error_dict.pop("rule_params"))
        if not hasattr(exc, "error_dict") or exc.error_dict:
            add_service_error(form, exc)
        return None


def _page(request: HttpRequest, **context: Any) -> HttpResponse:
    return render(request, "scoring/criterion_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_create(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_framework_for_user(request.user, pk, manage=True)
    initial: dict[str, Any] = {"rule_type": RuleType.MANUAL, "kind": Criterion.Kind.BASE}
    parent_id = request.GET.get("parent", "")
    if parent_id.isdigit():
        parent = Criterion.objects.filter(framework=framework, pk=int(parent_id)).first()
        if parent is not None:
            siblings = parent.children.count()
            initial.update(parent=parent.pk, kind=parent.kind, code=f"{parent.code}.{siblings + 1}")
    else:
        initial["code"] = str(
            Criterion.objects.filter(framework=framework, parent=None, kind="base").count() + 1
        )
    data = (request.POST,) if request.method == "POST" else ()
    form = CriterionForm(*data, framework=framework, initial=initial)
    rule_type = _rule_type(request, RuleType.MANUAL)
    params_form = RuleParamsForm(*data, rule_type=rule_type)
    if framework.is_frozen:
        form.add_error(None, _("This framework is frozen because a cycle uses it; clone it to make changes."))
    elif request.method == "POST":
        criterion = _save(request, framework, form, params_form, None)
        if criterion is not None:
            messages.success(request, _("Criterion %(code)s added.") % {"code": criterion.code})
            return redirect(f"{framework.get_absolute_url()}#c-{criterion.pk}")
    return _page(request, framework=framework, form=form, params_form=params_form, title=_("New criterion"))


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion_for_user(request.user, pk)
    framework = criterion.framework
    tree = framework.tree()
    subtree = {
        n.id for n in tree.nodes if n.id == criterion.pk or criterion.pk in {a.id for a in tree.ancestors(n)}
    }
    initial = {name: getattr(criterion, name) for name in FIELDS}
    initial.update(
        parent=criterion.parent_id, applies_to=list(criterion.applies_to.values_list("pk", flat=True))
    )
    data = (request.POST,) if request.method == "POST" else ()
    form = CriterionForm(*data, framework=framework, exclude_ids=subtree, initial=initial)
    rule_type = _rule_type(request, criterion.rule_type)
    if request.method == "POST":
        params_form = RuleParamsForm(request.POST, rule_type=rule_type)
    else:
        params_form = RuleParamsForm.from_params(rule_type, criterion.rule_params)
    if framework.is_frozen:
        form.add_error(None, _("This framework is frozen because a cycle uses it; clone it to make changes."))
    elif request.method == "POST":
        saved = _save(request, framework, form, params_form, criterion)
        if saved is not None:
            messages.success(request, _("Criterion %(code)s saved.") % {"code": saved.code})
            return redirect(f"{framework.get_absolute_url()}#c-{saved.pk}")
    has_children = criterion.children.exists()
    return _page(
        request,
        framework=framework,
        criterion=criterion,
        form=form,
        params_form=params_form,
        has_children=has_children,
        title=_("Edit criterion %(code)s") % {"code": criterion.code},
    )


@login_required
@require_GET
def rule_params(request: HttpRequest) -> HttpResponse:
    """htmx: the parameter fields of the rule type chosen in the criterion form (editors only)."""
    if not can_manage(request.user):
        raise PermissionDenied
    rule_type = request.GET.get("rule_type", "")
    if rule_type not in RuleType.values:
        rule_type = RuleType.MANUAL
    return render(
        request,
        "scoring/criterion_form.html#params",
        {"params_form": RuleParamsForm(rule_type=rule_type)},
    )


@login_required
@require_POST
def criterion_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Up or down among its siblings."""
    criterion = _criterion_for_user(request.user, pk)
    siblings = list(
        Criterion.objects.filter(framework=criterion.framework, parent_id=criterion.parent_id)
        .order_by("sort_order", "code")
        .values_list("pk", flat=True)
    )
    index = siblings.index(criterion.pk)
    index += -1 if request.POST.get("direction") == "up" else 1
    try:
        services.criterion_move(
            actor=request.user, criterion=criterion, parent=criterion.parent, position=max(0, index)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{criterion.framework.get_absolute_url()}#c-{criterion.pk}")


@login_required
@require_POST
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion_for_user(request.user, pk)
    try:
        removed = services.criterion_delete(actor=request.user, criterion=criterion)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Criterion %(code)s deleted (%(count)s in all).") % {"code": criterion.code, "count": removed},
        )
    return redirect(criterion.framework)
