"""The expected value of a goal in a period (a month, or a quarter for goals on public
figures), by its trajectory.

- lineaer: a straight line on the month axis from the baseline to the target. A yearly period
  sits in its middle ("25 % in 2016" is mid-2016), a month is itself. Before the baseline the
  baseline holds, after the target the target holds.
- trinvis_aar: the step of the month's calendar year (`Goal.trin`); years without a step take
  the baseline's value before the first step, and the last step after it. Without steps, the
  baseline holds until the target's year, then the target.
- maaned_mod_sidste_aar: the actual value of the same month (or quarter) the year before (the
  plan's "falls month by month compared with last year"). Without last year's figure, the
  baseline.

A quarter sits at its middle month on the month axis, so a linear line drawn between years or
months gives a quarter the value of its middle.
"""

from __future__ import annotations

from collections.abc import Mapping

from indsats.goals.model import (
    Forloeb,
    Goal,
    period_add,
    period_position,
    periods_per_year,
    point_position,
)


def expected_value(goal: Goal, period: str, actuals: Mapping[str, float | None]) -> float | None:
    """The value the goal's trajectory expects in `period` ('2024-06' or '2024Q2').

    `actuals` maps periods to the indicator's actual value (needed by maaned_mod_sidste_aar).
    """
    base = goal.baseline.vaerdi if goal.baseline else None
    if goal.forloeb is Forloeb.LINEAER:
        if goal.baseline is None or goal.target is None:
            return None
        x0 = period_position(goal.baseline.periode)
        x1 = period_position(goal.target.periode)
        x = point_position(period)
        y0, y1 = goal.baseline.vaerdi, goal.target.vaerdi
        if x1 <= x0:
            return y1
        if x <= x0:
            return y0
        if x >= x1:
            return y1
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    if goal.forloeb is Forloeb.TRINVIS_AAR:
        year = int(period[:4])
        if goal.trin:
            steps = dict(goal.trin)
            if year in steps:
                return steps[year]
            years = sorted(steps)
            if year < years[0]:
                return base
            return steps[max(y for y in years if y < year)]
        if goal.target is None:
            return base
        return goal.target.vaerdi if year >= goal.target.aar else base
    if goal.forloeb is Forloeb.MAANED_MOD_SIDSTE_AAR:
        last_year = actuals.get(period_add(period, -periods_per_year(period)))
        return last_year if last_year is not None else base
    raise ValueError(f"unknown trajectory {goal.forloeb!r}")


def expected_series(
    goal: Goal, periods: list[str], actuals: Mapping[str, float | None]
) -> dict[str, float | None]:
    return {p: expected_value(goal, p, actuals) for p in periods}
