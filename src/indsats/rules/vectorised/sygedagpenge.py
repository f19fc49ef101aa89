"""Sygedagpenge (SDL): opfølgning (§ 13 b), revurdering (§ 24), forlængelse (§ 27) or
jobafklaringsforløb (§ 24 a), vectorised."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from indsats.rules.model import InputError, Periode
from indsats.rules.obligations import revurdering_day
from indsats.rules.parameters import parameter
from indsats.rules.vectorised.arrays import (
    EPOCH,
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


def sygedagpenge(cl: Caseload, out: Collector) -> None:
    is_sdp = cl.is_sygedagpenge
    if not is_sdp.any():
        return
    n, rows_all, A, c, sidx = cl.n, cl.rows, cl.as_of_day, cl.cases, cl.samtaler
    slut, frames = cl.slut, cl.frames
    F = day_numbers(c["sdp_foerste_fravaersdag"])
    kat = Codes.of(c["sdp_kategori"])
    for v, m in values_covering(
        "sygedagpenge.opfoelgning", np.where(is_sdp, F, day_number(date(2020, 1, 1)))
    ):
        p = v.value
        sel = m & is_sdp & kat.isin(p["kategorier"])
        if not sel.any():
            continue
        rows = rows_all[sel]
        f = F[sel]
        six = add_months_np(f, p["maaneder"]) - 1
        rule = out.rule("SDL.13b.opfoelgning", "opfoelgning", "jobcenter")
        for nr in range(1, p["antal"] + 1):
            hi = f + 7 * p["foerste_senest_uger"] - 1 if nr == 1 else six
            met_on = sidx.kth(rows, "opfoelgning:jobcenter", f, hi, nr)
            out.add(
                rows,
                order=1600 + nr,
                rule=rule,
                nr=nr,
                due_from=f,
                due_by=hi,
                personal=True,
                met_on=met_on,
                pv=out.pv(v),
                text=out.text(("opfoelgning", nr, p["antal"])),
            )
    multi = np.zeros(n, dtype=bool)
    sp = frames.sdp_perioder
    if len(sp):
        multi[sp["case"].to_numpy(np.int64)] = True
    ans = Codes.of(c["sdp_ansaettelse"])
    rev = day_numbers(c["sdp_revurderet"])
    grund = c["sdp_forlaengelse_grund"].to_numpy(np.int64)
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
        # explicit periods: per-case fallback (rare)
        for i in np.flatnonzero(sel & multi):
            g = sp[sp["case"] == i]
            per = tuple(
                Periode(pd.Timestamp(a).date(), None if pd.isna(b) else pd.Timestamp(b).date())
                for a, b in zip(g["fra"], g["til"], strict=True)
            )
            day = revurdering_day(
                EPOCH + timedelta(days=int(F[i])),
                int(not_counted[i]),
                per,
                None if slut[i] == NA else EPOCH + timedelta(days=int(slut[i])),
                p["uger"],
                p["maaneder"],
            )
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
            order=1700,
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
        if has_g.any():
            for fv, fm in values_covering("sygedagpenge.forlaengelse", due[has_g]):
                for gkey, ginfo in fv.value.items():
                    mm = fm & (gr[has_g] == int(gkey))
                    if not mm.any():
                        continue
                    dd = due[has_g][mm]
                    until = (
                        dd + 7 * ginfo["max_uger"]
                        if ginfo["max_uger"] is not None
                        else np.full(len(dd), NA)
                    )
                    out.add(
                        rows[has_g][mm],
                        order=1800,
                        rule=out.rule("SDL.27.forlaengelse", "forlaengelse", "jobcenter"),
                        nr=int(gkey),
                        due_from=dd,
                        due_by=until,
                        personal=True,
                        met_on=np.full(len(dd), NA),
                        pv=out.pv(fv),
                        text=out.text(
                            ("forlaengelse", int(gkey), ginfo["navn"], ginfo["max_uger"])
                        ),
                        info=True,
                    )
        if (~has_g).any():
            for jv, jm in values_covering("sygedagpenge.jobafklaring", due[~has_g]):
                dd = due[~has_g][jm]
                out.add(
                    rows[~has_g][jm],
                    order=1800,
                    rule=out.rule("SDL.24a.jobafklaring", "jobafklaring", "jobcenter"),
                    nr=1,
                    due_from=dd,
                    due_by=dd,
                    personal=True,
                    met_on=np.full(len(dd), NA),
                    pv=out.pv(jv),
                    text=out.text(("jobafklaring",)),
                    info=True,
                )
