"""Young people and integration: uddannelsespålæg (LAB § 30), the final visitation of
uddannelsesparate (BEK § 6) and repatriation guidance, vectorised."""

from __future__ import annotations

from datetime import date

import numpy as np

from indsats.domain.maalgrupper import Maalgruppe, Visitation
from indsats.rules.parameters import parameter
from indsats.rules.vectorised.arrays import (
    DMIN,
    DSHIFT,
    NA,
    add_months_np,
    cal,
    day_number,
    day_numbers,
    values_covering,
    whole_years_np,
)
from indsats.rules.vectorised.caseload import Caseload
from indsats.rules.vectorised.collect import Collector


def uddannelsespaalaeg(
    cl: Caseload, out: Collector, first_lo: np.ndarray, first_hi: np.ndarray
) -> None:
    """At the first jobcenter jobsamtale, whose window (first_lo, first_hi) the kontaktforløb gave."""
    rows_all, start, A, c, grp = cl.rows, cl.start, cl.as_of_day, cl.cases, cl.maalgruppe
    has_first = first_lo != NA
    if has_first.any():
        born = day_numbers(c["foedselsdato"])
        alder = c["alder"].to_numpy(np.int64)  # -1 = not given
        udd = c["uddannelse"].to_numpy(bool)
        fors = c["forsoerger"].to_numpy(bool)
        given = day_numbers(c["uddannelsespaalaeg_givet"])
        for v, m in values_covering(
            "ungeindsats_integration.uddannelsespaalaeg",
            np.where(has_first, start, day_number(date(2020, 1, 1))),
        ):
            p = v.value
            in_group = grp.isin(p["maalgrupper"])
            born_c = np.clip(np.where(born != NA, born, 0), cal().d0, None)
            age = np.where(born != NA, whole_years_np(born_c, start), alder)
            dag = (
                (grp == Maalgruppe.DAGPENGE.value)
                & (age >= 0)
                & (age < p["dagpenge_under_alder"])
                & ~udd
                & ~fors
            )
            sel = m & has_first & (in_group | dag)
            if not sel.any():
                continue
            g = given[sel]
            met = (g != NA) & (g >= start[sel]) & (g <= A)
            isdag = dag[sel] & ~in_group[sel]
            tids = np.where(
                isdag,
                out.text(("uddannelsespaalaeg", True)),
                out.text(("uddannelsespaalaeg", False)),
            )
            out.add(
                rows_all[sel],
                order=1400,
                rule=out.rule("LAB.30.uddannelsespaalaeg", "uddannelsespaalaeg", "jobcenter"),
                nr=1,
                due_from=first_lo[sel],
                due_by=first_hi[sel],
                personal=True,
                met_on=np.where(met, g, NA),
                pv=out.pv(v),
                text=tids,
            )


def endelig_visitation(cl: Caseload, out: Collector) -> None:
    _n, rows_all, start, A, c = cl.n, cl.rows, cl.start, cl.as_of_day, cl.cases
    grp, visitation = cl.maalgruppe, cl.visitation
    vsel = (grp == Maalgruppe.UDDANNELSESPARAT.value) & (
        visitation == Visitation.UDDANNELSESPARAT.value
    )
    if vsel.any():
        vdate = day_numbers(c["visiteret"])
        for v, m in values_covering(
            "ungeindsats_integration.visitation_uddannelsesparat",
            np.where(vsel, start, day_number(date(2020, 1, 1))),
        ):
            sel = m & vsel
            if not sel.any():
                continue
            due = add_months_np(start[sel], v.value["maaneder"])
            vd = vdate[sel]
            met = (vd != NA) & (vd >= start[sel]) & (vd <= A)
            out.add(
                rows_all[sel],
                order=1450,
                rule=out.rule("BEK.6.endelig_visitation", "visitation", "jobcenter"),
                nr=1,
                due_from=start[sel],
                due_by=due,
                personal=True,
                met_on=np.where(met, vd, NA),
                pv=out.pv(v),
                text=out.text(("visitation", v.value["maaneder"])),
            )


def repatriering(cl: Caseload, out: Collector) -> None:
    n, rows_all, start, A, c, as_of = cl.n, cl.rows, cl.start, cl.as_of_day, cl.cases, cl.as_of
    sidx = cl.samtaler
    rp = parameter("ungeindsats_integration.repatriering")
    omf = c["repat_omfattet"].to_numpy(bool)
    if rp.applies(as_of) and omf.any():
        v = rp.at(as_of)
        p = v.value
        ophold = day_numbers(c["repat_ophold_fra"])
        years = whole_years_np(np.clip(np.where(omf, ophold, 0), cal().d0, None), np.full(n, A))
        months = c["repat_maaneder"].to_numpy(np.int64)
        due_from = np.maximum(start, day_number(v.valid_from))
        sys_ = omf & (years < p["systematisk_under_aar"])
        if sys_.any():
            k = int(sys_.sum())
            out.add(
                rows_all[sys_],
                order=1500,
                rule=out.rule("REPAT.systematisk_vejledning", "repatriering", "jobcenter"),
                nr=1,
                due_from=due_from[sys_],
                due_by=np.full(k, NA),
                personal=True,
                met_on=np.full(k, NA),
                pv=out.pv(v),
                text=out.text(("repatriering_systematisk",)),
                info=True,
            )
        sae = omf & ~sys_ & (years >= p["saerlig_min_aar"]) & (months >= p["saerlig_min_maaneder"])
        if sae.any():
            rows = rows_all[sae]
            met_on = sidx.kth(
                rows,
                "repatriering:jobcenter",
                due_from[sae],
                np.full(len(rows), DMIN + DSHIFT - 1),
                1,
            )
            k = len(rows)
            out.add(
                rows,
                order=1500,
                rule=out.rule("REPAT.saerlig_samtale", "repatriering", "jobcenter"),
                nr=1,
                due_from=due_from[sae],
                due_by=np.full(k, NA),
                personal=True,
                met_on=met_on,
                pv=out.pv(v),
                text=out.text(("repatriering_saerlig",)),
            )
