"""notify(): once per (recipient, key), e-mail after commit only, escalations audited."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from cchc.audit.models import AuditEvent
from cchc.notifications.models import Notification
from cchc.notifications.services import notify

pytestmark = pytest.mark.django_db(transaction=False)


def _notify(recipients, key="plans.task.1.due-3", **kw):
    return notify(recipients=recipients, key=key, title=kw.pop("title", "Nhiệm vụ sắp đến hạn"), **kw)


class TestIdempotency:
    def test_same_key_twice_creates_one_row_and_one_email(self, personas, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            first = _notify([personas.dept_officer])
        with django_capture_on_commit_callbacks(execute=True):
            second = _notify([personas.dept_officer])
        assert (first, second) == (1, 0)
        assert Notification.objects.filter(user=personas.dept_officer).count() == 1
        assert [m.to for m in mail.outbox] == [["dept_officer@example.org"]]

    def test_two_recipients_get_two_notifications_and_two_emails(
        self, personas, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            created = _notify([personas.dept_officer, personas.commune_officer])
        assert created == 2
        assert sorted(m.to[0] for m in mail.outbox) == [
            "commune_officer@example.org",
            "dept_officer@example.org",
        ]

    def test_only_the_missing_recipient_is_added_when_the_list_grows(
        self, personas, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _notify([personas.dept_officer])
        with django_capture_on_commit_callbacks(execute=True):
            created = _notify([personas.dept_officer, personas.commune_officer])
        assert created == 1
        assert [m.to for m in mail.outbox] == [["dept_officer@example.org"], ["commune_officer@example.org"]]

    def test_the_same_recipient_twice_in_one_call_counts_once(self, personas):
        assert _notify([personas.dept_officer, personas.dept_officer]) == 1

    def test_a_different_key_is_a_new_notification(self, personas):
        assert _notify([personas.dept_officer], key="a") == 1
        assert _notify([personas.dept_officer], key="b") == 1

    def test_the_database_refuses_a_duplicate_key_for_a_user(self, personas):
        from django.db import IntegrityError

        _notify([personas.dept_officer])
        with pytest.raises(IntegrityError), transaction.atomic():
            Notification.objects.create(user=personas.dept_officer, key="plans.task.1.due-3", title="x")

    def test_a_cleared_notification_is_not_created_again(self, personas):
        from cchc.notifications.services import notifications_clear_read, notifications_mark_all_read

        _notify([personas.dept_officer])
        notifications_mark_all_read(actor=personas.dept_officer)
        assert notifications_clear_read(actor=personas.dept_officer) == 1
        assert _notify([personas.dept_officer]) == 0

    def test_no_recipients_and_inactive_accounts_create_nothing(self, personas):
        personas.outsider.is_active = False
        personas.outsider.save()
        assert _notify([]) == 0
        assert _notify([None, personas.outsider]) == 0
        assert not Notification.objects.exists()

    def test_the_row_keeps_what_was_given(self, personas):
        _notify([personas.dept_officer], body="Hạn 26/11/2026", url="/ke-hoach/1/", level="warning")
        n = Notification.objects.get()
        assert (n.title, n.body, n.url, n.level, n.read_at) == (
            "Nhiệm vụ sắp đến hạn",
            "Hạn 26/11/2026",
            "/ke-hoach/1/",
            "warning",
            None,
        )


class TestEmail:
    def test_nothing_is_sent_before_the_commit(self, personas, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            _notify([personas.dept_officer])
        assert mail.outbox == []
        assert len(callbacks) == 1

    def test_a_rolled_back_transaction_sends_nothing(self, personas, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            _notify([personas.dept_officer])
            transaction.set_rollback(True)
        assert mail.outbox == []
        assert not Notification.objects.exists()

    def test_a_user_without_an_address_gets_only_the_in_app_notification(
        self, personas, django_capture_on_commit_callbacks
    ):
        personas.dept_officer.email = ""
        personas.dept_officer.save()
        with django_capture_on_commit_callbacks(execute=True):
            created = _notify([personas.dept_officer, personas.commune_officer])
        assert created == 2
        assert [m.to for m in mail.outbox] == [["commune_officer@example.org"]]

    def test_email_false_sends_nothing(self, personas, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            assert _notify([personas.dept_officer], email=False) == 1
        assert mail.outbox == []

    def test_the_message_has_title_body_and_absolute_link(
        self, personas, settings, django_capture_on_commit_callbacks
    ):
        settings.CCHC_SITE_URL = "https://cchc.tinhmau.example/"
        settings.CCHC_SITE_NAME = "CCHC Tỉnh Mẫu"
        with django_capture_on_commit_callbacks(execute=True):
            _notify([personas.dept_officer], body="Hạn chót 26/11/2026.", url="/ke-hoach/nhiem-vu/7/")
        message = mail.outbox[0]
        assert message.subject == "[CCHC Tỉnh Mẫu] Nhiệm vụ sắp đến hạn"
        assert "Hạn chót 26/11/2026." in message.body
        assert "https://cchc.tinhmau.example/ke-hoach/nhiem-vu/7/" in message.body
        assert "https://cchc.tinhmau.example/thong-bao/" in message.body
        assert "Dept Officer" in message.body

    def test_without_a_site_url_the_message_has_no_broken_relative_link(
        self, personas, settings, django_capture_on_commit_callbacks
    ):
        settings.CCHC_SITE_URL = ""
        with django_capture_on_commit_callbacks(execute=True):
            _notify([personas.dept_officer], url="/ke-hoach/nhiem-vu/7/")
        assert "/ke-hoach/nhiem-vu/7/" not in mail.outbox[0].body

    def test_a_newline_in_the_title_does_not_break_the_subject(
        self, personas, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _notify([personas.dept_officer], title="Dòng 1\nDòng 2")
        assert mail.outbox[0].subject.endswith("Dòng 1 Dòng 2")

    def test_a_failing_mail_server_does_not_break_the_caller(
        self, personas, settings, django_capture_on_commit_callbacks, caplog
    ):
        settings.MAILERS = {"default": {"BACKEND": "cchc.notifications.tests.test_notify.BrokenBackend"}}
        with django_capture_on_commit_callbacks(execute=True):
            assert _notify([personas.dept_officer, personas.commune_officer]) == 2
        assert Notification.objects.count() == 2
        assert "Could not e-mail a notification" in caplog.text


class BrokenBackend:
    def __init__(self, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


class TestLevelsAndAudit:
    def test_only_an_escalation_is_audited_once_per_call(self, personas):
        _notify([personas.dept_officer], key="info", level="info")
        _notify([personas.dept_officer], key="warn", level="warning")
        assert not AuditEvent.objects.filter(action="notification.escalate").exists()
        _notify(
            [personas.dept_officer, personas.province_admin],
            key="esc",
            level="danger",
            actor=None,
            title="Nhiệm vụ quá hạn 10 ngày",
        )
        event = AuditEvent.objects.get(action="notification.escalate")
        assert event.changes["user"] == [None, ["dept_officer", "province_admin"]]
        assert event.changes["title"] == [None, "Nhiệm vụ quá hạn 10 ngày"]

    def test_a_repeated_escalation_is_not_audited_again(self, personas):
        _notify([personas.dept_officer], key="esc", level="danger")
        _notify([personas.dept_officer], key="esc", level="danger")
        assert AuditEvent.objects.filter(action="notification.escalate").count() == 1

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"level": "urgent"}, "level"),
            ({"key": ""}, "key"),
            ({"key": "k" * 201}, "key"),
            ({"url": "/" + "x" * 500}, "url"),
        ],
    )
    def test_invalid_arguments_are_refused(self, personas, kwargs, field):
        with pytest.raises(ValidationError) as err:
            _notify([personas.dept_officer], **kwargs)
        assert field in err.value.message_dict
        assert not Notification.objects.exists()

    def test_a_long_title_is_cut_to_the_column(self, personas):
        _notify([personas.dept_officer], title="Nhiệm vụ " * 60)
        assert len(Notification.objects.get().title) == 255
