"""Pagination of API lists: `limit` / `offset`, answered as {"items": [...], "count": n}."""

from __future__ import annotations

from typing import Any

from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500  # a larger `limit` is served as this many items


class Pagination(LimitOffsetPagination):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_limit", MAX_LIMIT)
        super().__init__(**kwargs)
