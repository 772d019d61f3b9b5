"""PATCH /api/units/{id} and POST /api/units/{id}/close go through the services, with scope."""

from __future__ import annotations

import pytest

from cchc.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

# On SNV: out of scope → 404, read-only in scope → 403, unit managers → 200.
WRITE_SNV = [
    ("province_admin", 200),
    ("system_admin", 200),
    ("dept_officer", 403),  # focal officer: writes the unit's records, does not manage units
    ("appraiser", 403),
    ("leader", 403),
    ("commune_officer", 404),
    ("outsider", 404),
    ("nobody", 404),
]


class TestPatch:
    @pytest.mark.parametrize(("persona", "status"), WRITE_SNV)
    def test_scope(self, api, personas, province, persona, status):
        user = getattr(personas, persona)
        response = api(user, "PATCH", f"/api/units/{province.snv.pk}", {"phone": "0262 3812 345"})
        assert response.status_code == status
        province.snv.refresh_from_db()
        assert province.snv.phone == ("0262 3812 345" if status == 200 else "")
        assert AuditEvent.objects.filter(action="orgunit.update", actor=user).exists() is (status == 200)

    def test_only_sent_fields_change_and_the_change_is_audited(self, api, personas, province):
        admin = personas.province_admin
        path = f"/api/units/{province.snv.pk}"
        body = {"name": "  Sở Nội vụ tỉnh  ", "valid_from": "2001-01-01", "reason": "QĐ 5/QĐ-UBND"}
        response = api(admin, "PATCH", path, body)
        assert response.status_code == 200
        data = response.json()
        assert (data["name"], data["valid_from"], data["abbreviation"]) == (
            "Sở Nội vụ tỉnh",
            "2001-01-01",
            "SNV",
        )
        event = AuditEvent.objects.get(action="orgunit.update", actor=admin)
        assert (event.actor, event.reason) == (admin, "QĐ 5/QĐ-UBND")
        assert set(event.changes) == {"name", "valid_from"}

    def test_null_text_means_empty(self, api, personas, province):
        response = api(
            personas.province_admin, "PATCH", f"/api/units/{province.snv.pk}", {"abbreviation": None}
        )
        assert response.status_code == 200
        assert response.json()["abbreviation"] == ""

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"email": "không-phải-email"}, "email"),
            ({"name": ""}, "name"),
            ({"name": None}, "name"),
            ({"valid_from": "2030-01-01", "valid_to": "2029-01-01"}, "__all__"),
        ],
    )
    def test_invalid_values_are_422_with_messages(self, api, personas, province, body, field):
        response = api(personas.province_admin, "PATCH", f"/api/units/{province.snv.pk}", body)
        assert response.status_code == 422
        detail = response.json()["detail"]
        assert field in detail and all(isinstance(m, str) and m for m in detail[field])
        province.snv.refresh_from_db()
        assert province.snv.name == "Sở Nội vụ"

    @pytest.mark.parametrize("body", [{"parent": 1}, {"code": "X"}, {"valid_from": "hôm qua"}])
    def test_unknown_or_malformed_fields_are_rejected_or_ignored(self, api, personas, province, body):
        response = api(personas.province_admin, "PATCH", f"/api/units/{province.snv.pk}", body)
        assert response.status_code in {200, 422}
        province.snv.refresh_from_db()
        assert (province.snv.parent_id, province.snv.code, province.snv.valid_from) == (
            province.province.pk,
            "SNV",
            None,
        )


class TestClose:
    @pytest.mark.parametrize(("persona", "status"), WRITE_SNV)
    def test_scope(self, api, personas, province, persona, status):
        user = getattr(personas, persona)
        response = api(user, "POST", f"/api/units/{province.snv.pk}/close", {"valid_to": "2025-12-31"})
        assert response.status_code == status
        province.snv.refresh_from_db()
        assert (province.snv.valid_to is not None) is (status == 200)

    def test_close(self, api, personas, province):
        path = f"/api/units/{province.stc.pk}/close"
        body = {"valid_to": "2025-12-31", "reason": "Hợp nhất theo NQ 1"}
        response = api(personas.province_admin, "POST", path, body)
        assert response.status_code == 200
        assert response.json()["valid_to"] == "2025-12-31"
        event = AuditEvent.objects.get(action="orgunit.close", actor=personas.province_admin)
        assert event.reason == "Hợp nhất theo NQ 1"

    def test_a_unit_with_open_sub_units_cannot_close(self, api, personas, province):
        response = api(
            personas.system_admin,
            "POST",
            f"/api/units/{province.province.pk}/close",
            {"valid_to": "2025-12-31"},
        )
        assert response.status_code == 422
        (message,) = response.json()["detail"]["__all__"]
        assert "Sở Nội vụ" in message
        province.province.refresh_from_db()
        assert province.province.valid_to is None

    def test_closing_before_the_start_is_422(self, api, personas, province):
        path = f"/api/units/{province.commune.pk}/close"
        response = api(personas.province_admin, "POST", path, {"valid_to": "2025-01-01"})
        assert response.status_code == 422
        assert "valid_to" in response.json()["detail"]

    def test_the_date_is_required(self, api, personas, province):
        response = api(personas.province_admin, "POST", f"/api/units/{province.stc.pk}/close", {})
        assert response.status_code == 422
