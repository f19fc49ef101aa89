"""Kontaktforløb (LAB §§ 31-32): the jobsamtaler of each case, vectorised."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from indsats.domain.maalgrupper import Maalgruppe
from indsats.rules.groups import (
    DAGPENGE_JOBCENTER_FRA_START,
    KONTAKTFORLOEB_ONLY_ON,
    KONTAKTFORLOEB_PARAMETER,
)
from indsats.rules.obligations import Block, blocks_of, fysisk_under
from indsats.rules.parameters import parameter, unverified_copy
from indsats.rules.vectorised.arrays import (
    DMIN,
    EPOCH,
    NA,
    add_months_np,
    day_number,
    values_covering,
)
from indsats.rules.vectorised.caseload import Caseload
from indsats.rules.vectorised.collect import Collector, text_ids


def parameter_keys(cl: Caseload) -> np.ndarray:
    """Per case the kontaktforløb parameter key ("" = no LAB § 31 samtaler), from the one table
    `indsats.rules.groups` that the per-case path reads too."""
    grp, ydelse, start = cl.maalgruppe, cl.ydelse, cl.start
    key = np.full(cl.n, "", dtype=object)
    for group, k in KONTAKTFORLOEB_PARAMETER.items():
        m = grp == group.value
        only = KONTAKTFORLOEB_ONLY_ON.get(group)
        if only is not None:
            m &= ydelse == only.value
        key[m] = k
    dp_jc = (grp == Maalgruppe.DAGPENGE.value) & cl.cases["jobcenter_fra_start"].to_numpy(bool)
    if dp_jc.any():
        for v, m in values_covering(
            DAGPENGE_JOBCENTER_FRA_START, np.where(dp_jc, start, day_number(date(2020, 1, 1)))
        ):
            if v.value is not None:
                key[dp_jc & m] = DAGPENGE_JOBCENTER_FRA_START
    return key


def kontaktforloeb(cl: Caseload, out: Collector) -> tuple[np.ndarray, np.ndarray]:
    """Adds the samtaler; returns per case the window of the first jobcenter jobsamtale (NA where
    there is none), which the uddannelsespålæg (LAB § 30) uses."""
    n, rows_all, start, anchor = cl.n, cl.rows, cl.start, cl.anchor
    tfrom, sidx = cl.target_from_samtaler, cl.samtaler
    key = parameter_keys(cl)
    has_kontakt = key != ""
    form_code = np.zeros(n, dtype=np.int8)  # 1 = alle_fysisk_6_maaneder, 2 = foerste_fysisk
    if has_kontakt.any():
        for v, m in values_covering(
            "kontaktforloeb.samtaleform", np.where(has_kontakt, start, day_number(date(2020, 1, 1)))
        ):
            form_code[m & has_kontakt] = 1 if v.value == "alle_fysisk_6_maaneder" else 2
    form_unsure = np.zeros(n, dtype=bool)
    for v in parameter("kontaktforloeb.samtaleform").values:
        if v.from_uncertain is not None:
            w_lo, w_hi = (day_number(d) for d in v.from_uncertain)
            form_unsure |= has_kontakt & (start >= w_lo) & (start <= w_hi)
    first_lo = np.full(n, NA, dtype=np.int64)
    first_hi = np.full(n, NA, dtype=np.int64)
    for k in sorted(set(key[has_kontakt])):
        km = key == k
        for v, m in values_covering(k, np.where(km, start, day_number(parameter(k).first_date))):
            sel = km & m
            if not sel.any() or v.value is None:
                continue
            rows = rows_all[sel]
            pv_id = out.pv(v)
            pv_unsure = out.pv(unverified_copy(v))
            a, st, tf, fc = anchor[sel], start[sel], tfrom[sel], form_code[sel]
            fu = form_unsure[sel]
            have_first = np.zeros(len(rows), dtype=bool)
            for bi, blk in enumerate(blocks_of(v)):
                lo_all = add_months_np(a, blk.fra[0]) + blk.fra[1]
                hi_full = add_months_np(a, blk.til[0]) + blk.til[1]
                hi_first = (
                    add_months_np(a, blk.foerste_til[0]) + blk.foerste_til[1]
                    if blk.foerste_til is not None
                    else hi_full
                )
                is_js = not blk.id.startswith("faelles_")
                rule = out.rule(f"LAB.31.{blk.id}", "samtale", blk.holder)
                for nr in range(1, blk.antal + 1):
                    first_deadline = nr == 1 and blk.foerste_til is not None
                    hi = hi_first if first_deadline else hi_full
                    keep = hi >= st
                    lo = np.maximum(lo_all, st)
                    keep_personal = nr == 1 and blk.foerste_personlig
                    personal = np.full(len(rows), blk.personlig or keep_personal)
                    if not keep_personal and blk.til[0] <= 6:
                        personal &= ~((tf != NA) & (hi >= tf))
                    fys = np.zeros(len(rows), dtype=bool)
                    if is_js:
                        fys = ((fc == 2) & (nr == 1)) | ((fc == 1) & (blk.til[0] <= 6))
                    # an act's date in force is unknown: rows whose form differs between the two
                    # forms are unsure for cases starting in its window
                    differ = fysisk_under(
                        "alle_fysisk_6_maaneder", is_js, nr, blk.til[0]
                    ) != fysisk_under("foerste_fysisk", is_js, nr, blk.til[0])
                    unsure = fu & differ
                    tf_code = np.where(personal | (tf == NA), 0, tf - DMIN + 1)
                    code = tf_code * 8 + fys * 4 + personal * 2 + unsure

                    def text_key(
                        c: int, blk: Block = blk, nr: int = nr, fd: bool = first_deadline
                    ) -> tuple[object, ...]:
                        tfc = c // 8
                        return (
                            "samtale",
                            blk.id,
                            blk.holder,
                            nr,
                            blk.antal,
                            fd,
                            bool(c & 4),
                            None if tfc == 0 else EPOCH + timedelta(days=tfc - 1 + DMIN),
                            bool(c & 1),
                        )

                    tids = text_ids(out, code, text_key)
                    if is_js and blk.holder == "jobcenter" and nr == 1:
                        newf = keep & ~have_first
                        first_lo[rows[newf]] = lo[newf]
                        first_hi[rows[newf]] = hi[newf]
                        have_first |= keep
                    met_on = sidx.kth(rows[keep], blk.count_key, lo[keep], hi[keep], nr)
                    out.add(
                        rows[keep],
                        order=bi * 100 + nr,
                        rule=rule,
                        nr=nr,
                        due_from=lo[keep],
                        due_by=hi[keep],
                        personal=personal[keep],
                        met_on=met_on,
                        pv=np.where(unsure, pv_unsure, pv_id)[keep],
                        text=tids[keep],
                    )

    return first_lo, first_hi
