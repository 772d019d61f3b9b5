"""Human labels for audit action codes and changed fields, for the log pages and history lists."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.accounts.models import Role
from cchc.audit.models import AuditEvent
from cchc.orgunits.models import UnitLineage

# Values of fields recorded on an object that does not have them (a lineage link logged on the unit).
EXTRA_CHOICES: dict[str, dict[Any, Any]] = {"kind": dict(UnitLineage.Kind.choices)}
# Fields logged by id on an object that has no such foreign key (a task's unit logged on its plan).
FIELD_MODELS: dict[str, Any] = {}

ACTION_LABELS: dict[str, str | Promise] = {
    "auth.login": gettext_lazy("Signed in"),
    "auth.login_failed": gettext_lazy("Failed sign-in"),
    "auth.logout": gettext_lazy("Signed out"),
    "orgunit.create": gettext_lazy("Unit created"),
    "orgunit.update": gettext_lazy("Unit updated"),
    "orgunit.move": gettext_lazy("Unit moved"),
    "orgunit.close": gettext_lazy("Unit closed"),
    "orgunit.merge": gettext_lazy("Units merged"),
    "orgunit.split": gettext_lazy("Unit split"),
    "orgunit.lineage_add": gettext_lazy("Lineage link added"),
    "unitgroupset.create": gettext_lazy("Group set created"),
    "unitgroupset.update": gettext_lazy("Group set updated"),
    "unitgroup.create": gettext_lazy("Unit group created"),
    "unitgroup.update": gettext_lazy("Unit group updated"),
    "unitgroup.delete": gettext_lazy("Unit group deleted"),
    "unitgroup.set_members": gettext_lazy("Unit group members changed"),
    "user.create": gettext_lazy("Account created"),
    "user.update": gettext_lazy("Account updated"),
    "user.set_password": gettext_lazy("Password set"),
    "membership.add": gettext_lazy("Role granted"),
    "membership.remove": gettext_lazy("Role removed"),
    "api_token.create": gettext_lazy("API token created"),
    "api_token.revoke": gettext_lazy("API token revoked"),
    "job.enqueue": gettext_lazy("Background job started"),
    "job.succeed": gettext_lazy("Background job finished"),
    "job.fail": gettext_lazy("Background job failed"),
}

# Security events are shown in a warning colour in the log.
WARNING_ACTIONS = frozenset({"auth.login_failed", "job.fail", "membership.remove", "api_token.revoke"})


@functools.cache
def _app_labels() -> tuple[dict[str, str | Promise], frozenset[str]]:
    """Labels declared by the apps in `<app>/audit_labels.py`: `LABELS` (action → label), optional
    `WARNINGS` (actions shown in a warning colour), `FIELD_CHOICES` (field → {value: label}) for values
    logged on an object that does not have the field, and `FIELD_MODELS` (field → model) to show the
    name of an object logged by id."""
    labels: dict[str, str | Promise] = {}
    warnings: set[str] = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("cchc.") or config.name == "cchc.audit":
            continue
        try:
            module = import_module(f"{config.name}.audit_labels")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.audit_labels":
                raise
            continue
        labels.update(getattr(module, "LABELS", {}))
        warnings.update(getattr(module, "WARNINGS", ()))
        EXTRA_CHOICES.update(getattr(module, "FIELD_CHOICES", {}))
        FIELD_MODELS.update(getattr(module, "FIELD_MODELS", {}))
    return labels, frozenset(warnings)


def all_labels() -> dict[str, str | Promise]:
    return {**ACTION_LABELS, **_app_labels()[0]}


def is_warning(code: str) -> bool:
    return code in WARNING_ACTIONS or code in _app_labels()[1]


def action_label(code: str) -> str:
    """The label of an action code; codes without a label are shown as they are."""
    label = all_labels().get(code)
    return str(label) if label is not None else code


def action_choices() -> list[tuple[str, str]]:
    """(code, label) pairs for a filter, in alphabetical order of the label."""
    return sorted(((code, str(label)) for code, label in all_labels().items()), key=lambda c: c[1])


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str
    is_new: bool = False  # no "before" worth showing (a creation): show only the value


def _model_field(event: AuditEvent, name: str) -> Any:
    model = event.content_type.model_class() if event.content_type_id and event.content_type else None
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _field_label(field: Any, name: str) -> str:
    if field is not None and hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    special = {"membership": _("role"), "members": _("members"), "kind": _("kind")}
    return str(special.get(name, name.replace("_", " ")))


def _value(value: Any, choices: dict[Any, Any] | None = None) -> str:
    """A stored JSON value as text: choice labels, ISO dates as dd/mm/yyyy, booleans as yes/no,
    empty as a dash."""
    if value is None or value == "":
        return "—"
    if choices and not isinstance(value, list) and value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(_value(v, choices) for v in value) or "—"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return formats.date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return str(value)


def _membership(value: Any) -> str:
    """ "focal_officer@SNV" → "Unit PAR focal officer · SNV"."""
    if not isinstance(value, str) or "@" not in value:
        return _value(value)
    role, _sep, unit = value.partition("@")
    label = Role(role).label if role in Role.values else role
    return f"{label} · {unit}"


def _related_model(field: Any, name: str) -> Any:
    if field is not None and getattr(field, "many_to_one", False):
        return field.related_model
    return FIELD_MODELS.get(name)


def _object_name(model: Any, value: Any) -> str:
    """An id logged for a foreign key, shown as the object's name (the id when it no longer exists)."""
    if isinstance(value, list):
        return ", ".join(_object_name(model, v) for v in value) or "—"
    if not isinstance(value, int) or isinstance(value, bool):
        return _value(value)
    obj = model._default_manager.filter(pk=value).first()
    return str(obj) if obj is not None else f"#{value}"


def changes_of(event: AuditEvent) -> list[Change]:
    """The event's changed fields with readable labels and before → after values.

    Fields empty both before and after (e.g. a blank phone at creation) are left out."""
    _app_labels()  # the apps' FIELD_CHOICES and FIELD_MODELS
    out = []
    verb = event.action.rsplit(".", 1)[-1]
    is_create = verb in ("create", "add") or verb.endswith(("_create", "_add"))
    for name, pair in (event.changes or {}).items():
        before, after = [*pair, None, None][:2] if isinstance(pair, list | tuple) else (None, pair)
        if before in (None, "") and after in (None, ""):
            continue
        field = _model_field(event, name)
        related = _related_model(field, name)
        if name == "membership":
            shown_before, shown_after = _membership(before), _membership(after)
        elif related is not None:
            shown_before, shown_after = _object_name(related, before), _object_name(related, after)
        else:
            own = dict(field.flatchoices) if getattr(field, "choices", None) else {}
            choices = {**EXTRA_CHOICES.get(name, {}), **own}
            shown_before, shown_after = _value(before, choices), _value(after, choices)
        is_new = is_create and before in (None, "")
        out.append(Change(name, _field_label(field, name), shown_before, shown_after, is_new))
    return out
