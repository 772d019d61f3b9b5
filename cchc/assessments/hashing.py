"""Canonical JSON and its SHA-256, so a published snapshot's hash can be recomputed by anyone."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def canonical_json(data: Any) -> str:
    """Sorted keys, no insignificant whitespace, UTF-8 text (Vietnamese kept readable)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def content_hash(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()
