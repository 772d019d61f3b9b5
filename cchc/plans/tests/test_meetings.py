"""Meeting counts by kind and level for a period, and by period over a year (counted in the database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from cchc.plans import meetings, periods
from cchc.plans.models import Meeting

pytestmark = pytest.mark.django_db
D = dt.date
K, L = Meeting.Kind, Meeting.Level


@pytest.fixture
def held(province: Any) -> None:
    spec = [
        (province.province, D(2024, 12, 20), K.STEERING, L.PROVINCE),  # previous year: only in par windows
        (province.province, D(2025, 1, 15), K.STEERING, L.PROVINCE),
        (province.province, D(2025, 3, 31), K.BRIEFING, L.PROVINCE),  # last day of Q1
        (province.province, D(2025, 4, 1), K.STEERING, L.PROVINCE),  # first day of Q2
        (province.commune, D(2025, 6, 30), K.STEERING, L.COMMUNE),  # last day of H1
        (province.commune, D(2025, 7, 1), K.BRIEFING, L.COMMUNE),
        (province.snv, D(2025, 12, 31), K.REVIEW, L.PROVINCE),
        (province.stc, D(2025, 5, 5), K.THEMATIC, L.PROVINCE),
    ]
    for unit, day, kind, level in spec:
        meetings.meeting_create(actor=None, unit=unit, date=day, title=f"Họp {day}", kind=kind, level=level)


def test_by_kind_and_level_for_a_period(held: None, personas: Any) -> None:
    everyone = meetings.meetings_for_user(personas.leader)
    q1 = meetings.count_by_kind_and_level(everyone, D(2025, 1, 1), D(2025, 3, 31))
    # rows: steering, briefing, review, thematic; columns: province, commune
    assert q1.cells == [[1, 0], [1, 0], [0, 0], [0, 0]]
    assert q1.total == 2 and q1.column_totals == [2, 0]
    h1 = meetings.count_by_kind_and_level(everyone, D(2025, 1, 1), D(2025, 6, 30))
    assert h1.cells == [[2, 1], [1, 0], [0, 0], [1, 0]]
    assert [total for _label, _cells, total in h1.rows] == [3, 1, 0, 1]
    par_q1 = meetings.count_by_kind_and_level(everyone, D(2024, 12, 15), D(2025, 3, 14))
    assert par_q1.cells[0] == [2, 0] and par_q1.total == 2  # 20/12/2024 and 15/01/2025, not 31/03
    year = meetings.count_by_kind_and_level(everyone, D(2025, 1, 1), D(2025, 12, 31))
    assert year.total == 7 and year.column_totals == [5, 2]


def test_by_period_over_a_year(held: None, personas: Any) -> None:
    table = meetings.count_by_period(meetings.meetings_for_user(personas.leader), 2025)
    assert table.column_labels == [
        str(periods.BY_KEY[k].label) for k in ("q1", "q2", "q3", "q4", "h1", "year")
    ]
    rows = {label: cells for label, cells, _total in table.rows}
    steering_province = f"{K.STEERING.label} – {L.PROVINCE.label}"
    # columns: Q1, Q2, Q3, Q4, first 6 months, year
    assert rows[steering_province] == [1, 1, 0, 0, 2, 2]
    assert rows[f"{K.STEERING.label} – {L.COMMUNE.label}"] == [0, 1, 0, 0, 1, 1]
    assert rows[f"{K.BRIEFING.label} – {L.COMMUNE.label}"] == [0, 0, 1, 0, 0, 1]
    assert rows[f"{K.REVIEW.label} – {L.PROVINCE.label}"] == [0, 0, 0, 1, 0, 1]
    assert len(rows) == 6  # kinds and levels without a meeting this year are left out


def test_counts_are_scoped(held: None, personas: Any) -> None:
    commune = meetings.count_by_kind_and_level(
        meetings.meetings_for_user(personas.commune_officer), D(2025, 1, 1), D(2025, 12, 31)
    )
    assert commune.total == 2 and commune.column_totals == [0, 2]
    assert meetings.count_by_period(meetings.meetings_for_user(personas.outsider), 2025).total == 1
    assert meetings.count_by_period(meetings.meetings_for_user(personas.nobody), 2025).rows == []


def test_count_is_one_query(held: None, personas: Any, django_assert_num_queries: Any) -> None:
    qs = meetings.meetings_for_user(personas.system_admin)
    with django_assert_num_queries(1):
        meetings.count_by_period(qs, 2025)
    with django_assert_num_queries(1):
        meetings.count_by_kind_and_level(qs, D(2025, 1, 1), D(2025, 12, 31))


def test_meeting_page_shows_both_tables(held: None, personas: Any, client_for: Any) -> None:
    response = client_for(personas.leader).get(
        reverse("plans:meeting_list"), {"period": "h1", "year": "2025"}
    )
    assert response.status_code == 200
    assert response.context["by_kind"].cells == [[2, 1], [1, 0], [0, 0], [1, 0]]
    assert response.context["by_period"].total == 7
    assert len(response.context["meetings"]) == 5
    page = response.content.decode()
    assert 'id="meetings-by-kind"' in page and 'id="meetings-by-period"' in page
    assert 'value="2025"' in page  # the year is not shown as "2.025"
    bad = client_for(personas.leader).get(reverse("plans:meeting_list"), {"period": "x", "year": "99999"})
    assert bad.status_code == 200 and bad.context["period"].key == "year"
