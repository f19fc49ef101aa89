"""The comparison group: exact matching on key variables, then nearest neighbours on the
propensity score, without replacement; and the balance table.

1. Cells: the calendar week of the start plus the key variables (`Design.eksakt`: benefit at
   start, age group, sex). A participant is only compared with persons in the same cell.
2. Propensity score: a logistic regression (scikit-learn) of being a participant on the rest of
   the history (weeks on benefit in the past 1 and 3 years and their squares, the current spell,
   age, origin), fitted on the participants and the candidates in their cells. The features are
   standardised; scikit-learn's mild default regularisation keeps the fit finite when a small
   register separates the groups perfectly (statsmodels' unpenalised Logit fails there), and
   lbfgs fits millions of rows in seconds. With more than `MAX_FIT_CONTROLS` candidates a random
   subsample of them is used for the fit: under such case-control sampling the slopes are
   unchanged and only the intercept moves, which does not change any distance below.
3. Matching: participants in random order (seeded) each take the `naboer` nearest candidates in
   their cell by the logit of the score, within the caliper, who have not been used before: a
   person is a comparison for at most one participant (matching without replacement, so each
   matched set is independent of the others and the sets can be resampled for the confidence
   interval, Abadie & Spiess 2022).
4. Balance: standardised differences of every feature before matching (participants against all
   candidates in their cells) and after (against the matched comparison persons, each set's
   persons weighted 1/m), with the same denominator (the pooled standard deviation before).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from indsats.evaluation.model import (
    AGE_GROUPS,
    SAMMENLIGNING_ALDRIG,
    Design,
    aldersgruppe,
)
from indsats.register import weeks

MAX_FIT_CONTROLS = 200_000
SMD_GRAENSE = 0.1  # |standardised difference| above this is shown as imbalance

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B8 = npt.NDArray[np.bool_]


def thursday_year(week_index: I64) -> I64:
    """The calendar year of each week's Thursday (the ISO rule)."""
    day = np.datetime64(weeks.thursday(0)) + week_index.astype("timedelta64[W]")
    return day.astype("datetime64[Y]").astype(np.int64) + 1970


@dataclass(frozen=True)
class Kandidater:
    """Candidate person-weeks as arrays, sorted by week and person."""

    person_id: I64
    week: I64
    ydelse: npt.NDArray[np.str_]
    kommune: I64
    varighed: F64
    uger_1aar: F64
    uger_3aar: F64
    alder: F64  # NaN without a birth year
    koen: npt.NDArray[np.str_]  # "M", "K" or "ukendt"
    origin: npt.NDArray[np.str_]  # "dansk", "indvandrer", "efterkommer" or "ukendt"

    @classmethod
    def from_arrow(cls, t: pa.Table) -> Kandidater:
        def col(name: str) -> pa.ChunkedArray:
            return t.column(name)

        week = np.asarray(col("week_index"), dtype=np.int64)
        by = np.asarray(
            pc.fill_null(col("birth_year").cast(pa.float64()), float("nan")), dtype=np.float64
        )
        return cls(
            person_id=np.asarray(col("person_id"), dtype=np.int64),
            week=week,
            ydelse=np.asarray(col("ydelse").to_pylist(), dtype=np.str_),
            kommune=np.asarray(col("kommune"), dtype=np.int64),
            varighed=np.asarray(col("varighed"), dtype=np.float64),
            uger_1aar=np.asarray(col("uger_1aar"), dtype=np.float64),
            uger_3aar=np.asarray(col("uger_3aar"), dtype=np.float64),
            alder=thursday_year(week).astype(np.float64) - by,
            koen=np.asarray(
                [s if s in ("M", "K") else "ukendt" for s in col("sex").to_pylist()], np.str_
            ),
            origin=np.asarray(
                [o if o else "ukendt" for o in col("origin").to_pylist()], dtype=np.str_
            ),
        )

    def __len__(self) -> int:
        return len(self.week)

    def aldersgrupper(self) -> npt.NDArray[np.str_]:
        labels = np.full(len(self), "ukendt", dtype=object)
        a = self.alder
        for lo, hi in AGE_GROUPS:
            labels[(a >= lo) & (a <= hi)] = aldersgruppe(float(lo))
        labels[a < AGE_GROUPS[0][0]] = aldersgruppe(0.0)
        return labels.astype(np.str_)

    def key_column(self, name: str) -> npt.NDArray[np.str_]:
        if name == "ydelse":
            return self.ydelse
        if name == "aldersgruppe":
            return self.aldersgrupper()
        if name == "koen":
            return self.koen
        raise KeyError(name)


