"""Outcomes by week since start, the effect on the participants with its confidence interval, the
pre-period check and the naive before/after figure.

The matched sample is a set per participant: the participant and their m comparison persons, all
with the same start week. For an outcome Y the set's difference is d = Y(participant) - mean
Y(comparison persons); the effect on the participants (ATT) is the mean of d over the sets.

Confidence interval: the sets are independent (matching without replacement), so the interval
resamples whole sets with replacement (`Design.bootstrap` times, seeded) and takes the 2.5 and
97.5 percentiles of the resampled means; the standard error is the sets' standard deviation
divided by the square root of their number (Abadie & Spiess 2022, "Robust post-matching
inference": after matching without replacement, inference clustered on the matched sets is
valid). The uncertainty of the estimated propensity score is not added.

Censoring: a week after the register's last week is not observed. All persons in a set share
the start week, so a set is observed in a week for all its persons or for none; an outcome uses
the sets observed for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from indsats.register.schema import SELVFORSOERGELSE

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
UNOBSERVED = -1
SELF = 0
PRE_LATE = (-13, -1)  # the pre-period check compares these weeks before start ...
PRE_EARLY = (-52, -40)  # ... with these


@dataclass(frozen=True)
class Forloeb:
    """States of units (rows) by week since start (columns from -foer to +efter).

    0 = self-supporting, i = on `ydelser[i - 1]`, -1 = not observed (outside the register)."""

    state: npt.NDArray[np.int8]
    foer: int
    efter: int
    ydelser: tuple[str, ...]

    def col(self, k: int) -> int:
        return k + self.foer

    def observed(self, k: int) -> npt.NDArray[np.bool_]:
        return np.asarray(self.state[:, self.col(k)] != UNOBSERVED, dtype=np.bool_)

    def self_supporting(self, k: int) -> F64:
        s = self.state[:, self.col(k)]
        return np.where(s == UNOBSERVED, np.nan, (s == SELF).astype(np.float64))

    def weeks_on_benefit(self, fra: int, til: int, ydelse: str | None = None) -> F64:
        block = self.state[:, self.col(fra) : self.col(til) + 1]
        if ydelse is None:
            on = block > SELF
        else:
            code = self.ydelser.index(ydelse) + 1 if ydelse in self.ydelser else -99
            on = block == code
        out = on.sum(axis=1).astype(np.float64)
        return np.where((block == UNOBSERVED).any(axis=1), np.nan, out)

    def first_self_support(self, within: int) -> tuple[F64, F64]:
        """(exited to self-support within `within` weeks after start: 0/1, weeks until the first
        self-supporting week, counting `within` when there was none); NaN if not observed."""
        block = self.state[:, self.col(1) : self.col(within) + 1]
        hit = block == SELF
        any_hit = hit.any(axis=1)
        first = np.where(any_hit, hit.argmax(axis=1) + 1, within).astype(np.float64)
        unobs = (block == UNOBSERVED).any(axis=1)
        return (
            np.where(unobs, np.nan, any_hit.astype(np.float64)),
            np.where(unobs, np.nan, first),
        )


def forloeb_from_rows(
    rows: pa.Table,
    n_units: int,
    start: I64,
    coverage: tuple[int, int],
    foer: int,
    efter: int,
) -> Forloeb:
    """Build the state matrix from `features.unit_outcomes` rows (enhed, rel, ydelse)."""
    ydelser = tuple(sorted(set(rows.column("ydelse").to_pylist())))
    code = {y: i + 1 for i, y in enumerate(ydelser)}
    code[SELVFORSOERGELSE] = SELF
    width = foer + efter + 1
    state = np.zeros((n_units, width), dtype=np.int8)
    enhed = np.asarray(rows.column("enhed"), dtype=np.int64)
    rel = np.asarray(rows.column("rel"), dtype=np.int64)
    yd = np.asarray([code[y] for y in rows.column("ydelse").to_pylist()], dtype=np.int8)
    state[enhed, rel + foer] = yd
    absolute = start[:, None] + np.arange(-foer, efter + 1)[None, :]
    state[(absolute < coverage[0]) | (absolute > coverage[1])] = UNOBSERVED
    return Forloeb(state, foer, efter, ydelser)


@dataclass(frozen=True)
class Estimat:
    """The effect on one outcome: participants' mean, comparison mean, effect and 95 % interval."""

    maal: str  # key, e.g. "selvforsoergende_26"
    label: str  # Danish label
    enhed: str  # "andel" or "uger"
    deltagere: float
    sammenligning: float
    effekt: float
    nedre: float
    oevre: float
    se: float
    n: int  # sets observed

    @property
    def sikker(self) -> bool:
        """The interval excludes zero."""
        return self.nedre > 0 or self.oevre < 0


