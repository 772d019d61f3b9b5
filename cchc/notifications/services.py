"""Creating notifications (in the app and by e-mail) and the recipient's own inbox actions.

Auditing: a daily reminder job notifies many users every day, and the notifications table itself
records who was told what and when, so ordinary notifications write no audit event. Escalations
(level "danger": a unit leader told that a task is long overdue) are part of the accountability
trail, so each escalating `notify` call writes one audit event, which survives the recipient
clearing the notification. Marking read and clearing touch only the user's own inbox and are not
audited either.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.services import audit_record
from cchc.notifications.models import Notification

log = logging.getLogger(__name__)

KEY_MAX_LENGTH = Notification._meta.get_field("key").max_length or 200
TITLE_MAX_LENGTH = Notification._meta.get_field("title").max_length or 255
URL_MAX_LENGTH = Notification._meta.get_field("url").max_length or 500


def _validate(key: str, url: str, level: str) -> None:
    errors: dict[str, str] = {}
    if not key or len(key) > KEY_MAX_LENGTH:
        errors["key"] = _("A notification needs a key of at most %(max)d characters.") % {
            "max": KEY_MAX_LENGTH
        }
    if level not in Notification.Level.values:
        errors["level"] = _("Unknown notification level “%(level)s”.") % {"level": level}
    if len(url) > URL_MAX_LENGTH:
        errors["url"] = _("The link of a notification is too long.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def notify(
    *,
    recipients: Iterable[Any],
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    level: str = "info",
    email: bool = True,
    actor: Any = None,
) -> int:
    """Notify each recipient once per `key`; the number of notifications created.

    Recipients that already have a notification with this key are skipped (the unique constraint
    on (user, key) makes this hold under concurrent calls too), and so are inactive accounts.
    Each new notification is e-mailed to its recipient after the transaction commits, when
    `email` is true and the recipient has an address; a rolled-back caller sends nothing.
    `url` is a path inside the site (e.g. a task's page).
    """
    title, body, url = str(title)[:TITLE_MAX_LENGTH], str(body), str(url)
    _validate(key, url, level)
    users = {u.pk: u for u in recipients if u is not None and u.is_active}
    if not users:
        return 0
    already = set(Notification.objects.filter(key=key, user_id__in=users).values_list("user_id", flat=True))
    missing = [pk for pk in users if pk not in already]
    if not missing:
        return 0
    # ignore_conflicts leaves the instances without primary keys, and a concurrent call may have
    # inserted some of these rows first: our rows are the ones carrying our own timestamp.
    stamp = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(user_id=pk, key=key, title=title, body=body, url=url, level=level, created_at=stamp)
            for pk in missing
        ],
        ignore_conflicts=True,
    )
    created = list(Notification.objects.filter(key=key, user_id__in=missing, created_at=stamp).order_by("pk"))
    if not created:
        return 0
    if email:
        messages = [_email(users[n.user_id], n) for n in created if users[n.user_id].email]
        if messages:
            transaction.on_commit(lambda: send_emails(messages))
    if level == Notification.Level.DANGER:
        audit_record(
            actor=actor,
            action="notification.escalate",
            obj=created[0],
            changes={
                "title": [None, title],
                "key": [None, key],
                "user": [None, sorted(users[n.user_id].get_username() for n in created)],
            },
        )
    return len(created)


def absolute_url(path: str) -> str:
    """The notification's link for an e-mail: absolute when CCHC_SITE_URL is configured."""
    if not path or path.startswith(("http://", "https://")):
        return path
    base = getattr(settings, "CCHC_SITE_URL", "").rstrip("/")
    return f"{base}{path}" if base else ""


def _email(user: Any, notification: Notification) -> EmailMessage:
    site_name = getattr(settings, "CCHC_SITE_NAME", "CCHC")
    context = {
        "user": user,
        "notification": notification,
        "link": absolute_url(notification.url),
        "inbox": absolute_url(_inbox_path()),
        "site_name": site_name,
    }
    text = render_to_string("notifications/email/notification.txt", context)
    subject = " ".join(f"[{site_name}] {notification.title}".split())  # headers cannot hold newlines
    return EmailMessage(subject=subject, body=text, to=[user.email])


def _inbox_path() -> str:
    from django.urls import reverse

    return reverse("notifications:list")


def send_emails(messages: list[EmailMessage]) -> int:
    """Send each message on one connection; a failing address is logged and does not stop the rest
    (the in-app notification already exists, so the user is told anyway)."""
    sent = 0
    try:
        with mailers.default as mailer:
            for message in messages:
                try:
                    sent += mailer.send_messages([message]) or 0
                except Exception:
                    log.exception("Could not e-mail a notification to %s", ", ".join(message.to))
    except Exception:  # the mail server is unreachable: the caller's work is committed already
        log.exception("Could not connect to the mail server; %d notification e-mails not sent", len(messages))
    return sent


# --- The recipient's inbox ---------------------------------------------------------------------


def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read (the selector has checked ownership)."""
    if notification.user_id != actor.pk:
        raise ValidationError(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, actor: Any) -> int:
    """Mark all of the actor's unread notifications read; how many were unread."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())


def notifications_clear_read(*, actor: Any) -> int:
    """Remove the actor's read notifications from their list; how many were removed.

    The rows stay (hidden) so that a reminder the user cleared is not created again by the next
    run of the daily job; `notifications_purge` deletes them once they are old."""
    return Notification.objects.filter(user=actor, read_at__isnull=False, cleared_at__isnull=True).update(
        cleared_at=timezone.now()
    )


def notifications_purge(*, before: Any) -> int:
    """Delete cleared notifications cleared before `before` (a datetime); how many were deleted."""
    deleted, _counts = Notification.objects.filter(cleared_at__lt=before).delete()
    return deleted
