"""Refusion in kroner: the municipality's share of expenditure given a refusion split.

The tiers and rates are law and live in `indsats.rules` (parameters/refusion.yaml, finansieringsloven
§ 5); this module never states a rate, it reads them with `indsats.rules.value_at`. What it adds is
the arithmetic a budget needs:

- a refusion split (`RefusionFordeling`): the share of a benefit's expenditure (or weeks) in each
  tier in one month. The analytics produce it from the register (`refusion_fordeling`,
  `fordelinger_from_table`); it can also be given as a table (`read_split_csv`).
- the municipal share (`kommunal_andel`): for a benefit the municipality pays and gets refusion on
  (kontanthjælp, sygedagpenge, ...) it is Σ share(tier) × (1 − refusion rate(tier)); for a benefit
  paid by an a-kasse or Udbetaling Danmark (dagpenge, førtidspension) it is Σ share(tier) ×
  medfinansiering rate(tier).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from indsats.domain.ydelser import YDELSER, Ydelse, parse_ydelse
from indsats.economics.files import csv_dict_rows
from indsats.economics.numbers import EconomicsInputError, parse_amount

SHARE_TOLERANCE = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class RefusionSats:
    trin: int
    fra_uge: int
    til_uge: int | None
    refusion: Decimal
    medfinansiering: Decimal
    reference: str


def refusion_satser(day: date) -> dict[int, RefusionSats]:
    """The tiers in force on `day`, read from the rules package (refusion.trin)."""
    from indsats.rules import value_at

    pv = value_at("refusion.trin", day)
    return {
        int(t["trin"]): RefusionSats(
            int(t["trin"]),
            int(t["fra_uge"]),
            None if t["til_uge"] is None else int(t["til_uge"]),
            Decimal(t["refusion"]),
            Decimal(t["medfinansiering"]),
            pv.reference,
        )
        for t in pv.value
    }


def finansieringstype(ydelse: Ydelse, day: date) -> str:
    """'refusion' or 'medfinansiering' for a benefit on a day (from the rules package)."""
    from indsats.rules import ParameterNotInForce, value_at

    try:
        return str(value_at(f"refusion.ydelse.{ydelse.value}", day).value["type"])
    except (KeyError, ParameterNotInForce):
        # Outside the dated rules: fall back on the domain vocabulary's flag.
        return "medfinansiering" if YDELSER[ydelse].medfinansiering else "refusion"


@dataclass(frozen=True, slots=True)
class RefusionFordeling:
    """Share of one benefit's expenditure per refusion tier (1-4) in one month."""

    ydelse: Ydelse
    aar: int
    maaned: int
    andele: Mapping[int, Decimal]

    def __post_init__(self) -> None:
        total = sum(self.andele.values(), Decimal(0))
        if any(v < 0 for v in self.andele.values()):
            raise EconomicsInputError(
                f"refusion split {self.ydelse.value} {self.aar}-{self.maaned:02d}: a share is "
                f"negative"
            )
        if abs(total - 1) > SHARE_TOLERANCE:
            raise EconomicsInputError(
                f"refusion split {self.ydelse.value} {self.aar}-{self.maaned:02d}: the shares add "
                f"up to {total}, not 1"
            )

    @property
    def dag(self) -> date:
        return date(self.aar, self.maaned, 15)


def kommunal_andel(fordeling: RefusionFordeling) -> Decimal:
    """The municipality's share of the month's expenditure on the benefit after refusion."""
    satser = refusion_satser(fordeling.dag)
    kind = finansieringstype(fordeling.ydelse, fordeling.dag)
    total = Decimal(0)
    for trin, andel in fordeling.andele.items():
        if trin not in satser:
            raise EconomicsInputError(f"refusion split: unknown tier {trin}")
        sats = satser[trin]
        total += andel * (sats.medfinansiering if kind == "medfinansiering" else 1 - sats.refusion)
    return total


def _share(text: str, where: str) -> Decimal:
    t = text.strip()
    if t.endswith("%"):
        return parse_amount(t[:-1], where=where) / 100
    return parse_amount(t, where=where)


def read_split_csv(path: Path | str) -> list[RefusionFordeling]:
    """Read a refusion split table: aar;maaned;ydelse;trin_1;trin_2;trin_3;trin_4 (shares as
    decimals, 0,25 or 25 %). `#` lines are comments. Errors name the file, line and column."""
    path = Path(path)
    needed = ["aar", "maaned", "ydelse", "trin_1", "trin_2", "trin_3", "trin_4"]
    out = []
    for _, no, row in csv_dict_rows(path, needed, what="refusion split table"):
        where = f"{path.name} line {no}"
        try:
            ydelse = parse_ydelse(row.get("ydelse", ""))
        except ValueError as exc:
            raise EconomicsInputError(f"{where}, column ydelse: {exc}") from None
        aar = int(parse_amount(row.get("aar", ""), where=f"{where}, column aar"))
        maaned = int(parse_amount(row.get("maaned", ""), where=f"{where}, column maaned"))
        if not 1 <= maaned <= 12:
            raise EconomicsInputError(f"{where}, column maaned: {maaned} is not a month (1-12)")
        andele = {
            t: _share(row.get(f"trin_{t}", "") or "0", f"{where}, column trin_{t}")
            for t in (1, 2, 3, 4)
        }
        try:
            out.append(RefusionFordeling(ydelse, aar, maaned, andele))
        except EconomicsInputError as exc:
            raise EconomicsInputError(f"{where}: {exc}") from None
    return out


def fordelinger_from_records(records: Iterable[Mapping[str, Any]]) -> list[RefusionFordeling]:
    """Build splits from long records with ydelse, aar, maaned, trin and a weight (kr or weeks).

    This is the shape of the analytics' `refusion_fordeling` output converted to Python rows:
    each record carries `ydelse`, `aar`, `maaned`, `trin` (1-4) and one of `udgift_kr`, `kr`,
    `uger` or `personuger` as the weight. Records with tier 0 (not covered) are ignored.
    """
    weights: dict[tuple[Ydelse, int, int], dict[int, Decimal]] = {}
    for r in records:
        trin = int(r["trin"])
        if trin == 0:
            continue
        w = next(
            (r[k] for k in ("udgift_kr", "kr", "uger", "personuger") if r.get(k) is not None), None
        )
        if w is None:
            raise EconomicsInputError(f"refusion split record without a weight: {dict(r)}")
        key = (parse_ydelse(r["ydelse"]), int(r["aar"]), int(r["maaned"]))
        weights.setdefault(key, {}).setdefault(trin, Decimal(0))
        weights[key][trin] += Decimal(str(w))
    out = []
    for (ydelse, aar, maaned), per_trin in sorted(weights.items()):
        total = sum(per_trin.values(), Decimal(0))
        if total == 0:
            continue
        out.append(
            RefusionFordeling(
                ydelse, aar, maaned, {t: per_trin.get(t, Decimal(0)) / total for t in (1, 2, 3, 4)}
            )
        )
    return out