@dataclass(frozen=True)
class Balance:
    """One row of the balance table."""

    variabel: str
    deltagere: float
    foer: float  # mean among all candidates in the participants' cells
    efter: float  # mean among the matched comparison persons (weighted)
    smd_foer: float
    smd_efter: float

    @property
    def ubalance(self) -> bool:
        return abs(self.smd_efter) > SMD_GRAENSE


@dataclass(frozen=True)
class Celle:
    """A cell (start week and key variables) where participants went without a match."""

    uge: str
    noegler: dict[str, str]
    deltagere: int
    kandidater: int
    uden_match: int


@dataclass(frozen=True)
class Matching:
    """The matched sample. Sets are numbered 0..n-1 in the order of `deltager_rows`."""

    kandidater: Kandidater
    deltager_rows: I64  # candidate rows of the matched participants, one per set
    kontrol_rows: I64  # candidate rows of the comparison persons
    kontrol_set: I64  # the set of each comparison person
    uden_match: I64  # candidate rows of participants without a match
    celler_uden_match: tuple[Celle, ...]
    logit: F64  # logit of the propensity score of every candidate row (NaN outside cells)
    caliper: float | None  # in logit units
    balance: tuple[Balance, ...]
    pool_rows: I64  # candidate rows in the participants' cells that could be compared with
    ps_koefficienter: dict[str, float]

    @property
    def antal_set(self) -> int:
        return len(self.deltager_rows)

    def set_sizes(self) -> I64:
        return np.bincount(self.kontrol_set, minlength=self.antal_set).astype(np.int64)

    def kontrol_weights(self) -> F64:
        return (1.0 / self.set_sizes()[self.kontrol_set]).astype(np.float64)


# ---------------------------------------------------------------------------------------------
# Features for the propensity score and the balance table


def _feature_matrix(k: Kandidater, rows: I64, design: Design) -> tuple[F64, list[str]]:
    u1, u3 = k.uger_1aar[rows], k.uger_3aar[rows]
    var = np.minimum(k.varighed[rows], 157.0)
    alder = k.alder[rows]
    missing_age = np.isnan(alder)
    alder = np.where(missing_age, np.nanmean(alder) if (~missing_age).any() else 0.0, alder)
    cols: list[tuple[str, F64]] = [
        ("uger_1aar", u1),
        ("uger_1aar_i_anden", u1**2),
        ("uger_3aar", u3),
        ("uger_3aar_i_anden", u3**2),
        ("varighed", var),
        ("varighed_i_anden", var**2),
        ("alder", alder),
        ("alder_i_anden", alder**2),
    ]
    if missing_age.any():
        cols.append(("alder_ukendt", missing_age.astype(np.float64)))
    for o in ("indvandrer", "efterkommer", "ukendt"):
        x = (k.origin[rows] == o).astype(np.float64)
        if x.any():
            cols.append((f"herkomst_{o}", x))
    if "koen" not in design.eksakt:
        cols.append(("kvinde", (k.koen[rows] == "K").astype(np.float64)))
    if "ydelse" not in design.eksakt:
        for y in sorted(set(k.ydelse[rows].tolist()))[1:]:
            cols.append((f"ydelse_{y}", (k.ydelse[rows] == y).astype(np.float64)))
    return np.column_stack([c for _, c in cols]).astype(np.float64), [n for n, _ in cols]


BALANCE_LABELS = {
    "uger_1aar": "Uger på offentlig forsørgelse det seneste år",
    "uger_3aar": "Uger på offentlig forsørgelse de seneste 3 år",
    "varighed": "Uger i det aktuelle forløb på ydelsen",
    "alder": "Alder",
    "kvinde": "Andel kvinder",
    "indvandrer": "Andel indvandrere",
    "efterkommer": "Andel efterkommere",
}


def _balance_columns(k: Kandidater) -> list[tuple[str, F64]]:
    cols: list[tuple[str, F64]] = [
        (BALANCE_LABELS["uger_1aar"], k.uger_1aar),
        (BALANCE_LABELS["uger_3aar"], k.uger_3aar),
        (BALANCE_LABELS["varighed"], np.minimum(k.varighed, 157.0)),
        (BALANCE_LABELS["alder"], k.alder),
        (BALANCE_LABELS["kvinde"], (k.koen == "K").astype(np.float64)),
        (BALANCE_LABELS["indvandrer"], (k.origin == "indvandrer").astype(np.float64)),
        (BALANCE_LABELS["efterkommer"], (k.origin == "efterkommer").astype(np.float64)),
    ]
    from indsats.domain.ydelser import YDELSER, Ydelse

    for y in sorted(set(k.ydelse.tolist())):
        try:
            navn = YDELSER[Ydelse(y)].navn
        except ValueError:
            navn = "Selvforsørgelse"
        cols.append((f"Andel på {navn.lower()} ved start", (k.ydelse == y).astype(np.float64)))
    return cols


