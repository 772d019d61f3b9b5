"""Navigation by module. Each app lists its entries in `<app>/menu.py` as `ITEMS`; modules that
are not built simply have no entries, and entries the user may not use are not shown."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from cchc.accounts import scope


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    icon: str
    capability: str | None = None  # needed somewhere in the user's scope; None = any signed-in user
    order: int = 100
    section: str | None = None  # a key of SECTIONS: shown in that drop-down; None = on the bar itself


@dataclass(frozen=True)
class Section:
    label: str | Promise
    icon: str


# The bar holds one drop-down per field of work, so it stays one line as modules are added.
SECTIONS: dict[str, Section] = {
    "plans": Section(gettext_lazy("Plans and tasks"), "bi-list-check"),
    "par_index": Section(gettext_lazy("PAR INDEX"), "bi-clipboard-check"),
    "one_stop": Section(gettext_lazy("One-stop"), "bi-folder2-open"),
    "system": Section(gettext_lazy("Administration"), "bi-gear"),
}


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
    out: list[dict[str, Any]] = []
    sections: dict[str, dict[str, Any]] = {}
    for item, url in entries:
        entry = {"label": item.label, "url": url, "icon": item.icon, "active": url == active_url}
        if item.section is None:
            out.append(entry)
            continue
        if item.section not in sections:
            section = SECTIONS[item.section]
            sections[item.section] = {
                "label": section.label,
                "icon": section.icon,
                "children": [],
                "active": False,
            }
            out.append(sections[item.section])
        sections[item.section]["children"].append(entry)
        sections[item.section]["active"] |= entry["active"]
    # Drop-downs in the order of SECTIONS, after the entries of the bar itself; a drop-down with a
    # single entry is just that entry.
    ordered = [e for e in out if "children" not in e] + [sections[k] for k in SECTIONS if k in sections]
    return [e["children"][0] if "children" in e and len(e["children"]) == 1 else e for e in ordered]
