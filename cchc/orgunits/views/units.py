"""The unit list and detail, and the forms that change units (create, edit, move, close, merge)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.accounts import scope
from cchc.accounts.models import Membership
from cchc.audit.selectors import history_for_object
from cchc.orgunits import selectors, services
from cchc.orgunits.forms import (
    CloseForm,
    MergeForm,
    MoveForm,
    UnitForm,
    UnitListFilterForm,
    add_service_error,
)
from cchc.orgunits.models import OrgUnit
from cchc.orgunits.views._common import (
    form_data,
    history_entries,
    optional_url,
    render_maybe_partial,
    require_manage_anywhere,
)

HISTORY_LIMIT = 50


@login_required
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    if not data.get("as_of"):
        data["as_of"] = dt.date.today().strftime("%d/%m/%Y")
    form = UnitListFilterForm(data)
    filters = form.filters()
    nodes = selectors.unit_listing(request.user, **filters)
    flat = bool(filters["query"] or filters["unit_type"] or filters["level"] or filters["include_closed"])
    context = {
        "form": form,
        "nodes": nodes,
        "flat": flat,
        "as_of": filters["as_of"],
        "today": dt.date.today(),
        "can_manage": scope.has_capability_anywhere(request.user, scope.MANAGE_UNITS),
        "query_string": data.urlencode(),
    }
    return render_maybe_partial(request, "orgunits/list.html", "results", context)


def _detail_context(user: Any, unit: OrgUnit) -> dict[str, Any]:
    preds = selectors.predecessors(unit)
    succs = selectors.successors(unit)
    for link in [*preds, *succs]:
        link.share_percent = link.share * 100 if link.share is not None else None  # type: ignore[attr-defined]
    linked = {link.predecessor_id for link in preds} | {link.successor_id for link in succs}
    visible_ids = set(scope.visible_units(user).filter(pk__in=linked).values_list("pk", flat=True))
    members = None
    if scope.can(user, scope.MANAGE_USERS, unit):
        members = [
            (m, optional_url("accounts:user_detail", m.user_id))
            for m in Membership.objects.filter(unit=unit, is_active=True)
            .select_related("user")
            .order_by("user__full_name", "user__username")
        ]
    parent_visible = unit.parent is not None and bool(scope.capabilities_for(user, unit.parent))
    return {
        "unit": unit,
        "parent_visible": parent_visible,
        "children": list(selectors.children_of(unit)),
        "predecessors": preds,
        "successors": succs,
        "visible_ids": visible_ids,
        "moves": list(
            unit.moves.select_related("old_parent", "new_parent").order_by("-effective_date", "-id")
        ),
        "groups": list(unit.groups.select_related("group_set").order_by("group_set__name", "sort_order")),
        "members": members,
        "history": history_entries(list(history_for_object(unit)[:HISTORY_LIMIT])),
        "can_manage": scope.can(user, scope.MANAGE_UNITS, unit),
    }


@login_required
@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = scope.get_unit_for_user(request.user, pk)
    return render(request, "orgunits/detail.html", _detail_context(request.user, unit))


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "orgunits/form.html", {"form": form, **context})


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    require_manage_anywhere(request.user)
    initial: dict[str, Any] = {"valid_from": dt.date.today()}
    if request.GET.get("parent", "").isdigit():
        initial["parent"] = int(request.GET["parent"])
    form = UnitForm(*form_data(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Unit “%(name)s” created.") % {"name": unit.name})
            return redirect(unit)
    return _form_page(
        request,
        form,
        title=_("New unit"),
        submit=_("Create unit"),
        cancel_url=reverse("orgunits:list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = scope.get_unit_for_user(request.user, pk, scope.MANAGE_UNITS)
    form = UnitForm(*form_data(request), user=request.user, unit=unit, initial=UnitForm.initial_for(unit))
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data.get("reason", "")
        try:
            services.unit_update(actor=request.user, unit=unit, reason=reason, **form.service_kwargs())
        except ValidationError as exc:
            add_service_error(form, exc)
            unit.refresh_from_db()  # the service set the rejected values on the instance
        else:
            messages.success(request, _("Unit “%(name)s” saved.") % {"name": unit.name})
            return redirect(unit)
    return _form_page(
        request,
        form,
        unit=unit,
        title=_("Edit %(name)s") % {"name": unit.name},
        submit=_("Save"),
        cancel_url=unit.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request: HttpRequest, pk: int) -> HttpResponse:
    unit = scope.get_unit_for_user(request.user, pk, scope.MANAGE_UNITS)
    form = MoveForm(*form_data(request), user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_move(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("“%(name)s” now belongs to “%(parent)s”.")
                % {"name": unit.name, "parent": form.cleaned_data["new_parent"].name},
            )
            return redirect(unit)
    return _form_page(
        request,
        form,
        unit=unit,
        title=_("Move %(name)s") % {"name": unit.name},
        intro=_(
            "The unit and its sub-units move under the new parent from the effective date. "
            "The earlier parent is kept, so reports for earlier dates still show the old tree."
        ),
        submit=_("Move unit"),
        cancel_url=unit.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request: HttpRequest, pk: int) -> HttpResponse:
    unit = scope.get_unit_for_user(request.user, pk, scope.MANAGE_UNITS)
    form = CloseForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_close(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("“%(name)s” is closed from %(date)s.")
                % {
                    "name": unit.name,
                    "date": (form.cleaned_data["valid_to"] + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
                },
            )
            return redirect(unit)
    return _form_page(
        request,
        form,
        unit=unit,
        title=_("Close %(name)s") % {"name": unit.name},
        intro=_(
            "A closed unit is not deleted: its data and history stay. Close or move its sub-units "
            "first. To merge it into another unit, use “Merge units” instead."
        ),
        submit=_("Close unit"),
        submit_class="btn-danger",
        cancel_url=unit.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_merge(request: HttpRequest) -> HttpResponse:
    require_manage_anywhere(request.user)
    initial: dict[str, Any] = {"effective_date": dt.date.today()}
    if request.GET.get("source", "").isdigit():
        initial["sources"] = [int(request.GET["source"])]
    form = MergeForm(*form_data(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "sources": list(data["sources"]),
            "effective_date": data["effective_date"],
            "decision": data["decision"],
            "reason": data["reason"],
        }
        try:
            if form.creates_target:
                target = services.unit_merge_into_new(
                    code=data["new_code"],
                    name=data["new_name"],
                    unit_type=data["new_type"],
                    parent=data["new_parent"],
                    **common,
                )
            else:
                target = services.unit_merge(target=data["target"], **common)
        except ValidationError as exc:
            add_service_error(
                form,
                exc,
                {"code": "new_code", "name": "new_name", "unit_type": "new_type", "parent": "new_parent"},
            )
        else:
            messages.success(
                request,
                _("%(count)d units merged into “%(name)s”.")
                % {"count": len(common["sources"]), "name": target.name},
            )
            return redirect(target)
    return render(request, "orgunits/merge.html", {"form": form})
