"""Vectorised obligations for a whole caseload (NumPy), giving exactly the per-case results.

    frames = cases_to_frames(sager)                 # or build the frames directly (columns below)
    df = obligations_frame(frames, as_of)           # one row per obligation, same fields as
                                                    # Obligation.to_dict() (parameter_version
                                                    # flattened to parameter_from/parameter_to)

`CaseFrames` holds five pandas DataFrames (dates as ``datetime64``; NaT = missing):

* ``cases``: sag_id, ydelse, maalgruppe, visitation, start, slut, foedselsdato, uddannelse,
  forsoerger, tidligere_ledighed_dage, jobcenter_fra_start, integrationsprogram_start,
  repat_omfattet, repat_ophold_fra, repat_maaneder, cv_registreret, uddannelsespaalaeg_givet,
  sdp_foerste_fravaersdag, sdp_kategori, sdp_ansaettelse, sdp_forlaengelse_grund (0 = none),
  sdp_revurderet, visiteret
* ``samtaler``: case (row number in ``cases``), dato, count_key ("jobsamtale:jobcenter", ...)
* ``tilbud``: case, type, start, slut, tilbudt
* ``fritagelser``: case, fra, til
* ``sdp_perioder``: case, fra, til (only for sygedagpenge cases with explicit periods; those few
  cases use the per-case `revurdering_day`, the rest a closed form)

One module per rule section, in the order of the per-case `indsats.rules.obligations`:
`kontaktforloeb`, `ret_og_pligt` (and the integration programme), `cv_og_booking`,
`ungeindsats_integration` (uddannelsespålæg, final visitation, repatriering), `sygedagpenge`. Each
reads the decoded columns of a `caseload.Caseload` and appends rows to a `collect.Collector`;
`assemble` builds the frame. The package imports NumPy and pandas; `import indsats.rules` does not
import it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from indsats.rules.vectorised.arrays import (
    add_months_np,
    end_of_month_np,
    values_covering,
    whole_years_np,
)
from indsats.rules.vectorised.assemble import assemble, frame_to_dicts
from indsats.rules.vectorised.caseload import Caseload
from indsats.rules.vectorised.collect import Collector
from indsats.rules.vectorised.cv_og_booking import cv_og_booking
from indsats.rules.vectorised.frames import (
    CASE_COLUMNS,
    CaseFrames,
    cases_to_frames,
    frames_to_sager,
)
from indsats.rules.vectorised.kontaktforloeb import kontaktforloeb
from indsats.rules.vectorised.ret_og_pligt import integrationsprogram, ret_og_pligt, tilbud_maal
from indsats.rules.vectorised.sygedagpenge import check_kategori, sygedagpenge
from indsats.rules.vectorised.ungeindsats_integration import (
    endelig_visitation,
    repatriering,
    uddannelsespaalaeg,
)

__all__ = [
    "CASE_COLUMNS",
    "CaseFrames",
    "add_months_np",
    "cases_to_frames",
    "end_of_month_np",
    "frame_to_dicts",
    "frames_to_sager",
    "obligations_frame",
    "whole_years_np",
]


def obligations_frame(
    frames: CaseFrames, as_of: date, *, text: bool = True, sort: bool = True
) -> pd.DataFrame:
    """All obligations of all cases as of `as_of`; the rows of `obligations(sag, as_of)` for
    each case in case order. With ``text=False`` the `text_da` column is left out (faster). With
    ``sort=False`` the same rows come grouped by rule instead of by case (no reordering of
    millions of rows; sort yourself if you need case order)."""
    cl = Caseload.of(frames, as_of)
    # Every case looks up ret_og_pligt.frist and cv_frist at its start (as the per-case path).
    values_covering("ret_og_pligt.frist", cl.start)
    values_covering("cv_og_booking.cv_frist_dage", cl.start)
    check_kategori(cl)

    out = Collector()
    first_jobsamtale = kontaktforloeb(cl, out)
    ret_og_pligt(cl, out)
    tilbud_maal(cl, out)
    integrationsprogram(cl, out)
    cv_og_booking(cl, out)
    uddannelsespaalaeg(cl, out, *first_jobsamtale)
    endelig_visitation(cl, out)
    repatriering(cl, out)
    sygedagpenge(cl, out)
    return assemble(out, cl.cases, cl.slut, cl.as_of_day, text, sort)
