from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from cchc.core.formatting import format_vi_date_long, format_vi_number, percent, round_half_up


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (14, 31, Decimal("45.16")),
        (2, 3, Decimal("66.67")),
        (1, 3, Decimal("33.33")),
        (1, 8, Decimal("12.50")),
        (1, 200, Decimal("0.50")),  # 0.5 exactly
        (1, 400, Decimal("0.25")),
        (5, 8000, Decimal("0.06")),  # 0.0625 → half-up at the 2nd decimal
        (0, 7, Decimal("0.00")),
        (7, 7, Decimal("100.00")),
        (3, 0, None),
    ],
)
def test_percent_rounds_half_up_like_officials(part, whole, expected):
    assert percent(part, whole) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("0.125", 2, "0.13"),
        ("0.135", 2, "0.14"),
        ("2.675", 2, "2.68"),
        ("-1.005", 2, "-1.01"),
        ("45.155", 2, "45.16"),
    ],
)
def test_round_half_up_is_exact(value, places, expected):
    # float arithmetic would give 2.67 for 2.675; Decimal does not drift
    assert round_half_up(Decimal(value), places) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (1234567.891, 2, "1.234.567,89"),
        (1234567, 0, "1.234.567"),
        (0, 0, "0"),
        (-1234.5, 1, "-1.234,5"),
        (999, 0, "999"),
    ],
)
def test_vi_number(value, places, expected):
    assert format_vi_number(value, places) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 3, 4), "Hà Nội, ngày 04 tháng 3 năm 2026"),
        (dt.date(2026, 2, 15), "Hà Nội, ngày 15 tháng 02 năm 2026"),
        (dt.date(2026, 1, 9), "Hà Nội, ngày 09 tháng 01 năm 2026"),
        (dt.date(2026, 12, 31), "Hà Nội, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_official_date_line(day, expected):
    assert format_vi_date_long(day, "Hà Nội") == expected


def render(source: str, **context) -> str:
    return Template("{% load cchc %}" + source).render(Context(context))


def test_templates_format_vietnamese_numbers_dates_and_percentages():
    with translation.override("vi"):
        assert render("{{ n }}", n=1234567) == "1.234.567"
        assert render("{{ d }}", d=dt.date(2026, 3, 4)) == "04/03/2026"
        assert render("{{ p|pct }}", p=Decimal("45.16")) == "45,16%"
        assert render("{{ x|floatformat:'2g' }}", x=1234567.891) == "1.234.567,89"


def test_english_keeps_day_first_dates():
    with translation.override("en"):
        assert render("{{ d }}", d=dt.date(2026, 3, 4)) == "04/03/2026"
        assert render("{{ p|pct }}", p=Decimal("45.16")) == "45.16%"


def test_vietnamese_date_input_is_day_first():
    from django import forms

    class F(forms.Form):
        day = forms.DateField()

    with translation.override("vi"):
        form = F({"day": "03/04/2026"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == dt.date(2026, 4, 3)
