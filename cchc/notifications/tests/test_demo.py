"""Sample notifications: deterministic, labelled, and loaded once."""

from __future__ import annotations

import pytest

from cchc.accounts.services import user_create
from cchc.audit.models import AuditEvent
from cchc.notifications import demo
from cchc.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(db):
    return [
        user_create(actor=None, username=name, full_name=name, email=f"{name}@tinhmau.example", password=None)
        for name in ("so.tuphap", "so.tuphap.lanhdao", "xa.dakmai", "snv.admin")
    ]


def test_load_is_labelled_deterministic_and_once(demo_users, mailoutbox):
    assert not demo.is_loaded()
    summary = demo.load(seed=7)
    assert "7 thông báo mẫu" in summary
    assert demo.is_loaded()
    rows = list(Notification.objects.order_by("key").values_list("key", "created_at", "read_at"))
    assert Notification.objects.filter(is_sample=False).count() == 0
    assert all(n.body.endswith("(dữ liệu mẫu)") for n in Notification.objects.all())
    assert Notification.objects.filter(read_at__isnull=True).count() == 5
    assert mailoutbox == []
    assert AuditEvent.objects.filter(action="notification.escalate").count() == 1
    Notification.objects.all().delete()
    demo.load(seed=7)
    again = list(Notification.objects.order_by("key").values_list("key", "created_at", "read_at"))
    # Same offsets from "now": compare the gaps, not the clock.
    assert [k for k, *_ in again] == [k for k, *_ in rows]
    assert [(r[2] - r[1]) if r[2] else None for r in again] == [(r[2] - r[1]) if r[2] else None for r in rows]