def _wmean(x: F64, w: F64) -> float:
    ok = ~np.isnan(x)
    if not ok.any() or w[ok].sum() == 0:
        return float("nan")
    return float(np.sum(x[ok] * w[ok]) / np.sum(w[ok]))


def _wvar(x: F64, w: F64) -> float:
    m = _wmean(x, w)
    ok = ~np.isnan(x)
    if not ok.any() or w[ok].sum() == 0:
        return float("nan")
    return float(np.sum(w[ok] * (x[ok] - m) ** 2) / np.sum(w[ok]))


def balance_table(
    k: Kandidater, treated: I64, pool: I64, controls: I64, weights: F64
) -> tuple[Balance, ...]:
    """Standardised differences before and after matching (denominator: pooled SD before)."""
    rows = []
    one_t, one_p = np.ones(len(treated)), np.ones(len(pool))
    for label, x in _balance_columns(k):
        mt = _wmean(x[treated], one_t)
        mp = _wmean(x[pool], one_p)
        mc = _wmean(x[controls], weights)
        sd = float(np.sqrt((_wvar(x[treated], one_t) + _wvar(x[pool], one_p)) / 2))

        def smd(a: float, b: float, sd: float = sd) -> float:
            if np.isnan(a) or np.isnan(b):
                return float("nan")
            return 0.0 if sd == 0 or np.isnan(sd) else (a - b) / sd

        if np.isnan(mt) and np.isnan(mp):
            continue
        rows.append(Balance(label, mt, mp, mc, smd(mt, mp), smd(mt, mc)))
    return tuple(rows)


# ---------------------------------------------------------------------------------------------
# Matching


