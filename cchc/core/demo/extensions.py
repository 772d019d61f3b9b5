"""Sample data of the modules built on the sample province.

Each app may ship `<app>/demo.py` with:
    ORDER: int                                   # apps load in this order (plans before scoring, …)
    def is_loaded() -> bool                      # its sample data is already there
    def load(*, seed: int) -> str                # loads it; returns a one-line summary (Vietnamese)

They run after the sample province exists, also on a database that got the province from an earlier
version (so `make run` adds new modules' samples), and never on a database without sample units.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from django.apps import apps

from cchc.orgunits.models import OrgUnit


def demo_modules() -> list[ModuleType]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("cchc.") or config.name == "cchc.core":
            continue
        try:
            modules.append(import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 100))


def load_extensions(*, seed: int) -> list[str]:
    """Load the sample data of every module that has none yet; the summaries of what was loaded."""
    if not OrgUnit.objects.filter(is_sample=True).exists():
        return []
    return [module.load(seed=seed) for module in demo_modules() if not module.is_loaded()]
