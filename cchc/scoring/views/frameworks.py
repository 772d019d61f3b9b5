"""Framework list, detail (the tree with its totals check), create, edit, clone, delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.audit.models import AuditEvent
from cchc.orgunits.models import UnitType
from cchc.scoring import checks, rules, services
from cchc.scoring.forms import CloneForm, FrameworkForm, add_service_error
from cchc.scoring.models import Framework
from cchc.scoring.permissions import (
    can_manage,
    get_framework_for_user,
    manageable_roots,
    visible_q,
)
from cchc.scoring.tree import Node


def _form_data(request: HttpRequest) -> tuple[Any, ...]:
    return (request.POST, request.FILES) if request.method == "POST" else ()


@login_required
@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = (
        Framework.objects.filter(visible_q(request.user))
        .select_related("unit_group", "owner")
        .prefetch_related("unit_types")
        .annotate(criteria_count=Count("criteria"))
        .order_by("-year", "name")
    )
    context = {"frameworks": frameworks, "can_manage": can_manage(request.user)}
    return render(request, "scoring/list.html", context)


@dataclass
class Row:
    node: Node
    rule_text: str
    types: str
    problem: str


@login_required
@require_GET
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_framework_for_user(request.user, pk)
    tree = framework.tree()
    problems = checks.problems(tree)
    by_node: dict[int, list[str]] = {}
    for problem in problems:
        if problem.criterion_id:
            by_node.setdefault(problem.criterion_id, []).append(problem.message)
    type_names = dict(UnitType.objects.values_list("pk", "name"))
    rows = []
    for node in tree.nodes:
        text = ""
        if node.is_leaf:
            try:
                text = rules.describe(node.rule_type, node.rule_params, node.max_points)
            except (ValidationError, KeyError, ValueError, ArithmeticError):
                text = _("Invalid parameters")
        types = ", ".join(sorted(type_names.get(t, "?") for t in node.applies_to))
        rows.append(Row(node, text, types, " ".join(by_node.get(node.id, []))))
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Framework), object_id=str(framework.pk)
    ).select_related("actor")[:20]
    context = {
        "framework": framework,
        "rows": rows,
        "summary": checks.summarise(tree),
        "problems": problems,
        "blocking": [p for p in problems if p.blocking],
        "editable": can_manage(request.user, framework) and not framework.is_frozen,
        "can_clone": can_manage(request.user, framework),
        "events": events,
    }
    return render(request, "scoring/detail.html", context)


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "scoring/form.html", {"form": form, **context})


@login_required
@require_http_methods(["GET", "POST"])
def framework_create(request: HttpRequest) -> HttpResponse:
    roots = manageable_roots(request.user)
    if not roots:
        raise PermissionDenied
    form = FrameworkForm(*_form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            framework = services.framework_create(actor=request.user, owner=roots[0], **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Framework “%(name)s” created.") % {"name": framework.name})
            return redirect(framework)
    return _form_page(
        request,
        form,
        title=_("New framework"),
        submit=_("Create framework"),
        cancel_url=reverse("scoring:list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def framework_edit(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_framework_for_user(request.user, pk, manage=True)
    initial = {
        "code": framework.code,
        "name": framework.name,
        "year": framework.year,
        "unit_group": framework.unit_group_id,
        "unit_types": list(framework.unit_types.values_list("pk", flat=True)),
        "legal_basis": framework.legal_basis,
        "description": framework.description,
    }
    form = FrameworkForm(*_form_data(request), initial=initial)
    if framework.is_frozen:
        form.add_error(None, _("This framework is frozen because a cycle uses it; clone it to make changes."))
    elif request.method == "POST" and form.is_valid():
        try:
            services.framework_update(actor=request.user, framework=framework, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Framework saved."))
            return redirect(framework)
    return _form_page(
        request,
        form,
        framework=framework,
        title=_("Edit framework"),
        submit=_("Save"),
        cancel_url=framework.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def framework_clone(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_framework_for_user(request.user, pk, manage=True)
    form = CloneForm(*_form_data(request), source=source)
    if request.method == "POST" and form.is_valid():
        try:
            clone = services.framework_clone(actor=request.user, source=source, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("Framework copied to “%(name)s”; you can now edit it.") % {"name": clone.name}
            )
            return redirect(clone)
    return _form_page(
        request,
        form,
        framework=source,
        title=_("Clone framework"),
        intro=_(
            "A draft copy of the whole tree is made; deadlines in the rules move by the difference in years."
        ),
        submit=_("Clone"),
        cancel_url=source.get_absolute_url(),
    )


@login_required
@require_POST
def framework_delete(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_framework_for_user(request.user, pk, manage=True)
    try:
        services.framework_delete(actor=request.user, framework=framework)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(framework)
    messages.success(request, _("Framework “%(name)s” deleted.") % {"name": framework.name})
    return redirect("scoring:list")
