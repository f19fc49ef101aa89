"""Monthly actuals and refusion splits for the budget follow-up, from the weekly register.

The analytics package computes the refusion split (`indsats.analytics.refusion.refusion_fordeling`:
person-weeks and fuldtidspersoner per kommune, period, benefit and refusion tier, with the tiers
from `indsats.rules`). Run by month, it gives both inputs the budget follow-up needs:

- the month's helårspersoner on a benefit = Σ over tiers of fuldtidspersoner;
- the month's refusion split = each tier's share of the benefit's expenditure (`udgift_kr` when the
  analytics had unit costs, else person-weeks, which is the same share when a benefit has one
  weekly price).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from indsats.domain.ydelser import parse_ydelse
from indsats.economics.budget import Maanedstal
from indsats.economics.numbers import EconomicsInputError
from indsats.economics.refusion import RefusionFordeling

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _dec(x: Any) -> Decimal:
    return Decimal(str(round(float(x), 6)))


def fra_refusion_fordeling(
    rows: Iterable[Mapping[str, Any]],
    *,
    kommune: int | None = None,
) -> tuple[list[Maanedstal], list[RefusionFordeling]]:
    """Convert `refusion_fordeling` rows computed with `niveau="maaned"` (periode '2021-03')."""
    hp: dict[tuple[str, int, int], Decimal] = {}
    weights: dict[tuple[str, int, int], dict[int, Decimal]] = {}
    for r in rows:
        if kommune is not None and int(r["kommune"]) != kommune:
            continue
        m = _MONTH.match(str(r["periode"]))
        if not m:
            raise EconomicsInputError(
                f"refusion_fordeling: period {r['periode']!r} is not a month; run the indicator "
                f"with niveau='maaned'"
            )
        key = (parse_ydelse(r["ydelse"]).value, int(m.group(1)), int(m.group(2)))
        trin = int(r["trin"])
        if trin == 0:
            continue
        hp[key] = hp.get(key, Decimal(0)) + _dec(r["fuldtidspersoner"])
        w = r.get("udgift_kr")
        weight = _dec(w) if w is not None else Decimal(int(r["uger"]))
        per = weights.setdefault(key, {})
        per[trin] = per.get(trin, Decimal(0)) + weight
    # A month inside the register's coverage without any week on a benefit is a real 0, not a
    # missing figure; months after the last month with any row are not covered and stay missing.
    if hp:
        seen_months = {(aar, md) for _, aar, md in hp}
        first, last = min(seen_months), max(seen_months)
        for ydelse in {y for y, _, _ in hp}:
            aar, md = first
            while (aar, md) <= last:
                hp.setdefault((ydelse, aar, md), Decimal(0))
                weights.setdefault((ydelse, aar, md), {})
                aar, md = (aar + (md == 12), md % 12 + 1)
    maanedstal, fordelinger = [], []
    for key in sorted(hp):
        ydelse, aar, maaned = key
        y = parse_ydelse(ydelse)
        maanedstal.append(Maanedstal(y, aar, maaned, hp[key]))
        total = sum(weights[key].values(), Decimal(0))
        if total:
            fordelinger.append(
                RefusionFordeling(
                    y,
                    aar,
                    maaned,
                    {t: weights[key].get(t, Decimal(0)) / total for t in (1, 2, 3, 4)},
                )
            )
    return maanedstal, fordelinger


def fra_register(
    register: Any,  # an Ibis table (indsats.analytics.backend.read_register)
    *,
    kommune: int,
    aar: int,
    maaneder: str | None = None,
) -> tuple[list[Maanedstal], list[RefusionFordeling]]:
    """Run the analytics' refusion split on an Ibis register table for one municipality and year
    (or `maaneder`, e.g. '2021-01:2021-06') and return (maanedstal, fordelinger)."""
    from indsats.analytics.kontekst import Kontekst
    from indsats.analytics.refusion import refusion_fordeling
    from indsats.analytics.suite import filter_kommune
    from indsats.register.weeks import parse_periode

    ctx = Kontekst(parse_periode(maaneder or str(aar)), niveau="maaned")
    table = refusion_fordeling(filter_kommune(register, kommune), ctx).to_pyarrow()
    return fra_refusion_fordeling(table.to_pylist(), kommune=kommune)
