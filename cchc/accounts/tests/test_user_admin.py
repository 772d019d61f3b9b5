"""User administration pages: list, detail, create, edit, roles, activation, admin password reset."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cchc.accounts.models import Membership, Role, User
from cchc.accounts.services import user_create, user_update
from cchc.audit.models import AuditEvent
from conftest import PASSWORD

NEW_PASSWORD = "Mot-mat-khau-moi-2025"


@pytest.fixture
def snv_admin(personas, province):
    """An administrator of one department only: manages users of Sở Nội vụ, not of its siblings."""
    return user_create(
        actor=None,
        username="snv_admin",
        full_name="Quản trị Sở Nội vụ",
        password=PASSWORD,
        unit=province.snv,
        role=Role.PROVINCE_ADMIN,
    )


def url(name, *args):
    return reverse(f"accounts:{name}", args=args)


def vi(message: str) -> str:
    """A message as the (Vietnamese, unprefixed) pages show it, whether or not it is translated yet."""
    with translation.override("vi"):
        return translation.gettext(message)


class TestUserList:
    def test_anonymous_is_sent_to_sign_in(self, client, personas):
        response = client.get(url("user_list"))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]

    @pytest.mark.parametrize("persona", ["outsider", "nobody", "dept_officer", "leader", "appraiser"])
    def test_users_without_manage_users_get_403(self, client_for, personas, persona):
        assert client_for(getattr(personas, persona)).get(url("user_list")).status_code == 403

    def test_province_admin_lists_accounts_in_scope_with_their_roles(self, client_for, personas):
        response = client_for(personas.province_admin).get(url("user_list"))
        assert response.status_code == 200
        usernames = {u.username for u in response.context["page_obj"]}
        assert {"dept_officer", "commune_officer", "outsider", "leader"} <= usernames
        # accounts without any role in the admin's units are not shown
        assert "nobody" not in usernames
        assert "system_admin" not in usernames
        assert "Sở Nội vụ" in response.text

    def test_system_admin_sees_every_account(self, client_for, personas):
        response = client_for(personas.system_admin).get(url("user_list"))
        usernames = {u.username for u in response.context["page_obj"]}
        assert {"nobody", "system_admin", "outsider"} <= usernames

    def test_department_admin_sees_only_their_department(self, client_for, personas, snv_admin):
        response = client_for(snv_admin).get(url("user_list"))
        usernames = {u.username for u in response.context["page_obj"]}
        assert "dept_officer" in usernames
        assert "outsider" not in usernames
        assert "province_admin" not in usernames

    def test_search_ignores_vietnamese_accents(self, client_for, personas, province):
        user_create(
            actor=None,
            username="ndang",
            full_name="Nguyễn Văn Đặng",
            unit=province.snv,
            role=Role.VIEWER,
        )
        response = client_for(personas.province_admin).get(url("user_list"), {"q": "van dang"})
        assert [u.username for u in response.context["page_obj"]] == ["ndang"]

    def test_filter_by_role_and_unit(self, client_for, personas, province):
        admin = client_for(personas.province_admin)
        by_role = admin.get(url("user_list"), {"role": Role.FOCAL_OFFICER})
        assert {u.username for u in by_role.context["page_obj"]} == {
            "dept_officer",
            "commune_officer",
            "outsider",
        }
        by_unit = admin.get(url("user_list"), {"unit": province.stc.pk})
        assert [u.username for u in by_unit.context["page_obj"]] == ["outsider"]

    def test_unit_filter_only_offers_units_the_admin_manages(self, client_for, personas, province, snv_admin):
        response = client_for(snv_admin).get(url("user_list"), {"unit": province.stc.pk})
        assert "unit" in response.context["form"].errors
        choices = dict(response.context["form"].fields["unit"].choices)
        assert str(province.snv.pk) in choices
        assert str(province.stc.pk) not in choices

    def test_htmx_request_returns_only_the_table(self, client_for, personas):
        response = client_for(personas.province_admin).get(
            url("user_list"), {"q": "dept"}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        assert "<html" not in response.text
        assert 'id="user-table"' in response.text
        assert "dept_officer" in response.text
        assert "HX-Request" in response["Vary"]

    def test_paginates_25_per_page(self, client_for, personas, province):
        for i in range(30):
            user_create(
                actor=None, username=f"u{i:02}", full_name=f"Cán bộ {i}", unit=province.ward, role="viewer"
            )
        admin = client_for(personas.province_admin)
        first = admin.get(url("user_list"), {"unit": province.ward.pk})
        second = admin.get(url("user_list"), {"unit": province.ward.pk, "page": 2})
        assert len(first.context["page_obj"]) == 25
        assert len(second.context["page_obj"]) == 5

    def test_query_count_does_not_grow_with_the_number_of_users(self, client_for, personas, province):
        admin = client_for(personas.province_admin)
        admin.get(url("user_list"))  # warm caches (content types, sessions)

        def count() -> int:
            with CaptureQueriesContext(connection) as ctx:
                assert admin.get(url("user_list")).status_code == 200
            return len(ctx.captured_queries)

        few = count()
        for i in range(20):
            user_create(
                actor=None, username=f"x{i:02}", full_name=f"X {i}", unit=province.centre, role="viewer"
            )
        assert count() == few

    def test_menu_shows_users_only_to_user_managers(self, client_for, personas):
        link = f'href="{url("user_list")}"'
        assert link in client_for(personas.province_admin).get(url("profile")).text
        assert link not in client_for(personas.outsider).get(url("profile")).text


class TestUserDetail:
    def test_admin_sees_profile_roles_and_history(self, client_for, personas):
        response = client_for(personas.province_admin).get(url("user_detail", personas.dept_officer.pk))
        assert response.status_code == 200
        assert response.context["can_manage"] is True
        assert [m.unit.code for m, _removable in response.context["roles"]] == ["SNV"]
        assert "dept_officer@example.org" in response.text
        # the account's audit history is included (its creation and first role)
        actions = [e.action for e in response.context["events"]]
        assert "user.create" in actions
        assert "membership.add" in actions

    @pytest.mark.parametrize("persona", ["outsider", "nobody", "dept_officer"])
    def test_others_get_404(self, client_for, personas, persona):
        target = personas.commune_officer
        assert client_for(getattr(personas, persona)).get(url("user_detail", target.pk)).status_code == 404

    def test_department_admin_cannot_open_a_sibling_departments_account(
        self, client_for, personas, snv_admin
    ):
        admin = client_for(snv_admin)
        assert admin.get(url("user_detail", personas.outsider.pk)).status_code == 404
        assert admin.get(url("user_detail", personas.dept_officer.pk)).status_code == 200

    def test_unknown_user_is_404(self, client_for, personas):
        assert client_for(personas.system_admin).get(url("user_detail", 999999)).status_code == 404

    def test_account_with_roles_outside_the_admins_scope_is_read_mostly(
        self, client_for, personas, province, snv_admin
    ):
        from cchc.accounts.services import membership_add

        membership_add(actor=None, user=personas.dept_officer, unit=province.stc, role=Role.VIEWER)
        admin = client_for(snv_admin)
        response = admin.get(url("user_detail", personas.dept_officer.pk))
        assert response.status_code == 200
        assert response.context["can_manage"] is False
        removable = {m.unit.code: r for m, r in response.context["roles"]}
        assert removable == {"SNV": True, "STC": False}
        assert admin.get(url("user_edit", personas.dept_officer.pk)).status_code == 403
        response = admin.post(url("user_set_active", personas.dept_officer.pk), {"is_active": "0"})
        assert response.status_code == 403
        personas.dept_officer.refresh_from_db()
        assert personas.dept_officer.is_active


class TestSystemAdministratorAccounts:
    """A province admin must not take over a system administrator's account within their scope."""

    @pytest.fixture
    def root(self, personas, province):
        return user_create(
            actor=None,
            username="root_admin",
            full_name="Quản trị hệ thống",
            password=PASSWORD,
            unit=province.province,
            role=Role.SYSTEM_ADMIN,
        )

    def test_province_admin_sees_but_cannot_change_it(self, client_for, personas, root):
        admin = client_for(personas.province_admin)
        response = admin.get(url("user_detail", root.pk))
        assert response.status_code == 200
        assert response.context["can_manage"] is False
        assert [removable for _m, removable in response.context["roles"]] == [False]
        data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        assert admin.post(url("user_set_password", root.pk), data).status_code == 403
        assert admin.post(url("user_set_active", root.pk), {"is_active": "0"}).status_code == 403
        assert admin.get(url("user_edit", root.pk)).status_code == 403
        membership = root.memberships.get()
        assert admin.post(url("membership_remove", root.pk, membership.pk)).status_code == 403
        root.refresh_from_db()
        membership.refresh_from_db()
        assert root.check_password(PASSWORD) and root.is_active and membership.is_active

    def test_system_admin_can_change_it(self, client_for, personas, root):
        data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        response = client_for(personas.system_admin).post(url("user_set_password", root.pk), data)
        assert response.status_code == 302
        root.refresh_from_db()
        assert root.check_password(NEW_PASSWORD)


