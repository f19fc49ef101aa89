"""The beskæftigelsesplan as data: one version of a plan, frozen dataclasses (docs/plan.md).

A plan (e.g. "Beskæftigelsesplan 2020-2023" of Varde Kommune) has versions ("Revideret 2021").
A version holds the introduction, the labour-market situation, the goals (references to the
goals module's own goals, with the måltal this version promises per year), the focus areas with
their handleplaner (actions with milestones, offers, investments and budget), the investments
(economics' business cases with the tables as the plan printed them) and the budget.

Goals are not copied here: a `PlanMaal` names a goal of `indsats.goals` by its id (`goal_id`)
or a minister's goal by year and number (`ministermaal`); the caller resolves them. What the
version adds is its promise (måltal per year) and its citation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from indsats.economics.business_case import Investeringscase


class Status(StrEnum):
    """Where a version is in the cycle: kladde -> sendt til udvalg -> godkendt."""

    KLADDE = "kladde"
    SENDT_TIL_UDVALG = "sendt_til_udvalg"
    GODKENDT = "godkendt"


STATUS_LABELS: dict[Status, str] = {
    Status.KLADDE: "Kladde",
    Status.SENDT_TIL_UDVALG: "Sendt til udvalget",
    Status.GODKENDT: "Godkendt",
}


class MaalType(StrEnum):
    MINISTERMAAL = "ministermaal"  # the minister's goal of a year, given
    LOKALT = "lokalt"  # the municipality's own goal with måltal per year
    SUCCESINDIKATOR = "succesindikator"  # a direction or text, without måltal


MAALTYPE_LABELS: dict[MaalType, str] = {
    MaalType.MINISTERMAAL: "Ministermål",
    MaalType.LOKALT: "Lokalt mål",
    MaalType.SUCCESINDIKATOR: "Succesindikator",
}


class IndsatsStatus(StrEnum):
    IKKE_STARTET = "ikke_startet"
    I_GANG = "i_gang"
    FORSINKET = "forsinket"
    AFSLUTTET = "afsluttet"


INDSATS_STATUS_LABELS: dict[IndsatsStatus, str] = {
    IndsatsStatus.IKKE_STARTET: "Ikke startet",
    IndsatsStatus.I_GANG: "I gang",
    IndsatsStatus.FORSINKET: "Forsinket",
    IndsatsStatus.AFSLUTTET: "Afsluttet",
}


class BudgetArt(StrEnum):
    FORSOERGELSE = "forsoergelse"  # benefits after refusion
    TILBUD = "tilbud"  # offers bought or run
    INVESTERING = "investering"  # extra staff and the savings they promise
    OEVRIGT = "oevrigt"


BUDGETART_LABELS: dict[BudgetArt, str] = {
    BudgetArt.FORSOERGELSE: "Forsørgelse (efter refusion)",
    BudgetArt.TILBUD: "Tilbud",
    BudgetArt.INVESTERING: "Investeringer",
    BudgetArt.OEVRIGT: "Øvrigt",
}


@dataclass(frozen=True, slots=True)
class Kilde:
    """Where a figure or a sentence comes from: a document by its own title, and a page."""

    dokument: str  # e.g. "Varde Kommune, Beskæftigelsesplan 2020-2023, revideret 2021"
    side: str = ""  # "24" or "24-26"
    citat: str = ""  # the sentence, when it helps

    @property
    def tekst(self) -> str:
        if not self.side:
            return self.dokument
        return f"{self.dokument}, s. {self.side}"


@dataclass(frozen=True, slots=True)
class Maaltal:
    """The value a version promises for a goal in one year of its period."""

    aar: int
    vaerdi: float
    kilde: Kilde | None = None


@dataclass(frozen=True, slots=True)
class PlanMaal:
    """A goal in the plan. `goal_id` names a goal of `indsats.goals` (its own object, resolved
    by the caller); `ministermaal` names a minister's goal as "YEAR:NUMBER" (e.g. "2021:3")."""

    id: str
    titel: str
    type: MaalType
    goal_id: str = ""
    ministermaal: str = ""
    maaltal: tuple[Maaltal, ...] = ()
    succeskriterie: str = ""  # what success looks like, in the plan's words
    maaling: str = ""  # how it is measured when the register cannot
    kilde: Kilde | None = None

    def maaltal_i(self, aar: int) -> float | None:
        return next((m.vaerdi for m in self.maaltal if m.aar == aar), None)


@dataclass(frozen=True, slots=True)
class Milepael:
    titel: str
    frist: date
    naaet: date | None = None


@dataclass(frozen=True, slots=True)
class Beloeb:
    """An amount in one year, in kr."""

    aar: int
    kr: Decimal


