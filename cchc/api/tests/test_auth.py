"""Bearer tokens and the browser session (with CSRF) authenticate API calls; nothing else does."""

from __future__ import annotations

import string

import pytest
from django.test import Client
from django.utils.crypto import get_random_string

from cchc.accounts.services import api_token_create, api_token_revoke
from cchc.api.tests.conftest import send

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/me"), ("GET", "/api/units"), ("GET", "/api/units/tree"), ("GET", "/api/users")],
)
def test_anonymous_calls_get_401(method, path):
    response = send(Client(), method, path)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_anonymous_unsafe_call_gets_401_not_a_csrf_error(province):
    client = Client(enforce_csrf_checks=True)
    response = send(client, "PATCH", f"/api/units/{province.snv.pk}", {"note": "x"})
    assert response.status_code == 401


def test_a_bearer_token_authenticates(personas):
    token, raw = api_token_create(actor=personas.dept_officer, name="Máy chủ báo cáo")
    response = send(Client(), "GET", "/api/me", **bearer(raw))
    assert response.status_code == 200
    assert response.json()["username"] == "dept_officer"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_gets_401(personas):
    token, raw = api_token_create(actor=personas.dept_officer, name="Cũ")
    api_token_revoke(actor=personas.dept_officer, token=token)
    assert send(Client(), "GET", "/api/me", **bearer(raw)).status_code == 401


def test_a_token_of_a_deactivated_account_gets_401(personas):
    _token, raw = api_token_create(actor=personas.dept_officer, name="x")
    personas.dept_officer.is_active = False
    personas.dept_officer.save()
    assert send(Client(), "GET", "/api/me", **bearer(raw)).status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer cchc_not-a-real-token", "Bearer ", "Token abc", "Basic Zm9vOmJhcg=="]
)
def test_malformed_or_unknown_credentials_get_401(personas, header):
    response = send(Client(), "GET", "/api/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_the_token_user_is_the_one_scoped(province, personas):
    """The token's owner, not a session on the same client, decides what is visible."""
    _token, raw = api_token_create(actor=personas.dept_officer, name="x")
    response = send(Client(), "GET", f"/api/units/{province.stc.pk}", **bearer(raw))
    assert response.status_code == 404


def test_token_calls_need_no_csrf_token(province, personas):
    _token, raw = api_token_create(actor=personas.province_admin, name="x")
    client = Client(enforce_csrf_checks=True)
    response = send(client, "PATCH", f"/api/units/{province.snv.pk}", {"note": "qua API"}, **bearer(raw))
    assert response.status_code == 200
    province.snv.refresh_from_db()
    assert province.snv.note == "qua API"


def test_session_get_works_without_csrf(province, personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.dept_officer, backend="django.contrib.auth.backends.ModelBackend")
    assert send(client, "GET", "/api/me").json()["username"] == "dept_officer"


class TestSessionCsrf:
    @pytest.fixture
    def session(self, personas) -> Client:
        client = Client(enforce_csrf_checks=True)
        client.force_login(personas.province_admin, backend="django.contrib.auth.backends.ModelBackend")
        return client

    def test_unsafe_session_call_without_csrf_is_refused(self, session, province):
        response = send(session, "PATCH", f"/api/units/{province.snv.pk}", {"note": "giả mạo"})
        assert response.status_code == 403
        province.snv.refresh_from_db()
        assert province.snv.note == ""

    def test_unsafe_session_call_with_csrf_succeeds(self, session, province):
        secret = get_random_string(32, string.ascii_letters + string.digits)
        session.cookies["csrftoken"] = secret
        response = send(
            session, "PATCH", f"/api/units/{province.snv.pk}", {"note": "hợp lệ"}, HTTP_X_CSRFTOKEN=secret
        )
        assert response.status_code == 200
        assert response.json()["note"] == "hợp lệ"

    def test_post_without_csrf_is_refused_too(self, session, province):
        response = send(session, "POST", f"/api/units/{province.stc.pk}/close", {"valid_to": "2025-12-31"})
        assert response.status_code == 403
        province.stc.refresh_from_db()
        assert province.stc.valid_to is None


def test_a_deactivated_session_user_gets_401(personas):
    client = Client()
    client.force_login(personas.leader, backend="django.contrib.auth.backends.ModelBackend")
    personas.leader.is_active = False
    personas.leader.save()
    assert send(client, "GET", "/api/me").status_code == 401
