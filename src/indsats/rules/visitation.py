"""Which benefit and target group apply to a person on a day, with the reasons and the law.

    visiter(Personfakta(dato=date(2025, 9, 1), ansoegt=Ydelse.KONTANTHJAELP, alder=22))
    -> Visitationsresultat(ydelse=kontanthjaelp, maalgruppe=uddannelsesparat, grunde=(...), ...)

From what a caseworker knows about a person (the benefit applied for, age or birth date,
education, visitation, residence, whether the sygedagpenge period is used up) the function says
which benefit applies on the day and which LAB § 6 group it gives. Every step is a `Grund` with
its legal reference, source and status; a default the law gives (BEK § 6) is an `Antagelse`; what
the caseworker must still decide is listed in `mangler`. Nothing is guessed: a benefit that has
ended is explained ("uddannelseshjælp ophørte 30.06.2025 (...)"), never a bare "no match".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from indsats.domain.maalgrupper import (
    MAALGRUPPER,
    Maalgruppe,
    NoMaalgruppe,
    Visitation,
    YdelseMaalgruppe,
    maalgruppe_for,
    maalgrupper_for,
)
from indsats.domain.ydelser import KONTANTHJAELP_TYPE, YDELSER, Ydelse
from indsats.rules.dates import fmt
from indsats.rules.model import Antagelse, InputError, whole_years
from indsats.rules.parameters import ParameterNotInForce, ParameterValue, value_at

_STATUS_RANK = {"verified": 0, "secondary": 1, "unverified": 2}


@dataclass(frozen=True, slots=True)
class Grund:
    """One step of the reasoning, with its legal basis."""

    text_da: str
    legal_reference: str
    source_url: str
    status: str

    @classmethod
    def of(cls, text_da: str, pv: ParameterValue) -> Grund:
        return cls(text_da, pv.reference, pv.source, pv.status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text_da": self.text_da,
            "legal_reference": self.legal_reference,
            "source_url": self.source_url,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class Personfakta:
    dato: date  # the day of the application (or of the question)
    ansoegt: Ydelse  # the benefit applied for, or the person's situation
    alder: int | None = None  # age on `dato`; or give `foedselsdato`
    foedselsdato: date | None = None
    erhvervskompetencegivende_uddannelse: bool = False
    visitation: Visitation | None = None  # jobparat, aktivitetsparat, uddannelsesparat, ...
    ophold_9_af_10_aar: bool | None = None  # residence in 9 of the last 10 years (kontanthjælp)
    sygedagpenge_over_22_uger: bool = False  # the 22 weeks in 9 months are used (SDL § 24)

    def age(self) -> int | None:
        if self.foedselsdato is not None:
            return whole_years(self.foedselsdato, self.dato)
        return self.alder


@dataclass(frozen=True, slots=True)
class Visitationsresultat:
    dato: date
    ansoegt: Ydelse
    ydelse: Ydelse | None  # the benefit that applies (None: none can be named yet)
    maalgruppe: Maalgruppe | None
    visitation: Visitation | None
    grunde: tuple[Grund, ...]
    antagelser: tuple[Antagelse, ...] = ()
    mangler: tuple[str, ...] = ()  # what the caseworker must decide before a group can be named
    noter: tuple[Grund, ...] = field(default=())  # related facts that do not change the group

    @property
    def status(self) -> str:
        statuses = [g.status for g in self.grunde] + [a.status for a in self.antagelser]
        ranks = [_STATUS_RANK[st] for st in statuses]
        return [k for k, v in _STATUS_RANK.items() if v == max(ranks, default=0)][0]

    def to_dict(self) -> dict[str, Any]:
        info = MAALGRUPPER.get(self.maalgruppe) if self.maalgruppe else None
        return {
            "dato": self.dato.isoformat(),
            "ansoegt": self.ansoegt.value,
            "ydelse": self.ydelse.value if self.ydelse else None,
            "ydelse_navn": YDELSER[self.ydelse].navn if self.ydelse else None,
            "maalgruppe": self.maalgruppe.value if self.maalgruppe else None,
            "lab6_nr": info.lab6_nr if info else None,
            "maalgruppe_navn": info.navn if info else None,
            "visitation": self.visitation.value if self.visitation else None,
            "grunde": [g.to_dict() for g in self.grunde],
            "antagelser": [a.to_dict() for a in self.antagelser],
            "mangler": list(self.mangler),
            "noter": [g.to_dict() for g in self.noter],
            "status": self.status,
        }


def _lab6(ym: YdelseMaalgruppe) -> Grund:
    info = MAALGRUPPER[ym.maalgruppe]
    return Grund(
        f"{YDELSER[ym.ydelse].navn} giver målgruppen {info.navn.lower()} (LAB § 6, nr. "
        f"{info.lab6_nr}).",
        "LAB § 6" if ym.verified else f"LAB § 6; {ym.kilde}",
        "https://elov.dk/bekendtgorelse-om-en-aktiv-beskaeftigelsesindsats/paragraf/1",
        "verified" if ym.verified else "unverified",
    )


def _value(key: str, day: date) -> ParameterValue | None:
    try:
        return value_at(key, day)
    except ParameterNotInForce:
        return None


def _replacement(fakta: Personfakta, grunde: list[Grund]) -> Ydelse | None:
    """The benefit that applies instead of one that has ended (or None if it has not ended)."""
    ydelse = fakta.ansoegt
    info = YDELSER[ydelse]
    if info.gyldighed.covers(fakta.dato):
        return ydelse
    pv = _value("visitation.afloest_af", fakta.dato)
    until = info.gyldighed.til
    if until is not None and fakta.dato > until and pv is not None and ydelse.value in pv.value:
        new = Ydelse(pv.value[ydelse.value])
        grunde.append(
            Grund.of(
                f"{info.navn} ophørte {fmt(until)} ({info.kilde}). En ansøgning "
                f"{fmt(fakta.dato)} er en ansøgning om {YDELSER[new].navn.lower()}.",
                pv,
            )
        )
        return new
    when = (
        f"ophørte {fmt(until)}"
        if until and fakta.dato > until
        else f"findes fra {fmt(info.gyldighed.fra)}"
    )
    grunde.append(
        Grund(
            f"{info.navn} {when}; der findes ingen ydelse, der afløser den {fmt(fakta.dato)}.",
            info.kilde,
            "https://elov.dk/bekendtgorelse-om-en-aktiv-beskaeftigelsesindsats/paragraf/1",
            "verified" if info.verified else "unverified",
        )
    )
    return None


def visiter(fakta: Personfakta) -> Visitationsresultat:
    """The benefit and target group that apply to the person on `fakta.dato`, with reasons."""
    if (
        fakta.alder is not None
        and fakta.foedselsdato is not None
        and whole_years(fakta.foedselsdato, fakta.dato) != fakta.alder
    ):
        raise InputError(
            "alder",
            f"{fakta.alder} does not match foedselsdato {fakta.foedselsdato} on "
            f"{fakta.dato} ({whole_years(fakta.foedselsdato, fakta.dato)} years)",
        )
    grunde: list[Grund] = []
    noter: list[Grund] = []
    antagelser: list[Antagelse] = []
    mangler: list[str] = []
    visitation = fakta.visitation

    def result(ydelse: Ydelse | None, maalgruppe: Maalgruppe | None) -> Visitationsresultat:
        hoved = _value("visitation.hovedlov_2027", fakta.dato)
        if hoved is not None:
            noter.append(
                Grund.of(
                    "En ny hovedlov forventes fra 01.01.2027 (alle kontanthjælpsmodtagere "
                    "mødes som jobparate, 5 målgrupper); den er ikke vedtaget og ikke anvendt her.",
                    hoved,
                )
            )
        return Visitationsresultat(
            fakta.dato,
            fakta.ansoegt,
            ydelse,
            maalgruppe,
            visitation,
            tuple(grunde),
            tuple(antagelser),
            tuple(mangler),
            tuple(noter),
        )

    ydelse = _replacement(fakta, grunde)
    if ydelse is None:
        return result(None, None)

    closed = _value("visitation.lukket_for_nye_sager", fakta.dato)
    if closed is not None and ydelse.value in closed.value:
        grunde.append(
            Grund.of(
                f"{YDELSER[ydelse].navn} tager ikke nye sager fra {fmt(closed.valid_from)}; "
                f"igangværende forløb fortsætter.",
                closed,
            )
        )
        mangler.append("en anden ydelse: ressourceforløb og revalidering tager ikke nye sager")
        return result(None, None)

    if ydelse is Ydelse.SYGEDAGPENGE and fakta.sygedagpenge_over_22_uger:
        jpv = value_at("sygedagpenge.jobafklaring", fakta.dato)
        grunde.append(
            Grund.of(
                "Borgeren har allerede fået sygedagpenge i mere end 22 uger inden for 9 måneder "
                "(SDL § 24): uden en forlængelsesgrund efter SDL § 27 er retten et "
                "jobafklaringsforløb med ressourceforløbsydelse (SDL § 24 a).",
                jpv,
            )
        )
        ydelse = Ydelse.JOBAFKLARINGSFORLOEB

    u30 = False
    if ydelse in KONTANTHJAELP_TYPE:
        age = fakta.age()
        if age is None:
            raise InputError("alder", f"required for {ydelse.value}: give alder or foedselsdato")
        u30 = age < 30 and not fakta.erhvervskompetencegivende_uddannelse
        udd = _value("visitation.uddannelseshjaelp", fakta.dato)
        if udd is not None and udd.value is not None:
            limit = udd.value["under_alder"]
            if ydelse is Ydelse.KONTANTHJAELP and u30:
                grunde.append(
                    Grund.of(
                        f"Borgeren er {age} år og har ingen erhvervskompetencegivende uddannelse: "
                        f"under {limit} år uden uddannelse søges uddannelseshjælp, ikke "
                        f"kontanthjælp.",
                        udd,
                    )
                )
                ydelse = Ydelse.UDDANNELSESHJAELP
            elif ydelse is Ydelse.UDDANNELSESHJAELP and not u30:
                why = (
                    "har en erhvervskompetencegivende uddannelse" if age < limit else f"er {age} år"
                )
                grunde.append(
                    Grund.of(
                        f"Borgeren {why}: uddannelseshjælp er for personer under {limit} år uden "
                        f"uddannelse, så der søges kontanthjælp.",
                        udd,
                    )
                )
                ydelse = Ydelse.KONTANTHJAELP
        elif u30 and ydelse is Ydelse.KONTANTHJAELP:
            pv = value_at("visitation.afloest_af", fakta.dato)
            grunde.append(
                Grund.of(
                    f"Borgeren er {age} år uden erhvervskompetencegivende uddannelse og søger "
                    f"kontanthjælp; fra 01.07.2025 er der ingen uddannelseshjælp, og unge under "
                    f"30 uden uddannelse visiteres som uddannelsesparate eller aktivitetsparate.",
                    pv,
                )
            )
        if not u30:
            why = f"er {age} år" if age >= 30 else "har en erhvervskompetencegivende uddannelse"
            grunde.append(
                Grund(
                    f"Borgeren {why}: målgruppen afhænger af visitationen som jobparat (LAB § 6, "
                    f"nr. 2) eller aktivitetsparat (nr. 3).",
                    "LAB § 6, nr. 2-3",
                    "https://elov.dk/bekendtgorelse-om-en-aktiv-beskaeftigelsesindsats/paragraf/1",
                    "verified",
                )
            )
        if visitation is None and u30:
            bek = _value("ungeindsats_integration.visitation_uddannelsesparat", fakta.dato)
            if bek is not None:
                visitation = Visitation.UDDANNELSESPARAT
                antagelser.append(
                    Antagelse(
                        "visitation",
                        visitation.value,
                        f"Ingen visitation er oplyst: borgeren anses som uddannelsesparat i de "
                        f"første {bek.value['maaneder']} måneder fra første henvendelse og "
                        f"visiteres derefter endeligt ({bek.reference}).",
                        bek.reference,
                        bek.source,
                        bek.status,
                    )
                )
        if visitation is None:
            mangler.append(
                "visitation: jobparat eller aktivitetsparat (afgøres ved første samtale)"
            )
        if ydelse is Ydelse.KONTANTHJAELP and fakta.ophold_9_af_10_aar is False:
            ohk = _value("visitation.opholdskrav", fakta.dato)
            if ohk is not None:
                noter.append(
                    Grund.of(
                        f"Borgeren opfylder ikke opholdskravet ({ohk.value['aar']} af de seneste "
                        f"{ohk.value['af_aar']} år): kontanthjælp på den laveste sats, og "
                        f"arbejdspligt kan gælde. Målgruppen ændres ikke.",
                        ohk,
                    )
                )
    if mangler:
        return result(ydelse, None)
    try:
        ym = maalgruppe_for(ydelse, fakta.dato, visitation=visitation, under_30_uden_uddannelse=u30)
    except NoMaalgruppe:
        accepted = sorted(
            {v.value for m in _options(ydelse, fakta.dato, u30) for v in (m.visitation or ())}
        )
        mangler.append(
            f"en visitation, der passer til {YDELSER[ydelse].navn.lower()}"
            + (f" ({', '.join(accepted)})" if accepted else "")
            + (f"; {visitation.value} gælder ikke her" if visitation else "")
        )
        return result(ydelse, None)
    grunde.append(_lab6(ym))
    return result(ydelse, ym.maalgruppe)


def _options(ydelse: Ydelse, day: date, u30: bool) -> list[YdelseMaalgruppe]:
    return [m for m in maalgrupper_for(ydelse, day) if m.under_30_uden_uddannelse in (None, u30)]
