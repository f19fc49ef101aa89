"""Year-end forecast: seasonal naive scaled by the year-to-date ratio.

For a report month m of year Y, each remaining month k of Y is forecast as

    forecast(k) = actual(k, Y-1) * r,   r = sum(actual(1..m, Y)) / sum(actual(1..m, Y-1))

i.e. last year's seasonal pattern at this year's level so far. Months of Y-1 that are missing
make the method fall back to the naive forecast (the last actual value carried forward). The
year-end figure is the mean of the twelve months (actual up to m, forecast after), which is
how the plans state yearly goals ("605 helårspersoner in 2020", "the 2018 average was 27.9 %").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from indsats.goals.model import month_add, month_label, parse_month


@dataclass(frozen=True, slots=True)
class Forecast:
    """The year-end forecast (prognose) and how it was made."""

    method: str  # "saesonnaiv" or "naiv"
    months: dict[str, float]  # forecast months (after the report month, same year)
    year_mean: float | None  # mean of actual + forecast over the year
    ratio: float | None  # the year-to-date ratio r (saesonnaiv only)


def year_end_forecast(actuals: Mapping[str, float | None], month: str) -> Forecast:
    year, mo = parse_month(month)
    ytd = [month_label(year, k) for k in range(1, mo + 1)]
    rest = [month_label(year, k) for k in range(mo + 1, 13)]
    have = [actuals.get(m) for m in ytd]
    if any(v is None for v in have):
        known = [v for v in have if v is not None]
        if not known:
            return Forecast("naiv", {}, None, None)
    prev_ytd = [actuals.get(month_add(m, -12)) for m in ytd]
    prev_rest = [actuals.get(month_add(m, -12)) for m in rest]
    pairs = [(a, b) for a, b in zip(have, prev_ytd, strict=True) if a is not None and b is not None]
    if pairs and all(v is not None for v in prev_rest) and sum(b for _, b in pairs) > 0:
        r = sum(a for a, _ in pairs) / sum(b for _, b in pairs)
        fc = {m: float(v) * r for m, v in zip(rest, prev_rest, strict=True)}
        method, ratio = "saesonnaiv", r
    else:
        last = next(v for v in reversed(have) if v is not None)
        fc = {m: float(last) for m in rest}
        method, ratio = "naiv", None
    values = [v for v in have if v is not None] + list(fc.values())
    return Forecast(method, fc, sum(values) / len(values), ratio)
