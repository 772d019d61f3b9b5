from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "cchc.scoring"
    label = "scoring"
    verbose_name = _("PAR INDEX frameworks")

    def ready(self) -> None:
        # Each app declares its automatic inputs in <app>/providers.py (see cchc/scoring/providers.py).
        from importlib import import_module

        from django.apps import apps

        for config in apps.get_app_configs():
            if config.name.startswith("cchc."):
                try:
                    import_module(f"{config.name}.providers")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.providers":
                        raise