def _logit_scores(
    X: F64, treated: B8, seed: int
) -> tuple[F64, dict[str, float], npt.NDArray[np.float64]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    fit = np.arange(len(X))
    controls = np.flatnonzero(~treated)
    if len(controls) > MAX_FIT_CONTROLS:
        rng = np.random.default_rng([seed, 1])
        keep = np.sort(rng.choice(controls, MAX_FIT_CONTROLS, replace=False))
        fit = np.sort(np.concatenate([np.flatnonzero(treated), keep]))
    scaler = StandardScaler().fit(X[fit])
    model = LogisticRegression(max_iter=2000)
    model.fit(scaler.transform(X[fit]), treated[fit].astype(np.int64))
    logit = model.decision_function(scaler.transform(X)).astype(np.float64)
    coef = (model.coef_[0] / scaler.scale_).astype(np.float64)
    return logit, {"konstant": float(model.intercept_[0])}, coef


def match(
    k: Kandidater,
    participant_rows: I64,
    design: Design,
    *,
    excluded_rows: B8 | None = None,
) -> Matching:
    """Match each participant row to `design.naboer` candidates in its cell (see module doc).

    excluded_rows: candidate rows that may not be comparison persons (persons already in the
    project, or every participant with SAMMENLIGNING_ALDRIG); participant rows are excluded.
    """
    n = len(k)
    treated = np.zeros(n, dtype=bool)
    treated[participant_rows] = True
    usable = ~treated if excluded_rows is None else ~treated & ~excluded_rows

    # Cells: the start week and the exact keys.
    parts: list[npt.NDArray[np.int64]] = [k.week]
    for name in design.eksakt:
        _, codes = np.unique(k.key_column(name), return_inverse=True)
        parts.append(codes.astype(np.int64))
    _, cell = np.unique(np.column_stack(parts), axis=0, return_inverse=True)
    cell = cell.reshape(-1).astype(np.int64)
    in_cells = np.isin(cell, cell[participant_rows])
    rows = np.flatnonzero(in_cells & (treated | usable))

    X, names = _feature_matrix(k, rows, design)
    logit_rows, intercept, coef = _logit_scores(X, treated[rows], design.seed)
    logit = np.full(n, np.nan)
    logit[rows] = logit_rows
    caliper = None
    if design.caliper is not None:
        t, c = logit_rows[treated[rows]], logit_rows[~treated[rows]]
        sd = float(np.sqrt((np.var(t) + (np.var(c) if len(c) else 0.0)) / 2))
        caliper = design.caliper * sd if sd > 0 else None

    # Candidate rows by cell, for slicing.
    pool = rows[~treated[rows]]
    order = pool[np.lexsort((pool, cell[pool]))]
    cell_sorted = cell[order]
    _, person_rank = np.unique(k.person_id, return_inverse=True)
    used = np.zeros(int(person_rank.max()) + 1 if n else 0, dtype=bool)

    rng = np.random.default_rng([design.seed, 2])
    sequence = participant_rows[rng.permutation(len(participant_rows))]
    matched_t: list[int] = []
    ctrl_rows: list[int] = []
    ctrl_set: list[int] = []
    unmatched: list[int] = []
    for r in sequence:
        lo = np.searchsorted(cell_sorted, cell[r], side="left")
        hi = np.searchsorted(cell_sorted, cell[r], side="right")
        cand = order[lo:hi]
        cand = cand[~used[person_rank[cand]]]
        if len(cand):
            dist = np.abs(logit[cand] - logit[r])
            if caliper is not None:
                cand, dist = cand[dist <= caliper], dist[dist <= caliper]
        if not len(cand):
            unmatched.append(int(r))
            continue
        take = cand[np.argsort(dist, kind="stable")[: design.naboer]]
        used[person_rank[take]] = True
        set_id = len(matched_t)
        matched_t.append(int(r))
        ctrl_rows.extend(int(x) for x in take)
        ctrl_set.extend([set_id] * len(take))

    t_rows = np.asarray(matched_t, dtype=np.int64)
    c_rows = np.asarray(ctrl_rows, dtype=np.int64)
    c_set = np.asarray(ctrl_set, dtype=np.int64)
    # Sets in a canonical order (by the participant's week and person), so the result does not
    # depend on the random matching order beyond which persons were chosen.
    canon = np.lexsort((k.person_id[t_rows], k.week[t_rows])) if len(t_rows) else t_rows
    remap = np.empty(len(t_rows), dtype=np.int64)
    remap[canon] = np.arange(len(t_rows))
    c_set = remap[c_set] if len(c_set) else c_set
    t_rows = t_rows[canon]
    c_order = np.lexsort((k.person_id[c_rows], c_set)) if len(c_rows) else c_rows
    c_rows, c_set = c_rows[c_order], c_set[c_order]
    weights = (1.0 / np.bincount(c_set, minlength=len(t_rows))[c_set]).astype(np.float64)

    return Matching(
        kandidater=k,
        deltager_rows=t_rows,
        kontrol_rows=c_rows,
        kontrol_set=c_set,
        uden_match=np.sort(np.asarray(unmatched, dtype=np.int64)),
        celler_uden_match=_unmatched_cells(k, cell, unmatched, participant_rows, pool, design),
        logit=logit,
        caliper=caliper,
        balance=balance_table(k, participant_rows, pool, c_rows, weights),
        pool_rows=pool,
        ps_koefficienter={**intercept, **dict(zip(names, map(float, coef), strict=True))},
    )


def _unmatched_cells(
    k: Kandidater,
    cell: I64,
    unmatched: list[int],
    participant_rows: I64,
    pool: I64,
    design: Design,
) -> tuple[Celle, ...]:
    out = []
    for c in sorted(set(cell[unmatched].tolist())):
        r = int(np.flatnonzero(cell == c)[0])
        out.append(
            Celle(
                uge=weeks.label(int(k.week[r])),
                noegler={name: str(k.key_column(name)[r]) for name in design.eksakt},
                deltagere=int(np.count_nonzero(cell[participant_rows] == c)),
                kandidater=int(np.count_nonzero(cell[pool] == c)),
                uden_match=int(np.count_nonzero(cell[unmatched] == c)),
            )
        )
    return tuple(out)


def excluded_for_comparison(k: Kandidater, participants: dict[int, int], sammenligning: str) -> B8:
    """Candidate rows that may not be comparison persons: with SAMMENLIGNING_ALDRIG every row
    of a participant; otherwise a participant's rows from their own start week on."""
    pid = np.fromiter(participants.keys(), dtype=np.int64, count=len(participants))
    start = np.fromiter(participants.values(), dtype=np.int64, count=len(participants))
    is_p = np.isin(k.person_id, pid)
    if sammenligning == SAMMENLIGNING_ALDRIG:
        return is_p
    order = np.argsort(pid)
    pos = np.searchsorted(pid[order], k.person_id)
    pos = np.minimum(pos, len(pid) - 1)
    own_start = start[order][pos]
    return is_p & (k.week >= own_start)


__all__ = ["Balance", "Celle", "Kandidater", "Matching", "match"]