@dataclass(frozen=True)
class Kurvepunkt:
    uge: int  # weeks since start
    deltagere: float | None  # share self-supporting; None when fewer than `min_n` observed
    sammenligning: float | None
    effekt: float | None
    n: int


@dataclass(frozen=True)
class ForPeriodeTjek:
    """Pre-period check: did participants and comparison move in parallel before the start?

    forskel: (difference in weeks -13..-1) - (difference in weeks -52..-40), share
    self-supporting; a placebo difference-in-differences that should be zero."""

    vurderet: bool
    forskel: float
    nedre: float
    oevre: float
    n: int
    parallel: bool


@dataclass(frozen=True)
class FoerEfter:
    """The naive before/after figure: participants' share self-supporting at start and k weeks
    later, with no comparison group."""

    uge: int
    ved_start: float
    efter: float
    n: int

    @property
    def stigning(self) -> float:
        return self.efter - self.ved_start


class SetStatistik:
    """Set differences and their bootstrap, shared by all outcomes (the same resamples)."""

    def __init__(self, set_of_control: I64, weights: F64, n_sets: int, b: int, seed: int):
        self.set_of_control = set_of_control
        self.weights = weights
        self.n_sets = n_sets
        rng = np.random.default_rng([seed, 3])
        self.resamples = rng.integers(0, n_sets, size=(b, n_sets)) if n_sets else None

    def control_mean(self, yc: F64) -> F64:
        num = np.bincount(
            self.set_of_control, weights=np.nan_to_num(yc) * self.weights, minlength=self.n_sets
        )
        den = np.bincount(
            self.set_of_control, weights=(~np.isnan(yc)) * self.weights, minlength=self.n_sets
        )
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / den, np.nan)

    def estimate(self, maal: str, label: str, enhed: str, yt: F64, yc: F64) -> Estimat:
        cm = self.control_mean(yc)
        d = yt - cm
        ok = ~np.isnan(d)
        n = int(ok.sum())
        if n == 0:
            nan = float("nan")
            return Estimat(maal, label, enhed, nan, nan, nan, nan, nan, nan, 0)
        lo, hi = self.interval(d)
        se = float(np.std(d[ok], ddof=1) / np.sqrt(n)) if n > 1 else float("nan")
        return Estimat(
            maal,
            label,
            enhed,
            float(np.mean(yt[ok])),
            float(np.mean(cm[ok])),
            float(np.mean(d[ok])),
            lo,
            hi,
            se,
            n,
        )

    def interval(self, d: F64) -> tuple[float, float]:
        """The 2.5 and 97.5 percentiles of the mean of d over resampled sets (NaN sets skipped)."""
        assert self.resamples is not None
        sample = d[self.resamples]
        ok = ~np.isnan(sample)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(ok, sample, 0.0).sum(axis=1) / ok.sum(axis=1)
        means = means[~np.isnan(means)]
        return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


UGE_LABEL = {
    13: "13 uger",
    26: "26 uger (et halvt år)",
    52: "52 uger (et år)",
    104: "104 uger (to år)",
}


