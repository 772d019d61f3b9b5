"""Navigation by module. Each app lists its entries in `<app>/menu.py` as `ITEMS`; modules that
are not built simply have no entries, and entries the user may not use are not shown."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise

from cchc.accounts import scope


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    icon: str
    capability: str | None = None  # needed somewhere in the user's scope; None = any signed-in user
    order: int = 100


def menu_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    items: list[MenuItem] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("cchc."):
            continue
        try:
            module = import_module(f"{config.name}.menu")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.menu":
                raise
            continue
        items.extend(getattr(module, "ITEMS", []))
    visible = [i for i in items if i.capability is None or scope.has_capability_anywhere(user, i.capability)]
    out = []
    for item in sorted(visible, key=lambda i: i.order):
        url = reverse(item.url_name)
        active = current_path == url if url.rstrip("/") in ("", "/en") else current_path.startswith(url)
        out.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return out
