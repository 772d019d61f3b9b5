"""Account pages: the user's own profile and API tokens, and user administration.

Administration pages need MANAGE_USERS somewhere (403 otherwise); an account outside the
administrator's scope is a 404. The services enforce the rules again on every write.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import scope, selectors, services
from cchc.accounts.forms import (
    AdminSetPasswordForm,
    ApiTokenForm,
    MembershipAddForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
    add_service_errors,
)
from cchc.accounts.models import User
from cchc.audit.selectors import history_for_object

USERS_PER_PAGE = 25
HISTORY_LIMIT = 50


def _require_anywhere(user: Any, capability: str) -> None:
    if not scope.has_capability_anywhere(user, capability):
        raise PermissionDenied


def _is_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]


# --- The user's own account -------------------------------------------------------------------


def _profile_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        "memberships": scope.memberships(request.user),
        "tokens": selectors.api_tokens_for_user(request.user),  # type: ignore[arg-type]
        "token_form": ApiTokenForm(),
        "events": history_for_object(request.user)[:10],  # type: ignore[arg-type]
        **extra,
    }


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", _profile_context(request))


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/profile.html", _profile_context(request, token_form=form))
    token, raw = services.api_token_create(actor=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
    # The raw token is rendered once, in this response, and never stored anywhere.
    response = render(
        request, "accounts/profile.html", _profile_context(request, new_token=token, raw_token=raw)
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.get_api_token_for_user(request.user, pk)
    services.api_token_revoke(actor=request.user, token=token)  # type: ignore[arg-type]
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:profile")


# --- User administration ----------------------------------------------------------------------


@login_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    _require_anywhere(request.user, scope.MANAGE_USERS)
    units = selectors.manageable_units(request.user)
    form = UserFilterForm(request.GET, actor=request.user, units=units)
    form.is_valid()  # invalid fields are shown with their error and left out of the filter
    filters = form.cleaned_data
    users = selectors.users_for_user(
        request.user, query=filters.get("q", ""), role=filters.get("role", ""), unit=filters.get("unit")
    )
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("page"))
    template = "accounts/user_list.html#table" if _is_partial(request) else "accounts/user_list.html"
    response = render(request, template, {"form": form, "page_obj": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


def _detail_context(request: HttpRequest, target: User, **forms: Any) -> dict[str, Any]:
    actor = request.user
    units = selectors.manageable_units(actor)
    memberships = selectors.active_memberships(target)
    return {
        "target": target,
        "can_manage": services.can_manage_user(actor, target),
        "is_self": actor.pk == target.pk,
        "roles": [(m, services.can_remove_membership(actor, m)) for m in memberships],
        "membership_form": forms.get("membership_form") or MembershipAddForm(actor=actor, units=units),
        "password_form": forms.get("password_form") or AdminSetPasswordForm(user=target),
        "events": history_for_object(target)[:HISTORY_LIMIT],
    }


@login_required
@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_user_for_user(request.user, pk)
    return render(request, "accounts/user_detail.html", _detail_context(request, target))


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    _require_anywhere(request.user, scope.MANAGE_USERS)
    units = selectors.manageable_units(request.user)
    form = UserCreateForm(request.POST or None, actor=request.user, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                position=data["position"],
                phone=data["phone"],
                password=data["password1"],
                unit=data["unit"],
                role=data["role"] or None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc, field="password2" if not hasattr(exc, "error_dict") else None)
        else:
            messages.success(request, _("The account “%(name)s” has been created.") % {"name": user})
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "target": None})


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_user_for_user(request.user, pk)
    if not services.can_manage_user(request.user, target):
        raise PermissionDenied
    form = UserEditForm.for_user(target, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(
                actor=request.user, user=target, reason=form.cleaned_data["reason"], **form.changed_profile()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The account has been updated."))
            return redirect("accounts:user_detail", pk=target.pk)
    return render(request, "accounts/user_form.html", {"form": form, "target": target})


@login_required
@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_user_for_user(request.user, pk)
    form = MembershipAddForm(request.POST, actor=request.user, units=selectors.manageable_units(request.user))
    if form.is_valid():
        try:
            services.membership_add(
                actor=request.user,
                user=target,
                unit=form.cleaned_data["unit"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The role has been added."))
            return redirect("accounts:user_detail", pk=target.pk)
    context = _detail_context(request, target, membership_form=form)
    return render(request, "accounts/user_detail.html", context)


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    target = selectors.get_user_for_user(request.user, pk)
    membership = selectors.get_active_membership(target, membership_pk)
    if not services.can_remove_membership(request.user, membership):
        raise PermissionDenied
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(
        request,
        _("The role “%(role)s” in %(unit)s has been removed.")
        % {"role": membership.get_role_display(), "unit": membership.unit.name},
    )
    return redirect("accounts:user_detail", pk=target.pk)


@login_required
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_user_for_user(request.user, pk)
    if not services.can_manage_user(request.user, target):
        raise PermissionDenied
    active = request.POST.get("is_active") == "1"
    try:
        services.user_update(actor=request.user, user=target, is_active=active)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        if active:
            messages.success(request, _("The account has been activated."))
        else:
            messages.success(request, _("The account has been deactivated; it can no longer sign in."))
    return redirect("accounts:user_detail", pk=target.pk)


@login_required
@require_POST
def user_set_password(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_user_for_user(request.user, pk)
    if not services.can_manage_user(request.user, target):
        raise PermissionDenied
    form = AdminSetPasswordForm(request.POST, user=target)
    if form.is_valid():
        try:
            services.user_set_password(
                actor=request.user, user=target, password=form.cleaned_data["password1"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc, field="password2")
        else:
            messages.success(
                request, _("The new password is set. Give it to the user through a safe channel.")
            )
            return redirect("accounts:user_detail", pk=target.pk)
    context = _detail_context(request, target, password_form=form)
    return render(request, "accounts/user_detail.html", context)
