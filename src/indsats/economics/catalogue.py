"""The offer catalogue (tilbudskatalog): prices, the cost of a course, and the extra cost
(merudgift) against alternative offers, as a committee paper puts it.

Conventions (docs/economics.md, "Offer catalogue"):

- The annual price (årspris) is the monthly price × 12 when a monthly price is given, otherwise the
  weekly price × 52. (Ringkøbing-Skjern, 18.08.2022: 16.990 kr./md. × 12 = 203.880 kr.;
  1.105 kr./uge × 52 = 57.460 kr.)
- A course of N weeks costs N × the weekly price, N months cost N × the monthly price. When the
  price is only given in the other unit, the course costs the annual price × N / 52 (weeks) or
  × N / 12 (months), rounded to øre.
- The extra cost against an alternative is this offer's cost minus the alternative's cost for the
  same length (or per year when no length is given); positive means this offer is dearer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from indsats.domain.maalgrupper import Maalgruppe
from indsats.domain.numbers import format_kr, format_number
from indsats.domain.tilbud import TILBUDSTYPER, TilbudType
from indsats.economics.files import csv_dict_rows
from indsats.economics.numbers import EconomicsInputError, parse_amount, parse_optional, round_kr

WEEKS_PER_YEAR = Decimal(52)
MONTHS_PER_YEAR = Decimal(12)


class LeverandoerType(StrEnum):
    """Who delivers the offer (BUM: the jobcenter orders, a provider delivers)."""

    INTERN = "intern"  # the municipality's own unit
    EKSTERN = "ekstern"  # a bought service (school, foundation, company)
    ANDEN_AKTOER = "anden_aktoer"  # anden aktør under LAB (an outsourced part of the effort)


LEVERANDOERTYPE_LABELS = {
    LeverandoerType.INTERN: "Intern (kommunal)",
    LeverandoerType.EKSTERN: "Ekstern leverandør",
    LeverandoerType.ANDEN_AKTOER: "Anden aktør",
}


class VarighedEnhed(StrEnum):
    UGER = "uger"
    MAANEDER = "maaneder"


VARIGHED_LABELS = {VarighedEnhed.UGER: "uger", VarighedEnhed.MAANEDER: "måneder"}


@dataclass(frozen=True, slots=True)
class Pris:
    """The price of one place: per week, per month, or both (the monthly price then governs)."""

    pr_uge: Decimal | None = None
    pr_maaned: Decimal | None = None

    def __post_init__(self) -> None:
        if self.pr_uge is None and self.pr_maaned is None:
            raise EconomicsInputError("missing price: give a price per week or per month")
        for name, value in (("price per week", self.pr_uge), ("price per month", self.pr_maaned)):
            if value is not None and value < 0:
                raise EconomicsInputError(f"{name} must not be negative (got {value})")

    @property
    def aarspris(self) -> Decimal:
        """Monthly price × 12 if a monthly price is given, else weekly price × 52."""
        if self.pr_maaned is not None:
            return self.pr_maaned * MONTHS_PER_YEAR
        assert self.pr_uge is not None
        return self.pr_uge * WEEKS_PER_YEAR

    @property
    def aarspris_formel(self) -> str:
        if self.pr_maaned is not None:
            return f"{format_kr(self.pr_maaned)} pr. måned × 12 = {format_kr(self.aarspris)}"
        return f"{format_kr(self.pr_uge)} pr. uge × 52 = {format_kr(self.aarspris)}"

    @property
    def ugepris_afledt(self) -> Decimal:
        """The weekly price, or the annual price / 52 when only a monthly price is given."""
        if self.pr_uge is not None:
            return self.pr_uge
        return round_kr(self.aarspris / WEEKS_PER_YEAR)


@dataclass(frozen=True, slots=True)
class KatalogTilbud:
    """One offer of the catalogue, as plain data (the web app's `Tilbud` maps onto this)."""

    navn: str
    pris: Pris
    type: TilbudType = TilbudType.VEJLEDNING_OG_OPKVALIFICERING
    leverandoer: str = ""
    leverandoer_type: LeverandoerType = LeverandoerType.EKSTERN
    maalgrupper: tuple[Maalgruppe, ...] = ()
    kapacitet: int | None = None
    kilde: str = ""
    aarspris_oplyst: Decimal | None = None  # the annual price the source states, if any

    @property
    def type_navn(self) -> str:
        return TILBUDSTYPER[self.type].navn


@dataclass(frozen=True, slots=True)
class Forloebspris:
    antal: Decimal
    enhed: VarighedEnhed
    pris: Decimal
    formel: str  # "12 måneder × 16.990 kr. = 203.880 kr."


def forloebspris(
    pris: Pris, *, antal: Decimal | int | str, enhed: VarighedEnhed | str, where: str = "varighed"
) -> Forloebspris:
    """The cost of one course of `antal` weeks or months."""
    n = parse_amount(antal, where=where) if not isinstance(antal, Decimal) else antal
    if n < 0:
        raise EconomicsInputError(f"{where}: the length of a course must not be negative (got {n})")
    try:
        unit = VarighedEnhed(enhed)
    except ValueError:
        raise EconomicsInputError(
            f"{where}: unit must be 'uger' or 'maaneder', not {enhed!r}"
        ) from None
    label = VARIGHED_LABELS[unit]
    n_txt = format_number(n, decimals=_decimals(n))
    if unit is VarighedEnhed.UGER and pris.pr_uge is not None:
        cost = pris.pr_uge * n
        formel = f"{n_txt} {label} × {format_kr(pris.pr_uge, decimals=_decimals(pris.pr_uge))}"
    elif unit is VarighedEnhed.MAANEDER and pris.pr_maaned is not None:
        cost = pris.pr_maaned * n
        formel = (
            f"{n_txt} {label} × {format_kr(pris.pr_maaned, decimals=_decimals(pris.pr_maaned))}"
        )
    else:
        per = WEEKS_PER_YEAR if unit is VarighedEnhed.UGER else MONTHS_PER_YEAR
        cost = round_kr(pris.aarspris * n / per)
        formel = f"{format_kr(pris.aarspris)} pr. år × {n_txt} / {per}"
    return Forloebspris(n, unit, cost, f"{formel} = {format_kr(cost, decimals=_decimals(cost))}")


def _decimals(value: Decimal) -> int:
    return 0 if value == value.to_integral_value() else 2


@dataclass(frozen=True, slots=True)
class Merudgift:
    """This offer against one alternative: both costs and the difference (+ = dearer)."""

    alternativ: str
    alternativ_pris: Decimal
    tilbud_pris: Decimal
    merudgift: Decimal


@dataclass(frozen=True, slots=True)
class Sammenligning:
    tilbud: str
    grundlag: str  # "pr. år" or "for et forløb på 12 måneder"
    tilbud_pris: Decimal
    raekker: tuple[Merudgift, ...] = field(default_factory=tuple)

    @property
    def billigste(self) -> Merudgift | None:
        return self.raekker[0] if self.raekker else None

    @property
    def dyreste(self) -> Merudgift | None:
        return self.raekker[-1] if self.raekker else None

    @property
    def sammenfatning(self) -> str:
        """The sentence a committee paper would write."""
        if not self.raekker:
            return f"Der er ingen alternative tilbud at sammenligne {self.tilbud} med."
        b, d = self.billigste, self.dyreste
        assert b is not None and d is not None
        return (
            f"Hvis borgeren starter i {self.tilbud}, vil merudgiften {self.grundlag} i forhold til "
            f"nuværende tilbud være {format_kr(b.merudgift)} (billigste tilbud: {b.alternativ}) "
            f"og {format_kr(d.merudgift)} (dyreste tilbud: {d.alternativ})."
        )


def merudgift(
    tilbud: KatalogTilbud,
    alternativer: Iterable[KatalogTilbud],
    *,
    antal: Decimal | int | str | None = None,
    enhed: VarighedEnhed | str = VarighedEnhed.MAANEDER,
) -> Sammenligning:
    """The extra cost of `tilbud` against each alternative, cheapest alternative first.

    Without a length the comparison is per year (årspris); with one it is for a course of that
    length, each offer priced by `forloebspris`.
    """

    def cost(t: KatalogTilbud) -> Decimal:
        if antal is None:
            return t.pris.aarspris
        return forloebspris(t.pris, antal=antal, enhed=enhed).pris

    own = cost(tilbud)
    rows = [
        Merudgift(a.navn, cost(a), own, own - cost(a))
        for a in alternativer
        if a.navn != tilbud.navn
    ]
    rows.sort(key=lambda r: (r.alternativ_pris, r.alternativ))
    if antal is None:
        grundlag = "pr. år"
    else:
        n = parse_amount(antal, where="varighed") if not isinstance(antal, Decimal) else antal
        grundlag = (
            f"for et forløb på {format_number(n, decimals=_decimals(n))} "
            f"{VARIGHED_LABELS[VarighedEnhed(enhed)]}"
        )
    return Sammenligning(tilbud.navn, grundlag, own, tuple(rows))


# --- the price list file --------------------------------------------------------------------

PRICE_LIST_COLUMNS = (
    "leverandoer",
    "leverandoer_type",
    "tilbud",
    "type",
    "maalgrupper",
    "pris_pr_uge",
    "pris_pr_maaned",
    "pris_pr_aar_oplyst",
    "kapacitet",
    "kilde",
)


def read_price_list(path: Path | str) -> list[KatalogTilbud]:
    """Read a price list CSV (`;`-separated, Danish or plain numbers; see docs/economics.md).

    Lines starting with `#` are comments (provenance). Errors name the file, line and column.
    """
    path = Path(path)
    out = []
    for _, no, row in csv_dict_rows(path, PRICE_LIST_COLUMNS, what="price list"):

        def where(col: str, no: int = no) -> str:
            return f"{path.name} line {no}, column {col}"

        navn = row.get("tilbud", "")
        if not navn:
            raise EconomicsInputError(f"{where('tilbud')}: the offer has no name")
        try:
            pris = Pris(
                parse_optional(row.get("pris_pr_uge"), where=where("pris_pr_uge")),
                parse_optional(row.get("pris_pr_maaned"), where=where("pris_pr_maaned")),
            )
        except EconomicsInputError as exc:
            if str(exc).startswith(path.name):
                raise
            raise EconomicsInputError(f"{where('pris_pr_uge')}: {exc}") from None
        try:
            ttype = TilbudType(row.get("type", ""))
        except ValueError:
            raise EconomicsInputError(
                f"{where('type')}: unknown tilbudstype {row.get('type')!r}; known: "
                + ", ".join(t.value for t in TilbudType)
            ) from None
        try:
            ltype = LeverandoerType(row.get("leverandoer_type", ""))
        except ValueError:
            raise EconomicsInputError(
                f"{where('leverandoer_type')}: must be intern, ekstern or anden_aktoer, not "
                f"{row.get('leverandoer_type')!r}"
            ) from None
        grupper = []
        for g in filter(None, (s.strip() for s in row.get("maalgrupper", "").split(","))):
            try:
                grupper.append(Maalgruppe(g))
            except ValueError:
                raise EconomicsInputError(
                    f"{where('maalgrupper')}: unknown målgruppe {g!r}"
                ) from None
        kap = parse_optional(row.get("kapacitet"), where=where("kapacitet"))
        out.append(
            KatalogTilbud(
                navn=navn,
                pris=pris,
                type=ttype,
                leverandoer=row.get("leverandoer", ""),
                leverandoer_type=ltype,
                maalgrupper=tuple(grupper),
                kapacitet=int(kap) if kap is not None else None,
                kilde=row.get("kilde", ""),
                aarspris_oplyst=parse_optional(
                    row.get("pris_pr_aar_oplyst"), where=where("pris_pr_aar_oplyst")
                ),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class PrisAfvigelse:
    tilbud: str
    oplyst: Decimal
    beregnet: Decimal

    @property
    def forskel(self) -> Decimal:
        return self.oplyst - self.beregnet


def price_list_check(tilbud: Sequence[KatalogTilbud]) -> list[PrisAfvigelse]:
    """Offers whose stated annual price differs from the computed one."""
    return [
        PrisAfvigelse(t.navn, t.aarspris_oplyst, t.pris.aarspris)
        for t in tilbud
        if t.aarspris_oplyst is not None and t.aarspris_oplyst != t.pris.aarspris
    ]


def demo_price_list_path() -> Path:
    return Path(__file__).parent / "data" / "ringkobing_skjern_2022_tilbudspriser.csv"
