"""Sygedagpenge (SDL): who pays in each absence and from when the municipality pays (§§ 30, 32,
41, 45), opfølgning (§ 13 b, early follow-up, § 13 f), revurdering (§ 24), forlængelse (§ 27) and
the move to jobafklaringsforløb (§ 24 a), vectorised."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from indsats.rules.model import InputError, Periode
from indsats.rules.obligations import revurdering_day
from indsats.rules.parameters import parameter
from indsats.rules.vectorised.arrays import (
    NA,
    Codes,
    add_months_np,
    day_number,
    day_numbers,
    end_of_month_np,
    values_covering,
)
from indsats.rules.vectorised.caseload import Caseload
from indsats.rules.vectorised.collect import Collector

# Row order within a case (the per-case order): payments per absence, then opfølgning,
# revurdering, forlængelse, jobafklaring.
_ORDER_PAYMENT = 2000  # + 2 * absence number (+ 1 for the municipality's row)
_MAX_ABSENCES = 2900
_ORDER_OPFOELGNING = 8000
_ORDER_REVURDERING = 8100
_ORDER_FORLAENGELSE = 8200
_ORDER_JOBAFKLARING = 8300  # after the revurdering; 8400 after a forlængelse


def check_kategori(cl: Caseload) -> None:
    """A category that does not exist on the evaluation day is an input error (as per case)."""
    is_sdp = cl.is_sygedagpenge
    if not is_sdp.any():
        return
    kat = Codes.of(cl.cases["sdp_kategori"])
    kv = parameter("sygedagpenge.kategorier").at(cl.as_of)
    bad = is_sdp & ~kat.isin(kv.value)
    if bad.any():
        k = kat.value_at(int(np.flatnonzero(bad)[0]))
        raise InputError(
            "sygedagpenge.kategori",
            f"kategori {k} does not exist on {cl.as_of.isoformat()} "
            f"({kv.reference}; valid: {', '.join(kv.value)}); visit the case again",
        )


def _absences(
    cl: Caseload, is_sdp: np.ndarray, first: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(case, fra, til, nr) per absence: the explicit periods, else one from the first day."""
    sp = cl.frames.sdp_perioder
    multi = np.zeros(cl.n, dtype=bool)
    if len(sp):
        sp_case = sp["case"].to_numpy(np.int64)
        multi[sp_case] = True
        keep = is_sdp[sp_case]
        e_case, e_fra, e_til = (
            sp_case[keep],
            day_numbers(sp["fra"])[keep],
            day_numbers(sp["til"])[keep],
        )
    else:
        e_case = e_fra = e_til = np.zeros(0, np.int64)
    single = is_sdp & ~multi
    case = np.concatenate([e_case, cl.rows[single]])
    fra = np.concatenate([e_fra, first[single]])
    til = np.concatenate([e_til, cl.slut[single]])
    idx = np.lexsort((fra, case))
    case, fra, til = case[idx], fra[idx], til[idx]
    start_of_case = np.ones(len(case), dtype=bool)
    start_of_case[1:] = case[1:] != case[:-1]
    pos = np.arange(len(case))
    nr = pos - np.maximum.accumulate(np.where(start_of_case, pos, 0)) + 1
    if len(nr) and nr.max() > _MAX_ABSENCES:
        raise ValueError(f"more than {_MAX_ABSENCES} absences in one case")
    return case, fra, til, nr


def _payments(cl: Caseload, out: Collector, is_sdp: np.ndarray, first: np.ndarray) -> None:
    c = cl.cases
    case, fra, til, nr = _absences(cl, is_sdp, first)
    if not len(case):
        return
    ans = Codes.of(c["sdp_ansaettelse"])
    loen = (ans == "loenmodtager")[case]
    ledig = (ans == "ledig")[case]
    selv = (ans == "selvstaendig")[case]
    agp = c["sdp_arbejdsgiverperiode"].to_numpy(bool)[case]
    fors = Codes.of(c["sdp_forsikring"])
    for v, m in values_covering("sygedagpenge.udbetaling", fra):
        p = v.value
        other = np.where(
            loen & agp, p["arbejdsgiverperiode_dage"], np.where(ledig, p["ledig_akasse_dage"], 0)
        )
        own = np.zeros(len(case), dtype=np.int64)
        for name, day1 in p["selvstaendig"].items():
            own[selv & (fors == name)[case]] = day1 - 1
        first_pay = fra + other + own
        other_end = np.where(other > 0, fra + other - 1, NA)
        closed = til != NA
        other_end = np.where(closed & (other_end != NA), np.minimum(other_end, til), other_end)
        first_pay = np.where(closed & (first_pay > til), NA, first_pay)
        pv_id = out.pv(v)
        for holder, rule_id, mask in (
            ("arbejdsgiver", "SDL.30.arbejdsgiverperiode", m & loen & (other_end != NA)),
            ("akasse", "AFL.62.sygdom", m & ledig & (other_end != NA)),
        ):
            if mask.any():
                k = int(mask.sum())
                out.add(
                    case[mask],
                    order=_ORDER_PAYMENT + 2 * nr[mask],
                    rule=out.rule(rule_id, "udbetaling", holder),
                    nr=nr[mask],
                    due_from=fra[mask],
                    due_by=other_end[mask],
                    personal=True,
                    met_on=np.full(k, NA),
                    pv=pv_id,
                    text=out.text(("udbetaling_anden", holder)),
                    info=True,
                )
        kommune = m & (first_pay != NA)
        if not kommune.any():
            continue
        tids = np.empty(len(case), dtype=np.int32)
        for a_name in ("loenmodtager", "ledig"):
            tids[(ans == a_name)[case]] = out.text(("udbetaling_kommune", a_name, "ingen"))
        for f_name in p["selvstaendig"]:
            tids[selv & (fors == f_name)[case]] = out.text(
                ("udbetaling_kommune", "selvstaendig", f_name)
            )
        k = int(kommune.sum())
        out.add(
            case[kommune],
            order=_ORDER_PAYMENT + 2 * nr[kommune] + 1,
            rule=out.rule("SDL.udbetaling.kommune", "udbetaling", "jobcenter"),
            nr=nr[kommune],
            due_from=first_pay[kommune],
            due_by=np.full(k, NA),
            personal=True,
            met_on=np.full(k, NA),
            pv=pv_id,
            text=tids[kommune],
            info=True,
        )


