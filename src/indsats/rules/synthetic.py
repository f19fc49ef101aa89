"""Deterministic synthetic caseloads (CaseFrames) for the benchmark and the equivalence tests.

Not a calibrated microsimulation (that is `indsats.register`); it only spreads cases over every
rule branch: all target groups, start dates 2023-06..2026-10 (across 2024-01-01, 2025-07-01 and
2026-07-01), samtaler, tilbud, exemptions, sygedagpenge with a few multi-period cases.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from indsats.domain.tilbud import TilbudType
from indsats.rules.vectorised import CaseFrames

_KINDS = [
    # ydelse, maalgruppe, visitation, weight
    ("dagpenge", "dagpenge", "", 0.30),
    ("kontanthjaelp", "jobparat_kontanthjaelp", "jobparat", 0.14),
    ("kontanthjaelp", "aktivitetsparat_kontanthjaelp", "aktivitetsparat", 0.12),
    ("uddannelseshjaelp", "uddannelsesparat", "uddannelsesparat", 0.03),
    ("uddannelseshjaelp", "uddannelsesparat", "aabenlyst_uddannelsesparat", 0.02),
    ("uddannelseshjaelp", "aktivitetsparat_under_30", "aktivitetsparat", 0.02),
    ("kontanthjaelp", "uddannelsesparat", "uddannelsesparat", 0.02),  # after the 2025 reform
    ("sygedagpenge", "sygedagpenge", "", 0.20),
    ("ledighedsydelse", "fleksjob_ledighedsydelse", "", 0.05),
    ("jobafklaringsforloeb", "jobafklaringsforloeb", "", 0.04),
    ("ressourceforloeb", "ressourceforloeb", "", 0.03),
    ("revalidering", "revalidering", "", 0.01),
    ("foertidspension", "foertidspension", "", 0.03),
    ("fleksjob", "fleksjob_ledighedsydelse", "", 0.01),
]
_D = np.datetime64


def _day(d: date) -> int:
    return int(_D(d, "D").astype(np.int64))


def _dt(days: np.ndarray, valid: np.ndarray | None = None) -> np.ndarray:
    out = days.astype("datetime64[D]")
    if valid is not None:
        out[~valid] = np.datetime64("NaT")
    return out


def generate_frames(n: int, seed: int = 20261126) -> CaseFrames:
    rng = np.random.default_rng(seed)
    weights = np.array([k[3] for k in _KINDS])
    kind = rng.choice(len(_KINDS), size=n, p=weights / weights.sum())
    ydelse = np.array([k[0] for k in _KINDS], dtype=object)[kind]
    grp = np.array([k[1] for k in _KINDS], dtype=object)[kind]
    vis = np.array([k[2] for k in _KINDS], dtype=object)[kind]
    lo, hi, uh_hi = _day(date(2023, 6, 1)), _day(date(2026, 10, 31)), _day(date(2025, 6, 30))
    start = rng.integers(lo, hi + 1, size=n)
    is_uh = ydelse == "uddannelseshjaelp"
    start[is_uh] = rng.integers(lo, uh_hi + 1, size=int(is_uh.sum()))
    kh_young = (ydelse == "kontanthjaelp") & (grp == "uddannelsesparat")
    start[kh_young] = rng.integers(uh_hi + 1, hi + 1, size=int(kh_young.sum()))
    age_days = rng.integers(18 * 365, 62 * 365, size=n)
    young = np.isin(grp, ["uddannelsesparat", "aktivitetsparat_under_30"])
    age_days[young] = rng.integers(18 * 365, 29 * 365, size=int(young.sum()))
    born = start - age_days
    age_only = rng.random(n) < 0.1
    dag = ydelse == "dagpenge"
    prior = np.where(dag & (rng.random(n) < 0.3), rng.integers(1, 250, size=n), 0)
    slut_valid = rng.random(n) < 0.3
    slut = start + rng.integers(30, 400, size=n)
    sdp = ydelse == "sygedagpenge"
    first = np.maximum(start - rng.integers(0, 30, size=n), _day(date(2020, 1, 1)))
    kategori = np.where(sdp, np.where(rng.random(n) < 0.3, "1", "2"), "").astype(object)
    ans = np.where(
        sdp,
        rng.choice(np.array(["loenmodtager", "selvstaendig", "ledig"]), size=n, p=[0.8, 0.1, 0.1]),
        "",
    ).astype(object)
    grund = np.where(sdp & (rng.random(n) < 0.3), rng.integers(1, 8, size=n), 0)
    rev_valid = sdp & (rng.random(n) < 0.2)
    repat = rng.random(n) < 0.1
    ip_valid = np.isin(grp, ["jobparat_kontanthjaelp", "aktivitetsparat_kontanthjaelp"]) & (
        rng.random(n) < 0.05
    )
    cv_valid = rng.random(n) < 0.7
    udd_valid = young & (rng.random(n) < 0.5)
    cases = pd.DataFrame(
        {
            "sag_id": np.char.add("S", np.arange(n).astype(str)).astype(object),
            "ydelse": ydelse,
            "maalgruppe": grp,
            "visitation": vis,
            "start": _dt(start),
            "slut": _dt(slut, slut_valid),
            "foedselsdato": _dt(born, ~age_only),
            "uddannelse": rng.random(n) < 0.4,
            "forsoerger": rng.random(n) < 0.2,
            "tidligere_ledighed_dage": prior.astype(np.int64),
            "jobcenter_fra_start": dag & (rng.random(n) < 0.1),
            "integrationsprogram_start": _dt(start + rng.integers(-20, 20, size=n), ip_valid),
            "repat_omfattet": repat,
            "repat_ophold_fra": _dt(start - rng.integers(0, 4000, size=n), repat),
            "repat_maaneder": rng.integers(0, 37, size=n).astype(np.int64),
            "cv_registreret": _dt(start + rng.integers(-5, 30, size=n), cv_valid),
            "uddannelsespaalaeg_givet": _dt(start + rng.integers(0, 60, size=n), udd_valid),
            "sdp_foerste_fravaersdag": _dt(first, sdp),
            "sdp_kategori": kategori,
            "sdp_ansaettelse": ans,
            "sdp_forlaengelse_grund": grund.astype(np.int64),
            "sdp_revurderet": _dt(start + rng.integers(150, 250, size=n), rev_valid),
            "visiteret": _dt(start + rng.integers(30, 120, size=n), rng.random(n) < 0.5),
            "alder": np.where(age_only, age_days // 366, -1).astype(np.int64),
            "arbejdspligt": np.isin(grp, ["jobparat_kontanthjaelp"]) & (rng.random(n) < 0.05),
            "sdp_arbejdsgiverperiode": ~(sdp & (ans == "loenmodtager") & (rng.random(n) < 0.1)),
            "sdp_forsikring": np.where(
                ans == "selvstaendig",
                rng.choice(np.array(["ingen", "dag_1", "dag_3"]), size=n),
                "ingen",
            ).astype(object),
            "sdp_tidlig_opfoelgning": _dt(
                first + rng.integers(0, 35, size=n), sdp & (rng.random(n) < 0.1)
            ),
            "sdp_tidlig_opfoelgning_afvist": sdp & (rng.random(n) < 0.02),
            "sdp_forenklet_opfoelgning": sdp & (ans == "loenmodtager") & (rng.random(n) < 0.2),
            "sdp_forlaengelse_til": _dt(
                start + rng.integers(200, 900, size=n), (grund > 0) & (rng.random(n) < 0.3)
            ),
        }
    )
    # samtaler: 0-6 per case
    k = rng.integers(0, 7, size=n)
    case = np.repeat(np.arange(n), k)
    sdate = start[case] + rng.integers(0, 200, size=len(case))
    key = np.where(
        sdp[case],
        "opfoelgning:jobcenter",
        np.where(
            dag[case] & (rng.random(len(case)) < 0.5), "jobsamtale:akasse", "jobsamtale:jobcenter"
        ),
    ).astype(object)
    rep_s = rng.random(len(case)) < 0.02
    key[rep_s] = "repatriering:jobcenter"
    samtaler = pd.DataFrame({"case": case.astype(np.int64), "dato": _dt(sdate), "count_key": key})
    # tilbud: 40 % of cases get one
    has_t = rng.random(n) < 0.4
    tc = np.flatnonzero(has_t)
    types = np.array([t.value for t in TilbudType], dtype=object)
    tstart = start[tc] + rng.integers(20, 230, size=len(tc))
    tlen = rng.choice(np.array([7, 13, 14, 30, 90]), size=len(tc))
    tslut_valid = rng.random(len(tc)) < 0.9
    tilbudt_valid = rng.random(len(tc)) < 0.5
    tilbud = pd.DataFrame(
        {
            "case": tc.astype(np.int64),
            "type": types[rng.integers(0, len(types), size=len(tc))],
            "start": _dt(tstart),
            "slut": _dt(tstart + tlen - 1, tslut_valid),
            "tilbudt": _dt(tstart - rng.integers(0, 40, size=len(tc)), tilbudt_valid),
        }
    )
    # fritagelser: 5 %
    fc = np.flatnonzero(rng.random(n) < 0.05)
    ffra = start[fc] + rng.integers(100, 200, size=len(fc))
    fopen = rng.random(len(fc)) < 0.2
    fritagelser = pd.DataFrame(
        {
            "case": fc.astype(np.int64),
            "fra": _dt(ffra),
            "til": _dt(ffra + rng.integers(10, 120, size=len(fc)), ~fopen),
        }
    )
    # a few sygedagpenge cases with two explicit periods (per-case fallback path)
    mc = np.flatnonzero(sdp & (rng.random(n) < 0.002))
    a_end = first[mc] + rng.integers(20, 120, size=len(mc))
    b_start = a_end + rng.integers(5, 200, size=len(mc))
    sdp_perioder = (
        pd.DataFrame(
            {
                "case": np.concatenate([mc, mc]).astype(np.int64),
                "fra": _dt(np.concatenate([first[mc], b_start])),
                "til": _dt(
                    np.concatenate([a_end, b_start + 300]),
                    np.concatenate([np.ones(len(mc), bool), rng.random(len(mc)) < 0.5]),
                ),
            }
        )
        .sort_values(["case", "fra"], kind="stable")
        .reset_index(drop=True)
    )
    return CaseFrames(cases, samtaler, tilbud, fritagelser, sdp_perioder)
