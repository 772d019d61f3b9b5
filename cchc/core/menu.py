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
    entries = [(item, reverse(item.url_name)) for item in sorted(visible, key=lambda i: i.order)]
    # The active entry is the one with the longest URL that prefixes the current path, so
    # "/don-vi/nhom/" highlights "Unit groups" and not also "Units" ("/don-vi/").
    matching = [
        url for _item, url in entries if current_path.startswith(url) and url.rstrip("/") not in ("", "/en")
    ]
    active_url = max(matching, key=len) if matching else None
    return [
        {"label": item.label, "url": url, "icon": item.icon, "active": url == active_url}
        for item, url in entries
    ]
