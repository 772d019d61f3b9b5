"""Sign-in security: lockout after repeated failures, login audit, password reset and change."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cchc.accounts.services import user_update
from cchc.audit.models import AuditEvent
from conftest import PASSWORD

NEW_PASSWORD = "Doi-mat-khau-2025!"
LOGIN = "accounts:login"


def vi(message: str) -> str:
    with translation.override("vi"):
        return translation.gettext(message)


def login(client, username, password, ip="127.0.0.1"):
    return client.post(reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


class TestLockout:
    def test_five_failures_lock_the_username_from_that_address(self, client, personas):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(client, "dept_officer", "wrong-password")
        response = login(client, "dept_officer", PASSWORD)
        assert response.status_code == 429
        assert "accounts/locked_out.html" in [t.name for t in response.templates]
        assert vi("Account temporarily locked") in response.text
        assert not signed_in(client)

    def test_four_failures_do_not_lock(self, client, personas):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            login(client, "dept_officer", "wrong-password")
        assert login(client, "dept_officer", PASSWORD).status_code == 302
        assert signed_in(client)

    def test_the_same_user_can_still_sign_in_from_another_address(self, client, personas):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(client, "dept_officer", "wrong-password", ip="10.0.0.1")
        response = login(client, "dept_officer", PASSWORD, ip="10.0.0.2")
        assert response.status_code == 302
        assert signed_in(client)

    def test_other_users_behind_the_same_address_are_not_locked(self, client, personas):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(client, "dept_officer", "wrong-password")
        assert login(client, "outsider", PASSWORD).status_code == 302


class TestLoginAudit:
    def test_successful_login_is_recorded(self, client, personas):
        assert login(client, "dept_officer", PASSWORD, ip="10.1.2.3").status_code == 302
        event = AuditEvent.objects.get(action="auth.login")
        assert event.actor == personas.dept_officer
        assert event.ip_address == "10.1.2.3"

    def test_failed_logins_are_recorded_with_the_username_tried(self, client, personas):
        login(client, "dept_officer", "wrong-password", ip="10.1.2.4")
        login(client, "no_such_user", "whatever", ip="10.1.2.4")
        events = AuditEvent.objects.filter(action="auth.login_failed").order_by("id")
        assert [(e.actor_label, e.actor) for e in events] == [("dept_officer", None), ("no_such_user", None)]
        assert not AuditEvent.objects.filter(action="auth.login").exists()

    def test_logout_is_recorded(self, client_for, personas):
        client = client_for(personas.outsider)
        client.post(reverse("accounts:logout"))
        assert AuditEvent.objects.filter(action="auth.logout", actor=personas.outsider).exists()


class TestDeactivated:
    def test_deactivated_user_cannot_sign_in(self, client, personas):
        user_update(actor=None, user=personas.dept_officer, is_active=False)
        response = login(client, "dept_officer", PASSWORD)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert not signed_in(client)

    def test_an_open_session_ends_when_the_account_is_deactivated(self, client_for, personas):
        client = client_for(personas.dept_officer)
        assert client.get(reverse("accounts:profile")).status_code == 200
        user_update(actor=None, user=personas.dept_officer, is_active=False)
        response = client.get(reverse("accounts:profile"))
        assert response.status_code == 302
        assert reverse(LOGIN) in response["Location"]


class TestPasswords:
    def test_password_reset_sends_a_link_that_sets_a_new_password(self, client, personas):
        response = client.post(reverse("accounts:password_reset"), {"email": "dept_officer@example.org"})
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["dept_officer@example.org"]
        link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
        # the link redirects to a token-less URL that shows the form
        form_url = client.get(link)["Location"]
        response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert response.status_code == 302
        personas.dept_officer.refresh_from_db()
        assert personas.dept_officer.check_password(NEW_PASSWORD)

    def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(self, client, personas):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody-here@example.org"})
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_reset_done")
        assert mail.outbox == []

    def test_user_changes_their_own_password(self, client, personas):
        login(client, "outsider", PASSWORD)
        response = client.post(
            reverse("accounts:password_change"),
            {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
        assert response.status_code == 302
        assert signed_in(client)  # the session survives its own password change
        personas.outsider.refresh_from_db()
        assert personas.outsider.check_password(NEW_PASSWORD)

    @pytest.mark.parametrize(
        ("old", "new"),
        [("wrong-old-password", NEW_PASSWORD), (PASSWORD, "short"), (PASSWORD, "1234567890")],
    )
    def test_password_change_is_refused(self, client_for, personas, old, new):
        client = client_for(personas.outsider)
        response = client.post(
            reverse("accounts:password_change"),
            {"old_password": old, "new_password1": new, "new_password2": new},
        )
        assert response.status_code == 200
        assert response.context["form"].errors
        personas.outsider.refresh_from_db()
        assert personas.outsider.check_password(PASSWORD)

    def test_password_change_needs_a_session(self, client, personas):
        assert client.get(reverse("accounts:password_change")).status_code == 302


def test_security_settings():
    """The production settings (the test fixtures swap the hasher for speed)."""
    from config import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.ScryptPasswordHasher"
    assert production.SESSION_COOKIE_AGE == 8 * 3600
    assert production.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert production.AXES_FAILURE_LIMIT == 5
    assert production.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    min_length = next(v for v in production.AUTH_PASSWORD_VALIDATORS if "MinimumLength" in v["NAME"])
    assert min_length["OPTIONS"]["min_length"] == 10
