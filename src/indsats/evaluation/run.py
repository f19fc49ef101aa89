"""Run an effect evaluation: validate the participants, find the candidates, match, estimate."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import ibis.expr.types as ir
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from indsats.evaluation import estimate as est
from indsats.evaluation import features
from indsats.evaluation.matching import Kandidater, Matching, excluded_for_comparison, match
from indsats.evaluation.model import Deltager, Design, EvalueringsFejl
from indsats.evaluation.oekonomi import (
    Helaarspersoner,
    Kroner,
    YdelseKroner,
    follow_up_day,
    helaarspersoner,
    municipal_share,
    refusion_first_week,
    refusion_tier_shares,
    ydelse_navn,
)
from indsats.register import weeks

MAX_LISTED = 20  # problems listed in one message


@dataclass(frozen=True)
class MatchetStikproeve:
    """The matched sample (pseudonymous ids): one row per person, set 0..n-1, role
    "deltager" or "sammenligning", the start week and the comparison person's weight."""

    tabel: pa.Table


@dataclass
class Effektvurdering:
    """Everything an evaluation found. `reports` renders it; `sammenfatning` gives the figures
    and the Danish text for a committee paper."""

    navn: str
    design: Design
    daekning: tuple[int, int]
    deltagere_i_alt: int
    deltagere_matchet: int
    deltagere_uden_match: int
    deltagere_uden_historik: int
    sammenligningspersoner: int
    kandidater: int
    startuger: tuple[int, int]
    matching: Matching
    stikproeve: MatchetStikproeve
    estimater: list[est.Estimat]
    uger_pr_ydelse: list[est.Estimat]
    kurve: list[est.Kurvepunkt]
    foer_tjek: est.ForPeriodeTjek
    foer_efter: list[est.FoerEfter]
    deltagere_pr_aar: dict[int, int]
    ydelse_ved_start: dict[str, int]
    helaarspersoner: list[Helaarspersoner]
    kroner: Kroner | None
    senere_deltagere_i_sammenligning: int
    forbehold: list[str] = field(default_factory=list)
    tider: dict[str, float] = field(default_factory=dict)

    def estimat(self, maal: str) -> est.Estimat:
        for e in self.estimater + self.uger_pr_ydelse:
            if e.maal == maal:
                return e
        raise KeyError(maal)

    def har_estimat(self, maal: str) -> bool:
        return any(e.maal == maal for e in self.estimater + self.uger_pr_ydelse)

    @property
    def hovedestimat(self) -> est.Estimat:
        return self.estimat(f"selvforsoergende_{self.design.hovedmaal_uge}")

    @property
    def naiv(self) -> est.FoerEfter:
        k = self.design.hovedmaal_uge
        return next(f for f in self.foer_efter if f.uge == k)


def _problems(kind: str, items: list[str]) -> str:
    shown = items[:MAX_LISTED]
    more = f"\n  ... and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else ""
    return f"{kind}:\n  " + "\n  ".join(shown) + more


def validate_participants(
    register: ir.Table, deltagere: Sequence[Deltager], daekning: tuple[int, int]
) -> None:
    """Every participant must be in the register and start inside it; one start per person."""
    if not deltagere:
        raise EvalueringsFejl("no participants were given")
    problems: list[str] = []
    seen: dict[int, Deltager] = {}
    for d in deltagere:
        where = d.kilde or f"person {d.person_id}"
        if d.person_id in seen:
            first = seen[d.person_id].kilde or "an earlier line"
            problems.append(
                f"{where}: person {d.person_id} is already a participant ({first}); give one "
                "start per person"
            )
        seen.setdefault(d.person_id, d)
        if not daekning[0] <= d.start_uge <= daekning[1]:
            problems.append(
                f"{where}: start week {weeks.label(d.start_uge)} lies outside the register "
                f"({weeks.label(daekning[0])} to {weeks.label(daekning[1])})"
            )
    if problems:
        raise EvalueringsFejl(_problems("The participants cannot be evaluated", problems))
    persons = pa.table({"person_id": pa.array(list(seen), pa.int64())})
    found = set(features.persons_present(register, persons).column("person_id").to_pylist())
    missing = [d for d in deltagere if d.person_id not in found]
    if missing:
        raise EvalueringsFejl(
            _problems(
                f"{len(missing)} of {len(deltagere)} participants are not in the register "
                "(no week on any benefit); check the ids against the register",
                [f"{d.kilde or 'participant'}: person {d.person_id}" for d in missing],
            )
        )


