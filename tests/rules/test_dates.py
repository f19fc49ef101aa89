"""Calendar conventions (docs/rules.md, Conventions) and the NumPy twins of the date helpers."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indsats.rules.dates import (
    add_months,
    add_working_days,
    end_of_month,
    format_iso_week,
    non_working_day_name,
    parse_iso_week,
    week_monday,
)
from indsats.rules.obligations import whole_years
from indsats.rules.vectorised import add_months_np, end_of_month_np, whole_years_np


@pytest.mark.parametrize(
    ("day", "months", "want"),
    [
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 12, 15), 6, date(2024, 6, 15)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2026, 5, 4), 16, date(2027, 9, 4)),
    ],
)
def test_add_months_clips_to_month_end(day: date, months: int, want: date) -> None:
    assert add_months(day, months) == want


def test_holidays_reported_not_moved() -> None:
    assert non_working_day_name(date(2024, 12, 25)) == "Juledag"
    assert non_working_day_name(date(2025, 4, 17)) == "Skærtorsdag"
    assert non_working_day_name(date(2024, 3, 2)) == "lørdag"
    assert non_working_day_name(date(2024, 3, 4)) is None
    # working days skip Easter 2025 (17, 18, 20, 21 April) and the weekend
    assert add_working_days(date(2025, 4, 16), 1) == date(2025, 4, 22)


@pytest.mark.parametrize("text", ["2024-W05", "2024W05", "2024-w5"])
def test_iso_weeks(text: str) -> None:
    w = parse_iso_week(text)
    assert week_monday(w) == date(2024, 1, 29)
    assert format_iso_week(w) == "2024-W05"


@pytest.mark.parametrize("text", ["2024-W54", "2023-W53", "24-W05", "2024-05", ""])
def test_bad_iso_weeks(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_week(text)


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 1, 1)),
    st.integers(-40, 40),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 1, 1)),
)
def test_numpy_date_helpers_match(day: date, months: int, other: date) -> None:
    d = np.array([(day - date(1970, 1, 1)).days], dtype=np.int64)
    o = np.array([(other - date(1970, 1, 1)).days], dtype=np.int64)
    epoch = date(1970, 1, 1)
    assert epoch + timedelta(days=int(add_months_np(d, months)[0])) == add_months(day, months)
    assert epoch + timedelta(days=int(end_of_month_np(d)[0])) == end_of_month(day)
    assert int(whole_years_np(d, o)[0]) == whole_years(day, other)
