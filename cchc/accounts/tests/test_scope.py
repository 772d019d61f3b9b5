"""Roles × units: the capability table and the subtree scope, for every persona."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cchc.accounts import scope
from cchc.accounts.services import membership_add, membership_remove


def visible_codes(user):
    return sorted(scope.visible_units(user).values_list("code", flat=True))


ALL = ["HUY", "PH", "SNV", "STC", "TINH", "TTPV", "XA", "XA1", "XA2", "XA3"]


@pytest.mark.parametrize(
    ("persona", "codes"),
    [
        ("province_admin", ALL),
        ("appraiser", ALL),
        ("leader", ALL),
        ("system_admin", ALL),
        ("dept_officer", ["SNV"]),
        ("commune_officer", ["XA"]),
        ("outsider", ["STC"]),
        ("nobody", []),
    ],
)
def test_visible_units_are_the_membership_subtrees(personas, persona, codes):
    assert visible_codes(getattr(personas, persona)) == codes


@pytest.mark.parametrize(
    ("persona", "unit", "capabilities"),
    [
        ("province_admin", "snv", {"read", "write", "approve", "manage_units", "manage_users", "view_audit"}),
        ("dept_officer", "snv", {"read", "write"}),
        ("dept_officer", "stc", set()),
        ("commune_officer", "commune", {"read", "write"}),
        ("commune_officer", "ward", set()),
        ("appraiser", "commune", {"read", "appraise"}),
        ("leader", "snv", {"read"}),
        ("outsider", "snv", set()),
        ("nobody", "province", set()),
    ],
)
def test_capabilities(province, personas, persona, unit, capabilities):
    assert scope.capabilities_for(getattr(personas, persona), getattr(province, unit)) == capabilities


def test_require_is_404_out_of_scope_and_403_when_read_only(province, personas):
    with pytest.raises(Http404):
        scope.require(personas.outsider, scope.READ, province.snv)
    with pytest.raises(PermissionDenied):
        scope.require(personas.leader, scope.WRITE, province.snv)
    scope.require(personas.dept_officer, scope.WRITE, province.snv)  # no exception


def test_deactivated_user_sees_nothing(personas):
    user = personas.province_admin
    user.is_active = False
    user.save()
    assert visible_codes(user) == []


def test_removed_membership_ends_the_scope(province, personas):
    officer = personas.dept_officer
    membership = officer.memberships.get()
    membership_remove(actor=personas.province_admin, membership=membership)
    officer.refresh_from_db()  # a fresh object: the request-level cache is per object
    assert visible_codes(officer) == []


def test_province_admin_cannot_grant_system_admin(province, personas):
    with pytest.raises(PermissionDenied):
        membership_add(
            actor=personas.province_admin, user=personas.nobody, unit=province.snv, role="system_admin"
        )


def test_focal_officer_cannot_grant_roles(province, personas):
    with pytest.raises(PermissionDenied):
        membership_add(
            actor=personas.dept_officer, user=personas.nobody, unit=province.snv, role="focal_officer"
        )


def test_province_admin_cannot_take_over_a_system_admin_account(province, personas):
    from cchc.accounts.services import membership_add, user_set_password, user_update

    root = personas.nobody
    membership = membership_add(actor=None, user=root, unit=province.province, role="system_admin")
    with pytest.raises(PermissionDenied):
        user_set_password(actor=personas.province_admin, user=root, password="Mot-mat-khau-moi-2026")
    with pytest.raises(PermissionDenied):
        user_update(actor=personas.province_admin, user=root, is_active=False)
    with pytest.raises(PermissionDenied):
        membership_remove(actor=personas.province_admin, membership=membership)
    root.refresh_from_db()
    assert root.is_active and root.check_password("Mot-mat-khau-moi-2026") is False
