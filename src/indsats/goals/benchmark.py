"""Benchmark on real figures: each municipality's actual share against the share expected from
its structural conditions (rammevilkår), in the manner of the ministry's benchmark (bm.dk
"benchmarking", model design by VIVE).

- **Actual**: full-time recipients of a benefit series from Statistics Denmark (AUK01) over four
  quarters, as a share of the population (DST FOLK1A/FOLK1AM). `indsats.publicdata` supplies the
  all-benefit series when it has been fetched, else the shipped subset (net-unemployed
  kontanthjælp recipients); the benchmark names exactly what it covers.
- **Expected**: an OLS model (statsmodels) fitted across the 98 municipalities on public
  covariates: unemployment (AUP02), log population, age structure (share aged 65+), education
  (share with a higher education), origin (share of immigrants and descendants) and commuting
  (average commuting distance); `indsats.publicdata.rammevilkaar`.
- **Uncertainty**: each municipality's 90 % prediction interval (the model's uncertainty about a
  municipality with those conditions). A municipality is "bedre/dårligere end forventet" only
  when its actual share lies outside the interval; otherwise "som forventet".
- **Rank**: actual − expected share (1 = furthest below expected), as the ministry ranks.

What the ministry's model has that this one lacks is listed in `INPUTS_LACKS` and in the report.
The model is compared with the ministry's published results in docs/goals.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt
    from statsmodels.regression.linear_model import RegressionResultsWrapper

    from indsats.publicdata.offentlige_tal import Serie
    from indsats.publicdata.rammevilkaar import PublishedRank

INPUTS_LACKS = (
    "borgernes helbred og sygdom (ministeriet bruger helbredsdata)",
    "familieforhold og udsathed",
    "socioøkonomisk baggrund og tidligere tilknytning til arbejdsmarkedet",
    "det lokale arbejdsmarked målt på pendlingsoplandet (branchefordeling, uddannelse, "
    "aldersfordeling, nærhed til storbyer)",
    "opgørelse på individniveau (ministeriet modellerer personer, denne model kommuner)",
)
NIVEAU = 0.90  # the prediction interval's coverage


@dataclass(frozen=True, slots=True)
class KommuneAndel:
    kommune: int
    navn: str
    region: str
    fuldtidspersoner: float  # mean over the quarters
    befolkning: float
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
    nedre: float  # the prediction interval of the share, given the conditions
    oevre: float
    vurdering: str  # "bedre end forventet" | "som forventet" | "dårligere end forventet"
    fuldtidspersoner: float
    forventet_fuldtidspersoner: float


@dataclass(frozen=True, slots=True)
class Benchmark:
    kommune: int
    periode: str  # e.g. "2024K3-2025K2"
    egen: BenchmarkRow
    land: float
    region_navn: str
    region: float
    naermeste: tuple[BenchmarkRow, ...]  # nearest by expected level (excluding own)
    alle: tuple[BenchmarkRow, ...]
    koefficienter: dict[str, float]
    standardfejl: dict[str, float]
    r2: float
    r2_justeret: float
    n: int
    serie: str  # what the actual figures count, e.g. "Nettoledige kontanthjælpsmodtagere"
    daekker: str
    alle_ydelser: bool
    kilde: str
    input_har: tuple[str, ...] = ()
    input_mangler: tuple[str, ...] = INPUTS_LACKS
    niveau: float = NIVEAU
    kvartaler: tuple[str, ...] = field(default_factory=tuple)


def quarter_da(q: str) -> str:
    """'2024Q1' -> '2024K1' (DST's Danish notation)."""
    return q.replace("Q", "K")


def benchmark_quarters(available: Sequence[str], month: str) -> list[str]:
    """The four latest quarters that are complete by `month` ('2024-06' -> 2023Q3..2024Q2),
    or the four latest in the series when it ends before that."""
    y, m = int(month[:4]), int(month[5:7])
    last = f"{y}Q{m // 3}" if m % 3 == 0 else f"{y}Q{(m - 1) // 3}"
    if last.endswith("Q0"):
        last = f"{y - 1}Q4"
    usable = sorted(q for q in available if q <= last)
    if len(usable) < 4:
        usable = sorted(available)
    return usable[-4:]


def real_shares(serie: Serie, quarters: Sequence[str]) -> list[KommuneAndel]:
    """Mean full-time recipients over `quarters` ÷ population, for the 98 municipalities.

    `serie` is an `indsats.publicdata.offentlige_tal.Serie`. A municipality missing a quarter
    is an error (the benchmark needs all 98)."""
    from indsats.domain.kommuner import all_kommuner
    from indsats.register.calibration import befolkning

    year = int(quarters[-1][:4])
    out = []
    for k in all_kommuner():
        per = serie.vaerdier.get(k.kode, {})
        missing = [q for q in quarters if q not in per]
        if missing:
            raise ValueError(f"{serie.kilde}: no figure for {k.navn} in {', '.join(missing)}")
        ftp = sum(per[q] for q in quarters) / len(quarters)
        pop = befolkning(k.kode, year)
        out.append(KommuneAndel(k.kode, k.navn, k.region_navn, ftp, pop, ftp / pop))
    return out


def fit(
    shares: Sequence[KommuneAndel], year: int
) -> tuple[RegressionResultsWrapper, npt.NDArray[np.float64], list[str], dict[str, str]]:
    """The fitted statsmodels OLS result, the design matrix, the input names and each input's
    label with the covariate year and source it used (a fetched year or the shipped snapshot)."""
    # The OLS module alone, not statsmodels.api (formulas, graphics, ...): about a third less
    # import time, which every `indsats report` pays once (docs/performance.md).
    from statsmodels.regression.linear_model import OLS
    from statsmodels.tools.tools import add_constant

    from indsats.publicdata.rammevilkaar import structural_inputs_all

    inputs, labels = structural_inputs_all([s.kommune for s in shares], year)
    names = list(inputs[0])
    x = np.array([[row[n] for n in names] for row in inputs])
    y = np.array([s.andel for s in shares])
    design: npt.NDArray[np.float64] = add_constant(x, has_constant="add")
    return OLS(y, design).fit(), design, names, labels


def benchmark(
    kommune: int,
    shares: Sequence[KommuneAndel],
    *,
    year: int,
    serie: Serie,
    quarters: Sequence[str],
    naermeste: int = 8,
) -> Benchmark:
    """Fit the model over all municipalities and place `kommune`."""
    from indsats.domain.kommuner import get_kommune

    result, design, names, labels = fit(shares, year)
    pred = result.get_prediction(design).summary_frame(alpha=1 - NIVEAU)
    expected = pred["mean"].to_numpy()
    lower = pred["obs_ci_lower"].to_numpy()
    upper = pred["obs_ci_upper"].to_numpy()
    actual = np.array([s.andel for s in shares])
    diff = actual - expected
    order = np.argsort(diff, kind="stable")
    rank = np.empty(len(actual), int)
    rank[order] = np.arange(1, len(actual) + 1)
    idx = {s.kommune: i for i, s in enumerate(shares)}
    if kommune not in idx:
        raise KeyError(f"kommune {kommune} is not among the benchmark's municipalities")

    def vurdering(i: int) -> str:
        if actual[i] < lower[i]:
            return "bedre end forventet"
        if actual[i] > upper[i]:
            return "dårligere end forventet"
        return "som forventet"

    rows = tuple(
        BenchmarkRow(
            s.kommune,
            s.navn,
            s.region,
            float(actual[i]),
            float(expected[i]),
            float(diff[i]),
            int(rank[i]),
            float(lower[i]),
            float(upper[i]),
            vurdering(i),
            s.fuldtidspersoner,
            float(expected[i] * s.befolkning),
        )
        for i, s in enumerate(shares)
    )
    own = rows[idx[kommune]]
    near = sorted(
        (r for r in rows if r.kommune != kommune),
        key=lambda r: (abs(r.forventet - own.forventet), r.kommune),
    )[:naermeste]
    land = sum(s.fuldtidspersoner for s in shares) / sum(s.befolkning for s in shares)
    region_navn = get_kommune(kommune).region_navn
    reg = [s for s in shares if s.region == region_navn]
    region = sum(s.fuldtidspersoner for s in reg) / sum(s.befolkning for s in reg)
    params = [float(v) for v in result.params]
    bse = [float(v) for v in result.bse]
    all_names = ["konstant", *names]
    return Benchmark(
        kommune=kommune,
        periode=f"{quarter_da(quarters[0])}-{quarter_da(quarters[-1])}",
        egen=own,
        land=land,
        region_navn=region_navn,
        region=region,
        naermeste=tuple(sorted(near, key=lambda r: r.forventet)),
        alle=tuple(sorted(rows, key=lambda r: r.placering)),
        koefficienter=dict(zip(all_names, params, strict=True)),
        standardfejl=dict(zip(all_names, bse, strict=True)),
        r2=float(result.rsquared),
        r2_justeret=float(result.rsquared_adj),
        n=len(rows),
        serie=serie.label_da,
        daekker=serie.daekker,
        alle_ydelser=serie.alle_ydelser,
        kilde=serie.kilde,
        input_har=tuple(labels[n] for n in names),
        kvartaler=tuple(quarters),
    )


def real_benchmark(kommune: int, month: str, *, serie: Serie | None = None) -> Benchmark:
    """The benchmark for the four quarters complete by `month`, on the best series at hand."""
    from indsats.publicdata.offentlige_tal import benchmark_series

    serie = serie or benchmark_series()
    quarters = benchmark_quarters(serie.quarters(), month)
    shares = real_shares(serie, quarters)
    return benchmark(kommune, shares, year=int(quarters[-1][:4]), serie=serie, quarters=quarters)


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman's rank correlation (no ties expected)."""
    ra = np.argsort(np.argsort(a))
    rb = np.argsort(np.argsort(b))
    n = len(a)
    return float(1 - 6 * float(((ra - rb) ** 2).sum()) / (n * (n * n - 1))) if n > 1 else math.nan


# The periods the ministry's published lists cover (publicdata/data/PROVENANCE.md). The 2018-11
# list names no period: the year to mid-2018 is ASSUMED (two half-years before publication).
PUBLISHED_PERIODS = {
    "2018-11": "2018-06",
    "2019-05": "2018-12",
    "2021-06": "2020-12",
    "2024-03": "2023-12",
}


@dataclass(frozen=True, slots=True)
class Agreement:
    """Where the ministry's published top places fall in this model's ranking."""

    offentliggjort: str
    periode: str  # this model's quarters
    r2: float
    ministeriets: tuple[tuple[int, str, int], ...]  # (ministry's place, name, our place)
    gennemsnit: float  # mean of our places for the ministry's listed municipalities
    i_vores_top_25: int
    tilfaeldig: float = 49.5  # the mean place a random list of municipalities would get


def compare_published(
    serie: Serie | None = None,
    *,
    published: Sequence[PublishedRank] | None = None,
    periods: Mapping[str, str] | None = None,
) -> list[Agreement]:
    """This model's ranks of the municipalities the ministry published at the top.

    `published` and `periods` default to the shipped excerpts (`published_benchmark()`) and
    `PUBLISHED_PERIODS` (publication -> the month whose four complete quarters are compared)."""
    from indsats.publicdata.offentlige_tal import benchmark_series
    from indsats.publicdata.rammevilkaar import published_benchmark

    serie = serie or benchmark_series()
    lists = published_benchmark() if published is None else published
    out = []
    for pub, month in (PUBLISHED_PERIODS if periods is None else periods).items():
        listed = sorted((p for p in lists if p.offentliggjort == pub), key=lambda p: p.listeplads)
        if not listed:
            raise ValueError(f"no published list {pub!r}")
        b = real_benchmark(listed[0].kommune, month, serie=serie)
        ours = {r.kommune: r.placering for r in b.alle}
        places = tuple((p.listeplads, p.navn, ours[p.kommune]) for p in listed)
        out.append(
            Agreement(
                pub,
                b.periode,
                b.r2,
                places,
                sum(x[2] for x in places) / len(places),
                sum(1 for x in places if x[2] <= 25),
            )
        )
    return out
