from django.utils.translation import gettext_lazy as _

LABELS = {"notification.escalate": _("Escalation sent")}
WARNINGS = frozenset({"notification.escalate"})