def _opfoelgning(cl: Caseload, out: Collector, is_sdp: np.ndarray, F: np.ndarray) -> None:
    c, sidx, rows_all = cl.cases, cl.samtaler, cl.rows
    kat = Codes.of(c["sdp_kategori"])
    request = day_numbers(c["sdp_tidlig_opfoelgning"])
    declined = c["sdp_tidlig_opfoelgning_afvist"].to_numpy(bool)
    forenklet = c["sdp_forenklet_opfoelgning"].to_numpy(bool)
    for v, m in values_covering(
        "sygedagpenge.opfoelgning", np.where(is_sdp, F, day_number(date(2020, 1, 1)))
    ):
        p = v.value
        sel = m & is_sdp
        if not sel.any():
            continue
        early = np.where((request != NA) & ~declined, request + p["tidlig_senest_dage"], NA)
        in_kat = kat.isin(p["kategorier"])
        antal = np.where(
            in_kat,
            np.where(forenklet & (p["forenklet"] is not None), 1, p["antal"]),
            np.where(early != NA, 1, 0),
        )
        sel &= antal > 0
        if not sel.any():
            continue
        rule = out.rule("SDL.13b.opfoelgning", "opfoelgning", "jobcenter")
        week8 = F + 7 * p["foerste_senest_uger"] - 1
        six = add_months_np(np.where(sel, F, day_number(date(2020, 1, 1))), p["maaneder"]) - 1
        use_early = (early != NA) & (early < week8)
        for nr in range(1, int(antal[sel].max()) + 1):
            s_nr = sel & (antal >= nr)
            rows = rows_all[s_nr]
            f = F[s_nr]
            hi = np.where(use_early, early, week8)[s_nr] if nr == 1 else six[s_nr]
            tids = np.empty(len(rows), dtype=np.int32)
            ue = use_early[s_nr] if nr == 1 else np.zeros(len(rows), dtype=bool)
            an = antal[s_nr]
            for a_val in np.unique(an):
                for e_val in (False, True):
                    mm = (an == a_val) & (ue == e_val)
                    if mm.any():
                        tids[mm] = out.text(
                            ("opfoelgning", nr, int(a_val), "tidlig" if e_val else "normal")
                        )
            out.add(
                rows,
                order=_ORDER_OPFOELGNING + nr,
                rule=rule,
                nr=nr,
                due_from=f,
                due_by=hi,
                personal=True,
                met_on=sidx.kth(rows, "opfoelgning:jobcenter", f, hi, nr),
                pv=out.pv(v),
                text=tids,
            )


def _jobafklaring(
    out: Collector, rows: np.ndarray, last_day: np.ndarray, after: str, order: int
) -> None:
    """Sygedagpenge end on `last_day`; jobafklaringsforløb and the rehabiliteringsteam follow."""
    if not len(rows):
        return
    for jv, jm in values_covering("sygedagpenge.jobafklaring", last_day):
        dd = last_day[jm]
        out.add(
            rows[jm],
            order=order,
            rule=out.rule("SDL.24a.jobafklaring", "jobafklaring", "jobcenter"),
            nr=1,
            due_from=dd,
            due_by=dd,
            personal=True,
            met_on=np.full(len(dd), NA),
            pv=out.pv(jv),
            text=out.text(("jobafklaring", after)),
            info=True,
        )
    transition = last_day + 1
    for rv, rm in values_covering("sygedagpenge.jobafklaring", transition):
        r = rv.value
        tt = transition[rm]
        out.add(
            rows[rm],
            order=order + 1,
            rule=out.rule("JAF.rehabiliteringsteam", "rehabiliteringsteam", "jobcenter"),
            nr=1,
            due_from=tt,
            due_by=tt + 7 * r["rehabiliteringsteam_uger"],
            personal=True,
            met_on=np.full(len(tt), NA),
            pv=out.pv(rv),
            text=out.text(("rehabiliteringsteam", r["rehabiliteringsteam_altid"], r["ydelse"])),
            info=not r["rehabiliteringsteam_altid"],
        )


