"""The plan's cycle: the state of a version, revisions, and the årshjul of deadlines.

States (docs/plan.md):

    kladde --send til udvalg--> sendt til udvalg --godkend--> godkendt
       ^                             |
       +---------tilbagekald---------+

Only a draft (kladde) can be edited. An approved version is frozen; a revision starts as a copy
of it (a new kladde). Approval records the date, the body and the decision it rests on; the
committee module drives it through the web app's one service function.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from indsats.plan.errors import PlanError
from indsats.plan.model import STATUS_LABELS, Godkendelse, PlanVersion, Status


class Handling(StrEnum):
    SEND = "send_til_udvalg"
    TILBAGEKALD = "tilbagekald"
    GODKEND = "godkend"


HANDLING_LABELS: dict[Handling, str] = {
    Handling.SEND: "Send til udvalget",
    Handling.TILBAGEKALD: "Tag tilbage til kladde",
    Handling.GODKEND: "Godkend",
}

_OVERGANGE: dict[tuple[Status, Handling], Status] = {
    (Status.KLADDE, Handling.SEND): Status.SENDT_TIL_UDVALG,
    (Status.SENDT_TIL_UDVALG, Handling.TILBAGEKALD): Status.KLADDE,
    (Status.SENDT_TIL_UDVALG, Handling.GODKEND): Status.GODKENDT,
}


def ny_status(status: Status, handling: Handling) -> Status:
    """The state after `handling`, or `PlanError` (in Danish) if it is not allowed."""
    try:
        return _OVERGANGE[(status, handling)]
    except KeyError:
        mulige = [HANDLING_LABELS[h].lower() for (s, h) in _OVERGANGE if s is status]
        hint = f" Mulige handlinger: {', '.join(mulige)}." if mulige else ""
        raise PlanError.en(
            "status",
            f"En version med status »{STATUS_LABELS[status].lower()}« kan ikke "
            f"»{HANDLING_LABELS[handling].lower()}«.{hint}",
        ) from None


def handlinger(status: Status) -> tuple[Handling, ...]:
    return tuple(h for (s, h) in _OVERGANGE if s is status)


def kan_redigeres(status: Status) -> bool:
    return status is Status.KLADDE


def kraev_kladde(status: Status) -> None:
    """Refuse an edit of a version that is not a draft (the message names what to do)."""
    if status is Status.GODKENDT:
        raise PlanError.en(
            "status",
            "Versionen er godkendt og kan ikke ændres. Start en revision; den begynder som en "
            "kopi af den godkendte version.",
        )
    if status is Status.SENDT_TIL_UDVALG:
        raise PlanError.en(
            "status",
            "Versionen er sendt til udvalget og kan ikke ændres. Tag den tilbage til kladde først.",
        )


def godkend(v: PlanVersion, godkendelse: Godkendelse) -> PlanVersion:
    """The approved version (frozen from now on)."""
    status = ny_status(v.status, Handling.GODKEND)
    if godkendelse.dato is None:
        raise PlanError.en("godkendelse.dato", "Angiv datoen for godkendelsen.")
    if not godkendelse.organ.strip():
        raise PlanError.en("godkendelse.organ", "Angiv, hvem der godkendte (fx Byrådet).")
    return replace(v, status=status, godkendelse=godkendelse)


def revision(
    v: PlanVersion,
    *,
    betegnelse: str,
    foerste_aar: int | None = None,
    sidste_aar: int | None = None,
) -> PlanVersion:
    """A new draft that starts as a copy of the approved version `v`. A different period makes
    it the first version of a new plan built on the old one."""
    if v.status is not Status.GODKENDT:
        raise PlanError.en(
            "status", "Kun en godkendt version kan revideres; ret i kladden i stedet."
        )
    if not betegnelse.strip():
        raise PlanError.en("betegnelse", "Giv revisionen en betegnelse, fx »Revideret 2022«.")
    fa = v.foerste_aar if foerste_aar is None else foerste_aar
    sa = v.sidste_aar if sidste_aar is None else sidste_aar
    titel = v.titel
    if (fa, sa) != (v.foerste_aar, v.sidste_aar):
        periode = str(fa) if fa == sa else f"{fa}-{sa}"
        titel = f"Beskæftigelsesplan {periode}"
    return replace(
        v,
        titel=titel,
        foerste_aar=fa,
        sidste_aar=sa,
        betegnelse=betegnelse.strip(),
        status=Status.KLADDE,
        godkendelse=None,
        kilde=None,
    )


# ---------------------------------------------------------------------------------------------
# Årshjul: the steps of a plan year with their deadlines


class TrinArt(StrEnum):
    EVALUERING = "evaluering"
    MINISTERMAAL = "ministermaal"
    UDKAST = "udkast"
    HOERING = "hoering"
    UDVALG = "udvalg"
    BYRAAD = "byraad"


TRIN_LABELS: dict[TrinArt, str] = {
    TrinArt.EVALUERING: "Evaluering af sidste år til udvalget",
    TrinArt.MINISTERMAAL: "Ministerens mål for planåret indarbejdes",
    TrinArt.UDKAST: "Udkast til plan eller revision",
    TrinArt.HOERING: "Inddragelse og høring af lokale parter",
    TrinArt.UDVALG: "Udvalgets behandling",
    TrinArt.BYRAAD: "Byrådets vedtagelse",
}


@dataclass(frozen=True, slots=True)
class Aarshjulstrin:
    art: TrinArt
    titel: str
    frist: date
    ansvarlig: str  # a role: "analytiker" or "leder"
    krav_id: str = ""  # the legal requirement behind the deadline (indsats.plan.law), if any
    udfoert: date | None = None

    def forfalden(self, i_dag: date) -> bool:
        return self.udfoert is None and self.frist < i_dag


def aarshjul(planaar: int) -> tuple[Aarshjulstrin, ...]:
    """The default steps for the plan (or revision) that applies in `planaar`; they fall in the
    year before. Only the council's deadline rested on a requirement (unverified, see law.py),
    and only until the requirement was abolished in 2023; the other steps, and every step since,
    are a common local practice that each municipality adjusts."""
    from indsats.plan.law import krav

    y = planaar - 1
    byraad_krav = next(
        (k.id for k in krav(date(y, 12, 31)) if k.id == "aarlig_plan" and not k.afskaffet), ""
    )
    return (
        Aarshjulstrin(
            TrinArt.EVALUERING,
            f"Evaluering af {planaar - 2} til udvalget",
            date(y, 3, 31),
            "analytiker",
        ),
        Aarshjulstrin(
            TrinArt.MINISTERMAAL,
            f"Ministerens mål for {planaar} indarbejdes",
            date(y, 8, 15),
            "analytiker",
            "ministermaal",
        ),
        Aarshjulstrin(
            TrinArt.UDKAST, f"Udkast til planen for {planaar}", date(y, 9, 1), "analytiker"
        ),
        Aarshjulstrin(
            TrinArt.HOERING, "Inddragelse og høring af lokale parter", date(y, 10, 1), "leder"
        ),
        Aarshjulstrin(TrinArt.UDVALG, "Udvalgets behandling", date(y, 11, 1), "leder"),
        Aarshjulstrin(
            TrinArt.BYRAAD,
            f"Byrådets vedtagelse af planen for {planaar}",
            date(y, 12, 31),
            "leder",
            byraad_krav,
        ),
    )


def forfaldne(trin: tuple[Aarshjulstrin, ...], i_dag: date) -> tuple[Aarshjulstrin, ...]:
    """The steps past their deadline and not done, oldest first."""
    return tuple(sorted((t for t in trin if t.forfalden(i_dag)), key=lambda t: t.frist))
