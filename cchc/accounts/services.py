"""Writes to user accounts, memberships and API tokens (one transaction + audit event each)."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.accounts.models import ApiToken, Membership, Role, User
from cchc.audit.services import audit_record, diff, snapshot

USER_FIELDS = ("username", "full_name", "email", "position", "phone", "is_active")


def holds_system_admin(user: User) -> bool:
    """A superuser, or an active system-administrator role anywhere."""
    return bool(user.is_superuser) or user.memberships.filter(role=Role.SYSTEM_ADMIN, is_active=True).exists()


def _require_manage_user(actor: Any, user: User) -> None:
    """Admins manage users who hold a membership in their scope; system admins manage everyone.

    Only a system administrator may change a system administrator's account: otherwise a province
    admin could take it over by resetting its password.
    """
    if actor is None or scope.is_system_admin(actor):
        return
    if holds_system_admin(user):
        raise PermissionDenied
    # Inactive roles count too: an admin who removed a person's last role can still reactivate them.
    units = [m.unit for m in user.memberships.select_related("unit")]
    if not units or not all(scope.can(actor, scope.MANAGE_USERS, u) for u in units):
        raise PermissionDenied


def _audit_unit(user: User) -> Any:
    """The unit an account event is filed under, so unit auditors see it in the log."""
    membership = user.memberships.select_related("unit").order_by("unit__path").first()
    return membership.unit if membership else None


def can_manage_user(actor: Any, user: User) -> bool:
    """Whether the actor may change this account (profile, activation, password)."""
    try:
        _require_manage_user(actor, user)
    except PermissionDenied:
        return False
    return True


def can_remove_membership(actor: Any, membership: Membership) -> bool:
    """Admins remove roles in units they manage; only a system administrator removes a system-admin role."""
    if actor is None or scope.is_system_admin(actor):
        return True
    return membership.role != Role.SYSTEM_ADMIN and scope.can(actor, scope.MANAGE_USERS, membership.unit)


def user_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    email: str = "",
    password: str | None = None,
    position: str = "",
    phone: str = "",
    is_sample: bool = False,
    unit: Any = None,
    role: str | None = None,
) -> User:
    """Create an account, optionally with its first membership (required for non-system admins)."""
    if (actor is not None and not scope.is_system_admin(actor)) and (
        unit is None or not scope.can(actor, scope.MANAGE_USERS, unit)
    ):
        raise PermissionDenied
    with transaction.atomic():
        user = User(
            username=username.strip(),
            full_name=full_name.strip(),
            email=email.strip(),
            position=position,
            phone=phone,
            is_sample=is_sample,
        )
        user.refresh_search_text()
        if password:
            validate_password(password, user)
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(
            actor=actor,
            action="user.create",
            obj=user,
            unit=unit,
            changes={f: [None, v] for f, v in snapshot(user, USER_FIELDS).items()},
        )
        if unit is not None and role:
            membership_add(actor=actor, user=user, unit=unit, role=role)
    return user


def user_update(*, actor: Any, user: User, reason: str = "", **fields: Any) -> User:
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise ValueError(f"user_update cannot change {sorted(unknown)}")
    _require_manage_user(actor, user)
    if actor is not None and actor.pk == user.pk and fields.get("is_active") is False:
        raise ValidationError(_("You cannot deactivate your own account."))
    with transaction.atomic():
        before = snapshot(user, USER_FIELDS)
        for name, value in fields.items():
            setattr(user, name, value.strip() if isinstance(value, str) else value)
        user.refresh_search_text()
        user.full_clean(exclude=["password"])
        changes = diff(before, snapshot(user, USER_FIELDS))
        if changes:
            user.save()
            audit_record(
                actor=actor,
                action="user.update",
                obj=user,
                unit=_audit_unit(user),
                changes=changes,
                reason=reason,
            )
    return user


def user_set_password(*, actor: Any, user: User, password: str) -> User:
    """Set a password (an admin's reset or the user's own change); validated, never logged."""
    if actor is not None and actor.pk != user.pk:
        _require_manage_user(actor, user)
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(actor=actor, action="user.set_password", obj=user, unit=_audit_unit(user))
    return user


def membership_add(*, actor: Any, user: User, unit: Any, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if actor is not None:
        if role == Role.SYSTEM_ADMIN and not scope.is_system_admin(actor):
            raise PermissionDenied
        if not scope.can(actor, scope.MANAGE_USERS, unit):
            raise PermissionDenied
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
        if not created and membership.is_active:
            raise ValidationError(_("This user already has this role in this unit."))
        membership.is_active = True
        membership.save()
        audit_record(
            actor=actor,
            action="membership.add",
            obj=user,
            unit=unit,
            changes={"membership": [None, f"{role}@{unit.code}"]},
        )
    return membership


def membership_remove(*, actor: Any, membership: Membership, reason: str = "") -> Membership:
    if not can_remove_membership(actor, membership):
        raise PermissionDenied
    with transaction.atomic():
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="membership.remove",
            obj=membership.user,
            unit=membership.unit,
            changes={"membership": [f"{membership.role}@{membership.unit.code}", None]},
            reason=reason,
        )
    return membership


def api_token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor; returns the token row and the raw token (shown once)."""
    raw = "cchc_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor,
            name=name.strip() or _("API token"),
            prefix=raw[:12],
            digest=ApiToken.digest_for(raw),
        )
        audit_record(actor=actor, action="api_token.create", obj=token)
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk and not scope.is_system_admin(actor):
        raise PermissionDenied
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoke", obj=token)
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a raw token, or None. Records the last use."""
    if not raw or not raw.startswith("cchc_"):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_for(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
