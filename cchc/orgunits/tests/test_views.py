"""The unit screens: list (tree, search, as-of), detail, the forms that change units, groups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.accounts.models import Role
from cchc.audit.models import AuditEvent
from cchc.orgunits.models import OrgUnit, UnitGroup, UnitLineage, UnitMove
from cchc.orgunits.services import (
    group_create,
    group_set_create,
    group_set_members,
    unit_create,
    unit_type_upsert,
)
from conftest import _user

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [node.unit.name for node in response.context["nodes"]]


def as_client(client_for, personas, who: str) -> Client:
    return Client() if who == "anonymous" else client_for(getattr(personas, who))


# --- Permissions ------------------------------------------------------------------------------

WRITE_ON_SNV = ["edit", "move", "close"]


@pytest.mark.parametrize("view", WRITE_ON_SNV)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("outsider", 404),  # STC focal officer: SNV is a sibling, out of scope
        ("commune_officer", 404),
        ("leader", 403),
        ("appraiser", 403),
        ("dept_officer", 403),  # SNV's own focal officer may read but not manage it
        ("province_admin", 200),
        ("system_admin", 200),
    ],
)
def test_unit_write_views_check_scope_and_capability(client_for, personas, province, view, who, status):
    response = as_client(client_for, personas, who).get(reverse(f"orgunits:{view}", args=[province.snv.pk]))
    assert response.status_code == status


@pytest.mark.parametrize("view", WRITE_ON_SNV)
def test_unit_write_views_refuse_posts_without_rights(client_for, personas, province, view):
    url = reverse(f"orgunits:{view}", args=[province.snv.pk])
    before = province.snv.name
    assert client_for(personas.leader).post(url, {"name": "X", "valid_to": "01/01/2030"}).status_code == 403
    assert client_for(personas.outsider).post(url, {"name": "X"}).status_code == 404
    province.snv.refresh_from_db()
    assert province.snv.name == before and province.snv.valid_to is None


@pytest.mark.parametrize("view", ["create", "merge", "import"])
@pytest.mark.parametrize(
    ("who", "status"),
    [("outsider", 403), ("leader", 403), ("appraiser", 403), ("nobody", 403), ("province_admin", 200)],
)
def test_screens_not_about_one_unit_need_manage_units_somewhere(client_for, personas, view, who, status):
    response = as_client(client_for, personas, who).get(reverse(f"orgunits:{view}"))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("list", []),
        ("detail", [1]),
        ("create", []),
        ("edit", [1]),
        ("move", [1]),
        ("close", [1]),
        ("merge", []),
        ("import", []),
        ("export", []),
        ("group_list", []),
        ("group_detail", [1]),
        ("group_members", [1]),
    ],
)
def test_anonymous_users_are_sent_to_the_login_page(client, name, args):
    response = client.get(reverse(f"orgunits:{name}", args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- List -------------------------------------------------------------------------------------


class TestList:
    def test_tree_today_indents_sub_units_and_hides_closed_ones(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(reverse("orgunits:list"))
        assert response.status_code == 200
        nodes = response.context["nodes"]
        assert nodes[0].unit == province.province and nodes[0].depth == 0
        assert {n.unit.code for n in nodes} == {"TINH", "SNV", "STC", "TTPV", "XA", "PH"}
        assert all(n.depth == 1 for n in nodes[1:])
        assert not response.context["flat"]

    def test_as_of_2024_shows_the_old_communes_under_the_district(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(reverse("orgunits:list"), {"as_of": "31/12/2024"})
        nodes = {n.unit.code: n for n in response.context["nodes"]}
        assert set(nodes) == {"TINH", "SNV", "STC", "TTPV", "HUY", "XA1", "XA2", "XA3"}
        assert nodes["XA1"].depth == 2 and nodes["XA1"].parent_id == province.district.pk
        content = response.content.decode()
        assert "Xã Ân Cũ" in content and "Xã Đắk Mới" not in content
        assert "data-datepicker" in content

    def test_scope_limits_the_list(self, client_for, personas, province):
        response = client_for(personas.commune_officer).get(reverse("orgunits:list"))
        assert names(response) == ["Xã Đắk Mới"]

    @pytest.mark.parametrize(
        ("query", "found"),
        [
            ("dang", "Phường Đặng Trung"),
            ("dak", "Xã Đắk Mới"),
            ("DAK MOI", "Xã Đắk Mới"),
            ("snv", "Sở Nội vụ"),
        ],
    )
    def test_search_ignores_accents_and_case(self, client_for, personas, province, query, found):
        response = client_for(personas.province_admin).get(reverse("orgunits:list"), {"q": query})
        assert names(response) == [found]
        assert response.context["flat"]

    def test_filters_by_type_and_level_and_closed(self, client_for, personas, province):
        c = client_for(personas.province_admin)
        assert names(c.get(reverse("orgunits:list"), {"unit_type": "so"})) == ["Sở Nội vụ", "Sở Tài chính"]
        assert set(names(c.get(reverse("orgunits:list"), {"level": "3"}))) == {
            "Xã Đắk Mới",
            "Phường Đặng Trung",
        }
        with_closed = c.get(reverse("orgunits:list"), {"level": "3", "closed": "on"})
        assert "Xã Ân Cũ" in names(with_closed)
        assert "badge-closed" in with_closed.content.decode()

    def test_invalid_filters_fall_back_to_defaults(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(
            reverse("orgunits:list"), {"as_of": "31/02/2024", "level": "9", "unit_type": "nope"}
        )
        assert response.status_code == 200
        assert len(response.context["nodes"]) == 6

    def test_vietnamese_alphabetical_order(self, client_for, personas, province):
        kind = unit_type_upsert(code="thu", name="Đơn vị thử", level=3, sort_order=90)
        for name in ["Ánh", "An", "Ăn", "Bình", "Đinh", "Dũng"]:
            unit_create(actor=None, code=f"T-{name}", name=name, unit_type=kind, parent=province.province)
        c = client_for(personas.province_admin)
        expected = ["An", "Ánh", "Ăn", "Bình", "Dũng", "Đinh"]
        assert names(c.get(reverse("orgunits:list"), {"unit_type": "thu"})) == expected
        tree = [n for n in names(c.get(reverse("orgunits:list"))) if n in expected]
        assert tree == expected

    def test_htmx_requests_get_only_the_results(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(
            reverse("orgunits:list"), {"q": "dang"}, headers={"HX-Request": "true"}
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in content and 'id="unit-results"' in content
        assert "Phường Đặng Trung" in content
        assert 'hx-swap-oob="true"' in content  # export links follow the filters
        assert "HX-Request" in response["Vary"]

    def test_manage_buttons_only_for_managers(self, client_for, personas, province):
        admin = client_for(personas.province_admin).get(reverse("orgunits:list")).content.decode()
        leader = client_for(personas.leader).get(reverse("orgunits:list")).content.decode()
        for url in ["create", "import", "merge", "export"]:
            assert reverse(f"orgunits:{url}") in admin
            assert reverse(f"orgunits:{url}") not in leader

    def test_list_queries_do_not_grow_with_the_number_of_units(self, client_for, personas, province):
        c = client_for(personas.province_admin)

        def count() -> int:
            with CaptureQueriesContext(connection) as ctx:
                assert c.get(reverse("orgunits:list")).status_code == 200
            return len(ctx.captured_queries)

        before = count()
        for i in range(15):
            unit_create(
                actor=None,
                code=f"N{i}",
                name=f"Xã Mới {i}",
                unit_type=province.types["xa"],
                parent=province.snv if i % 2 else province.province,
            )
        assert count() == before


# --- Detail -----------------------------------------------------------------------------------


class TestDetail:
    def test_shows_fields_children_lineage_history_and_actions(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(
            reverse("orgunits:detail", args=[province.commune.pk])
        )
        assert response.status_code == 200
        ctx = response.context
        assert {link.predecessor.code for link in ctx["predecessors"]} == {"XA1", "XA2"}
        assert ctx["can_manage"]
        content = response.content.decode()
        for text in ["Xã An Cũ", "Xã Ánh Cũ", "NQ 1/NQ-UBTVQH15", "01/07/2025"]:
            assert text in content
        assert reverse("orgunits:edit", args=[province.commune.pk]) in content
        assert [m.user.username for m, _url in ctx["members"]] == ["commune_officer"]
        actions = [entry.event.action for entry in ctx["history"]]
        assert "orgunit.create" in actions and "orgunit.lineage_add" in actions

    def test_history_shows_readable_changes(self, client_for, personas, province):
        c = client_for(personas.province_admin)
        c.post(
            reverse("orgunits:edit", args=[province.snv.pk]),
            {
                "code": "SNV",
                "name": "Sở Nội vụ mới",
                "unit_type": province.types["so"].pk,
                "valid_from": "02/01/2020",
            },
        )
        response = c.get(reverse("orgunits:detail", args=[province.snv.pk]))
        latest = response.context["history"][0]
        assert latest.event.action == "orgunit.update"
        shown = {(change.before, change.after) for change in latest.changes}
        assert ("Sở Nội vụ", "Sở Nội vụ mới") in shown
        assert ("—", "02/01/2020") in shown  # dates as dd/mm/yyyy, empty as a dash
        assert "Province Admin" in response.content.decode()  # the actor's name

    def test_old_commune_shows_its_successor_and_closed_badge(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(
            reverse("orgunits:detail", args=[province.old_communes[0].pk])
        )
        assert [link.successor.code for link in response.context["successors"]] == ["XA"]
        assert "badge-closed" in response.content.decode()

    def test_read_only_users_see_no_actions_and_no_members(self, client_for, personas, province):
        response = client_for(personas.leader).get(reverse("orgunits:detail", args=[province.snv.pk]))
        assert response.status_code == 200
        assert not response.context["can_manage"]
        assert response.context["members"] is None
        assert reverse("orgunits:edit", args=[province.snv.pk]) not in response.content.decode()

    def test_out_of_scope_is_404(self, client_for, personas, province):
        assert (
            client_for(personas.outsider).get(reverse("orgunits:detail", args=[province.snv.pk])).status_code
            == 404
        )
        assert (
            client_for(personas.nobody).get(reverse("orgunits:detail", args=[province.snv.pk])).status_code
            == 404
        )
        assert (
            client_for(personas.province_admin).get(reverse("orgunits:detail", args=[99999])).status_code
            == 404
        )

    def test_commune_officer_sees_predecessor_names_without_links(self, client_for, personas, province):
        response = client_for(personas.commune_officer).get(
            reverse("orgunits:detail", args=[province.commune.pk])
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "Xã An Cũ" in content
        assert reverse("orgunits:detail", args=[province.old_communes[0].pk]) not in content


# --- Create / edit / move / close -----------------------------------------------------------


class TestCreate:
    def post(self, c: Client, province, **extra):
        data = {
            "code": "SXD",
            "name": "Sở Xây dựng",
            "unit_type": province.types["so"].pk,
            "parent": province.province.pk,
            "valid_from": "01/08/2025",
            "email": "",
        }
        return c.post(reverse("orgunits:create"), {**data, **extra})

    def test_success(self, client_for, personas, province):
        response = self.post(client_for(personas.province_admin), province)
        unit = OrgUnit.objects.get(code="SXD")
        assert response.status_code == 302 and response["Location"] == unit.get_absolute_url()
        assert unit.parent == province.province and unit.valid_from == dt.date(2025, 8, 1)
        assert AuditEvent.objects.filter(
            action="orgunit.create", object_id=str(unit.pk), actor=personas.province_admin
        ).exists()

    def test_form_renders_date_pickers_and_labels(self, client_for, personas, province):
        content = client_for(personas.province_admin).get(reverse("orgunits:create")).content.decode()
        assert "data-datepicker" in content and 'for="id_code"' in content

    @pytest.mark.parametrize(
        ("extra", "field"),
        [
            ({"code": "SNV"}, "code"),  # duplicate (from the service's full_clean)
            ({"name": ""}, "name"),
            ({"valid_from": "2025-13-45"}, "valid_from"),
            ({"email": "not-an-email"}, "email"),
            ({"parent": ""}, "parent"),  # only system admins create top-level units
        ],
    )
    def test_validation_errors_are_shown_and_nothing_is_written(
        self, client_for, personas, province, extra, field
    ):
        count = OrgUnit.objects.count()
        response = self.post(client_for(personas.province_admin), province, **extra)
        assert response.status_code == 200
        assert response.context["form"].errors[field]
        assert "is-invalid" in response.content.decode()
        assert OrgUnit.objects.count() == count

    def test_parent_closed_is_refused(self, client_for, personas, province):
        # the district is closed, so it is not even offered
        response = self.post(client_for(personas.system_admin), province, parent=province.district.pk)
        assert response.context["form"].errors["parent"]
        assert not OrgUnit.objects.filter(code="SXD").exists()

    def test_parent_choices_are_limited_to_managed_units(self, client_for, personas, province):
        snv_admin = _user("snv_admin", province.snv, Role.PROVINCE_ADMIN)
        c = client_for(snv_admin)
        choices = list(c.get(reverse("orgunits:create")).context["form"].fields["parent"].queryset)
        assert choices == [province.snv]
        response = self.post(c, province, parent=province.stc.pk)
        assert response.context["form"].errors["parent"]
        assert self.post(c, province, parent=province.snv.pk).status_code == 302

    def test_parent_preselected_from_the_query_string(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(
            reverse("orgunits:create"), {"parent": province.snv.pk}
        )
        assert response.context["form"].initial["parent"] == province.snv.pk


class TestEdit:
    def test_success(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:edit", args=[province.snv.pk]),
            {
                "code": "SNV",
                "name": "Sở Nội vụ tỉnh",
                "unit_type": province.types["so"].pk,
                "abbreviation": "SNV",
                "phone": "0200 111",
                "reason": "Đổi tên",
            },
        )
        assert response.status_code == 302
        province.snv.refresh_from_db()
        assert province.snv.name == "Sở Nội vụ tỉnh" and province.snv.phone == "0200 111"
        assert AuditEvent.objects.filter(action="orgunit.update", reason="Đổi tên").exists()

    def test_form_is_filled_with_the_unit(self, client_for, personas, province):
        form = (
            client_for(personas.province_admin)
            .get(reverse("orgunits:edit", args=[province.snv.pk]))
            .context["form"]
        )
        assert form.initial["name"] == "Sở Nội vụ" and "parent" not in form.fields

    def test_validation_error(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:edit", args=[province.snv.pk]),
            {"code": "STC", "name": "Sở Nội vụ", "unit_type": province.types["so"].pk},
        )
        assert response.status_code == 200 and response.context["form"].errors["code"]
        province.snv.refresh_from_db()
        assert province.snv.code == "SNV"


class TestMove:
    def test_success_records_the_move(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:move", args=[province.centre.pk]),
            {"new_parent": province.snv.pk, "effective_date": "01/09/2025", "decision": "QĐ 5/QĐ-UBND"},
        )
        assert response.status_code == 302
        province.centre.refresh_from_db()
        assert province.centre.parent == province.snv
        move = UnitMove.objects.get(unit=province.centre)
        assert move.effective_date == dt.date(2025, 9, 1) and move.decision == "QĐ 5/QĐ-UBND"

    def test_cannot_choose_own_subtree_or_current_parent(self, client_for, personas, province):
        form = (
            client_for(personas.province_admin)
            .get(reverse("orgunits:move", args=[province.snv.pk]))
            .context["form"]
        )
        choices = set(form.fields["new_parent"].queryset)
        assert province.snv not in choices and province.province not in choices
        assert province.stc in choices

    def test_service_error_is_shown_on_the_field(self, client_for, personas, province):
        ending = unit_create(
            actor=None,
            code="TAM",
            name="Ban tạm",
            unit_type=province.types["so"],
            parent=province.province,
            valid_to=dt.date(2099, 12, 31),
        )
        response = client_for(personas.province_admin).post(
            reverse("orgunits:move", args=[province.centre.pk]),
            {"new_parent": ending.pk, "effective_date": "01/01/2100"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["new_parent"]
        assert not UnitMove.objects.filter(unit=province.centre).exists()


class TestClose:
    def test_success(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:close", args=[province.centre.pk]),
            {"valid_to": "31/10/2025", "reason": "Giải thể"},
        )
        assert response.status_code == 302
        province.centre.refresh_from_db()
        assert province.centre.valid_to == dt.date(2025, 10, 31)

    def test_unit_with_open_children_is_refused(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:close", args=[province.province.pk]), {"valid_to": "31/10/2025"}
        )
        assert response.status_code == 200
        assert "Sở Nội vụ" in str(response.context["form"].non_field_errors())
        province.province.refresh_from_db()
        assert province.province.valid_to is None

    def test_date_required(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:close", args=[province.centre.pk]), {}
        )
        assert response.context["form"].errors["valid_to"]


# --- Merge ------------------------------------------------------------------------------------


class TestMerge:
    def test_into_an_existing_unit(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:merge"),
            {
                "sources": [province.stc.pk],
                "target": province.snv.pk,
                "effective_date": "01/01/2026",
                "decision": "NQ 2/NQ-HĐND",
            },
        )
        assert response.status_code == 302 and response["Location"] == province.snv.get_absolute_url()
        province.stc.refresh_from_db()
        assert province.stc.valid_to == dt.date(2025, 12, 31)
        link = UnitLineage.objects.get(predecessor=province.stc)
        assert link.successor == province.snv and link.decision == "NQ 2/NQ-HĐND"

    def test_into_a_new_unit_created_in_the_same_transaction(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:merge"),
            {
                "sources": [province.snv.pk, province.stc.pk],
                "new_code": "SNVTC",
                "new_name": "Sở Nội vụ và Tài chính",
                "new_type": province.types["so"].pk,
                "new_parent": province.province.pk,
                "effective_date": "01/01/2026",
            },
        )
        new = OrgUnit.objects.get(code="SNVTC")
        assert response.status_code == 302
        assert new.valid_from == dt.date(2026, 1, 1)
        assert set(UnitLineage.objects.filter(successor=new).values_list("predecessor__code", flat=True)) == {
            "SNV",
            "STC",
        }

    def test_failed_merge_creates_nothing(self, client_for, personas, province):
        # the new unit would sit under one of the merged units: the merge fails after the creation
        response = client_for(personas.province_admin).post(
            reverse("orgunits:merge"),
            {
                "sources": [province.snv.pk],
                "new_code": "MOI",
                "new_name": "Đơn vị mới",
                "new_type": province.types["so"].pk,
                "new_parent": province.snv.pk,
                "effective_date": "01/01/2026",
            },
        )
        assert response.status_code == 200
        assert response.context["form"].errors
        assert not OrgUnit.objects.filter(code="MOI").exists()
        province.snv.refresh_from_db()
        assert province.snv.valid_to is None

    @pytest.mark.parametrize(
        "data",
        [
            {"target": "SNV", "new_code": "X", "new_name": "Y"},  # both
            {},  # neither
            {"new_code": "X"},  # new unit incomplete
            {"target": "STC"},  # into itself
        ],
    )
    def test_form_validation(self, client_for, personas, province, data):
        units = {"SNV": province.snv.pk, "STC": province.stc.pk}
        post = {"sources": [province.stc.pk], "effective_date": "01/01/2026"}
        post.update({k: units.get(v, v) for k, v in data.items()})
        if "new_code" in data:
            post.setdefault("new_type", "")
        response = client_for(personas.province_admin).post(reverse("orgunits:merge"), post)
        assert response.status_code == 200 and response.context["form"].errors
        assert not UnitLineage.objects.filter(predecessor=province.stc).exists()

    def test_source_preselected(self, client_for, personas, province):
        response = client_for(personas.province_admin).get(
            reverse("orgunits:merge"), {"source": province.stc.pk}
        )
        assert response.context["form"].initial["sources"] == [province.stc.pk]


# --- Groups -----------------------------------------------------------------------------------


@pytest.fixture
def ranking(province):
    group_set = group_set_create(actor=None, code="xep-hang-2025", name="Xếp hạng CCHC 2025")
    depts = group_create(actor=None, group_set=group_set, code="so-nganh", name="Sở, ban, ngành")
    group_set_members(actor=None, group=depts, units=[province.stc, province.snv, province.centre])
    return depts


class TestGroups:
    def test_list_shows_sets_groups_and_counts(self, client_for, personas, ranking):
        response = client_for(personas.leader).get(reverse("orgunits:group_list"))
        content = response.content.decode()
        assert "Xếp hạng CCHC 2025" in content and "Sở, ban, ngành" in content
        group = response.context["group_sets"][0].groups.all()[0]
        assert group.member_count == 3
        assert 'name="form" value="set"' not in content  # read-only: no create forms

    def test_detail_lists_members_in_vietnamese_order(self, client_for, personas, ranking):
        response = client_for(personas.leader).get(reverse("orgunits:group_detail", args=[ranking.pk]))
        assert [u.code for u in response.context["members"]] == ["SNV", "STC", "TTPV"]
        assert (
            client_for(personas.leader).get(reverse("orgunits:group_detail", args=[999])).status_code == 404
        )

    def test_managers_create_group_sets_and_groups(self, client_for, personas, ranking):
        c = client_for(personas.province_admin)
        response = c.post(
            reverse("orgunits:group_list"), {"form": "set", "set-code": "bao-cao", "set-name": "Báo cáo"}
        )
        assert response.status_code == 302
        group_set = ranking.group_set.__class__.objects.get(code="bao-cao")
        response = c.post(
            reverse("orgunits:group_list"),
            {
                "form": "group",
                "group-group_set": group_set.pk,
                "group-code": "xa",
                "group-name": "Xã",
                "group-sort_order": 1,
            },
        )
        assert response.status_code == 302
        assert UnitGroup.objects.filter(group_set=group_set, code="xa").exists()

    def test_group_validation_errors(self, client_for, personas, ranking):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:group_list"),
            {
                "form": "group",
                "group-group_set": ranking.group_set.pk,
                "group-code": "so-nganh",
                "group-name": "Trùng",
                "group-sort_order": 1,
            },
        )
        assert response.status_code == 200
        assert response.context["group_form"].errors

    def test_read_only_users_cannot_create_or_edit(self, client_for, personas, ranking):
        c = client_for(personas.leader)
        assert (
            c.post(
                reverse("orgunits:group_list"), {"form": "set", "set-code": "x", "set-name": "X"}
            ).status_code
            == 403
        )
        assert c.get(reverse("orgunits:group_members", args=[ranking.pk])).status_code == 403
        assert (
            client_for(personas.outsider)
            .get(reverse("orgunits:group_members", args=[ranking.pk]))
            .status_code
            == 403
        )

    def test_edit_members(self, client_for, personas, province, ranking):
        c = client_for(personas.province_admin)
        response = c.get(reverse("orgunits:group_members", args=[ranking.pk]))
        assert set(response.context["form"].initial["members"]) == {
            province.snv.pk,
            province.stc.pk,
            province.centre.pk,
        }
        response = c.post(
            reverse("orgunits:group_members", args=[ranking.pk]),
            {"members": [province.snv.pk, province.commune.pk]},
        )
        assert response.status_code == 302
        assert set(ranking.members.values_list("code", flat=True)) == {"SNV", "XA"}

    def test_members_outside_the_editors_scope_are_kept(self, client_for, province, ranking):
        snv_admin = _user("snv_admin", province.snv, Role.PROVINCE_ADMIN)
        c = client_for(snv_admin)
        response = c.get(reverse("orgunits:group_members", args=[ranking.pk]))
        assert [u.code for u in response.context["form"].fields["members"].queryset] == ["SNV"]
        assert c.post(reverse("orgunits:group_members", args=[ranking.pk]), {}).status_code == 302
        assert set(ranking.members.values_list("code", flat=True)) == {"STC", "TTPV"}


def test_menu_lists_units_and_groups(client_for, personas, province):
    content = client_for(personas.leader).get(reverse("orgunits:list")).content.decode()
    assert f'href="{reverse("orgunits:group_list")}"' in content
