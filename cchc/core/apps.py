from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_collation(sender, connection, **kwargs):  # type: ignore[no-untyped-def]
    # Infrastructure, not business logic: SQLite has no Vietnamese collation of its own.
    if connection.vendor == "sqlite":
        from cchc.core.text import vi_collate

        connection.connection.create_collation("vi", vi_collate)


class CoreConfig(AppConfig):
    name = "cchc.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        connection_created.connect(_register_sqlite_collation, dispatch_uid="cchc-vi-collation")
