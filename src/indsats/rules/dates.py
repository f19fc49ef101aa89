"""Calendar arithmetic used by every rule, defined once.

Month arithmetic (documented in docs/rules.md):
    ``add_months(d, n)`` is the same day number ``n`` months later, clipped to the last day of that
    month (2024-08-31 + 6 months = 2025-02-28). "Within the first 6 months from S" is the window
    ``[S, add_months(S, 6) - 1 day]``; "at the latest after 6 months" is the day
    ``add_months(S, 6)``.

Weeks are 7 calendar days. No rule in the sources counts working days, so no deadline is moved for a
weekend or a public holiday; `non_working_day_name` only *reports* that a deadline falls on one
(Danish public holidays from the `holidays` package), so the caseworker can see it.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import cache

_EPOCH_MONDAY = date(1970, 1, 5)  # a Monday; week index 0


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def end_of_month(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def offset(anchor: date, months: int = 0, days: int = 0) -> date:
    """``add_months(anchor, months) + days``: the one shape every window bound has."""
    return add_months(anchor, months) + timedelta(days=days)


def fmt(day: date | None) -> str:
    """dd.mm.yyyy, the Danish form used in text_da."""
    return "ukendt dato" if day is None else day.strftime("%d.%m.%Y")


@cache
def _holiday_table() -> dict[date, str]:
    import holidays  # lazy: keeps `import indsats.rules` fast

    table: dict[date, str] = {}
    for day, name in holidays.country_holidays(
        "DK", years=range(2014, 2041), language="da"
    ).items():
        table[day] = name
    return table


def danish_holidays() -> dict[date, str]:
    """Danish public holidays 2014-2040 (from the `holidays` package)."""
    return dict(_holiday_table())


_WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def non_working_day_name(day: date | None) -> str | None:
    """The name of the holiday, or 'lørdag'/'søndag', if `day` is not a working day; else None."""
    if day is None:
        return None
    name = _holiday_table().get(day)
    if name is not None:
        return name
    if day.weekday() >= 5:
        return _WEEKDAYS_DA[day.weekday()]
    return None


def is_working_day(day: date) -> bool:
    return non_working_day_name(day) is None


def add_working_days(day: date, n: int) -> date:
    """`n` Danish working days after `day` (for rules that count working days; none do yet)."""
    current = day
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        current += timedelta(days=step)
        if is_working_day(current):
            remaining -= 1
    return current


def week_index(day: date) -> int:
    """Number of whole weeks between the Monday 1970-01-05 and the Monday of `day`'s ISO week."""
    return (day - _EPOCH_MONDAY).days // 7


def week_monday(index: int) -> date:
    return _EPOCH_MONDAY + timedelta(weeks=index)


def parse_iso_week(text: str) -> int:
    """'2024-W05', '2024W05' or '2024-W5' -> week index. Raises ValueError on anything else."""
    raw = text.strip().upper().replace("-", "")
    if "W" not in raw:
        raise ValueError(f"not an ISO week: {text!r} (expected e.g. 2024-W05)")
    year_s, week_s = raw.split("W", 1)
    if not (year_s.isdigit() and week_s.isdigit() and len(year_s) == 4):
        raise ValueError(f"not an ISO week: {text!r} (expected e.g. 2024-W05)")
    try:
        monday = date.fromisocalendar(int(year_s), int(week_s), 1)
    except ValueError:
        raise ValueError(
            f"not an ISO week: {text!r} (week {week_s} does not exist in {year_s})"
        ) from None
    return week_index(monday)


def format_iso_week(index: int) -> str:
    iso = week_monday(index).isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"