def estimates(
    t: Forloeb, c: Forloeb, stats: SetStatistik, opfoelgning: Sequence[int]
) -> list[Estimat]:
    """The outcomes' estimates; an outcome no set can be followed long enough for is left out."""
    out = []
    for k in opfoelgning:
        if k > t.efter:
            continue
        out.append(
            stats.estimate(
                f"selvforsoergende_{k}",
                f"Andel selvforsørgende efter {UGE_LABEL.get(k, f'{k} uger')}",
                "andel",
                t.self_supporting(k),
                c.self_supporting(k),
            )
        )
    out.append(
        stats.estimate(
            "uger_paa_ydelse_52",
            "Uger på offentlig forsørgelse i de 52 uger efter start",
            "uger",
            t.weeks_on_benefit(1, 52),
            c.weeks_on_benefit(1, 52),
        )
    )
    exit_t, first_t = t.first_self_support(52)
    exit_c, first_c = c.first_self_support(52)
    out.append(
        stats.estimate(
            "afgang_selvforsoergelse_52",
            "Andel med første afgang til selvforsørgelse inden for 52 uger",
            "andel",
            exit_t,
            exit_c,
        )
    )
    out.append(
        stats.estimate(
            "uger_til_selvforsoergelse",
            "Uger til første uge som selvforsørgende (højst 52)",
            "uger",
            first_t,
            first_c,
        )
    )
    return [e for e in out if e.n > 0]


def weeks_by_benefit(t: Forloeb, c: Forloeb, stats: SetStatistik) -> list[Estimat]:
    """The effect on weeks on each benefit in the 52 weeks after start (for helårspersoner and
    kroner by benefit)."""
    from indsats.evaluation.oekonomi import ydelse_navn

    out = []
    for y in sorted(set(t.ydelser) | set(c.ydelser)):
        out.append(
            stats.estimate(
                f"uger_paa_{y}_52",
                f"Uger på {ydelse_navn(y).lower()} i de 52 uger efter start",
                "uger",
                t.weeks_on_benefit(1, 52, y),
                c.weeks_on_benefit(1, 52, y),
            )
        )
    return [e for e in out if e.n > 0]


def curve(t: Forloeb, c: Forloeb, stats: SetStatistik, *, min_n: int = 5) -> list[Kurvepunkt]:
    """Share self-supporting by week since start, participants and comparison (weighted)."""
    out = []
    for k in range(-t.foer, t.efter + 1):
        yt = t.self_supporting(k)
        cm = stats.control_mean(c.self_supporting(k))
        ok = ~np.isnan(yt) & ~np.isnan(cm)
        n = int(ok.sum())
        if n < min_n:
            out.append(Kurvepunkt(k, None, None, None, n))
            continue
        a, b = float(np.mean(yt[ok])), float(np.mean(cm[ok]))
        out.append(Kurvepunkt(k, a, b, a - b, n))
    return out


def pre_period_check(
    t: Forloeb, c: Forloeb, stats: SetStatistik, *, min_sets: int = 10
) -> ForPeriodeTjek:
    """Placebo difference-in-differences on the weeks before start (see ForPeriodeTjek)."""
    nan = float("nan")
    if t.foer < -PRE_EARLY[0]:
        return ForPeriodeTjek(False, nan, nan, nan, 0, True)

    def window_diff(a: int, b: int) -> F64:
        cols = []
        for k in range(a, b + 1):
            cols.append(t.self_supporting(k) - stats.control_mean(c.self_supporting(k)))
        m = np.column_stack(cols)
        return np.where(np.isnan(m).any(axis=1), np.nan, m.mean(axis=1))

    z = window_diff(*PRE_LATE) - window_diff(*PRE_EARLY)
    ok = ~np.isnan(z)
    n = int(ok.sum())
    if n < min_sets or n < stats.n_sets / 2:
        return ForPeriodeTjek(False, nan, nan, nan, n, True)
    lo, hi = stats.interval(z)
    return ForPeriodeTjek(True, float(np.mean(z[ok])), lo, hi, n, not (lo > 0 or hi < 0))


def before_after(t: Forloeb, k: int) -> FoerEfter:
    """Participants' share self-supporting in the start week and k weeks later (same persons)."""
    a, b = t.self_supporting(0), t.self_supporting(k)
    ok = ~np.isnan(a) & ~np.isnan(b)
    n = int(ok.sum())
    if n == 0:
        return FoerEfter(k, float("nan"), float("nan"), 0)
    return FoerEfter(k, float(np.mean(a[ok])), float(np.mean(b[ok])), n)
