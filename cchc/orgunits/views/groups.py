"""Unit groups: group sets (e.g. "Xếp hạng CCHC 2025") and their groups of units."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.accounts import scope
from cchc.core.ordering import order_vi
from cchc.core.text import vi_sort_key
from cchc.orgunits import selectors, services
from cchc.orgunits.forms import GroupForm, GroupMembersForm, GroupSetForm, add_service_error
from cchc.orgunits.models import UnitGroup
from cchc.orgunits.views._common import form_data, require_manage_anywhere


@login_required
@require_http_methods(["GET", "POST"])
def group_list(request: HttpRequest) -> HttpResponse:
    """Group sets with their groups; managers create sets and groups here (two small forms)."""
    can_manage = scope.has_capability_anywhere(request.user, scope.MANAGE_UNITS)
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted:
        require_manage_anywhere(request.user)
    set_form = GroupSetForm(request.POST if posted == "set" else None, prefix="set")
    group_form = GroupForm(request.POST if posted == "group" else None, prefix="group")
    try:
        if posted == "set" and set_form.is_valid():
            group_set = services.group_set_create(actor=request.user, **set_form.cleaned_data)
            messages.success(request, _("Group set “%(name)s” created.") % {"name": group_set.name})
            return redirect("orgunits:group_list")
        if posted == "group" and group_form.is_valid():
            group = services.group_create(actor=request.user, **group_form.cleaned_data)
            messages.success(request, _("Group “%(name)s” created.") % {"name": group.name})
            return redirect("orgunits:group_list")
    except ValidationError as exc:
        add_service_error(set_form if posted == "set" else group_form, exc)
    context = {
        "group_sets": selectors.group_sets_with_counts(),
        "can_manage": can_manage,
        "set_form": set_form,
        "group_form": group_form,
        "open_form": posted or "",
    }
    return render(request, "orgunits/group_list.html", context)


@login_required
@require_GET
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(UnitGroup.objects.select_related("group_set"), pk=pk)
    members = list(order_vi(group.members.select_related("unit_type", "parent"), "name"))
    visible_ids = set(
        scope.visible_units(request.user).filter(pk__in=[m.pk for m in members]).values_list("pk", flat=True)
    )
    context = {
        "group": group,
        "members": members,
        "visible_ids": visible_ids,
        "can_manage": scope.has_capability_anywhere(request.user, scope.MANAGE_UNITS),
    }
    return render(request, "orgunits/group_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_members(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the members among the units the user manages; other members are kept as they are."""
    require_manage_anywhere(request.user)
    group = get_object_or_404(UnitGroup.objects.select_related("group_set"), pk=pk)
    choices = selectors.group_member_choices(request.user, group)
    current = list(group.members.all())
    choice_ids = set(choices.values_list("pk", flat=True))
    kept = [u for u in current if u.pk not in choice_ids]
    form = GroupMembersForm(
        *form_data(request),
        choices=choices,
        initial={"members": [u.pk for u in current if u.pk in choice_ids]},
    )
    if request.method == "POST" and form.is_valid():
        units = [*form.cleaned_data["members"], *kept]
        services.group_set_members(
            actor=request.user, group=group, units=units, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Members of “%(name)s” saved.") % {"name": group.name})
        return redirect("orgunits:group_detail", pk=group.pk)
    context = {"group": group, "form": form, "kept": sorted(kept, key=lambda u: vi_sort_key(u.name))}
    return render(request, "orgunits/group_members.html", context)