def evaluate(
    register: ir.Table,
    deltagere: Sequence[Deltager],
    design: Design | None = None,
    *,
    navn: str = "Effektvurdering",
    daekning: tuple[int, int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Effektvurdering:
    """Evaluate a project on the register (any Ibis backend). Raises EvalueringsFejl with a
    message naming the problem when the input does not allow an evaluation."""
    from indsats.analytics.suite import register_coverage

    design = design or Design()
    step = progress or (lambda _msg: None)
    tider: dict[str, float] = {}
    t0 = time.perf_counter()
    cov = daekning or register_coverage(register)
    validate_participants(register, deltagere, cov)
    start_of = {d.person_id: d.start_uge for d in deltagere}
    tider["kontrol"] = time.perf_counter() - t0

    # 1. Candidates in the participants' start weeks, with their history.
    t0 = time.perf_counter()
    step("Historik for deltagere og mulige sammenligningspersoner")
    states = features.start_states(
        register,
        pa.table(
            {
                "person_id": pa.array(list(start_of), pa.int64()),
                "start_uge": pa.array(list(start_of.values()), pa.int32()),
            }
        ),
    )
    at_start = dict(
        zip(
            states.column("person_id").to_pylist(), states.column("ydelse").to_pylist(), strict=True
        )
    )
    on_benefit = sorted({start_of[p] for p, y in at_start.items() if y is not None})
    # Participants without a benefit in their start week are compared with persons who were
    # self-supporting that week after a benefit in the year before.
    self_supporting = sorted({start_of[p] for p, y in at_start.items() if y is None})
    ydelser = (
        sorted({y for y in at_start.values() if y is not None})
        if "ydelse" in design.eksakt
        else None
    )
    cand = features.candidates(
        register,
        on_benefit,
        ydelser=ydelser,
        self_supporting_weeks=self_supporting,
        kommuner=design.kommuner,
        participants=list(start_of),
    )
    found = _participant_rows(cand, start_of)
    k = Kandidater.from_arrow(cand)
    tider["historik"] = time.perf_counter() - t0

    no_history = [p for p in start_of if p not in found]
    # Participants from outside the comparison municipalities are not in `cand` either.
    rows = np.asarray(sorted(found.values()), dtype=np.int64)
    if len(rows) == 0:
        raise EvalueringsFejl(
            "none of the participants was on a benefit in the start week or the year before it, "
            "so the register has no history to compare them on"
        )

    # 2. Matching.
    t0 = time.perf_counter()
    step("Sammenligningsgruppe (matching)")
    excluded = excluded_for_comparison(k, start_of, design.sammenligning)
    m = match(k, rows, design, excluded_rows=excluded)
    tider["matching"] = time.perf_counter() - t0
    _check_matching(m, len(rows), design)

    # 3. Outcomes of the matched units.
    t0 = time.perf_counter()
    step("Udfald uge for uge")
    n_sets = m.antal_set
    t_rows, c_rows = m.deltager_rows, m.kontrol_rows
    unit_rows = np.concatenate([t_rows, c_rows])
    units = pa.table(
        {
            "enhed": pa.array(np.arange(len(unit_rows)), pa.int64()),
            "person_id": pa.array(k.person_id[unit_rows], pa.int64()),
            "start_uge": pa.array(k.week[unit_rows].astype(np.int32), pa.int32()),
        }
    )
    rows_out = features.unit_outcomes(register, units, design.foer_uger, design.efter_uger)
    f_all = est.forloeb_from_rows(
        rows_out, len(unit_rows), k.week[unit_rows], cov, design.foer_uger, design.efter_uger
    )
    ft = est.Forloeb(f_all.state[:n_sets], f_all.foer, f_all.efter, f_all.ydelser)
    fc = est.Forloeb(f_all.state[n_sets:], f_all.foer, f_all.efter, f_all.ydelser)
    tider["udfald"] = time.perf_counter() - t0

    # 4. Estimates.
    t0 = time.perf_counter()
    step("Effekt og sikkerhedsintervaller")
    stats = est.SetStatistik(
        m.kontrol_set, m.kontrol_weights(), n_sets, design.bootstrap, design.seed
    )
    estimater = est.estimates(ft, fc, stats, design.opfoelgning)
    if not any(e.maal == f"selvforsoergende_{design.hovedmaal_uge}" for e in estimater):
        raise EvalueringsFejl(
            f"the register ends in {weeks.label(cov[1])}, before any participant can be followed "
            f"{design.hovedmaal_uge} weeks; evaluate later or choose an earlier week "
            "(hovedmaal_uge)"
        )
    per_ydelse = est.weeks_by_benefit(ft, fc, stats)
    kurve = est.curve(ft, fc, stats)
    tjek = est.pre_period_check(ft, fc, stats)
    foer_efter = [est.before_after(ft, kk) for kk in design.opfoelgning if kk <= design.efter_uger]
    years = weeks_year(k.week[t_rows])
    per_year = {int(y): int(n) for y, n in zip(*np.unique(years, return_counts=True), strict=True)}
    startuger = (int(k.week[t_rows].min()), int(k.week[t_rows].max()))
    kroner = (
        _kroner(register, m, k, ft, fc, stats, per_ydelse, design, cov, startuger)
        if design.enhedspriser and per_ydelse
        else None
    )
    tider["estimat"] = time.perf_counter() - t0
    at_start_count = {
        str(y): int(n)
        for y, n in zip(*np.unique(k.ydelse[t_rows], return_counts=True), strict=True)
    }
    role = np.array(["deltager"] * n_sets + ["sammenligning"] * len(c_rows))
    sample = pa.table(
        {
            "saet": pa.array(np.concatenate([np.arange(n_sets), m.kontrol_set]), pa.int64()),
            "rolle": pa.array(role.tolist(), pa.string()),
            "person_id": pa.array(k.person_id[unit_rows], pa.int64()),
            "start_uge": pa.array(k.week[unit_rows].astype(np.int32), pa.int32()),
            "vaegt": pa.array(np.concatenate([np.ones(n_sets), m.kontrol_weights()]), pa.float64()),
        }
    )
    v = Effektvurdering(
        navn=navn,
        design=design,
        daekning=cov,
        deltagere_i_alt=len(deltagere),
        deltagere_matchet=n_sets,
        deltagere_uden_match=len(m.uden_match),
        deltagere_uden_historik=len(no_history),
        sammenligningspersoner=len(c_rows),
        kandidater=len(m.pool_rows),
        startuger=startuger,
        matching=m,
        stikproeve=MatchetStikproeve(sample),
        estimater=estimater,
        uger_pr_ydelse=per_ydelse,
        kurve=kurve,
        foer_tjek=tjek,
        foer_efter=foer_efter,
        deltagere_pr_aar=per_year,
        ydelse_ved_start=at_start_count,
        helaarspersoner=[
            h
            for e in estimater
            if e.maal == "uger_paa_ydelse_52"
            for h in helaarspersoner(e, per_year)
        ],
        kroner=kroner,
        senere_deltagere_i_sammenligning=int(np.isin(k.person_id[c_rows], list(start_of)).sum()),
        tider=tider,
    )
    from indsats.evaluation.tekst import forbehold

    v.forbehold = forbehold(v)
    return v


def weeks_year(week_index: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    from indsats.evaluation.matching import thursday_year

    return thursday_year(week_index)


def _participant_rows(cand: pa.Table, start_of: dict[int, int]) -> dict[int, int]:
    """Candidate row of each participant found in its start week."""
    pid = np.asarray(cand.column("person_id"), dtype=np.int64)
    wk = np.asarray(cand.column("week_index"), dtype=np.int64)
    pids = np.fromiter(start_of.keys(), dtype=np.int64, count=len(start_of))
    starts = np.fromiter(start_of.values(), dtype=np.int64, count=len(start_of))
    hit = np.isin(pid, pids)
    out: dict[int, int] = {}
    idx = np.flatnonzero(hit)
    order = np.argsort(pids)
    pos = np.searchsorted(pids[order], pid[idx])
    own = starts[order][pos]
    for r in idx[wk[idx] == own]:
        out[int(pid[r])] = int(r)
    return out


def _check_matching(m: Matching, n_participants: int, design: Design) -> None:
    share = len(m.uden_match) / n_participants if n_participants else 0.0
    if share > design.max_uden_match:
        cells = sorted(m.celler_uden_match, key=lambda c: -c.uden_match)
        lines = [
            f"week {c.uge}, "
            + ", ".join(f"{k} {v}" for k, v in c.noegler.items())
            + f": {c.deltagere} participant(s), {c.kandidater} candidate(s), "
            f"{c.uden_match} without a match"
            for c in cells
        ]
        raise EvalueringsFejl(
            _problems(
                f"The comparison pool is too small for the requested matching: "
                f"{len(m.uden_match)} of {n_participants} participants "
                f"({share:.0%}) found no comparison person within the caliper "
                f"(allowed: {design.max_uden_match:.0%}). Widen the pool (more municipalities "
                "or fewer exact keys), loosen the caliper or take fewer comparison persons",
                lines,
            )
        )
    if m.antal_set < design.min_deltagere:
        raise EvalueringsFejl(
            f"only {m.antal_set} participants could be matched; an estimate needs at least "
            f"{design.min_deltagere}"
        )


def _kroner(
    register: ir.Table,
    m: Matching,
    k: Kandidater,
    ft: est.Forloeb,
    fc: est.Forloeb,
    stats: est.SetStatistik,
    per_ydelse: list[est.Estimat],
    design: Design,
    cov: tuple[int, int],
    startuger: tuple[int, int],
) -> Kroner:
    """Net kroner per participant: each benefit's weeks priced with its gross unit price times the
    municipality's share after refusion (the comparison group's tier mix)."""
    persons = pa.table(
        {
            "person_id": pa.array(k.person_id[m.kontrol_rows], pa.int64()),
            "start_uge": pa.array(k.week[m.kontrol_rows].astype(np.int32), pa.int32()),
            "vaegt": pa.array(m.kontrol_weights(), pa.float64()),
        }
    )
    tiers = refusion_tier_shares(register, persons, cov)
    day = follow_up_day(startuger)
    rows: list[YdelseKroner] = []
    weight: dict[str, float] = {}
    missing: list[str] = []
    for e in per_ydelse:
        y = e.maal.removeprefix("uger_paa_").removesuffix("_52")
        price = design.enhedspriser.get(y)
        share = municipal_share(y, tiers[y], day) if y in tiers else None
        rows.append(YdelseKroner(y, ydelse_navn(y), e, price, share, tiers.get(y, {})))
        if price is None or share is None:
            if abs(e.effekt) > 0 or y in tiers:
                missing.append(ydelse_navn(y))
            continue
        weight[y] = price * share / 52
    yt = sum(
        (ft.weeks_on_benefit(1, 52, y) * w for y, w in weight.items()), np.zeros(ft.state.shape[0])
    )
    yc = sum(
        (fc.weeks_on_benefit(1, 52, y) * w for y, w in weight.items()), np.zeros(fc.state.shape[0])
    )
    kr = stats.estimate("kroner_52", "Kommunens nettoudgift til ydelser i 52 uger", "kr", yt, yc)
    return Kroner(
        pr_deltager=-kr.effekt,
        nedre=-kr.oevre,
        oevre=-kr.nedre,
        ydelser=tuple(rows),
        uden_pris=tuple(missing),
        refusion_fra=max(cov[0], refusion_first_week()),
    )
