"""The user's own account page: roles, personal API tokens (shown once), revocation."""

from __future__ import annotations

import re

from django.urls import reverse

from cchc.accounts.models import ApiToken
from cchc.accounts.services import api_token_authenticate, api_token_create
from cchc.audit.models import AuditEvent

PROFILE = "accounts:profile"


def test_profile_needs_a_session(client, personas):
    response = client.get(reverse(PROFILE))
    assert response.status_code == 302


def test_profile_shows_roles_tokens_and_recent_activity(client_for, personas):
    api_token_create(actor=personas.dept_officer, name="Báo cáo tháng")
    response = client_for(personas.dept_officer).get(reverse(PROFILE))
    assert response.status_code == 200
    assert "Sở Nội vụ" in response.text
    assert "Báo cáo tháng" in response.text
    actions = [e.action for e in response.context["events"]]
    assert actions[0] == "auth.login"  # newest first: this session's sign-in
    assert {"membership.add", "user.create"} <= set(actions)


def test_a_user_without_roles_sees_their_profile(client_for, personas):
    assert client_for(personas.nobody).get(reverse(PROFILE)).status_code == 200


def test_token_is_created_and_shown_only_once(client_for, personas):
    client = client_for(personas.dept_officer)
    response = client.post(reverse("accounts:token_create"), {"name": "Kịch bản đồng bộ"})
    assert response.status_code == 200
    raw = response.context["raw_token"]
    assert raw.startswith("cchc_")
    assert raw in response.text
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=personas.dept_officer)
    assert token.name == "Kịch bản đồng bộ"
    assert raw not in (token.digest, token.prefix)
    assert api_token_authenticate(raw) == personas.dept_officer
    # the next visit no longer shows it
    again = client.get(reverse(PROFILE))
    assert raw not in again.text
    assert token.prefix in again.text
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(token.pk)).exists()


def test_token_name_is_required(client_for, personas):
    response = client_for(personas.dept_officer).post(reverse("accounts:token_create"), {"name": ""})
    assert response.status_code == 200
    assert "name" in response.context["token_form"].errors
    assert not ApiToken.objects.exists()


def test_token_is_revoked(client_for, personas):
    token, raw = api_token_create(actor=personas.dept_officer, name="Cũ")
    client = client_for(personas.dept_officer)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_authenticate(raw) is None
    # revoking twice: the token is gone from the revocable ones
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    page = client.get(reverse(PROFILE)).text
    assert not re.search(rf'action="{reverse("accounts:token_revoke", args=[token.pk])}"', page)


def test_outsider_cannot_revoke_someone_elses_token(client_for, personas):
    token, raw = api_token_create(actor=personas.dept_officer, name="Của người khác")
    for persona in (personas.outsider, personas.nobody, personas.province_admin):
        response = client_for(persona).post(reverse("accounts:token_revoke", args=[token.pk]))
        assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_token_authenticate(raw) == personas.dept_officer


def test_token_pages_need_post(client_for, personas):
    client = client_for(personas.dept_officer)
    assert client.get(reverse("accounts:token_create")).status_code == 405
