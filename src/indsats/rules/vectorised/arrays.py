"""Day numbers, calendar tables and coded string columns: the NumPy building blocks of every rule.

Dates are int64 day numbers since 1970-01-01 (`NA` for missing); month arithmetic gathers from
day-indexed tables (`Calendar`), so it never touches ``datetime64`` in the hot path.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from indsats.rules.parameters import ParameterNotInForce, ParameterValue, parameter

NA = np.int64(-(2**62))
EPOCH = date(1970, 1, 1)
DSHIFT = np.int64(1) << 17  # day offsets packed into composite keys
DMIN = (date(1960, 1, 1) - EPOCH).days


def day_numbers(col: Any) -> np.ndarray:
    """datetime-like column -> int64 days since 1970-01-01, NA for NaT."""
    arr = np.asarray(col).astype("datetime64[D]")
    out = arr.astype(np.int64)
    out[np.isnat(arr)] = NA
    return out


def day_number(d: date) -> int:
    return (d - EPOCH).days


class Calendar:
    """Day-indexed lookup tables for 1900-01-01 .. 2199-12-31 (integer gathers, no datetime64)."""

    def __init__(self) -> None:
        self.d0 = day_number(date(1900, 1, 1))
        days = np.arange(self.d0, day_number(date(2200, 1, 1)), dtype=np.int64)
        dt = days.astype("datetime64[D]")
        months = dt.astype("datetime64[M]")
        self.month_index = months.astype(np.int64)  # months since 1970-01
        self.dom0 = (dt - months.astype("datetime64[D]")).astype(np.int64)  # 0-based day of month
        self.year = dt.astype("datetime64[Y]").astype(np.int64) + 1970
        self.md = (self.month_index % 12 + 1) * 100 + self.dom0 + 1
        self.m0 = int(self.month_index[0])
        mi = np.arange(self.m0, int(self.month_index[-1]) + 2, dtype=np.int64)
        self.first_of_month = mi.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
        self.dim = np.append(np.diff(self.first_of_month), 31)

    def add_months(self, days: np.ndarray, months: int | np.ndarray) -> np.ndarray:
        i = days - self.d0
        mi = self.month_index[i] - self.m0 + np.asarray(months, dtype=np.int64)
        return np.asarray(self.first_of_month[mi] + np.minimum(self.dom0[i], self.dim[mi] - 1))

    def end_of_month(self, days: np.ndarray) -> np.ndarray:
        mi = self.month_index[days - self.d0] - self.m0
        return np.asarray(self.first_of_month[mi + 1] - 1)


_CALENDAR: Calendar | None = None


def cal() -> Calendar:
    global _CALENDAR
    if _CALENDAR is None:
        _CALENDAR = Calendar()
    return _CALENDAR


def add_months_np(days: np.ndarray, months: int | np.ndarray) -> np.ndarray:
    return cal().add_months(np.asarray(days, dtype=np.int64), months)


def end_of_month_np(days: np.ndarray) -> np.ndarray:
    return cal().end_of_month(np.asarray(days, dtype=np.int64))


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c = cal()
    i = np.asarray(days, dtype=np.int64) - c.d0
    return c.year[i], c.md[i]


def whole_years_np(start: np.ndarray, day: np.ndarray) -> np.ndarray:
    ys, mds = _ymd(start)
    yd, mdd = _ymd(day)
    return np.asarray(yd - ys - (mdd < mds).astype(np.int64))


NA32 = np.int32(np.iinfo(np.int32).min)


def d32(days: np.ndarray) -> np.ndarray:
    """Store day numbers as int32 (NA -> NA32) to halve the memory the assembly moves."""
    return np.where(days == NA, NA32, days).astype(np.int32)


def d64(days: np.ndarray) -> np.ndarray:
    d = days.astype(np.int64)
    d[days == NA32] = NA
    return d


class Codes:
    """A string column as integer codes: fast ==, != and isin against Python strings."""

    def __init__(self, codes: np.ndarray, cats: list[str]) -> None:
        self.codes = codes
        self.cats = list(cats)

    @classmethod
    def of(cls, col: Any) -> Codes:
        codes, uniques = pd.factorize(pd.Series(col).fillna(""), sort=False)
        return cls(codes.astype(np.int32), [str(u) for u in uniques])

    def __len__(self) -> int:
        return len(self.codes)

    def _code(self, value: str) -> int:
        return self.cats.index(value) if value in self.cats else -2

    def __eq__(self, value: object) -> np.ndarray:  # type: ignore[override]
        return np.asarray(self.codes == self._code(str(value)))

    def __ne__(self, value: object) -> np.ndarray:  # type: ignore[override]
        return np.asarray(self.codes != self._code(str(value)))

    __hash__ = None  # type: ignore[assignment]

    def isin(self, values: Any) -> np.ndarray:
        wanted = [self._code(str(v)) for v in values]
        table = np.zeros(len(self.cats) + 2, dtype=bool)
        for w in wanted:
            if w >= 0:
                table[w] = True
        return np.asarray(table[self.codes])

    def value_at(self, i: int) -> str:
        return self.cats[int(self.codes[i])]

    def override(self, mask: np.ndarray, value: str) -> Codes:
        cats = list(self.cats)
        if value not in cats:
            cats.append(value)
        codes = self.codes.copy()
        codes[mask] = cats.index(value)
        return Codes(codes, cats)


def values_covering(key: str, days: np.ndarray) -> list[tuple[ParameterValue, np.ndarray]]:
    """(value, mask) for each value of a parameter; raises if any day is before the first date."""
    p = parameter(key)
    covered = np.zeros(len(days), dtype=bool)
    out = []
    for v in p.values:
        lo = day_number(v.valid_from)
        hi = day_number(v.valid_to) if v.valid_to else np.iinfo(np.int64).max
        m = (days >= lo) & (days <= hi)
        covered |= m
        out.append((v, m))
    if not covered.all():
        bad = days[~covered][0]
        when = (EPOCH + timedelta(days=int(bad))).isoformat()
        raise ParameterNotInForce(f"parameter {key} has no value on {when}")
    return out
