"""Service measures for the monthly report, over plain rows.

- contacts per month by kind (telefon, e-mail, besoeg, moede), held contacts only
- share of companies contacted in a campaign (distinct companies with a held campaign contact,
  over the companies in the portfolio base)
- hotline response times (answered requests: median and mean hours, share answered within 24 h;
  open requests counted)
- placements that became ordinary jobs (among placements ended in the period)
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

HOTLINE_TARGET_HOURS = 24


@dataclass(frozen=True, slots=True)
class KontaktRow:
    virksomhed: Hashable
    kind: str
    formaal: str
    dato: date
    afholdt: bool = True


@dataclass(frozen=True, slots=True)
class HotlineRow:
    modtaget: datetime
    besvaret: datetime | None


@dataclass(frozen=True, slots=True)
class PlaceringRow:
    kind: str
    slut: date | None
    blev_job: bool


@dataclass(slots=True)
class ServiceMeasures:
    fra: date
    til: date
    kontakter_pr_maaned: dict[str, dict[str, int]] = field(default_factory=dict)  # "2026-03"
    kontakter_i_alt: dict[str, int] = field(default_factory=dict)
    kampagne_virksomheder: int = 0
    virksomheder_i_alt: int = 0
    hotline_besvaret: int = 0
    hotline_aabne: int = 0
    hotline_median_timer: float | None = None
    hotline_gennemsnit_timer: float | None = None
    hotline_andel_inden_24t: float | None = None
    placeringer_afsluttet: int = 0
    placeringer_blev_job: int = 0

    @property
    def kampagne_andel(self) -> float | None:
        return (
            self.kampagne_virksomheder / self.virksomheder_i_alt
            if self.virksomheder_i_alt
            else None
        )

    @property
    def placeringer_job_andel(self) -> float | None:
        return (
            self.placeringer_blev_job / self.placeringer_afsluttet
            if self.placeringer_afsluttet
            else None
        )


def _months(fra: date, til: date) -> list[str]:
    out, y, m = [], fra.year, fra.month
    while (y, m) <= (til.year, til.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def service_measures(
    *,
    fra: date,
    til: date,
    kontakter: Iterable[KontaktRow],
    hotline: Iterable[HotlineRow],
    placeringer: Iterable[PlaceringRow],
    virksomheder_i_alt: int,
    kampagne_formaal: str = "kampagne",
) -> ServiceMeasures:
    """Compute the measures for [fra, til] (both inclusive)."""
    if til < fra:
        raise ValueError("til must not be before fra")
    out = ServiceMeasures(fra=fra, til=til, virksomheder_i_alt=virksomheder_i_alt)
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    campaign: set[Hashable] = set()
    for k in kontakter:
        if not k.afholdt or not (fra <= k.dato <= til):
            continue
        per_month[f"{k.dato:%Y-%m}"][k.kind] += 1
        totals[k.kind] += 1
        if k.formaal == kampagne_formaal:
            campaign.add(k.virksomhed)
    out.kontakter_pr_maaned = {m: dict(per_month.get(m, {})) for m in _months(fra, til)}
    out.kontakter_i_alt = dict(totals)
    out.kampagne_virksomheder = len(campaign)

    hours = []
    for h in hotline:
        if not (fra <= h.modtaget.date() <= til):
            continue
        if h.besvaret is None:
            out.hotline_aabne += 1
        else:
            hours.append((h.besvaret - h.modtaget).total_seconds() / 3600)
    out.hotline_besvaret = len(hours)
    if hours:
        out.hotline_median_timer = statistics.median(hours)
        out.hotline_gennemsnit_timer = statistics.fmean(hours)
        out.hotline_andel_inden_24t = sum(h <= HOTLINE_TARGET_HOURS for h in hours) / len(hours)

    for p in placeringer:
        if p.slut is None or not (fra <= p.slut <= til):
            continue
        out.placeringer_afsluttet += 1
        out.placeringer_blev_job += bool(p.blev_job)
    return out
