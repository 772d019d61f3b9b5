"""Vietnamese ordering for querysets on both database vendors."""

from __future__ import annotations

from typing import TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.functions import Collate

from cchc.core.text import vi_collation_name

M = TypeVar("M", bound=Model)


def order_vi[M: Model](queryset: QuerySet[M], *fields: str) -> QuerySet[M]:
    """Order `queryset` by `fields` in Vietnamese alphabetical order (A Ă Â B C D Đ …)."""
    vendor = connections[queryset.db].vendor
    collation = vi_collation_name(vendor)
    return queryset.order_by(*[Collate(field, collation) for field in fields])
