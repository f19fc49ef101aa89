"""ISO weeks, the integer week index and periods (a week goes by its Thursday)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indsats.register import weeks


def test_epoch_and_year_boundaries():
    assert weeks.week_index(2000, 1) == 0
    assert weeks.weeks_in_iso_year(2020) == 53 and weeks.weeks_in_iso_year(2021) == 52
    assert weeks.week_index(2021, 1) == weeks.week_index(2020, 53) + 1
    # 2024-12-30 is a Monday in ISO week 2025-W01 (a DuckDB bug once got this wrong)
    assert weeks.iso_of(weeks.week_index_of_date(date(2024, 12, 30))) == (2025, 1)
    assert weeks.period_label(weeks.week_index(2025, 1), "maaned") == "2025-01"
    with pytest.raises(weeks.InvalidWeek):
        weeks.week_index(2021, 53)


@given(st.dates(min_value=date(2000, 1, 3), max_value=date(2060, 12, 31)))
def test_week_index_round_trips_through_iso(day):
    i = weeks.week_index_of_date(day)
    y, w = weeks.iso_of(i)
    assert (y, w) == tuple(day.isocalendar())[:2]
    assert weeks.week_index(y, w) == i
    assert weeks.monday(i) <= day < weeks.monday(i) + timedelta(days=7)


def test_parse_week_and_dream_columns():
    assert weeks.parse_week("2019W01") == weeks.parse_week("2019-W01") == weeks.week_index(2019, 1)
    assert weeks.parse_dream_week("y_9901") == weeks.week_index(1999, 1)
    assert weeks.parse_dream_week("y_2053") == weeks.week_index(2020, 53)
    with pytest.raises(weeks.InvalidWeek):
        weeks.parse_dream_week("y_2153")


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("2020", 53),
        ("2021", 52),
        ("2020Q4", 14),
        ("2020Q1", 13),
        ("2020-01", 5),
        ("2020-02", 4),
        ("2023W10", 1),
        ("2022:2023", 104),
    ],
)
def test_periods_count_weeks_by_thursday(text, n):
    assert weeks.parse_periode(text).n_weeks == n


def test_bad_period():
    with pytest.raises(ValueError, match="not a period"):
        weeks.parse_periode("20x3")
