"""Ret og pligt til tilbud (LAB § 102) and the integration programme's first company-directed
tilbud, vectorised."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from indsats.domain.tilbud import TILBUDSTYPER, TilbudType
from indsats.rules.parameters import parameter
from indsats.rules.vectorised.arrays import (
    EPOCH,
    NA,
    add_months_np,
    day_number,
    day_numbers,
    values_covering,
)
from indsats.rules.vectorised.caseload import Caseload
from indsats.rules.vectorised.collect import Collector


def _counts_for_ret_og_pligt(cl: Caseload, mask: np.ndarray) -> np.ndarray:
    """Per tilbud row: does its type count as a ret-og-pligt tilbud on its start date?"""
    t = cl.tilbud
    res = np.zeros(len(t.case), dtype=bool)
    if not mask.any():
        return res
    for v, m in values_covering(
        "ret_og_pligt.taeller_med", np.where(mask, t.start, day_number(date(2020, 1, 1)))
    ):
        res |= mask & m & t.type.isin(v.value)
    return res


def ret_og_pligt(cl: Caseload, out: Collector) -> None:
    n, rows_all, start, anchor, A = cl.n, cl.rows, cl.start, cl.anchor, cl.as_of_day
    grp, tfrom, frames = cl.maalgruppe, cl.target_from, cl.frames
    t = cl.tilbud
    t_case, t_type, t_start, t_slut, t_tilbudt = t.case, t.type, t.start, t.slut, t.tilbudt
    for v, m in values_covering("ret_og_pligt.frist", start):
        p = v.value
        sel = m & grp.isin(p["maalgrupper"])
        base = add_months_np(anchor, p["maaneder"])
        sel &= base >= start
        if not sel.any():
            continue
        rows = rows_all[sel]
        deadline = np.full(n, NA, dtype=np.int64)
        deadline[sel] = base[sel]
        moved = np.zeros(n, dtype=bool)
        is_open = np.zeros(n, dtype=bool)
        f = frames.fritagelser
        if len(f):
            f_case = f["case"].to_numpy(np.int64)
            f_fra = day_numbers(f["fra"])
            f_til = day_numbers(f["til"])
            max_iter = int(np.bincount(f_case).max())
            for _ in range(max_iter):
                cur = deadline[f_case]
                active = sel[f_case] & ~is_open[f_case] & (cur != NA)
                cov = active & (f_fra <= cur) & ((f_til == NA) | (cur <= f_til))
                if not cov.any():
                    break
                idx = np.flatnonzero(cov)
                cases_hit, first = np.unique(f_case[idx], return_index=True)
                hit = idx[first]
                moved[cases_hit] = True
                til_hit = f_til[hit]
                opn = til_hit == NA
                is_open[cases_hit[opn]] = True
                deadline[cases_hit[opn]] = NA
                deadline[cases_hit[~opn]] = add_months_np(
                    til_hit[~opn], p["efter_fritagelse_maaneder"]
                )
        hi = np.where(is_open, A, deadline)
        met_on = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        if len(t_case):
            tc_sel = sel[t_case]
            c_hi = hi[t_case]
            c_dead = deadline[t_case]
            base_ok = tc_sel & (t_start <= A) & (t_start >= start[t_case])
            length_ok = (t_slut == NA) | ((t_slut - t_start + 1) >= p["min_varighed_dage"])
            in_window = base_ok & (t_start <= c_hi)
            late = p["loentilskud_start_senest_dage"]
            is_lt = t_type.isin(
                [TilbudType.LOENTILSKUD_PRIVAT.value, TilbudType.LOENTILSKUD_OFFENTLIG.value]
            )
            late_ok = (
                base_ok
                & ~(t_start <= c_hi)
                & (c_dead != NA)
                & is_lt
                & (t_start <= c_dead + late)
                & (t_tilbudt != NA)
                & (t_tilbudt <= c_dead)
            )
            cand = (in_window & length_ok) | late_ok
            ok = cand & _counts_for_ret_og_pligt(cl, cand)
            np.minimum.at(met_on, t_case[ok], t_start[ok])
        met_on = np.where(met_on == np.iinfo(np.int64).max, NA, met_on)
        tf = tfrom[sel]
        personal = ~((tf != NA) & (base[sel] >= tf))
        variant = np.where(~moved[sel], 0, np.where(is_open[sel], 2, 1))
        tids = np.empty(len(rows), dtype=np.int32)
        names = ("normal", "fritaget", "fritaget_aaben")
        late = p["loentilskud_start_senest_dage"]
        for vi in range(3):
            for pvl in (True, False):
                mm = (variant == vi) & (personal == pvl)
                if not mm.any():
                    continue
                if pvl:
                    tids[mm] = out.text(("ret_og_pligt", names[vi], late, None))
                else:
                    for tv in np.unique(tf[mm]):
                        tids[mm & (tf == tv)] = out.text(
                            ("ret_og_pligt", names[vi], late, EPOCH + timedelta(days=int(tv)))
                        )
        out.add(
            rows,
            order=1000,
            rule=out.rule("LAB.102.ret_og_pligt", "tilbud", "jobcenter"),
            nr=1,
            due_from=start[sel],
            due_by=deadline[sel],
            personal=personal,
            met_on=met_on[sel],
            pv=out.pv(v),
            text=tids,
        )


def integrationsprogram(cl: Caseload, out: Collector) -> None:
    n, rows_all, start, A, c = cl.n, cl.rows, cl.start, cl.as_of_day, cl.cases
    t = cl.tilbud
    t_case, t_type, t_start = t.case, t.type, t.start
    ip = day_numbers(c["integrationsprogram_start"])
    has_ip = ip != NA
    if has_ip.any():
        for v, m in values_covering(
            "ret_og_pligt.integrationsprogram",
            np.where(
                has_ip, ip, day_number(parameter("ret_og_pligt.integrationsprogram").first_date)
            ),
        ):
            sel = m & has_ip
            if not sel.any():
                continue
            due = add_months_np(
                np.where(has_ip, ip, start), v.value["foerste_virksomhedsrettede_maaneder"]
            )
            met_on = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
            if len(t_case):
                vr = t_type.isin(
                    [tt.value for tt, info in TILBUDSTYPER.items() if info.virksomhedsrettet]
                )
                ok = (
                    sel[t_case]
                    & vr
                    & (t_start >= ip[t_case])
                    & (t_start <= np.minimum(due[t_case], A))
                )
                np.minimum.at(met_on, t_case[ok], t_start[ok])
            met_on = np.where(met_on == np.iinfo(np.int64).max, NA, met_on)
            out.add(
                rows_all[sel],
                order=1100,
                rule=out.rule("IL.foerste_virksomhedsrettede_tilbud", "tilbud", "jobcenter"),
                nr=1,
                due_from=ip[sel],
                due_by=due[sel],
                personal=True,
                met_on=met_on[sel],
                pv=out.pv(v),
                text=out.text(("integration", v.value["helst_inden_dage"])),
            )