class TestUserCreate:
    def form(self, unit, **extra):
        data = {
            "username": "new_officer",
            "full_name": "Trần Thị Mới",
            "email": "moi@example.org",
            "position": "Chuyên viên",
            "phone": "0900000000",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "unit": unit.pk if unit else "",
            "role": Role.FOCAL_OFFICER,
        }
        data.update(extra)
        return data

    def test_province_admin_creates_an_account_with_its_first_role(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(url("user_create"), self.form(province.snv))
        user = User.objects.get(username="new_officer")
        assert response.status_code == 302
        assert response["Location"] == url("user_detail", user.pk)
        assert user.check_password(NEW_PASSWORD)
        assert user.full_name == "Trần Thị Mới"
        assert list(user.memberships.values_list("unit__code", "role")) == [("SNV", Role.FOCAL_OFFICER)]
        event = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
        assert event.actor == personas.province_admin

    def test_non_system_admin_must_choose_a_unit(self, client_for, personas):
        response = client_for(personas.province_admin).post(url("user_create"), self.form(None))
        assert response.status_code == 200
        assert "unit" in response.context["form"].errors
        assert not User.objects.filter(username="new_officer").exists()

    def test_system_admin_may_create_an_account_without_a_unit(self, client_for, personas):
        response = client_for(personas.system_admin).post(url("user_create"), self.form(None, role=""))
        assert response.status_code == 302
        assert not User.objects.get(username="new_officer").memberships.exists()

    def test_system_admin_must_give_unit_and_role_together(self, client_for, personas, province):
        response = client_for(personas.system_admin).post(
            url("user_create"), self.form(province.snv, role="")
        )
        assert "role" in response.context["form"].errors

    @pytest.mark.parametrize(
        ("extra", "field"),
        [
            ({"password2": "Khac-mat-khau-2025"}, "password2"),
            ({"password1": "ngan", "password2": "ngan"}, "password2"),
            ({"username": "dept_officer"}, "username"),
            ({"email": "not-an-email"}, "email"),
        ],
    )
    def test_invalid_input_is_shown_on_the_form(self, client_for, personas, province, extra, field):
        response = client_for(personas.province_admin).post(
            url("user_create"), self.form(province.snv, **extra)
        )
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert User.objects.filter(full_name="Trần Thị Mới").count() == 0

    def test_only_system_admins_may_grant_the_system_admin_role(self, client_for, personas, province):
        admin = client_for(personas.province_admin)
        roles = dict(admin.get(url("user_create")).context["form"].fields["role"].choices)
        assert Role.SYSTEM_ADMIN not in roles
        response = admin.post(url("user_create"), self.form(province.snv, role=Role.SYSTEM_ADMIN))
        assert "role" in response.context["form"].errors
        assert not User.objects.filter(username="new_officer").exists()
        sysadmin_roles = dict(
            client_for(personas.system_admin).get(url("user_create")).context["form"].fields["role"].choices
        )
        assert Role.SYSTEM_ADMIN in sysadmin_roles

    def test_department_admin_cannot_create_in_a_sibling_department(
        self, client_for, personas, province, snv_admin
    ):
        response = client_for(snv_admin).post(url("user_create"), self.form(province.stc))
        assert "unit" in response.context["form"].errors
        assert not User.objects.filter(username="new_officer").exists()

    @pytest.mark.parametrize("persona", ["outsider", "nobody", "leader"])
    def test_others_get_403(self, client_for, personas, province, persona):
        client = client_for(getattr(personas, persona))
        assert client.get(url("user_create")).status_code == 403
        assert client.post(url("user_create"), self.form(province.stc)).status_code == 403
        assert not User.objects.filter(username="new_officer").exists()


class TestUserEdit:
    def test_admin_edits_the_profile_with_a_reason(self, client_for, personas):
        target = personas.dept_officer
        admin = client_for(personas.province_admin)
        assert admin.get(url("user_edit", target.pk)).status_code == 200
        response = admin.post(
            url("user_edit", target.pk),
            {
                "full_name": "Lê Văn Sửa",
                "email": target.email,
                "position": "Trưởng phòng",
                "phone": "",
                "reason": "Bổ nhiệm mới",
            },
        )
        assert response.status_code == 302
        target.refresh_from_db()
        assert (target.full_name, target.position) == ("Lê Văn Sửa", "Trưởng phòng")
        event = AuditEvent.objects.filter(action="user.update", object_id=str(target.pk)).get()
        assert event.changes["position"] == ["", "Trưởng phòng"]
        assert event.reason == "Bổ nhiệm mới"
        assert "email" not in event.changes

    def test_invalid_email_is_a_form_error(self, client_for, personas):
        response = client_for(personas.province_admin).post(
            url("user_edit", personas.dept_officer.pk), {"full_name": "X", "email": "nope"}
        )
        assert response.status_code == 200
        assert "email" in response.context["form"].errors

    @pytest.mark.parametrize("persona", ["outsider", "nobody", "commune_officer"])
    def test_others_get_404(self, client_for, personas, persona):
        client = client_for(getattr(personas, persona))
        target = personas.dept_officer
        assert client.get(url("user_edit", target.pk)).status_code == 404
        assert client.post(url("user_edit", target.pk), {"full_name": "Hacked"}).status_code == 404
        target.refresh_from_db()
        assert target.full_name == "Dept Officer"


class TestMemberships:
    def test_admin_adds_a_role(self, client_for, personas, province):
        target = personas.dept_officer
        response = client_for(personas.province_admin).post(
            url("membership_add", target.pk), {"unit": province.commune.pk, "role": Role.APPRAISER}
        )
        assert response.status_code == 302
        assert Membership.objects.filter(
            user=target, unit=province.commune, role=Role.APPRAISER, is_active=True
        ).exists()

    def test_adding_a_role_twice_is_a_form_error(self, client_for, personas, province):
        target = personas.dept_officer
        response = client_for(personas.province_admin).post(
            url("membership_add", target.pk), {"unit": province.snv.pk, "role": Role.FOCAL_OFFICER}
        )
        assert response.status_code == 200
        assert response.context["membership_form"].non_field_errors()
        assert vi("This user already has this role in this unit.") in response.text

    def test_unit_choices_are_limited_to_the_admins_units(self, client_for, personas, province, snv_admin):
        response = client_for(snv_admin).post(
            url("membership_add", personas.dept_officer.pk), {"unit": province.stc.pk, "role": Role.VIEWER}
        )
        assert "unit" in response.context["membership_form"].errors
        assert not personas.dept_officer.memberships.filter(unit=province.stc).exists()

    def test_admin_removes_a_role(self, client_for, personas):
        target = personas.dept_officer
        membership = target.memberships.get()
        response = client_for(personas.province_admin).post(
            url("membership_remove", target.pk, membership.pk)
        )
        assert response.status_code == 302
        membership.refresh_from_db()
        assert membership.is_active is False
        assert AuditEvent.objects.filter(action="membership.remove", object_id=str(target.pk)).exists()

    def test_removing_another_users_membership_through_this_user_is_404(self, client_for, personas):
        other = personas.commune_officer.memberships.get()
        response = client_for(personas.province_admin).post(
            url("membership_remove", personas.dept_officer.pk, other.pk)
        )
        assert response.status_code == 404
        other.refresh_from_db()
        assert other.is_active

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_others_get_404(self, client_for, personas, province, persona):
        client = client_for(getattr(personas, persona))
        target = personas.dept_officer
        membership = target.memberships.get()
        add = client.post(url("membership_add", target.pk), {"unit": province.stc.pk, "role": Role.VIEWER})
        remove = client.post(url("membership_remove", target.pk, membership.pk))
        assert (add.status_code, remove.status_code) == (404, 404)
        membership.refresh_from_db()
        assert membership.is_active
        assert target.memberships.count() == 1

    def test_removal_needs_post(self, client_for, personas):
        target = personas.dept_officer
        membership = target.memberships.get()
        response = client_for(personas.province_admin).get(url("membership_remove", target.pk, membership.pk))
        assert response.status_code == 405


class TestActivation:
    def test_admin_deactivates_and_reactivates(self, client_for, personas):
        target = personas.dept_officer
        admin = client_for(personas.province_admin)
        assert admin.post(url("user_set_active", target.pk), {"is_active": "0"}).status_code == 302
        target.refresh_from_db()
        assert target.is_active is False
        admin.post(url("user_set_active", target.pk), {"is_active": "1"})
        target.refresh_from_db()
        assert target.is_active is True
        changes = [
            e.changes["is_active"]
            for e in AuditEvent.objects.filter(action="user.update", object_id=str(target.pk))
        ]
        assert sorted(changes) == [[False, True], [True, False]]

    def test_admin_cannot_deactivate_themselves(self, client_for, personas):
        me = personas.province_admin
        response = client_for(me).post(url("user_set_active", me.pk), {"is_active": "0"}, follow=True)
        me.refresh_from_db()
        assert me.is_active
        assert vi("You cannot deactivate your own account.") in response.text

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_others_get_404(self, client_for, personas, persona):
        target = personas.dept_officer
        response = client_for(getattr(personas, persona)).post(
            url("user_set_active", target.pk), {"is_active": "0"}
        )
        assert response.status_code == 404
        target.refresh_from_db()
        assert target.is_active


class TestAdminSetPassword:
    def test_admin_sets_a_new_password(self, client_for, personas):
        target = personas.dept_officer
        response = client_for(personas.province_admin).post(
            url("user_set_password", target.pk), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert response.status_code == 302
        target.refresh_from_db()
        assert target.check_password(NEW_PASSWORD)
        event = AuditEvent.objects.get(action="user.set_password", object_id=str(target.pk))
        assert NEW_PASSWORD not in str(event.changes)

    @pytest.mark.parametrize(
        "data",
        [
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
            {"password1": "12345678901", "password2": "12345678901"},
            {"password1": "dept_officer1", "password2": "dept_officer1"},
        ],
    )
    def test_rejected_passwords_are_form_errors(self, client_for, personas, data):
        target = personas.dept_officer
        response = client_for(personas.province_admin).post(url("user_set_password", target.pk), data)
        assert response.status_code == 200
        assert "password2" in response.context["password_form"].errors
        target.refresh_from_db()
        assert target.check_password(PASSWORD)

    @pytest.mark.parametrize("persona", ["outsider", "nobody", "leader"])
    def test_others_get_404(self, client_for, personas, persona):
        target = personas.dept_officer
        response = client_for(getattr(personas, persona)).post(
            url("user_set_password", target.pk), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert response.status_code == 404
        target.refresh_from_db()
        assert target.check_password(PASSWORD)


def test_deactivated_accounts_are_listed_as_such(client_for, personas):
    user_update(actor=None, user=personas.dept_officer, is_active=False)
    response = client_for(personas.province_admin).get(url("user_list"), {"q": "dept"})
    assert vi("Deactivated") in response.text


def test_unit_choices_are_todays_units_as_a_tree_in_vietnamese_order(personas, province, snv_admin):
    from cchc.accounts.selectors import manageable_units

    assert [u.code for u in manageable_units(personas.province_admin)] == [
        "TINH",
        "PH",
        "SNV",
        "STC",
        "TTPV",
        "XA",
    ]
    assert [u.code for u in manageable_units(snv_admin)] == ["SNV"]
    assert manageable_units(personas.outsider) == []
    assert manageable_units(personas.nobody) == []


@pytest.mark.parametrize("username", ["Dept_Officer", "có dấu", "a b"])
def test_usernames_must_be_new_and_well_formed(client_for, personas, province, username):
    response = client_for(personas.province_admin).post(
        url("user_create"),
        {
            "username": username,
            "full_name": "Thử",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "unit": province.snv.pk,
            "role": Role.VIEWER,
        },
    )
    assert "username" in response.context["form"].errors
    assert not User.objects.filter(full_name="Thử").exists()
