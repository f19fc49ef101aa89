"""CV on Jobnet (LAB § 23) and selvbooking, vectorised."""

from __future__ import annotations

import numpy as np

from indsats.domain.maalgrupper import Maalgruppe, Visitation
from indsats.domain.ydelser import Ydelse
from indsats.rules.groups import CV_AABENLYST, CV_FLEKSJOB, cv_counted_from
from indsats.rules.parameters import parameter
from indsats.rules.vectorised.arrays import NA, Codes, day_number, day_numbers, values_covering
from indsats.rules.vectorised.caseload import Caseload
from indsats.rules.vectorised.collect import Collector


def cv_groups(cl: Caseload) -> Codes:
    """The CV group per case (`indsats.rules.groups.cv_group`, as codes)."""
    grp = cl.maalgruppe
    cvg = grp.override(
        (grp == Maalgruppe.UDDANNELSESPARAT.value)
        & (cl.visitation == Visitation.AABENLYST_UDDANNELSESPARAT.value),
        CV_AABENLYST,
    )
    return cvg.override(
        (grp == Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE.value)
        & (cl.ydelse != Ydelse.LEDIGHEDSYDELSE.value),
        CV_FLEKSJOB,
    )


def cv_og_booking(cl: Caseload, out: Collector) -> None:
    rows_all, start, A, c = cl.rows, cl.start, cl.as_of_day, cl.cases
    cvg = cv_groups(cl)
    cv_reg = day_numbers(c["cv_registreret"])
    for v, m in values_covering("cv_og_booking.cv_frist_dage", start):
        for g, days in v.value.items():
            sel = m & (cvg == g)
            if not sel.any():
                continue
            due = start[sel] + days
            cr = cv_reg[sel]
            met = (cr != NA) & (cr <= np.minimum(due, A))
            fra_what = cv_counted_from(g)
            out.add(
                rows_all[sel],
                order=1200,
                rule=out.rule("LAB.23.cv", "cv", "borger"),
                nr=1,
                due_from=start[sel],
                due_by=due,
                personal=True,
                met_on=np.where(met, cr, NA),
                pv=out.pv(v),
                text=out.text(("cv", days, fra_what)),
            )
    bp = parameter("cv_og_booking.selvbooking")
    for v in bp.values:
        lo = day_number(v.valid_from)
        hi = day_number(v.valid_to) if v.valid_to else np.iinfo(np.int64).max
        sel = (start >= lo) & (start <= hi) & cvg.isin(v.value)
        if sel.any():
            out.add(
                rows_all[sel],
                order=1300,
                rule=out.rule("LAB.selvbooking", "selvbooking", "borger"),
                nr=1,
                due_from=start[sel],
                due_by=np.full(int(sel.sum()), NA),
                personal=True,
                met_on=np.full(int(sel.sum()), NA),
                pv=out.pv(v),
                text=out.text(("selvbooking",)),
                info=True,
            )
