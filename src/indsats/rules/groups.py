"""Which rules a target group (LAB § 6) falls under: one table for the per-case and vectorised paths.

Both `indsats.rules.obligations` (one `Sag`) and `indsats.rules.vectorised` (a caseload of
string-coded columns) read these tables, so a group can never follow one parameter in one path and
another in the other.
"""

from __future__ import annotations

from indsats.domain.maalgrupper import Maalgruppe, Visitation
from indsats.domain.ydelser import Ydelse

M = Maalgruppe

# Target group -> the kontaktforløb parameter (LAB § 31) that governs its samtaler. Groups that are
# not listed have no LAB § 31 samtaler (sygedagpenge follow SDL; førtidspension has none).
KONTAKTFORLOEB_PARAMETER: dict[Maalgruppe, str] = {
    M.DAGPENGE: "kontaktforloeb.samtaler.dagpenge",
    M.JOBPARAT_KONTANTHJAELP: "kontaktforloeb.samtaler.jobparat_kontanthjaelp",
    M.AKTIVITETSPARAT_KONTANTHJAELP: "kontaktforloeb.samtaler.aktivitetsparat_og_unge",
    M.UDDANNELSESPARAT: "kontaktforloeb.samtaler.aktivitetsparat_og_unge",
    M.AKTIVITETSPARAT_UNDER_30: "kontaktforloeb.samtaler.aktivitetsparat_og_unge",
    M.FLEKSJOB_LEDIGHEDSYDELSE: "kontaktforloeb.samtaler.ledighedsydelse",
    M.JOBAFKLARINGSFORLOEB: "kontaktforloeb.samtaler.oevrige",
    M.RESSOURCEFORLOEB: "kontaktforloeb.samtaler.oevrige",
    M.REVALIDERING: "kontaktforloeb.samtaler.oevrige",
}

# A group whose samtaler apply only on one benefit: a person visiteret til fleksjob has LAB § 31
# samtaler while on ledighedsydelse, not while in the fleksjob.
KONTAKTFORLOEB_ONLY_ON: dict[Maalgruppe, Ydelse] = {
    M.FLEKSJOB_LEDIGHEDSYDELSE: Ydelse.LEDIGHEDSYDELSE,
}

# Dagpenge recipients sent to the jobcenter from the start (LAB § 27 stk. 3) follow this parameter
# where its value is not null.
DAGPENGE_JOBCENTER_FRA_START = "kontaktforloeb.samtaler.dagpenge_jobcenter_fra_start"


def kontaktforloeb_parameter(
    maalgruppe: Maalgruppe, ydelse: Ydelse, *, jobcenter_fra_start: bool
) -> str | None:
    """The kontaktforløb parameter key before the date check of § 27 stk. 3 (see the table)."""
    key = KONTAKTFORLOEB_PARAMETER.get(maalgruppe)
    only = KONTAKTFORLOEB_ONLY_ON.get(maalgruppe)
    if key is None or (only is not None and ydelse is not only):
        return None
    return key


# The CV groups (LAB § 23) refine the target group: an uddannelsesparat visited as åbenlyst
# uddannelsesparat has the jobparat deadline; a person in a fleksjob (not on ledighedsydelse) has
# no CV duty modelled.
CV_AABENLYST = "aabenlyst_uddannelsesparat"
CV_FLEKSJOB = "fleksjob"


def cv_group(maalgruppe: Maalgruppe, visitation: Visitation | None, ydelse: Ydelse) -> str:
    if maalgruppe is M.UDDANNELSESPARAT and visitation is Visitation.AABENLYST_UDDANNELSESPARAT:
        return CV_AABENLYST
    if maalgruppe is M.FLEKSJOB_LEDIGHEDSYDELSE and ydelse is not Ydelse.LEDIGHEDSYDELSE:
        return CV_FLEKSJOB
    return maalgruppe.value


def cv_counted_from(group: str) -> str:
    """What the CV deadline counts from, in the words of the Danish sentence."""
    if group == M.DAGPENGE.value:
        return "tilmeldingen"
    if group in (M.JOBPARAT_KONTANTHJAELP.value, CV_AABENLYST):
        return "første henvendelse"
    return "start"
