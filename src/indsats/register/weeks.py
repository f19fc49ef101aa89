"""ISO weeks and the integer week index of the register.

`week_index` counts ISO weeks since Monday 3 January 2000 (ISO week 2000-W01 has index 0). Two
weeks are consecutive exactly when their indices differ by one, which makes spells, lags and
rolling windows plain integer arithmetic on every backend (Spark has no `iso_year`, see
docs/register.md, "One code path").

A week belongs to the year, quarter and month of its **Thursday** (the ISO 8601 rule, the same
rule that gives a week its ISO year). So 2020 has 53 weeks, and 2024-12-30 (a Monday) lies in
ISO week 2025-W01 and in month 2025-01.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

EPOCH = date(2000, 1, 3)  # Monday of ISO week 2000-W01
_WEEK_RE = re.compile(r"^\s*(\d{4})\s*-?\s*W?\s*(\d{1,2})\s*$", re.IGNORECASE)


class InvalidWeek(ValueError):
    pass


def weeks_in_iso_year(year: int) -> int:
    return date(year, 12, 28).isocalendar().week


def week_index(iso_year: int, iso_week: int) -> int:
    """Index of an ISO week; an impossible week (e.g. 2021-W53) is an `InvalidWeek` error."""
    if not 1 <= iso_week <= weeks_in_iso_year(iso_year):
        raise InvalidWeek(f"{iso_year}-W{iso_week:02d} does not exist")
    monday = date.fromisocalendar(iso_year, iso_week, 1)
    return (monday - EPOCH).days // 7


def week_index_of_date(day: date) -> int:
    return (day - EPOCH).days // 7


def monday(index: int) -> date:
    return EPOCH + timedelta(weeks=index)


def thursday(index: int) -> date:
    return EPOCH + timedelta(weeks=index, days=3)


def iso_of(index: int) -> tuple[int, int]:
    iso = monday(index).isocalendar()
    return iso.year, iso.week


def label(index: int) -> str:
    y, w = iso_of(index)
    return f"{y}W{w:02d}"


def parse_week(text: str) -> int:
    """Parse '2019W01', '2019-W01' or '2019-01' into a week index."""
    m = _WEEK_RE.match(str(text))
    if not m:
        raise InvalidWeek(f"not an ISO week: {text!r} (expected e.g. 2019W01)")
    return week_index(int(m.group(1)), int(m.group(2)))


def parse_dream_week(column: str) -> int:
    """Week index of a DREAM column name `y_YYWW` (two-digit year: 91-99 -> 19xx, else 20xx)."""
    m = re.fullmatch(r"[yY]_(\d{2})(\d{2})", column)
    if not m:
        raise InvalidWeek(f"not a DREAM week column: {column!r} (expected y_YYWW)")
    yy = int(m.group(1))
    return week_index(1900 + yy if yy >= 91 else 2000 + yy, int(m.group(2)))


GRANULARITIES = ("aar", "kvartal", "maaned", "uge")


def period_label(index: int, granularity: str) -> str:
    """The period a week belongs to (by its Thursday): '2023', '2023Q1', '2023-01' or '2023W01'."""
    t = thursday(index)
    if granularity == "aar":
        return f"{t.year}"
    if granularity == "kvartal":
        return f"{t.year}Q{(t.month - 1) // 3 + 1}"
    if granularity == "maaned":
        return f"{t.year}-{t.month:02d}"
    if granularity == "uge":
        return label(index)
    raise ValueError(f"unknown granularity {granularity!r}; known: {', '.join(GRANULARITIES)}")


@dataclass(frozen=True, slots=True)
class Periode:
    """A span of whole ISO weeks, first and last inclusive."""

    first: int
    last: int
    text: str

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"period {self.text!r} ends before it starts")

    @property
    def weeks(self) -> range:
        return range(self.first, self.last + 1)

    @property
    def n_weeks(self) -> int:
        return self.last - self.first + 1


def _weeks_with_thursday_in(start: date, end: date) -> tuple[int, int]:
    """First and last week index whose Thursday lies in [start, end]."""
    first = week_index_of_date(start - timedelta(days=3))
    if thursday(first) < start:
        first += 1
    last = week_index_of_date(end - timedelta(days=3))
    if thursday(last) > end:
        last -= 1
    return first, last


def parse_periode(text: str) -> Periode:
    """Parse '2023', '2023Q2', '2023-05', '2023W10' or a span 'A:B' / 'A..B' of those."""
    text = str(text).strip()
    for sep in (":", ".."):
        if sep in text:
            a, b = (parse_periode(p) for p in text.split(sep, 1))
            return Periode(a.first, b.last, text)
    if re.fullmatch(r"\d{4}", text):
        y = int(text)
        return Periode(week_index(y, 1), week_index(y, weeks_in_iso_year(y)), text)
    m = re.fullmatch(r"(\d{4})[Qq]([1-4])", text)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        end = date(y, 3 * q + 1, 1) - timedelta(days=1) if q < 4 else date(y, 12, 31)
        return Periode(*_weeks_with_thursday_in(date(y, 3 * q - 2, 1), end), text)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            raise ValueError(f"not a month: {text!r}")
        end = (date(y + (mo == 12), mo % 12 + 1, 1)) - timedelta(days=1)
        return Periode(*_weeks_with_thursday_in(date(y, mo, 1), end), text)
    try:
        w = parse_week(text)
    except InvalidWeek:
        raise ValueError(
            f"not a period: {text!r} (expected 2023, 2023Q2, 2023-05, 2023W10 or A:B)"
        ) from None
    return Periode(w, w, text)
