"""Job handlers by kind. A handler receives the Job and a `report(percent, message)` callback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Report = Callable[[int, str], None]
Handler = Callable[[Any, Report], dict[str, Any]]

_HANDLERS: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        return func

    return register


def handler_for(kind: str) -> Handler:
    return _HANDLERS[kind]
