"""A synthetic weekly benefit register: a calibrated weekly microsimulation of benefit spells.

Per municipality, week by week, every person on a benefit may leave it (a weekly exit hazard that
depends on a spell type drawn at entry: a mixture of short and long spells, which gives the long
right tails of real durations); a leaver goes to another benefit (transition probabilities) or
to self-support, from where some come back later (recurrence pool). New entries each week align
the stock of each benefit to its target level for that week (real public figures where they
exist, stated assumptions elsewhere; see `calibration` and docs/register.md). Seasonality enters
through the targets: dagpenge peak in winter. Persons leave the register when they turn 67.

Deterministic: the random stream of a municipality depends only on (seed, kommune), so one
municipality generated alone equals the same municipality generated with all 98.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from indsats.domain.kommuner import all_kommuner
from indsats.domain.ydelser import Ydelse
from indsats.register import calibration as cal
from indsats.register import weeks
from indsats.register.schema import SCHEMA

# The simulated benefits. "integration" is written as integrationsydelse before 2020 and as
# selvforsørgelses- og hjemrejseydelse from 2020; uddannelseshjælp as kontanthjælp from the
# kontanthjælp reform (2025-07-01), following the validity dates in indsats.domain.ydelser.
SIM = (
    "dagpenge",
    "kontanthjaelp",
    "uddannelseshjaelp",
    "integration",
    "sygedagpenge",
    "jobafklaringsforloeb",
    "ressourceforloeb",
    "ledighedsydelse",
    "fleksjob",
    "revalidering",
    "foertidspension",
)
NB = len(SIM)
B = {name: i for i, name in enumerate(SIM)}
SELF = NB  # destination index "self-support"


@dataclass(frozen=True, slots=True)
class BenefitParams:
    """Assumed parameters of one benefit (documented in docs/register.md, all ASSUMPTIONS unless
    a source is named)."""

    rate: float | None  # national stock / population 16-66; None: from real data (dp, kh)
    elasticity: float  # exponent on the municipal social index (AUK01 per capita / national)
    p_short: float  # share of new spells of the short type
    mean_short: float  # mean duration of short spells, weeks
    mean_long: float  # mean duration of long spells, weeks
    recurrence: float  # share of entrants who are former recipients from the pool
    age: tuple[int, int]  # age range at first entry
    female: float  # share of women among new persons
    immigrant: float  # share of immigrants (indvandrer) among new persons
    destinations: dict[str, float]  # exit -> other benefit, probability (rest: self-support)
    season: float = 0.0  # amplitude of the seasonal target (peak in ISO week `season_peak`)
    season_peak: int = 3


PARAMS: dict[str, BenefitParams] = {
    # Targets from AUP02 - AUK01 (fuldtidsledige minus nettoledige kontanthjælp). Durations so
    # that Vordingborg sees ~500 new spells a month with winter peak (Vordingborg Kommune, Beskæftigelsesplan 2019 (forslag), 4.1).
    "dagpenge": BenefitParams(
        None,
        0.0,
        0.7,
        3,
        22,
        0.5,
        (20, 64),
        0.5,
        0.10,
        {"sygedagpenge": 0.06, "kontanthjaelp": 0.01},
        0.12,
        3,
    ),
    # Target from AUK01 / 0.245; durations so that ~57 % pass 2 years and ~26 % 5 years
    # (Vordingborg: 550 of 900 over 2 years, 200 over 5 years, Vordingborg Kommune, Beskæftigelsesplan 2019 (forslag), 4.4).
    "kontanthjaelp": BenefitParams(
        None,
        0.0,
        0.5,
        10,
        200,
        0.4,
        (25, 64),
        0.5,
        0.30,
        {"ressourceforloeb": 0.03, "sygedagpenge": 0.03, "dagpenge": 0.02, "foertidspension": 0.01},
    ),
    "uddannelseshjaelp": BenefitParams(
        0.011,
        0.5,
        0.5,
        10,
        80,
        0.3,
        (18, 29),
        0.45,
        0.2,
        {"kontanthjaelp": 0.04, "sygedagpenge": 0.02},
    ),
    "integration": BenefitParams(
        0.006, 0.5, 0.3, 20, 150, 0.2, (18, 55), 0.5, 1.0, {"kontanthjaelp": 0.15}
    ),
    # ~28 % of the stock past 26 weeks (Varde 2018: 27.9 %, Varde Kommune, Beskæftigelsesplan 2020-2023, revideret 2021, s. 24-26).
    "sygedagpenge": BenefitParams(
        0.017,
        0.2,
        0.8,
        6,
        35,
        0.3,
        (20, 66),
        0.6,
        0.10,
        {
            "dagpenge": 0.10,
            "jobafklaringsforloeb": 0.025,
            "ledighedsydelse": 0.01,
            "foertidspension": 0.01,
        },
        0.05,
        6,
    ),
    # ~55 % of the stock past 52 weeks (Varde 2018: 57.2 %, Varde Kommune, Beskæftigelsesplan 2020-2023, revideret 2021, s. 24-26).
    "jobafklaringsforloeb": BenefitParams(
        0.0042,
        0.3,
        0.3,
        20,
        100,
        0.2,
        (25, 64),
        0.6,
        0.10,
        {
            "sygedagpenge": 0.10,
            "ressourceforloeb": 0.12,
            "ledighedsydelse": 0.10,
            "foertidspension": 0.08,
            "kontanthjaelp": 0.08,
            "dagpenge": 0.05,
        },
    ),
    "ressourceforloeb": BenefitParams(
        0.0055,
        0.5,
        0.2,
        30,
        150,
        0.2,
        (25, 64),
        0.55,
        0.15,
        {"ledighedsydelse": 0.15, "foertidspension": 0.20, "kontanthjaelp": 0.25},
    ),
    "ledighedsydelse": BenefitParams(
        0.0045,
        0.3,
        0.6,
        15,
        80,
        0.3,
        (30, 64),
        0.55,
        0.10,
        {"fleksjob": 0.60, "foertidspension": 0.03},
    ),
    "fleksjob": BenefitParams(
        0.020,
        0.2,
        0.1,
        30,
        400,
        0.2,
        (30, 66),
        0.55,
        0.08,
        {"ledighedsydelse": 0.15, "foertidspension": 0.05},
    ),
    "revalidering": BenefitParams(
        0.0008, 0.2, 0.5, 30, 80, 0.1, (25, 55), 0.5, 0.10, {"dagpenge": 0.10}
    ),
    "foertidspension": BenefitParams(0.052, 0.4, 0.0, 800, 800, 0.0, (40, 66), 0.55, 0.12, {}),
}
# A stock more than 2 % (+1) above next week's target loses 25 % of the excess that week (to
# self-support): the alignment that lets stocks follow falling targets (e.g. AUK01 in 2021).
ALIGN_TOLERANCE = 1.02
ALIGN_DOWN_SPEED = 0.25
SOCIAL_INDEX_YEAR = 2019  # the AUK01 year whose per-capita level gives the social index
SOCIAL_INDEX_CLIP = (0.5, 2.0)
ORIGIN_CODES = np.array(["dansk", "indvandrer", "efterkommer"], dtype=object)
EFTERKOMMER_SHARE = 0.04  # of new non-immigrant persons (ASSUMPTION)


def _output_code(sim_index: int, week: int) -> str:
    name = SIM[sim_index]
    day = weeks.thursday(week)
    if name == "integration":
        return (
            Ydelse.INTEGRATIONSYDELSE
            if day.year < 2020
            else Ydelse.SELVFORSOERGELSES_OG_HJEMREJSEYDELSE
        ).value
    if name == "uddannelseshjaelp" and (day.year, day.month) >= (2025, 7):
        return Ydelse.KONTANTHJAELP.value
    return Ydelse(name).value


# ----------------------------------------------------------------------------------------------
# Targets


def _quarter(week: int) -> str:
    t = weeks.thursday(week)
    return f"{t.year}Q{(t.month - 1) // 3 + 1}"


def _auk01_nearest(kode: int, quarter: str) -> float:
    series = cal.auk01().get(kode, {})
    if not series:
        return 0.0
    if quarter in series:
        return float(series[quarter])
    keys = sorted(series)
    return float(series[keys[0]] if quarter < keys[0] else series[keys[-1]])


def social_index(kode: int) -> float:
    """AUK01 per inhabitant of the municipality / national, SOCIAL_INDEX_YEAR, clipped."""
    y = SOCIAL_INDEX_YEAR

    def per_cap(k: int) -> float:
        vals = [cal.auk01_level(k, f"{y}Q{q}") or 0 for q in range(1, 5)]
        return sum(vals) / 4

    nat = sum(per_cap(k.kode) for k in all_kommuner()) / cal.national_population_16_66(y)
    own = per_cap(kode) / cal.befolkning_16_66(kode, y)
    lo, hi = SOCIAL_INDEX_CLIP
    return min(max(own / nat if nat else 1.0, lo), hi)


def targets(kode: int, first: int, last: int, scale: float = 1.0) -> np.ndarray:
    """Target stock by benefit (rows, SIM order) and week (columns first..last)."""
    n = last - first + 1
    out = np.zeros((NB, n))
    idx = social_index(kode)
    for j, w in enumerate(range(first, last + 1)):
        day = weeks.thursday(w)
        year = day.year
        pop = cal.befolkning_16_66(kode, year)
        kh_net = _auk01_nearest(kode, _quarter(w))
        iso_week = weeks.iso_of(w)[1]
        for b, name in enumerate(SIM):
            p = PARAMS[name]
            if name == "kontanthjaelp":
                level = kh_net / cal.NETTOLEDIG_ANDEL_AF_KONTANTHJAELP
            elif name == "dagpenge":
                ledige = cal.aup02_pct(kode, year) / 100 * pop * cal.ARBEJDSSTYRKE_ANDEL
                level = max(ledige - kh_net, 0.2 * ledige) * cal.DAGPENGE_BRUTTO_FAKTOR
            elif p.rate is not None:
                level = p.rate * pop * idx**p.elasticity
            else:
                raise ValueError(f"{name}: no national rate and no real data to derive one")
            if p.season:
                level *= 1 + p.season * math.cos(2 * math.pi * (iso_week - p.season_peak) / 52)
            out[b, j] = level * scale
    return out


# ----------------------------------------------------------------------------------------------
# Simulation


class _Persons:
    """Growable person attribute arrays of one municipality (local index -> attributes)."""

    def __init__(self, capacity: int):
        self.n = 0
        self.birth_year = np.zeros(capacity, np.int32)
        self.female = np.zeros(capacity, bool)
        self.origin = np.zeros(capacity, np.int8)

    def add(self, birth_year: np.ndarray, female: np.ndarray, origin: np.ndarray) -> np.ndarray:
        k = len(birth_year)
        while self.n + k > len(self.birth_year):
            for name in ("birth_year", "female", "origin"):
                arr = getattr(self, name)
                setattr(self, name, np.concatenate([arr, np.zeros_like(arr)]))
        ids = np.arange(self.n, self.n + k)
        self.birth_year[ids] = birth_year
        self.female[ids] = female
        self.origin[ids] = origin
        self.n += k
        return ids


_P_LONG = np.array([1 - PARAMS[s].p_short for s in SIM])
_H_SHORT = np.array([1 / PARAMS[s].mean_short for s in SIM])
_H_LONG = np.array([1 / PARAMS[s].mean_long for s in SIM])
_RECUR = np.array([PARAMS[s].recurrence for s in SIM])
_AGE_LO = np.array([PARAMS[s].age[0] for s in SIM])
_AGE_HI = np.array([PARAMS[s].age[1] for s in SIM])
_FEMALE = np.array([PARAMS[s].female for s in SIM])
_IMMIGRANT = np.array([PARAMS[s].immigrant for s in SIM])
_DEST_CUM = np.zeros((NB, NB + 1))
for _b, _s in enumerate(SIM):
    _row = np.zeros(NB + 1)
    for _d, _p in PARAMS[_s].destinations.items():
        _row[B[_d]] = _p
    _row[SELF] = 1 - _row[:NB].sum()
    _DEST_CUM[_b] = np.cumsum(_row)


def _hazards(rng: np.random.Generator, b: np.ndarray, stationary: bool = False) -> np.ndarray:
    """Weekly exit hazard of new spells of benefits `b` (type drawn at entry).

    With stationary=True the type is drawn from the steady-state stock mix (long spells weigh
    by their length), for the initial stock."""
    p_long = _P_LONG[b]
    if stationary:
        ms, ml = 1 / _H_SHORT[b], 1 / _H_LONG[b]
        p_long = p_long * ml / (p_long * ml + (1 - p_long) * ms)
    long_ = rng.random(len(b)) < p_long
    return np.asarray(np.where(long_, _H_LONG[b], _H_SHORT[b]))


@dataclass
class KommuneResult:
    kommune: int
    first: int
    last: int
    stock: np.ndarray  # (NB, weeks): persons on each benefit each week
    target: np.ndarray  # (NB, weeks)
    entries: np.ndarray  # (NB, weeks): spells starting (incl. transitions)


def simulate_kommune(
    kode: int,
    first: int,
    last: int,
    *,
    seed: int = 0,
    scale: float = 1.0,
    emit: Callable[[int, np.ndarray, np.ndarray, _Persons], None] | None = None,
) -> KommuneResult:
    """Run the weekly microsimulation for one municipality. `emit(week, person_local_ids,
    sim_benefit, persons)` receives each week's rows when given."""
    rng = np.random.default_rng([int(seed), int(kode)])
    target = targets(kode, first, last, scale)
    n_weeks = last - first + 1
    stock = np.zeros((NB, n_weeks), np.int64)
    entries = np.zeros((NB, n_weeks), np.int64)
    persons = _Persons(capacity=int(target[:, 0].sum() * 2) + 64)
    pool = np.full(max(256, int(target[:, 0].sum() * 3)), -1, np.int64)
    pool_fill = 0
    pool_pos = 0

    def new_persons(b: np.ndarray, year: int) -> np.ndarray:
        age = rng.integers(_AGE_LO[b], _AGE_HI[b] + 1)
        immigrant = rng.random(len(b)) < _IMMIGRANT[b]
        efterkommer = ~immigrant & (rng.random(len(b)) < EFTERKOMMER_SHARE)
        origin = np.where(immigrant, 1, np.where(efterkommer, 2, 0)).astype(np.int8)
        return persons.add(year - age, rng.random(len(b)) < _FEMALE[b], origin)

    # Initial stock: the first week's targets, with stationary spell types.
    n0 = rng.poisson(target[:, 0])
    b = np.repeat(np.arange(NB), n0)
    year0 = weeks.thursday(first).year
    ids = new_persons(b, year0)
    hz = _hazards(rng, b, stationary=True)

    for j, w in enumerate(range(first, last + 1)):
        year = weeks.thursday(w).year
        stock[:, j] = np.bincount(b, minlength=NB)
        if emit is not None:
            emit(w, ids, b, persons)
        if j == n_weeks - 1:
            break
        # 1. Age out at 67 (leave the register, not into the recurrence pool).
        keep = year + 1 - persons.birth_year[ids] <= 66
        # 2. Exits and their destinations.
        leaving = keep & (rng.random(len(ids)) < hz)
        dest = (rng.random(len(ids))[:, None] >= _DEST_CUM[b]).sum(axis=1)
        to_self = leaving & (dest >= SELF)
        moving = leaving & (dest < SELF)
        # 3. Alignment down: stocks well above next week's target lose random persons.
        stay = keep & ~leaving
        nxt = target[:, j + 1]
        counts = np.bincount(b[stay], minlength=NB) + np.bincount(dest[moving], minlength=NB)
        excess = counts - (nxt * ALIGN_TOLERANCE + 1)
        for bb in np.nonzero(excess > 0)[0]:
            cand = np.nonzero(stay & (b == bb))[0]
            k = min(len(cand), int(round(ALIGN_DOWN_SPEED * (counts[bb] - nxt[bb]))))
            if k > 0:
                # short-type spells go first, so forced exits keep the long right tail
                drop = cand[np.lexsort((rng.random(len(cand)), -hz[cand]))[:k]]
                stay[drop] = False
                to_self[drop] = True
                counts[bb] -= k
        # Leavers to self-support join the recurrence pool (a ring buffer).
        gone = ids[to_self]
        if len(gone):
            gone = gone[-len(pool) :]
            pos = (pool_pos + np.arange(len(gone))) % len(pool)
            pool[pos] = gone
            pool_pos = int((pool_pos + len(gone)) % len(pool))
            pool_fill = min(len(pool), pool_fill + len(gone))
        # Movers get their new benefit and a new spell type.
        mv_ids, mv_b = ids[moving], dest[moving]
        mv_hz = _hazards(rng, mv_b)
        # 4. Entries: align each stock to next week's target.
        n_new = rng.poisson(np.maximum(nxt - counts, 0))
        nb = np.repeat(np.arange(NB), n_new)
        new_ids = np.full(len(nb), -1, np.int64)
        back = rng.random(len(nb)) < _RECUR[nb]
        if pool_fill and back.any():
            pos = rng.integers(0, pool_fill, back.sum())
            pos, first_pos = np.unique(pos, return_index=True)
            cand = pool[pos]
            ok = cand >= 0
            ok[ok] = year + 1 - persons.birth_year[cand[ok]] <= 66
            slots = np.nonzero(back)[0][first_pos]
            new_ids[slots[ok]] = cand[ok]
            pool[pos[ok]] = -1
        fresh = new_ids < 0
        if fresh.any():
            new_ids[fresh] = new_persons(nb[fresh], year)
        entries[:, j + 1] = np.bincount(mv_b, minlength=NB) + n_new
        ids = np.concatenate([ids[stay], mv_ids, new_ids])
        b = np.concatenate([b[stay], mv_b, nb])
        hz = np.concatenate([hz[stay], mv_hz, _hazards(rng, nb)])
    return KommuneResult(kode, first, last, stock, target, entries)


