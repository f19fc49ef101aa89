"""Benchmark: the municipality against the country, its region and comparable municipalities.

"Comparable" means a similar *expected* level of the share of 16-66-year-olds on public support,
in the manner of the ministry's benchmark (bm.dk "benchmarking"): an OLS model of the share on
structural conditions, fitted across all 98 municipalities; each municipality's actual share is
ranked against its expected share (actual - expected: lower is better), and the municipalities
nearest in expected level are shown.

Inputs the model HAS (public data in the project): the unemployment rate (DST AUP02 annual mean,
`register/data`), the population size (log) and its growth 2019-2025 (DST FOLK1A/FOLK1AM,
`domain/data/municipalities.csv`).
Inputs it LACKS compared with the ministry's model: age structure (not in the project's data),
education, ethnic origin, housing, commuting and the local job market, health, and anything on
the benefit mix of the population. With three inputs the model is far cruder than the ministry's.

The share on public support of the 98 municipalities comes from the **synthetic** national
register (the generator's microsimulation, calibrated to the real AUK01/AUP02 levels; run
without writing the rows), so the ranking shows how the method works, not real rankings. The
municipality's own actual share is read from its own register by the analytics.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

INPUTS_HAS = (
    "ledighedsprocent (DST AUP02, årsgennemsnit)",
    "befolkningens størrelse (log, DST FOLK1A/FOLK1AM)",
    "befolkningens vækst 2019-2025 (DST FOLK1A/FOLK1AM)",
)
INPUTS_LACKS = (
    "aldersstruktur (findes ikke i projektets data)",
    "uddannelsesniveau",
    "herkomst (indvandrere og efterkommere)",
    "boligforhold (fx almene boliger)",
    "pendling og det lokale jobmarked",
    "helbred og sygdom i befolkningen",
)


@dataclass(frozen=True, slots=True)
class KommuneAndel:
    kommune: int
    navn: str
    region: str
    fuldtidspersoner: float
    befolkning_16_66: float
    andel: float


@dataclass(frozen=True, slots=True)
class BenchmarkRow:
    kommune: int
    navn: str
    region: str
    andel: float
    forventet: float
    forskel: float  # andel - forventet (negative: better than expected)
    placering: int  # 1 = most below expected


@dataclass(frozen=True, slots=True)
class Benchmark:
    kommune: int
    periode: str  # e.g. "2024-01:2024-06"
    egen: BenchmarkRow
    egen_personer: int | None  # persons behind the own actual share
    land: float
    region_navn: str
    region: float
    naermeste: tuple[BenchmarkRow, ...]  # nearest by expected level (excluding own)
    alle: tuple[BenchmarkRow, ...]
    koefficienter: dict[str, float]
    r2: float
    n: int
    input_har: tuple[str, ...] = INPUTS_HAS
    input_mangler: tuple[str, ...] = INPUTS_LACKS
    kilde: str = (
        "Syntetisk nationalt ydelsesregister (mikrosimulation kalibreret til DST AUK01 "
        "og AUP02); ikke faktiske tal."
    )


# ---------------------------------------------------------------------------------------------
# Structural inputs


def structural_inputs(kommune: int, year: int) -> dict[str, float]:
    from indsats.domain.kommuner import get_kommune
    from indsats.register.calibration import aup02_pct, befolkning

    k = get_kommune(kommune)
    p19, p25 = k.population["2019-01-01"], k.population["2025-01-01"]
    return {
        "ledighed_pct": float(aup02_pct(kommune, year)),
        "log_befolkning": math.log(befolkning(kommune, year)),
        "vaekst_pct_aar": 100.0 * ((p25 / p19) ** (1 / 6) - 1),
    }


def fit_ols(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """OLS with an intercept (first coefficient). Returns (coefficients, R²)."""
    design = np.column_stack([np.ones(len(y)), x])
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    fitted = design @ beta
    ss_res = float(((y - fitted) ** 2).sum())
    ss_tot = float(((y - y.mean()) ** 2).sum())
    return beta, (1 - ss_res / ss_tot) if ss_tot else 0.0


# ---------------------------------------------------------------------------------------------
# National shares from the synthetic register


def national_shares(
    first_month: str,
    last_month: str,
    *,
    seed: int = 0,
    cache_dir: Path | str | None = None,
    progress=None,
) -> list[KommuneAndel]:
    """Share on public support of all 98 municipalities over the months (synthetic register).

    Simulates each municipality from the first month's first week (no rows written); cached as
    JSON under `cache_dir` when given (the simulation takes about ten seconds).
    """
    from indsats.domain.kommuner import all_kommuner
    from indsats.register import generator
    from indsats.register.calibration import befolkning_16_66
    from indsats.register.weeks import parse_periode

    periode = parse_periode(f"{first_month}:{last_month}")
    cache = None
    if cache_dir is not None:
        cache = Path(cache_dir) / f"andel_{first_month}_{last_month}_seed{seed}.json"
        if cache.exists():
            return [KommuneAndel(**r) for r in json.loads(cache.read_text(encoding="utf-8"))]
    year = int(last_month[:4])
    out = []
    for k in all_kommuner():
        r = generator.simulate_kommune(k.kode, periode.first, periode.last, seed=seed)
        ftp = float(r.stock.sum(axis=0).mean())
        pop = befolkning_16_66(k.kode, year)
        out.append(KommuneAndel(k.kode, k.navn, k.region_navn, ftp, pop, ftp / pop))
        if progress is not None:
            progress(k.kode)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps([asdict(a) for a in out]), encoding="utf-8")
    return out


def benchmark(
    kommune: int,
    shares: list[KommuneAndel],
    *,
    year: int,
    periode: str,
    egen_andel: float | None = None,
    egen_personer: int | None = None,
    naermeste: int = 8,
) -> Benchmark:
    """Fit the model over all municipalities and place `kommune`.

    `egen_andel` replaces the municipality's synthetic share with the one from its own register
    (the analytics' figure) for the comparison; the model is fitted on the national shares.
    """
    from indsats.domain.kommuner import get_kommune

    names = ("ledighed_pct", "log_befolkning", "vaekst_pct_aar")
    x = np.array([[structural_inputs(s.kommune, year)[n] for n in names] for s in shares])
    y = np.array([s.andel for s in shares])
    beta, r2 = fit_ols(x, y)
    expected = np.column_stack([np.ones(len(y)), x]) @ beta
    actual = y.copy()
    idx = {s.kommune: i for i, s in enumerate(shares)}
    if kommune not in idx:
        raise KeyError(f"kommune {kommune} is not among the benchmark's municipalities")
    if egen_andel is not None:
        actual[idx[kommune]] = egen_andel
    diff = actual - expected
    order = np.argsort(diff, kind="stable")
    rank = np.empty(len(y), int)
    rank[order] = np.arange(1, len(y) + 1)
    rows = tuple(
        BenchmarkRow(
            s.kommune,
            s.navn,
            s.region,
            float(actual[i]),
            float(expected[i]),
            float(diff[i]),
            int(rank[i]),
        )
        for i, s in enumerate(shares)
    )
    own = rows[idx[kommune]]
    near = sorted(
        (r for r in rows if r.kommune != kommune),
        key=lambda r: (abs(r.forventet - own.forventet), r.kommune),
    )[:naermeste]
    land = sum(s.fuldtidspersoner for s in shares) / sum(s.befolkning_16_66 for s in shares)
    region_navn = get_kommune(kommune).region_navn
    reg = [s for s in shares if s.region == region_navn]
    region = sum(s.fuldtidspersoner for s in reg) / sum(s.befolkning_16_66 for s in reg)
    coef = {
        "konstant": float(beta[0]),
        **{n: float(b) for n, b in zip(names, beta[1:], strict=True)},
    }
    return Benchmark(
        kommune=kommune,
        periode=periode,
        egen=own,
        egen_personer=egen_personer,
        land=land,
        region_navn=region_navn,
        region=region,
        naermeste=tuple(sorted(near, key=lambda r: r.forventet)),
        alle=tuple(sorted(rows, key=lambda r: r.placering)),
        koefficienter=coef,
        r2=r2,
        n=len(rows),
    )
