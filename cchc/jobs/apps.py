from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "cchc.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Each app declares its job handlers in <app>/jobs.py; import them so the worker knows them.
        from importlib import import_module

        from django.apps import apps

        for config in apps.get_app_configs():
            if config.name.startswith("cchc."):
                try:
                    import_module(f"{config.name}.jobs")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.jobs":
                        raise