def person_id_base(kode: int) -> int:
    """Pseudonymous ids are kommune * 10**9 + a local counter (no relation to any CPR)."""
    return int(kode) * 1_000_000_000


def generate(
    kommuner: list[int] | None,
    first: int,
    last: int,
    *,
    seed: int = 0,
    scale: float = 1.0,
    chunk_weeks: int = 53,
    on_kommune: Callable[[int, KommuneResult], None] | None = None,
) -> Iterator[pa.Table]:
    """Yield canonical register tables (one per municipality and chunk of weeks)."""
    for kode in kommuner or [k.kode for k in all_kommuner()]:
        tables, result = _kommune_tables(kode, first, last, seed, scale, chunk_weeks)
        if on_kommune is not None:
            on_kommune(kode, result)
        yield from tables


_LABELS = [y.value for y in Ydelse]
_LABEL_INDEX = {v: i for i, v in enumerate(_LABELS)}


def _kommune_tables(
    kode: int, first: int, last: int, seed: int, scale: float, chunk_weeks: int
) -> tuple[list[pa.Table], KommuneResult]:
    buf: list[tuple[int, np.ndarray, np.ndarray]] = []
    tables: list[pa.Table] = []
    holder: dict[str, _Persons] = {}

    def flush() -> None:
        if not buf:
            return
        persons = holder["persons"]
        wk = np.concatenate([np.full(len(i), w, np.int32) for w, i, _ in buf])
        pid = np.concatenate([i for _, i, _ in buf])
        code = np.concatenate([c for _, _, c in buf])
        buf.clear()
        order = np.lexsort((wk, pid))
        wk, pid, code = wk[order], pid[order], code[order]
        iy, iw = _iso_lut(wk)
        tables.append(
            pa.table(
                [
                    pa.array(pid + person_id_base(kode)),
                    pa.array(wk),
                    pa.array(iy),
                    pa.array(iw),
                    pa.DictionaryArray.from_arrays(pa.array(code), pa.array(_LABELS)).cast(
                        pa.string()
                    ),
                    pa.array(np.full(len(pid), kode, np.int32)),
                    pa.array(persons.birth_year[pid]),
                    pa.array(np.where(persons.female[pid], "K", "M")),
                    pa.array(ORIGIN_CODES[persons.origin[pid]], pa.string()),
                ],
                schema=SCHEMA,
            )
        )

    def emit(w: int, ids: np.ndarray, b: np.ndarray, persons: _Persons) -> None:
        # Simulated benefit -> output code for this week (validity by date), then buffer.
        m = np.array([_LABEL_INDEX[_output_code(i, w)] for i in range(NB)], np.int8)
        buf.append((w, ids.copy(), m[b]))
        holder["persons"] = persons
        if len(buf) >= chunk_weeks:
            flush()

    result = simulate_kommune(kode, first, last, seed=seed, scale=scale, emit=emit)
    flush()
    return tables, result


