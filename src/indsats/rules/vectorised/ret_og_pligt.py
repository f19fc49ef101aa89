"""Ret og pligt til tilbud (LAB § 102) and the integration programme's first company-directed
tilbud, vectorised."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from indsats.domain.tilbud import TILBUDSTYPER, TilbudType
from indsats.rules.parameters import parameter, unverified_copy
from indsats.rules.vectorised.arrays import (
    DMIN,
    EPOCH,
    NA,
    add_months_np,
    day_number,
    day_numbers,
    values_covering,
)
from indsats.rules.vectorised.caseload import Caseload
from indsats.rules.vectorised.collect import Collector, text_ids

_VARIANTS = ("normal", "fritaget", "fritaget_aaben")


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
    grp, tfrom, frames = cl.maalgruppe, cl.target_from_tilbud, cl.frames
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
        unsure = np.zeros(n, dtype=bool)
        if len(t_case):
            # whether ØVO counted depends on an unknown date in force for tilbud in its window
            win = _uncertain_window("ret_og_pligt.taeller_med")
            if win is not None:
                oevo = (
                    sel[t_case]
                    & (t_type == TilbudType.VEJLEDNING_OG_OPKVALIFICERING.value)
                    & (t_start >= start[t_case])
                    & (t_start <= np.minimum(hi[t_case], A))
                    & (t_start >= win[0])
                    & (t_start <= win[1])
                )
                unsure[t_case[oevo]] = True
        tf = tfrom[sel]
        personal = ~((tf != NA) & (base[sel] >= tf))
        variant = np.where(~moved[sel], 0, np.where(is_open[sel], 2, 1))
        late = p["loentilskud_start_senest_dage"]
        u = unsure[sel]
        tf_code = np.where(personal | (tf == NA), 0, tf - DMIN + 1)
        code = (tf_code * 4 + variant) * 2 + u

        def text_key(c: int, late: int = late) -> tuple[object, ...]:
            tfc = c // 8
            return (
                "ret_og_pligt",
                _VARIANTS[(c // 2) % 4],
                late,
                None if tfc == 0 else EPOCH + timedelta(days=tfc - 1 + DMIN),
                bool(c & 1),
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
            pv=np.where(u, out.pv(unverified_copy(v)), out.pv(v)),
            text=text_ids(out, code, text_key),
        )


def _uncertain_window(key: str) -> tuple[int, int] | None:
    for v in parameter(key).values:
        if v.from_uncertain is not None:
            return day_number(v.from_uncertain[0]), day_number(v.from_uncertain[1])
    return None


def tilbud_maal(cl: Caseload, out: Collector) -> None:
    """`obligations._tilbud_maal`: from 2026-07-01 a tilbud in the first 6 months is a 75 % target
    also for groups without ret og pligt under LAB § 102."""
    tfrom = cl.target_from_tilbud
    has = tfrom != NA
    if not has.any():
        return
    start, anchor, A, grp, rows_all = cl.start, cl.anchor, cl.as_of_day, cl.maalgruppe, cl.rows
    for v, m in values_covering("ret_og_pligt.frist", start):
        has &= ~(m & grp.isin(v.value["maalgrupper"]))
    if not has.any():
        return
    t = cl.tilbud
    for pv in parameter("kontaktforloeb.maalsaetning").values:
        sel = has & (tfrom == day_number(pv.valid_from))
        if not sel.any():
            continue
        due = add_months_np(np.where(sel, anchor, start), pv.value["maaneder"])
        sel &= (due >= tfrom) & (due >= start)
        if not sel.any():
            continue
        met_on = np.full(cl.n, np.iinfo(np.int64).max, dtype=np.int64)
        if len(t.case):
            cand = (
                sel[t.case] & (t.start >= start[t.case]) & (t.start <= np.minimum(due[t.case], A))
            )
            ok = cand & _counts_for_ret_og_pligt(cl, cand)
            np.minimum.at(met_on, t.case[ok], t.start[ok])
        met_on = np.where(met_on == np.iinfo(np.int64).max, NA, met_on)
        out.add(
            rows_all[sel],
            order=1050,
            rule=out.rule("LAB.maal.tilbud", "tilbud", "jobcenter"),
            nr=1,
            due_from=start[sel],
            due_by=due[sel],
            personal=False,
            met_on=met_on[sel],
            pv=out.pv(pv),
            text=out.text(("tilbud_maal", pv.valid_from)),
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
