from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "cchc.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from cchc.audit import receivers  # noqa: F401  (login / failed-login audit)