def _iso_lut(wk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from indsats.register.store import iso_columns

    return iso_columns(wk)


def generate_register(
    directory: Path | str,
    kommuner: list[int] | None,
    first: int,
    last: int,
    *,
    seed: int = 0,
    scale: float = 1.0,
    on_kommune: Callable[[int, KommuneResult], None] | None = None,
) -> int:
    """Generate and write a register directory atomically; returns the number of rows."""
    from indsats.register.kilde import SYNTETISK, write_source
    from indsats.register.store import write_register

    rows = write_register(
        generate(kommuner, first, last, seed=seed, scale=scale, on_kommune=on_kommune), directory
    )
    # Every figure drawn from this register is labelled synthetic wherever it is shown.
    write_source(
        directory,
        SYNTETISK,
        generator="indsats.register.generator",
        seed=seed,
        uger=f"{weeks.label(first)}-{weeks.label(last)}",
    )
    return rows


# ----------------------------------------------------------------------------------------------
# Calibration report: generated level next to the real one


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    """One municipality and year of the simulated window, next to the real AUK01 level.

    Both levels cover the same weeks: the weeks of the year inside the window. The real level
    is AUK01's quarterly level of each of those weeks, averaged over the weeks, so a window of
    one quarter is compared with that quarter (not with the whole year's mean)."""

    kommune: int
    navn: str
    year: int
    real_auk01: float | None  # AUK01 (nettoledige KH, fuldtidsmodt.) over the same weeks
    generated_auk01: float  # generated KH fuldtidspersoner x NETTOLEDIG_ANDEL_AF_KONTANTHJAELP
    generated_kontanthjaelp: float  # generated KH fuldtidspersoner (all KH)
    generated_total: float  # fuldtidspersoner on any benefit
    population_16_66: float
    quarters: tuple[str, ...] = ()  # the quarters the window touches in this year ('2024Q1')
    weeks: int = 0  # the weeks of this year inside the window

    @property
    def ratio(self) -> float | None:
        return self.generated_auk01 / self.real_auk01 if self.real_auk01 else None

    @property
    def within_tolerance(self) -> bool | None:
        if self.real_auk01 is None:
            return None
        return abs(self.generated_auk01 - self.real_auk01) <= calibration_tolerance(self.real_auk01)

    @property
    def whole_year(self) -> bool:
        return len(self.quarters) == 4 and self.weeks >= 52

    @property
    def label(self) -> str:
        """'2023' for a whole year, else the quarters covered, e.g. '2024 K1' or '2024 K1-K2'."""
        if self.whole_year or not self.quarters:
            return str(self.year)
        first, last = self.quarters[0][-1], self.quarters[-1][-1]
        return f"{self.year} K{first}" + ("" if first == last else f"-K{last}")


def calibration_tolerance(real: float) -> float:
    """Documented tolerance on a year's mean: 15 % of the real level, at least 5 persons."""
    return max(0.15 * real, 5.0)


def calibration_from_result(r: KommuneResult) -> list[CalibrationRow]:
    from indsats.domain.kommuner import get_kommune

    index = range(r.first, r.last + 1)
    years = np.array([weeks.thursday(w).year for w in index])
    week_quarters = [weeks.period_label(w, "kvartal") for w in index]
    rows = []
    for y in sorted(set(years.tolist())):
        sel = years == y
        kh = float(r.stock[B["kontanthjaelp"], sel].mean())
        in_year = [q for q, s in zip(week_quarters, sel, strict=True) if s]
        quarters = tuple(sorted(set(in_year)))
        levels = {q: cal.auk01_level(r.kommune, q) for q in quarters}
        known = [levels[q] for q in in_year]  # one per week: the week's quarterly level
        real = None if any(v is None for v in known) else sum(v or 0 for v in known) / len(known)
        rows.append(
            CalibrationRow(
                kommune=r.kommune,
                navn=get_kommune(r.kommune).navn,
                year=int(y),
                real_auk01=real,
                generated_auk01=kh * cal.NETTOLEDIG_ANDEL_AF_KONTANTHJAELP,
                generated_kontanthjaelp=kh,
                generated_total=float(r.stock[:, sel].sum(axis=0).mean()),
                population_16_66=cal.befolkning_16_66(r.kommune, int(y)),
                quarters=quarters,
                weeks=len(in_year),
            )
        )
    return rows


def calibration_report(
    kommuner: list[int] | None, first: int, last: int, *, seed: int = 0
) -> list[CalibrationRow]:
    """Simulate (without writing rows) and compare with AUK01, per municipality and year."""
    codes = kommuner or [k.kode for k in all_kommuner()]
    out: list[CalibrationRow] = []
    for kode in codes:
        out += calibration_from_result(simulate_kommune(kode, first, last, seed=seed))
    return out
