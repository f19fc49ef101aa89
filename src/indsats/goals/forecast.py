"""Year-end forecast: seasonal naive scaled by the year-to-date ratio.

For a report period p (a month, or a quarter for goals on public figures) of year Y, each
remaining period k of Y is forecast as

    forecast(k) = actual(k, Y-1) * r,   r = sum(actual(1..p, Y)) / sum(actual(1..p, Y-1))

i.e. last year's seasonal pattern at this year's level so far. Periods of Y-1 that are missing
make the method fall back to the naive forecast (the last actual value carried forward). The
year-end figure is the mean of the year's twelve months (or four quarters), actual up to p and
forecast after, which is how the plans state yearly goals ("605 helårspersoner in 2020", "the
2018 average was 27.9 %").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from indsats.goals.model import period_add, periods_of_year, periods_per_year


@dataclass(frozen=True, slots=True)
class Forecast:
    """The year-end forecast (prognose) and how it was made."""

    method: str  # "saesonnaiv" or "naiv"
    periods: dict[str, float]  # forecast periods (after the report period, same year)
    year_mean: float | None  # mean of actual + forecast over the year
    ratio: float | None  # the year-to-date ratio r (saesonnaiv only)


def year_end_forecast(actuals: Mapping[str, float | None], period: str) -> Forecast:
    """The forecast for the year of `period` ('2024-06' or '2024Q2') from `actuals`."""
    year = int(period[:4])
    lag = periods_per_year(period)
    year_periods = periods_of_year(year, like=period)
    ytd = [p for p in year_periods if p <= period]
    rest = [p for p in year_periods if p > period]
    have = [actuals.get(p) for p in ytd]
    if all(v is None for v in have):
        return Forecast("naiv", {}, None, None)
    prev_ytd = [actuals.get(period_add(p, -lag)) for p in ytd]
    prev_rest = [actuals.get(period_add(p, -lag)) for p in rest]
    pairs = [(a, b) for a, b in zip(have, prev_ytd, strict=True) if a is not None and b is not None]
    fc: dict[str, float]
    if pairs and all(v is not None for v in prev_rest) and sum(b for _, b in pairs) > 0:
        r = sum(a for a, _ in pairs) / sum(b for _, b in pairs)
        fc = {p: float(v or 0.0) * r for p, v in zip(rest, prev_rest, strict=True)}
        method, ratio = "saesonnaiv", r
    else:
        last = next(v for v in reversed(have) if v is not None)
        fc = {p: float(last) for p in rest}
        method, ratio = "naiv", None
    values = [float(v) for v in have if v is not None] + list(fc.values())
    return Forecast(method, fc, sum(values) / len(values), ratio)
