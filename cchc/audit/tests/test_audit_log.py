"""The audit log page, action labels and the reusable history include."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cchc.accounts.models import Role
from cchc.accounts.services import user_create, user_update
from cchc.audit import labels
from cchc.audit.models import AuditEvent
from cchc.audit.selectors import history_for_object
from cchc.audit.services import audit_record
from cchc.orgunits.services import unit_update
from conftest import PASSWORD


def list_url() -> str:
    return reverse("audit:list")


def vi(message: str) -> str:
    with translation.override("vi"):
        return translation.gettext(message)


def at(event: AuditEvent, when: dt.datetime) -> AuditEvent:
    AuditEvent.objects.filter(pk=event.pk).update(at=when)
    event.refresh_from_db()
    return event


def local(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def snv_auditor(personas, province):
    """Province-admin rights (incl. VIEW_AUDIT) held in Sở Nội vụ only."""
    return user_create(
        actor=None,
        username="snv_auditor",
        full_name="Kiểm tra SNV",
        password=PASSWORD,
        unit=province.snv,
        role=Role.PROVINCE_ADMIN,
    )


class TestAccess:
    def test_anonymous_is_sent_to_sign_in(self, client, personas):
        assert client.get(list_url()).status_code == 302

    @pytest.mark.parametrize("persona", ["outsider", "nobody", "dept_officer", "leader", "appraiser"])
    def test_users_without_view_audit_get_403(self, client_for, personas, persona):
        assert client_for(getattr(personas, persona)).get(list_url()).status_code == 403

    @pytest.mark.parametrize("persona", ["province_admin", "system_admin"])
    def test_auditors_see_the_log(self, client_for, personas, persona):
        response = client_for(getattr(personas, persona)).get(list_url())
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count > 0

    def test_menu_entry_only_for_auditors(self, client_for, personas):
        link = f'href="{list_url()}"'
        assert link in client_for(personas.province_admin).get(reverse("accounts:profile")).text
        assert link not in client_for(personas.outsider).get(reverse("accounts:profile")).text

    def test_a_department_auditor_does_not_see_a_sibling_departments_events(
        self, client_for, personas, province, snv_auditor
    ):
        unit_update(actor=None, unit=province.stc, phone="0262 111", reason="STC")
        unit_update(actor=None, unit=province.snv, phone="0262 222", reason="SNV")
        response = client_for(snv_auditor).get(list_url(), {"action": "orgunit.update"})
        assert [e.unit.code for e in response.context["page_obj"]] == ["SNV"]


class TestFilters:
    def test_search_ignores_accents(self, client_for, personas, province):
        unit_update(
            actor=personas.province_admin, unit=province.commune, phone="1", reason="Sáp nhập đợt hai"
        )
        response = client_for(personas.province_admin).get(list_url(), {"q": "sap nhap dot"})
        events = list(response.context["page_obj"])
        assert [e.reason for e in events] == ["Sáp nhập đợt hai"]
        assert "Sáp nhập đợt hai" in response.text

    def test_filter_by_action(self, client_for, personas):
        response = client_for(personas.system_admin).get(list_url(), {"action": "membership.add"})
        actions = {e.action for e in response.context["page_obj"]}
        assert actions == {"membership.add"}

    def test_filter_by_date_range_in_day_month_year(self, client_for, personas, province):
        old = at(
            audit_record(actor=None, action="orgunit.update", obj=province.snv, unit=province.snv),
            local(2025, 3, 1, 8),
        )
        edge = at(
            audit_record(actor=None, action="orgunit.update", obj=province.snv, unit=province.snv),
            local(2025, 3, 5, 23, 59),
        )
        after = at(
            audit_record(actor=None, action="orgunit.update", obj=province.snv, unit=province.snv),
            local(2025, 3, 6, 0, 1),
        )
        response = client_for(personas.province_admin).get(
            list_url(), {"action": "orgunit.update", "date_from": "01/03/2025", "date_to": "05/03/2025"}
        )
        assert {e.pk for e in response.context["page_obj"]} == {old.pk, edge.pk}
        assert after.pk not in {e.pk for e in response.context["page_obj"]}
        assert "05/03/2025 23:59" in response.text

    def test_invalid_dates_are_reported_and_ignored(self, client_for, personas):
        response = client_for(personas.province_admin).get(list_url(), {"date_from": "31/02/2025"})
        assert response.status_code == 200
        assert "date_from" in response.context["form"].errors
        assert response.context["page_obj"].paginator.count > 0

    def test_end_before_start_is_an_error(self, client_for, personas):
        response = client_for(personas.province_admin).get(
            list_url(), {"date_from": "05/03/2025", "date_to": "01/03/2025"}
        )
        assert "date_to" in response.context["form"].errors

    def test_paginated(self, client_for, personas, province):
        for i in range(60):
            audit_record(
                actor=None, action="orgunit.update", obj=province.snv, unit=province.snv, reason=f"r{i}"
            )
        client = client_for(personas.province_admin)
        first = client.get(list_url(), {"action": "orgunit.update"})
        second = client.get(list_url(), {"action": "orgunit.update", "page": 2})
        assert len(first.context["page_obj"]) == 50
        assert len(second.context["page_obj"]) == 10

    def test_htmx_returns_only_the_table(self, client_for, personas):
        response = client_for(personas.province_admin).get(list_url(), {"q": "dept"}, HTTP_HX_REQUEST="true")
        assert "<html" not in response.text
        assert 'id="audit-table"' in response.text


class TestLabels:
    def test_every_known_action_has_a_label(self):
        for code in [
            "auth.login", "auth.login_failed", "auth.logout", "orgunit.create", "orgunit.update",
            "orgunit.move", "orgunit.close", "orgunit.merge", "orgunit.lineage_add", "unitgroup.create",
            "unitgroup.set_members", "user.create", "user.update", "user.set_password", "membership.add",
            "membership.remove", "api_token.create", "api_token.revoke", "job.enqueue", "job.succeed",
            "job.fail",
        ]:  # fmt: skip
            assert labels.action_label(code) != code

    def test_unknown_actions_show_their_code(self):
        assert labels.action_label("report.publish") == "report.publish"

    def test_changes_use_field_names_and_readable_values(self, personas):
        user_update(actor=None, user=personas.dept_officer, is_active=False, position="Chuyên viên")
        event = AuditEvent.objects.get(action="user.update")
        with translation.override("en"):
            changes = {c.field: c for c in labels.changes_of(event)}
        assert (changes["is_active"].label, changes["is_active"].before, changes["is_active"].after) == (
            "active",
            "yes",
            "no",
        )
        assert (changes["position"].before, changes["position"].after) == ("—", "Chuyên viên")

    def test_membership_changes_name_the_role(self, personas):
        event = AuditEvent.objects.filter(
            action="membership.add", object_id=str(personas.dept_officer.pk)
        ).get()
        with translation.override("en"):
            (change,) = labels.changes_of(event)
        assert change.after == "Unit PAR focal officer · SNV"

    def test_iso_dates_are_shown_day_first(self, province):
        unit_update(actor=None, unit=province.snv, valid_from=dt.date(2001, 2, 3))
        event = AuditEvent.objects.filter(action="orgunit.update", object_id=str(province.snv.pk)).latest(
            "id"
        )
        change = {c.field: c for c in labels.changes_of(event)}["valid_from"]
        assert change.after == "03/02/2001"


class TestHistoryInclude:
    def test_renders_time_actor_action_object_changes_and_reason(self, personas):
        user_update(
            actor=personas.province_admin,
            user=personas.dept_officer,
            position="Phó phòng",
            reason="Điều động",
        )
        event = AuditEvent.objects.get(action="user.update")
        at(event, local(2025, 7, 1, 9, 5))
        html = render_to_string("audit/_history.html", {"events": history_for_object(personas.dept_officer)})
        assert "01/07/2025 09:05" in html
        assert "Province Admin" in html
        assert vi("Account updated") in html
        assert "Dept Officer" in html
        assert "Phó phòng" in html
        assert "Điều động" in html

    def test_empty_history(self):
        html = render_to_string("audit/_history.html", {"events": []})
        assert vi("Nothing has been recorded yet.") in html

    def test_failed_logins_show_the_username_tried(self, client, personas):
        client.post(reverse("accounts:login"), {"username": "ai_do", "password": "x"})
        html = render_to_string(
            "audit/_history.html", {"events": AuditEvent.objects.filter(action="auth.login_failed")}
        )
        assert "ai_do" in html
