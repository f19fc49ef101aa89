"""Monthly series of the goals' indicators for one municipality, from `indsats.analytics`.

Each indicator a goal names runs once (monthly breakdown) through
`indsats.analytics.suite.run_indicators`; the goal's measure and filters are read off the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pyarrow as pa

from indsats.goals.measures import measure
from indsats.goals.model import Goal
from indsats.goals.status import Obs


def indicator_tables(
    register: Any,  # an Ibis table
    kommune: int | Sequence[int],
    indicators: Iterable[str],
    first_month: str,
    last_month: str,
    *,
    daekning: tuple[int, int] | None = None,
    aktiviteter: pa.Table | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, pa.Table]:
    """Run the named indicators for `kommune` (or several municipalities together), by month,
    over first_month..last_month.

    Indicators that need case data are skipped when `aktiviteter` is None (their goals get no
    data). `register` is an Ibis table (see `indsats.analytics.backend.read_register`).
    """
    from indsats.analytics.kontekst import Kontekst
    from indsats.analytics.suite import run_indicators
    from indsats.register.weeks import parse_periode

    ctx = Kontekst(
        periode=parse_periode(f"{first_month}:{last_month}"),
        niveau="maaned",
        daekning=daekning,
        aktiviteter=aktiviteter,
    )
    names = sorted(set(indicators))
    return run_indicators(register, ctx, names, kommune=kommune, progress=progress)


def goal_series(goal: Goal, tables: dict[str, pa.Table]) -> dict[str, Obs]:
    """The goal's monthly values and person counts from the indicator tables."""
    table = tables.get(goal.indikator)
    if table is None or table.num_rows == 0:
        return {}
    m = measure(goal.indikator, goal.measure)
    rows = table.to_pylist()
    filt = goal.filter_dict()
    rows = [r for r in rows if all(r.get(col) in vals for col, vals in filt.items())]
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        acc = out.setdefault(r["periode"], {"v": 0.0, "p": None, "n": 0})
        v = r.get(goal.measure)
        persons = [r.get(c) for c in m.personer]
        p = None if any(x is None for x in persons) else min(int(x) for x in persons)
        if m.sum_over_rows:
            acc["v"] += float(v or 0.0)
            # a lower bound of the persons behind a sum: the largest part (safe for suppression)
            acc["p"] = p if acc["p"] is None else (None if p is None else max(acc["p"], p))
        else:
            acc["v"] = None if v is None else float(v)
            acc["p"] = p
        acc["n"] += 1
    return {k: Obs(v["v"], v["p"]) for k, v in sorted(out.items())}


def fill_months(serie: dict[str, Obs], months: list[str], goal: Goal) -> dict[str, Obs]:
    """Months the register covers but where no row matched: zero persons for summed counts.

    A month with no benefit weeks at all has a value of 0 (not missing) for counts; shares stay
    missing (0/0).
    """
    m = measure(goal.indikator, goal.measure)
    out = dict(serie)
    for mo in months:
        if mo not in out and m.sum_over_rows:
            out[mo] = Obs(0.0, 0)
    return dict(sorted(out.items()))
