"""The sample province loaded by `manage.py demo_province` (and `make run` on an empty database)."""

from cchc.core.demo.data import DEMO_PASSWORD, PROVINCE_CODE, PROVINCE_NAME, SAMPLE_NOTE
from cchc.core.demo.loader import (
    DEFAULT_SEED,
    AccountRow,
    DemoResult,
    demo_accounts,
    has_units,
    load_demo_province,
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "PROVINCE_CODE",
    "PROVINCE_NAME",
    "SAMPLE_NOTE",
    "AccountRow",
    "DemoResult",
    "demo_accounts",
    "has_units",
    "load_demo_province",
]
