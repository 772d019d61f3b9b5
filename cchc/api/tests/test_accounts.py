"""GET /api/me, /api/users, /api/users/{id}: each persona sees itself, admins see their staff."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


class TestMe:
    @pytest.mark.parametrize(
        ("persona", "memberships"),
        [
            ("province_admin", [("TINH", "province_admin")]),
            ("dept_officer", [("SNV", "focal_officer")]),
            ("commune_officer", [("XA", "focal_officer")]),
            ("appraiser", [("TINH", "appraiser")]),
            ("leader", [("TINH", "viewer")]),
            ("outsider", [("STC", "focal_officer")]),
            ("system_admin", []),
            ("nobody", []),
        ],
    )
    def test_memberships(self, api, personas, persona, memberships):
        user = getattr(personas, persona)
        body = api(user, "GET", "/api/me").json()
        assert body["id"] == user.pk
        assert body["username"] == persona
        assert body["email"] == f"{persona}@example.org"
        assert body["full_name"] == user.full_name
        assert [(m["unit"]["code"], m["role"]) for m in body["memberships"]] == memberships
        assert body["is_system_admin"] is (persona == "system_admin")

    def test_capabilities_and_labels_per_membership(self, api, personas):
        (membership,) = api(personas.dept_officer, "GET", "/api/me").json()["memberships"]
        assert membership["capabilities"] == ["read", "write"]
        assert membership["role_label"]
        assert set(membership["unit"]) == {"id", "code", "name"}
        (admin,) = api(personas.province_admin, "GET", "/api/me").json()["memberships"]
        assert {"manage_units", "manage_users", "view_audit"} <= set(admin["capabilities"])

    def test_inactive_memberships_are_not_listed(self, api, personas):
        personas.leader.memberships.update(is_active=False)
        assert api(personas.leader, "GET", "/api/me").json()["memberships"] == []


TINH_STAFF = ["appraiser", "commune_officer", "dept_officer", "leader", "outsider", "province_admin"]


class TestUserList:
    @pytest.mark.parametrize(
        ("persona", "status", "usernames"),
        [
            ("province_admin", 200, TINH_STAFF),
            ("system_admin", 200, sorted([*TINH_STAFF, "nobody", "system_admin"])),
            ("dept_officer", 403, None),
            ("commune_officer", 403, None),
            ("appraiser", 403, None),
            ("leader", 403, None),
            ("outsider", 403, None),
            ("nobody", 403, None),
        ],
    )
    def test_only_user_managers_list_users(self, api, personas, persona, status, usernames):
        response = api(getattr(personas, persona), "GET", "/api/users")
        assert response.status_code == status
        if usernames is not None:
            body = response.json()
            assert [u["username"] for u in body["items"]] == usernames
            assert body["count"] == len(usernames)

    def test_filters(self, api, personas, province):
        admin = personas.province_admin

        def names(**query):
            return [u["username"] for u in api(admin, "GET", "/api/users", **query).json()["items"]]

        assert names(q="DEPT") == ["dept_officer"]
        assert names(role="viewer") == ["leader"]
        assert names(unit_id=province.stc.pk) == ["outsider"]
        assert api(admin, "GET", "/api/users", role="king").status_code == 422

    def test_pagination(self, api, personas):
        body = api(personas.province_admin, "GET", "/api/users", limit=2, offset=2).json()
        assert body["count"] == len(TINH_STAFF)
        assert [u["username"] for u in body["items"]] == TINH_STAFF[2:4]

    def test_unit_filter_out_of_scope_is_404(self, api, personas, province):
        from cchc.orgunits.services import unit_create

        other = unit_create(
            actor=None, code="KHAC", name="Tỉnh Khác", unit_type=province.types["tinh"], parent=None
        )
        response = api(personas.province_admin, "GET", "/api/users", unit_id=other.pk)
        assert response.status_code == 404


class TestUserDetail:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("province_admin", 200),
            ("system_admin", 200),
            ("dept_officer", 404),  # an officer does not manage accounts, not even their own
            ("commune_officer", 404),
            ("appraiser", 404),
            ("leader", 404),
            ("outsider", 404),
            ("nobody", 404),
        ],
    )
    def test_scope(self, api, personas, persona, status):
        target = personas.dept_officer
        response = api(getattr(personas, persona), "GET", f"/api/users/{target.pk}")
        assert response.status_code == status
        if status == 200:
            body = response.json()
            assert body["username"] == "dept_officer"
            assert [(m["unit"]["code"], m["role"]) for m in body["memberships"]] == [("SNV", "focal_officer")]
            assert "date_joined" in body
            assert "password" not in body

    def test_users_without_membership_are_only_visible_to_system_admins(self, api, personas):
        path = f"/api/users/{personas.nobody.pk}"
        assert api(personas.province_admin, "GET", path).status_code == 404
        assert api(personas.system_admin, "GET", path).status_code == 200

    def test_unknown_id_is_404(self, api, personas):
        assert api(personas.system_admin, "GET", "/api/users/999999").status_code == 404