def _revurdering(cl: Caseload, out: Collector, is_sdp: np.ndarray, F: np.ndarray) -> None:
    n, rows_all, A, c, slut = cl.n, cl.rows, cl.as_of_day, cl.cases, cl.slut
    sp = cl.frames.sdp_perioder
    multi = np.zeros(n, dtype=bool)
    if len(sp):
        multi[sp["case"].to_numpy(np.int64)] = True
    ans = Codes.of(c["sdp_ansaettelse"])
    rev = day_numbers(c["sdp_revurderet"])
    grund = c["sdp_forlaengelse_grund"].to_numpy(np.int64)
    decided_all = day_numbers(c["sdp_forlaengelse_til"])
    for v, m in values_covering(
        "sygedagpenge.varighed", np.where(is_sdp, F, day_number(date(2020, 1, 1)))
    ):
        p = v.value
        sel = m & is_sdp
        if not sel.any():
            continue
        not_counted = np.zeros(n, dtype=np.int64)
        for a_name, days in p["ikke_medregnet_dage"].items():
            not_counted[ans == a_name] = days
        limit = p["uger"] * 7
        D = F + not_counted + limit
        ok = sel & ((slut == NA) | (slut >= D))
        # explicit absences: the per-case function (rare)
        for i in np.flatnonzero(sel & multi):
            g = sp[sp["case"] == i]
            per = tuple(
                Periode(pd.Timestamp(a).date(), None if pd.isna(b) else pd.Timestamp(b).date())
                for a, b in zip(g["fra"], g["til"], strict=True)
            )
            day = revurdering_day(per, int(not_counted[i]), p["uger"], p["maaneder"])
            ok[i] = day is not None
            if day is not None:
                D[i] = day_number(day)
        if not ok.any():
            continue
        rows = rows_all[ok]
        d = D[ok]
        due = end_of_month_np(d)
        r = rev[ok]
        met = (r != NA) & (r <= A) & (r >= d - 31)
        out.add(
            rows,
            order=_ORDER_REVURDERING,
            rule=out.rule("SDL.24.revurdering", "revurdering", "jobcenter"),
            nr=1,
            due_from=d,
            due_by=due,
            personal=True,
            met_on=np.where(met, r, NA),
            pv=out.pv(v),
            text=out.text(("revurdering",)),
        )
        gr = grund[ok]
        has_g = gr > 0
        _jobafklaring(out, rows[~has_g], due[~has_g], "revurdering", _ORDER_JOBAFKLARING)
        if not has_g.any():
            continue
        g_rows, g_due, g_gr, g_dec = rows[has_g], due[has_g], gr[has_g], decided_all[rows[has_g]]
        for fv, fm in values_covering("sygedagpenge.forlaengelse", g_due):
            for gkey, ginfo in fv.value.items():
                mm = fm & (g_gr == int(gkey))
                if not mm.any():
                    continue
                dd, dec = g_due[mm], g_dec[mm]
                max_uger = ginfo["max_uger"]
                until = dd + 7 * max_uger if max_uger is not None else np.full(len(dd), NA)
                use_dec = (dec != NA) & (dec >= dd) & ((until == NA) | (dec < until))
                until = np.where(use_dec, dec, until)
                tids = np.where(
                    use_dec,
                    out.text(("forlaengelse", int(gkey), ginfo["navn"], max_uger, True)),
                    out.text(("forlaengelse", int(gkey), ginfo["navn"], max_uger, False)),
                )
                out.add(
                    g_rows[mm],
                    order=_ORDER_FORLAENGELSE,
                    rule=out.rule("SDL.27.forlaengelse", "forlaengelse", "jobcenter"),
                    nr=int(gkey),
                    due_from=dd,
                    due_by=until,
                    personal=True,
                    met_on=np.full(len(dd), NA),
                    pv=out.pv(fv),
                    text=tids,
                    info=True,
                )
                ends = until != NA
                _jobafklaring(
                    out, g_rows[mm][ends], until[ends], "forlaengelse", _ORDER_JOBAFKLARING + 100
                )


def sygedagpenge(cl: Caseload, out: Collector) -> None:
    is_sdp = cl.is_sygedagpenge
    if not is_sdp.any():
        return
    F = day_numbers(cl.cases["sdp_foerste_fravaersdag"])
    _payments(cl, out, is_sdp, F)
    _opfoelgning(cl, out, is_sdp, F)
    _revurdering(cl, out, is_sdp, F)
