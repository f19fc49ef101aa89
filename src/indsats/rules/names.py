"""The names caseworkers use, mapped to the codes the rules read; an error lists the accepted names.

A caseworker's system says "jobparat", "Aktivitetsparat", "åbenlyst uddannelsesparat" or
"sygedagpengemodtager"; the rules read `Visitation` and `Maalgruppe` codes. `visitation_of` and
`maalgruppe_of` accept the codes and the everyday names (case, spaces, hyphens and æ/ø/å do not
matter) and raise `UnknownName` listing every accepted name otherwise.

A group name that only says how the person is visited ("jobparat", "aktivitetsparat",
"uddannelsesparat") is a visitation: which LAB § 6 group it gives depends on the benefit, the age
and the education (`indsats.domain.maalgrupper.maalgruppe_for`).
"""

from __future__ import annotations

from indsats.domain.maalgrupper import Maalgruppe, Visitation


class UnknownName(ValueError):
    """A name that is neither a code nor an accepted everyday name. `accepted` lists them all."""

    def __init__(self, kind: str, raw: object, accepted: list[str]) -> None:
        super().__init__(f"unknown {kind} {raw!r}; accepted: {', '.join(accepted)}")
        self.accepted = accepted


def fold(text: str) -> str:
    """'Åbenlyst uddannelses-parat' -> 'aabenlyst_uddannelses_parat' (lower case, ASCII, _)."""
    out = text.strip().lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("-", " "), (".", " ")):
        out = out.replace(a, b)
    return "_".join(out.split())


_VISITATION_NAMES: dict[str, Visitation] = {
    "jobparat": Visitation.JOBPARAT,
    "jobparate": Visitation.JOBPARAT,
    "aktivitetsparat": Visitation.AKTIVITETSPARAT,
    "aktivitetsparate": Visitation.AKTIVITETSPARAT,
    "uddannelsesparat": Visitation.UDDANNELSESPARAT,
    "uddannelsesparate": Visitation.UDDANNELSESPARAT,
    "aabenlyst_uddannelsesparat": Visitation.AABENLYST_UDDANNELSESPARAT,
    "aabenlyst_uddannelsesparate": Visitation.AABENLYST_UDDANNELSESPARAT,
}

# Everyday names of the groups that do not depend on visitation (LAB § 6 nr. 1 and 6-11).
_GROUP_NAMES: dict[str, Maalgruppe] = {
    "dagpenge": Maalgruppe.DAGPENGE,
    "dagpengemodtager": Maalgruppe.DAGPENGE,
    "forsikret_ledig": Maalgruppe.DAGPENGE,
    "sygedagpenge": Maalgruppe.SYGEDAGPENGE,
    "sygedagpengemodtager": Maalgruppe.SYGEDAGPENGE,
    "sygemeldt": Maalgruppe.SYGEDAGPENGE,
    "jobafklaring": Maalgruppe.JOBAFKLARINGSFORLOEB,
    "jobafklaringsforloeb": Maalgruppe.JOBAFKLARINGSFORLOEB,
    "ressourceforloeb": Maalgruppe.RESSOURCEFORLOEB,
    "ledighedsydelse": Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE,
    "ledighedsydelsesmodtager": Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE,
    "fleksjob": Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE,
    "fleksjobvisiteret": Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE,
    "revalidering": Maalgruppe.REVALIDERING,
    "revalidend": Maalgruppe.REVALIDERING,
    "foertidspension": Maalgruppe.FOERTIDSPENSION,
    "foertidspensionist": Maalgruppe.FOERTIDSPENSION,
}


def _accepted_visitations() -> list[str]:
    return sorted({v.value for v in Visitation} | set(_VISITATION_NAMES))


def visitation_of(raw: object) -> Visitation:
    """A `Visitation` from its code or an everyday name."""
    if isinstance(raw, Visitation):
        return raw
    if isinstance(raw, str):
        key = fold(raw)
        if key in _VISITATION_NAMES:
            return _VISITATION_NAMES[key]
        try:
            return Visitation(key)
        except ValueError:
            pass
    raise UnknownName("visitation", raw, _accepted_visitations())


def accepted_group_names() -> list[str]:
    return sorted({m.value for m in Maalgruppe} | set(_GROUP_NAMES) | set(_VISITATION_NAMES))


def maalgruppe_of(raw: object) -> Maalgruppe | Visitation:
    """A `Maalgruppe` from its code or an everyday name, or a `Visitation` when the name only says
    how the person is visited (the caller derives the group from benefit, age and education)."""
    if isinstance(raw, Maalgruppe | Visitation):
        return raw
    if isinstance(raw, str):
        key = fold(raw)
        # A visitation name first: "uddannelsesparat" is also the code of LAB § 6 nr. 4, but
        # read as the group it would leave the visitation unknown (nr. 4 holds the åbenlyst
        # uddannelsesparate too) and skip its duties, unlike "uddannelsesparate".
        if key in _VISITATION_NAMES:
            return _VISITATION_NAMES[key]
        try:
            return Maalgruppe(key)
        except ValueError:
            pass
        if key in _GROUP_NAMES:
            return _GROUP_NAMES[key]
    raise UnknownName("maalgruppe", raw, accepted_group_names())
