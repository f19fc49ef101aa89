"""The effect in helårspersoner and kroner, and the realised effect for a business case.

- Helårspersoner: the effect on weeks on benefit in the 52 weeks after start, per participant,
  times the participants, divided by 52: how many fewer full-year persons the participants were
  on benefit in their first year. By start year, that is the year's realised effect.
- Kroner: the same by benefit, each benefit's weeks priced with a gross unit price per
  helårsperson (given, e.g. from the budget) times the municipality's share after refusion. The
  share comes from the refusion tiers of the weeks the comparison group spent on the benefit in
  those 52 weeks (the weeks the participants avoided would have been such weeks), with the tiers
  and rates of `indsats.rules` (finansieringsloven § 5) through `indsats.economics.refusion`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from indsats.domain.ydelser import YDELSER, Ydelse
from indsats.economics.business_case import RealiseretEffekt
from indsats.economics.refusion import RefusionFordeling, kommunal_andel
from indsats.evaluation import features
from indsats.evaluation.estimate import Estimat
from indsats.register import weeks

UGER_PR_AAR = 52


def ydelse_navn(code: str) -> str:
    try:
        return YDELSER[Ydelse(code)].navn
    except ValueError:
        return code


@dataclass(frozen=True)
class Helaarspersoner:
    """Fewer helårspersoner on benefit in the participants' first year (positive = fewer)."""

    aar: int | None  # start year; None = all participants
    deltagere: int
    faerre: float
    nedre: float
    oevre: float


def helaarspersoner(uger: Estimat, deltagere_pr_aar: dict[int, int]) -> list[Helaarspersoner]:
    """From the effect on weeks on benefit per participant (negative = fewer weeks)."""

    def row(aar: int | None, n: int) -> Helaarspersoner:
        f = n / UGER_PR_AAR
        return Helaarspersoner(aar, n, -uger.effekt * f, -uger.oevre * f, -uger.nedre * f)

    rows = [row(a, n) for a, n in sorted(deltagere_pr_aar.items())]
    rows.append(row(None, sum(deltagere_pr_aar.values())))
    return rows


@dataclass(frozen=True)
class YdelseKroner:
    ydelse: str
    navn: str
    uger: Estimat  # effect on weeks on this benefit, per participant
    enhedspris: float | None  # gross kr per helårsperson per year
    kommunal_andel: float | None  # the municipality's share after refusion
    trin_andele: dict[int, float]  # the comparison group's weeks by refusion tier


@dataclass(frozen=True)
class Kroner:
    """Net kroner the municipality saved per participant (positive = saved) with its interval,
    and by benefit. Benefits without a unit price are left out and named."""

    pr_deltager: float
    nedre: float
    oevre: float
    ydelser: tuple[YdelseKroner, ...]
    uden_pris: tuple[str, ...]
    refusion_fra: int  # first week whose refusion tier the register can count


def _rules_offset() -> int:
    """The rules package counts weeks from another Monday than the register does."""
    from indsats.rules.dates import week_index as rules_week_index

    return int(rules_week_index(weeks.EPOCH))


def refusion_first_week() -> int:
    """The first register week the refusion rules cover (2015-W53)."""
    from indsats.rules.refusion import value_first_week

    return int(value_first_week()) - _rules_offset()


def refusion_tier_shares(
    register: ir.Table,
    persons: pa.Table,
    coverage: tuple[int, int],
    efter: int = UGER_PR_AAR,
) -> dict[str, dict[int, float]]:
    """Weighted share of each benefit's weeks at each refusion tier, for weeks 1..efter after each
    person's start. `persons`: person_id, start_uge, vaegt (one row per person)."""
    from indsats.rules.refusion import refusion_tiers_arrays

    first = max(coverage[0], refusion_first_week())
    start = np.asarray(persons.column("start_uge"), dtype=np.int64)
    last = int(start.max()) + efter
    rows = features.person_weeks(register, persons, first, last)
    pid = np.asarray(rows.column("person_id"), dtype=np.int64)
    wk = np.asarray(rows.column("week_index"), dtype=np.int64)
    yd = np.asarray(rows.column("ydelse").to_pylist(), dtype=np.str_)
    tiers = refusion_tiers_arrays(pid, wk + _rules_offset(), np.ones(len(pid), dtype=bool))["tier"]
    ppid = np.asarray(persons.column("person_id"), dtype=np.int64)
    order = np.argsort(ppid)
    pos = order[np.searchsorted(ppid[order], pid)]
    rel = wk - start[pos]
    weight = np.asarray(persons.column("vaegt"), dtype=np.float64)[pos]
    inside = (rel >= 1) & (rel <= efter)
    out: dict[str, dict[int, float]] = {}
    for y in sorted(set(yd[inside].tolist())):
        sel = inside & (yd == y)
        total = float(weight[sel].sum())
        out[y] = {int(t): float(weight[sel & (tiers == t)].sum()) / total for t in (1, 2, 3, 4)}
    return out


def municipal_share(ydelse: str, shares: dict[int, float], day: date) -> float | None:
    """The municipality's share of a benefit's expenditure with this tier mix (rules' rates)."""
    try:
        y = Ydelse(ydelse)
    except ValueError:
        return None
    andele = {t: Decimal(str(round(v, 6))) for t, v in shares.items()}
    total = sum(andele.values(), Decimal(0))
    if total == 0:
        return None
    andele = {t: v / total for t, v in andele.items()}
    return float(kommunal_andel(RefusionFordeling(y, day.year, day.month, andele)))


def realiseret_effekt(
    uger: Estimat, deltagere_pr_aar: dict[int, int], *, kilde: str
) -> list[RealiseretEffekt]:
    """The realised effect by start year in fewer fuldtidspersoner, for the business case's
    follow-up (`indsats.economics.business_case.case_effekt_opfoelgning`)."""
    return [
        RealiseretEffekt(
            aar=int(h.aar),
            fuldtidspersoner=Decimal(str(round(h.faerre, 2))),
            nedre=Decimal(str(round(h.nedre, 2))),
            oevre=Decimal(str(round(h.oevre, 2))),
            deltagere=h.deltagere,
            kilde=kilde,
        )
        for h in helaarspersoner(uger, deltagere_pr_aar)
        if h.aar is not None
    ]


def follow_up_day(start_weeks: tuple[int, int]) -> date:
    """A day in the middle of the follow-up, for the refusion rates in force."""
    mid = (start_weeks[0] + start_weeks[1]) // 2 + UGER_PR_AAR // 2
    return weeks.thursday(mid)