@dataclass(frozen=True, slots=True)
class Indsats:
    """An action of a handleplan."""

    id: str
    titel: str
    beskrivelse: str = ""
    maalgruppe: str = ""
    ansvarlig: str = ""  # a team or a person
    start: date | None = None
    slut: date | None = None
    status: IndsatsStatus = IndsatsStatus.IKKE_STARTET
    milepaele: tuple[Milepael, ...] = ()
    tilbud: tuple[str, ...] = ()  # offers of the catalogue, by name
    investeringer: tuple[str, ...] = ()  # ids of the version's investments
    budget: tuple[Beloeb, ...] = ()
    kilde: Kilde | None = None


@dataclass(frozen=True, slots=True)
class Fokusomraade:
    """A focus area with its goals and its handleplan (a chapter of the plan)."""

    id: str
    titel: str
    beskrivelse: str = ""
    ministermaal: tuple[str, ...] = ()  # minister's goals the area answers ("2021:1")
    maal: tuple[PlanMaal, ...] = ()
    indsatser: tuple[Indsats, ...] = ()
    kilde: Kilde | None = None


@dataclass(frozen=True, slots=True)
class PlanTabel:
    """A table as the plan printed it, in the format `indsats.economics.check` reads (CSV with an
    optional `type` column), so its sums and products are checked before it is published."""

    id: str
    titel: str
    csv: str
    kilde: Kilde | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Investering:
    """An investment: economics' business case with its expected effect per year."""

    id: str
    titel: str
    case: Investeringscase | None = None
    beskrivelse: str = ""
    tabeller: tuple[PlanTabel, ...] = ()
    kilde: Kilde | None = None


@dataclass(frozen=True, slots=True)
class Budgetlinje:
    id: str
    post: str
    art: BudgetArt
    beloeb: tuple[Beloeb, ...]
    kilde: Kilde | None = None
    note: str = ""

    def i(self, aar: int) -> Decimal | None:
        return next((b.kr for b in self.beloeb if b.aar == aar), None)


@dataclass(frozen=True, slots=True)
class SituationTabel:
    titel: str
    kolonner: tuple[str, ...]
    raekker: tuple[tuple[str, ...], ...]
    kilde: str  # where the figures come from and how fresh they are


@dataclass(frozen=True, slots=True)
class SituationFigur:
    """A line chart: points (x label, series, value), shown in x order."""

    titel: str
    enhed: str  # "personer" or "andel"
    punkter: tuple[tuple[str, str, float], ...]
    kilde: str


@dataclass(frozen=True, slots=True)
class Situation:
    """The labour-market picture: a drafted Danish text the analyst edits, tables and charts."""

    tekst: str = ""
    tabeller: tuple[SituationTabel, ...] = ()
    figurer: tuple[SituationFigur, ...] = ()
    dannet: str = ""  # when the figures were drafted (ISO date)


@dataclass(frozen=True, slots=True)
class Godkendelse:
    """The approval: when, by which body, and the decision it rests on (the committee's decision
    once the committee module exists; until then a reference typed by a leader)."""

    dato: date | None
    organ: str
    beslutning: str = ""


@dataclass(frozen=True, slots=True)
class PlanVersion:
    kommune: int
    titel: str  # "Beskæftigelsesplan 2020-2023"
    foerste_aar: int
    sidste_aar: int
    betegnelse: str  # "Revideret 2021"
    udvalg: str  # the committee that owns the plan
    status: Status = Status.KLADDE
    godkendelse: Godkendelse | None = None
    indledning: str = ""
    situation: Situation = field(default_factory=Situation)
    maal: tuple[PlanMaal, ...] = ()  # goals outside the focus areas (e.g. the minister's)
    fokusomraader: tuple[Fokusomraade, ...] = ()
    investeringer: tuple[Investering, ...] = ()
    budget: tuple[Budgetlinje, ...] = ()
    kilde: Kilde | None = None  # the document the version was entered from, if any

    @property
    def aarene(self) -> tuple[int, ...]:
        return tuple(range(self.foerste_aar, self.sidste_aar + 1))

    @property
    def periode_tekst(self) -> str:
        if self.foerste_aar == self.sidste_aar:
            return str(self.foerste_aar)
        return f"{self.foerste_aar}-{self.sidste_aar}"

    def alle_maal(self) -> tuple[PlanMaal, ...]:
        """Every goal: the plan-level ones, then each focus area's."""
        return self.maal + tuple(m for f in self.fokusomraader for m in f.maal)

    def alle_indsatser(self) -> tuple[Indsats, ...]:
        return tuple(i for f in self.fokusomraader for i in f.indsatser)

    def investering(self, inv_id: str) -> Investering | None:
        return next((i for i in self.investeringer if i.id == inv_id), None)
