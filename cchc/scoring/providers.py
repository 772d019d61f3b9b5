"""Automatic inputs for PAR INDEX criteria: values computed from CCHC's own data, with provenance.

A provider is a function registered under a stable key ("plans.completion_rate",
"dossiers.on_time_rate", …). Each app declares its providers in `<app>/providers.py`, which the
scoring app imports at start-up. A provider answers for many units at once so that scoring a whole
cycle costs a constant number of queries, whatever the number of units:

    @provider("plans.completion_rate", label=_("Share of plan tasks completed"), unit_of_measure="%")
    def completion_rate(*, unit_ids: Sequence[int], start: date, end: date) -> dict[int, Provided]:
        ...

A unit without data is simply absent from the result (never reported as 0).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Provided:
    """One unit's value and where it came from (shown to the appraiser beside the declared value)."""

    value: Decimal
    source: str  # human-readable provenance, e.g. "Kế hoạch CCHC năm 2025: 14/31 nhiệm vụ hoàn thành"
    detail: dict[str, Any] = field(default_factory=dict)  # JSON-serialisable figures behind the value


ProviderFunc = Callable[..., dict[int, Provided]]


@dataclass(frozen=True)
class Provider:
    key: str
    label: str | Promise
    unit_of_measure: str
    func: ProviderFunc

    def values(self, *, unit_ids: Sequence[int], start: date, end: date) -> dict[int, Provided]:
        return self.func(unit_ids=unit_ids, start=start, end=end)


_PROVIDERS: dict[str, Provider] = {}


def provider(
    key: str, *, label: str | Promise, unit_of_measure: str = ""
) -> Callable[[ProviderFunc], ProviderFunc]:
    def register(func: ProviderFunc) -> ProviderFunc:
        _PROVIDERS[key] = Provider(key, label, unit_of_measure, func)
        return func

    return register


def get_provider(key: str) -> Provider | None:
    return _PROVIDERS.get(key)


def all_providers() -> list[Provider]:
    return sorted(_PROVIDERS.values(), key=lambda p: p.key)


def register_for_tests(p: Provider) -> Callable[[], None]:
    """Install a test double; returns the function that removes it again."""
    previous = _PROVIDERS.get(p.key)
    _PROVIDERS[p.key] = p

    def restore() -> None:
        if previous is None:
            _PROVIDERS.pop(p.key, None)
        else:
            _PROVIDERS[p.key] = previous

    return restore
