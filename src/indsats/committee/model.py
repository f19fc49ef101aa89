"""The committee's meetings as data: a meeting of a body, its numbered agenda items with the
standard sections, the recommendation and the decision (docs/committee.md).

The shape follows how Danish municipal committees write their papers, e.g. Ringkøbing-Skjern
Kommune, Beskæftigelsesudvalget, referat 18. august 2022: each item has a case number and the
sections Sagsfremstilling, Lovgrundlag og juridisk vurdering, Økonomi, Effektvurdering,
Indstilling, Bilag and Beslutning. An item about named persons is closed (lukket punkt): only its
number appears in the public version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from indsats.economics.report import Tabel


class OrganType(StrEnum):
    UDVALG = "udvalg"
    BYRAAD = "byraad"


ORGAN_TYPE_LABELS = {OrganType.UDVALG: "Udvalg", OrganType.BYRAAD: "Byråd"}


class Udfald(StrEnum):
    """How an item was decided, as minutes record it."""

    GODKENDT = "godkendt"
    GODKENDT_MED_AENDRINGER = "godkendt_med_aendringer"
    TAGET_TIL_EFTERRETNING = "taget_til_efterretning"
    UDSAT = "udsat"
    FORKASTET = "forkastet"
    ANDET = "andet"


UDFALD_LABELS = {
    Udfald.GODKENDT: "Godkendt",
    Udfald.GODKENDT_MED_AENDRINGER: "Godkendt med ændringer",
    Udfald.TAGET_TIL_EFTERRETNING: "Taget til efterretning",
    Udfald.UDSAT: "Udsat",
    Udfald.FORKASTET: "Forkastet",
    Udfald.ANDET: "Anden beslutning",
}

# A decision that lets the item's object take effect (an offer joins the catalogue, an
# investment's follow-up starts, a plan version is frozen).
GODKENDENDE = frozenset({Udfald.GODKENDT, Udfald.GODKENDT_MED_AENDRINGER})


class PunktArt(StrEnum):
    """What an item is about; an item drafted from the data knows its kind."""

    FRI = "fri"
    MAANEDSRAPPORT = "maanedsrapport"
    NYT_TILBUD = "nyt_tilbud"
    BUDGETOPFOELGNING = "budgetopfoelgning"
    INVESTERINGSCASE = "investeringscase"
    EFFEKTVURDERING = "effektvurdering"
    BESKAEFTIGELSESPLAN = "beskaeftigelsesplan"
    PLANEVALUERING = "planevaluering"


PUNKT_ART_LABELS = {
    PunktArt.FRI: "Eget punkt",
    PunktArt.MAANEDSRAPPORT: "Resultater (månedsrapport)",
    PunktArt.NYT_TILBUD: "Nyt tilbud sammenlignet med tilbudskataloget",
    PunktArt.BUDGETOPFOELGNING: "Budgetopfølgning efter refusion",
    PunktArt.INVESTERINGSCASE: "Investeringscase",
    PunktArt.EFFEKTVURDERING: "Effektvurdering af en indsats",
    PunktArt.BESKAEFTIGELSESPLAN: "Beskæftigelsesplan",
    PunktArt.PLANEVALUERING: "Evaluering af beskæftigelsesplanen",
}

# The standard sections of an item, in the order the papers print them.
SEKTIONER: tuple[tuple[str, str], ...] = (
    ("sagsfremstilling", "Sagsfremstilling"),
    ("lovgrundlag", "Lovgrundlag og juridisk vurdering"),
    ("oekonomi", "Økonomi"),
    ("effektvurdering", "Effektvurdering"),
)
SEKTION_NAVNE = tuple(key for key, _ in SEKTIONER)
INGEN_BEMAERKNINGER = "Ingen bemærkninger."


@dataclass(frozen=True, slots=True)
class Sektion:
    """One section of an item: paragraphs, tables (already formatted the Danish way) and the
    sources of its figures."""

    tekst: tuple[str, ...] = ()
    tabeller: tuple[Tabel, ...] = ()
    kilder: tuple[str, ...] = ()

    @property
    def tom(self) -> bool:
        return not (self.tekst or self.tabeller)


@dataclass(frozen=True, slots=True)
class Bilag:
    titel: str
    fil: str = ""  # a file name or address the reader can open; empty for a paper copy


@dataclass(frozen=True, slots=True)
class Beslutning:
    udfald: Udfald
    tekst: str
    dato: date

    @property
    def label(self) -> str:
        return UDFALD_LABELS[self.udfald]

    @property
    def godkender(self) -> bool:
        return self.udfald in GODKENDENDE


@dataclass(frozen=True, slots=True)
class Punkt:
    """An agenda item. `nummer` 0 is an item not yet on a meeting's agenda (a draft)."""

    titel: str
    sagsnr: str = ""
    nummer: int = 0
    lukket: bool = False
    art: PunktArt = PunktArt.FRI
    sektioner: dict[str, Sektion] = field(default_factory=dict)
    indstilling_indledning: str = "Administrationen indstiller, at udvalget"
    indstilling: tuple[str, ...] = ()
    bilag: tuple[Bilag, ...] = ()
    beslutning: Beslutning | None = None

    def sektion(self, navn: str) -> Sektion:
        return self.sektioner.get(navn, Sektion())

    @property
    def tabeller(self) -> tuple[Tabel, ...]:
        return tuple(t for navn in SEKTION_NAVNE for t in self.sektion(navn).tabeller)


class MoedeStatus(StrEnum):
    PLANLAGT = "planlagt"
    DAGSORDEN_UDSENDT = "dagsorden_udsendt"
    AFHOLDT = "afholdt"
    REFERAT_GODKENDT = "referat_godkendt"


MOEDE_STATUS_LABELS = {
    MoedeStatus.PLANLAGT: "Planlagt (dagsorden under udarbejdelse)",
    MoedeStatus.DAGSORDEN_UDSENDT: "Dagsorden udsendt",
    MoedeStatus.AFHOLDT: "Afholdt",
    MoedeStatus.REFERAT_GODKENDT: "Referat godkendt",
}


@dataclass(frozen=True, slots=True)
class Moede:
    """A meeting of a body (e.g. Beskæftigelsesudvalget) with its agenda."""

    organ: str
    kommune_navn: str
    tidspunkt: datetime
    sted: str
    deltagere: tuple[str, ...] = ()
    afbud: tuple[str, ...] = ()
    punkter: tuple[Punkt, ...] = ()
    status: MoedeStatus = MoedeStatus.PLANLAGT

    @property
    def afholdt(self) -> bool:
        return self.status in (MoedeStatus.AFHOLDT, MoedeStatus.REFERAT_GODKENDT)
