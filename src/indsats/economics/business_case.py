"""Investment business cases (investeringscases): extra staff now, fewer on benefit later.

Definitions (docs/economics.md, "Investment business cases"):

- Per year: cost = extra årsværk × cost per årsværk + other costs (e.g. offers);
  saving = fewer fuldtidspersoner × net unit price per fuldtidsperson (after refusion);
  net = saving − cost (+ = the investment pays that year); cumulative net adds the years.
- Break-even year: the first year in which the cumulative net is ≥ 0 (None: never in the horizon).
- Required effect: the fewer fuldtidspersoner per year that would just pay the year's cost
  (cost / unit price), so a committee can judge whether the promised effect is plausible.
- Sensitivity: the same case with the effect scaled by 50 %, 75 %, 100 %, 125 % and 150 %.
- Follow-up: month by month, realised reduction = baseline − actual fuldtidspersoner; expected
  reduction = the year's effect; realised saving = realised reduction × unit price / 12.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from indsats.domain.ydelser import YDELSER, Ydelse
from indsats.economics.budget import Maanedstal
from indsats.economics.numbers import EconomicsInputError

SENSITIVITY_FACTORS = (
    Decimal("0.5"),
    Decimal("0.75"),
    Decimal("1"),
    Decimal("1.25"),
    Decimal("1.5"),
)


def _per_year(values: Sequence[Decimal], years: int, name: str) -> tuple[Decimal, ...]:
    """One value per year; a shorter list repeats its last value ("8 from 2022 onwards")."""
    if not values:
        raise EconomicsInputError(f"{name}: give at least one value")
    if len(values) > years:
        raise EconomicsInputError(f"{name}: {len(values)} values for {years} year(s)")
    for v in values:
        if v < 0:
            raise EconomicsInputError(f"{name}: values must not be negative (got {v})")
    return tuple(values) + (values[-1],) * (years - len(values))


@dataclass(frozen=True, slots=True)
class Investeringscase:
    """The inputs of a business case. Lists are per year from `start_aar`; a short list repeats
    its last value for the remaining years."""

    navn: str
    ydelse: Ydelse
    start_aar: int
    aar: int  # number of years
    ekstra_aarsvaerk: tuple[Decimal, ...]
    pris_pr_aarsvaerk: Decimal  # kr. per årsværk per year (salary, pension, overhead)
    effekt_fuldtidspersoner: tuple[Decimal, ...]  # fewer fuldtidspersoner on the benefit per year
    enhedspris_netto: Decimal  # kr. per fuldtidsperson per year, after refusion
    oevrige_udgifter: tuple[Decimal, ...] = (Decimal(0),)  # other costs per year (offers)
    sagsstamme_foer: str = ""  # case load per caseworker before, e.g. "70-90"
    sagsstamme_efter: str = ""  # and after, e.g. "45-60"
    fuldtidspersoner_uden: Decimal | None = None  # baseline level without the investment
    kilde: str = ""
    antagelser: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not self.navn.strip():
            raise EconomicsInputError("navn: the case needs a name")
        if self.aar < 1 or self.aar > 30:
            raise EconomicsInputError(f"aar: the horizon must be 1-30 years (got {self.aar})")
        if self.pris_pr_aarsvaerk < 0:
            raise EconomicsInputError("pris_pr_aarsvaerk: must not be negative")
        if self.enhedspris_netto <= 0:
            raise EconomicsInputError("enhedspris_netto: the net unit price must be positive")
        if self.fuldtidspersoner_uden is not None and self.fuldtidspersoner_uden < 0:
            raise EconomicsInputError("fuldtidspersoner_uden: must not be negative")
        object.__setattr__(
            self, "ekstra_aarsvaerk", _per_year(self.ekstra_aarsvaerk, self.aar, "ekstra_aarsvaerk")
        )
        object.__setattr__(
            self,
            "effekt_fuldtidspersoner",
            _per_year(self.effekt_fuldtidspersoner, self.aar, "effekt_fuldtidspersoner"),
        )
        object.__setattr__(
            self, "oevrige_udgifter", _per_year(self.oevrige_udgifter, self.aar, "oevrige_udgifter")
        )

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start_aar, self.start_aar + self.aar))

    @property
    def ydelse_navn(self) -> str:
        return YDELSER[self.ydelse].navn

    def effekt_i(self, year: int) -> Decimal | None:
        if year not in self.years:
            return None
        return self.effekt_fuldtidspersoner[year - self.start_aar]


@dataclass(frozen=True, slots=True)
class CaseAar:
    aar: int
    ekstra_aarsvaerk: Decimal
    personaleudgift: Decimal
    oevrige_udgifter: Decimal
    effekt: Decimal
    besparelse: Decimal
    kraevet_effekt: Decimal  # fewer fuldtidspersoner needed to pay this year's cost
    akkumuleret: Decimal

    @property
    def udgift(self) -> Decimal:
        return self.personaleudgift + self.oevrige_udgifter

    @property
    def netto(self) -> Decimal:
        return self.besparelse - self.udgift


@dataclass(frozen=True, slots=True)
class Foelsomhed:
    faktor: Decimal
    nettoresultat: Decimal
    break_even_aar: int | None


@dataclass(frozen=True, slots=True)
class CaseResultat:
    case: Investeringscase
    aarene: tuple[CaseAar, ...]
    foelsomhed: tuple[Foelsomhed, ...]

    @property
    def udgift(self) -> Decimal:
        return sum((a.udgift for a in self.aarene), Decimal(0))

    @property
    def besparelse(self) -> Decimal:
        return sum((a.besparelse for a in self.aarene), Decimal(0))

    @property
    def nettoresultat(self) -> Decimal:
        return self.besparelse - self.udgift

    @property
    def break_even_aar(self) -> int | None:
        return _break_even(self.aarene)


def _break_even(rows: Sequence[CaseAar]) -> int | None:
    return next((a.aar for a in rows if a.akkumuleret >= 0), None)


def _years(case: Investeringscase, faktor: Decimal = Decimal(1)) -> tuple[CaseAar, ...]:
    rows = []
    acc = Decimal(0)
    for i, year in enumerate(case.years):
        aarsvaerk = case.ekstra_aarsvaerk[i]
        personale = aarsvaerk * case.pris_pr_aarsvaerk
        oevrige = case.oevrige_udgifter[i]
        effekt = case.effekt_fuldtidspersoner[i] * faktor
        besparelse = effekt * case.enhedspris_netto
        acc += besparelse - personale - oevrige
        rows.append(
            CaseAar(
                aar=year,
                ekstra_aarsvaerk=aarsvaerk,
                personaleudgift=personale,
                oevrige_udgifter=oevrige,
                effekt=effekt,
                besparelse=besparelse,
                kraevet_effekt=(personale + oevrige) / case.enhedspris_netto,
                akkumuleret=acc,
            )
        )
    return tuple(rows)


def business_case(
    case: Investeringscase, factors: Iterable[Decimal] = SENSITIVITY_FACTORS
) -> CaseResultat:
    """The yearly table, net result, break-even year and the sensitivity table of a case."""
    rows = _years(case)
    sens = []
    for f in factors:
        r = rows if f == 1 else _years(case, f)
        sens.append(Foelsomhed(f, sum((a.netto for a in r), Decimal(0)), _break_even(r)))
    return CaseResultat(case, rows, tuple(sens))


@dataclass(frozen=True, slots=True)
class OpfoelgningMaaned:
    aar: int
    maaned: int
    baseline: Decimal
    forventet_niveau: Decimal
    faktisk_niveau: Decimal
    forventet_reduktion: Decimal
    realiseret_reduktion: Decimal
    realiseret_besparelse: Decimal  # this month, kr.
    akkumuleret_besparelse: Decimal
    forventet_besparelse: Decimal  # this month, kr.

    @property
    def forskel(self) -> Decimal:
        """Realised minus expected reduction (+ = better than expected)."""
        return self.realiseret_reduktion - self.forventet_reduktion


def case_opfoelgning(
    case: Investeringscase, faktiske: Iterable[Maanedstal], *, baseline: Decimal | None = None
) -> tuple[OpfoelgningMaaned, ...]:
    """Realised against expected effect, month by month, for the months with actual figures.

    `baseline` (default: the case's `fuldtidspersoner_uden`) is the level without the investment.
    """
    base = baseline if baseline is not None else case.fuldtidspersoner_uden
    if base is None:
        raise EconomicsInputError(
            f"{case.navn}: follow-up needs the level without the investment (fuldtidspersoner_uden)"
        )
    rows = []
    acc = Decimal(0)
    months = sorted(
        (m for m in faktiske if m.ydelse == case.ydelse and m.aar in case.years),
        key=lambda m: (m.aar, m.maaned),
    )
    for m in months:
        effekt = case.effekt_i(m.aar) or Decimal(0)
        realised = base - m.helaarspersoner
        saving = realised * case.enhedspris_netto / 12
        acc += saving
        rows.append(
            OpfoelgningMaaned(
                aar=m.aar,
                maaned=m.maaned,
                baseline=base,
                forventet_niveau=base - effekt,
                faktisk_niveau=m.helaarspersoner,
                forventet_reduktion=effekt,
                realiseret_reduktion=realised,
                realiseret_besparelse=saving,
                akkumuleret_besparelse=acc,
                forventet_besparelse=effekt * case.enhedspris_netto / 12,
            )
        )
    return tuple(rows)


def with_effect(case: Investeringscase, faktor: Decimal) -> Investeringscase:
    """The same case with every year's effect multiplied by `faktor`."""
    return replace(
        case, effekt_fuldtidspersoner=tuple(e * faktor for e in case.effekt_fuldtidspersoner)
    )


_CASE_KEYS = {
    "navn",
    "ydelse",
    "start_aar",
    "aar",
    "ekstra_aarsvaerk",
    "pris_pr_aarsvaerk",
    "effekt_fuldtidspersoner",
    "enhedspris_netto",
    "oevrige_udgifter",
    "sagsstamme_foer",
    "sagsstamme_efter",
    "fuldtidspersoner_uden",
    "kilde",
    "antagelser",
}


def case_from_mapping(data: object, *, where: str = "case") -> Investeringscase:
    """Build a case from a mapping (a YAML file): numbers as numbers or Danish text, per-year
    values as a list or one value. Errors name `where` and the field."""
    from indsats.domain.ydelser import parse_ydelse
    from indsats.economics.numbers import parse_amount

    if not isinstance(data, dict):
        raise EconomicsInputError(f"{where}: expected a mapping of fields")
    unknown = set(data) - _CASE_KEYS
    if unknown:
        raise EconomicsInputError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for required in (
        "navn",
        "ydelse",
        "start_aar",
        "aar",
        "ekstra_aarsvaerk",
        "pris_pr_aarsvaerk",
        "effekt_fuldtidspersoner",
        "enhedspris_netto",
    ):
        if data.get(required) in (None, ""):
            raise EconomicsInputError(f"{where}, field {required}: missing")

    def num(key: str, value: object) -> Decimal:
        if isinstance(value, float):
            value = repr(value)
        return parse_amount(
            value if isinstance(value, (int, Decimal)) else str(value),
            where=f"{where}, field {key}",
        )

    def nums(key: str) -> tuple[Decimal, ...]:
        raw = data.get(key)
        if raw is None:
            return (Decimal(0),)
        items = raw if isinstance(raw, list) else [raw]
        return tuple(num(key, v) for v in items)

    try:
        ydelse = parse_ydelse(str(data["ydelse"]))
    except ValueError as exc:
        raise EconomicsInputError(f"{where}, field ydelse: {exc}") from None
    start = num("start_aar", data["start_aar"])
    years = num("aar", data["aar"])
    if start != start.to_integral_value() or years != years.to_integral_value():
        raise EconomicsInputError(f"{where}: start_aar and aar must be whole numbers")
    uden = data.get("fuldtidspersoner_uden")
    antagelser = data.get("antagelser") or []
    try:
        return Investeringscase(
            navn=str(data["navn"]),
            ydelse=ydelse,
            start_aar=int(start),
            aar=int(years),
            ekstra_aarsvaerk=nums("ekstra_aarsvaerk"),
            pris_pr_aarsvaerk=num("pris_pr_aarsvaerk", data["pris_pr_aarsvaerk"]),
            effekt_fuldtidspersoner=nums("effekt_fuldtidspersoner"),
            enhedspris_netto=num("enhedspris_netto", data["enhedspris_netto"]),
            oevrige_udgifter=nums("oevrige_udgifter"),
            sagsstamme_foer=str(data.get("sagsstamme_foer") or ""),
            sagsstamme_efter=str(data.get("sagsstamme_efter") or ""),
            fuldtidspersoner_uden=None if uden is None else num("fuldtidspersoner_uden", uden),
            kilde=str(data.get("kilde") or ""),
            antagelser=tuple(str(a) for a in antagelser),
        )
    except EconomicsInputError as exc:
        if str(exc).startswith(where):
            raise
        raise EconomicsInputError(f"{where}: {exc}") from None


def read_case_yaml(path: Path | str) -> Investeringscase:
    import yaml

    from indsats.domain.textfiles import InputFileError, read_text

    path = Path(path)
    try:
        data = yaml.safe_load(read_text(path))
    except InputFileError as exc:
        raise EconomicsInputError(str(exc)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "the text is not YAML"
        raise EconomicsInputError(f"{path.name}{line}: not valid YAML ({problem})") from None
    return case_from_mapping(data, where=path.name)


# ----------------------------------------------------------------------------------------------
# Follow-up on the effect measured by an effect evaluation (indsats.evaluation)


@dataclass(frozen=True, slots=True)
class RealiseretEffekt:
    """An effect evaluation's estimate for one year: fewer fuldtidspersoner on the benefit
    thanks to the investment, with its 95 % interval (from `indsats.evaluation`)."""

    aar: int
    fuldtidspersoner: Decimal
    nedre: Decimal
    oevre: Decimal
    deltagere: int
    kilde: str = ""


@dataclass(frozen=True, slots=True)
class EffektOpfoelgningAar:
    """Realised against expected effect in one year of a case."""

    aar: int
    forventet: Decimal  # fewer fuldtidspersoner the case promised
    realiseret: RealiseretEffekt | None
    enhedspris_netto: Decimal

    @property
    def forventet_besparelse(self) -> Decimal:
        return self.forventet * self.enhedspris_netto

    @property
    def realiseret_besparelse(self) -> Decimal | None:
        r = self.realiseret
        return None if r is None else r.fuldtidspersoner * self.enhedspris_netto

    @property
    def besparelse_nedre(self) -> Decimal | None:
        r = self.realiseret
        return None if r is None else r.nedre * self.enhedspris_netto

    @property
    def besparelse_oevre(self) -> Decimal | None:
        r = self.realiseret
        return None if r is None else r.oevre * self.enhedspris_netto

    @property
    def forskel(self) -> Decimal | None:
        """Realised minus expected (+ = better than promised)."""
        r = self.realiseret
        return None if r is None else r.fuldtidspersoner - self.forventet

    @property
    def vurdering(self) -> str:
        """'ingen maaling', 'som forventet' (the interval holds the promise), 'under' (the whole
        interval lies below it) or 'over' (above it)."""
        r = self.realiseret
        if r is None:
            return "ingen maaling"
        if r.oevre < self.forventet:
            return "under"
        if r.nedre > self.forventet:
            return "over"
        return "som forventet"


def case_effekt_opfoelgning(
    case: Investeringscase, realiseret: Iterable[RealiseretEffekt]
) -> tuple[EffektOpfoelgningAar, ...]:
    """The case's years with the promised effect next to the measured one (None where no
    evaluation covers the year). A measured year outside the case's years is an error."""
    by_year: dict[int, RealiseretEffekt] = {}
    for r in realiseret:
        if r.aar not in case.years:
            raise EconomicsInputError(
                f"{case.navn}: the evaluation measured {r.aar}, which is not one of the case's "
                f"years ({case.years[0]}-{case.years[-1]})"
            )
        if r.aar in by_year:
            raise EconomicsInputError(f"{case.navn}: two measured effects for {r.aar}")
        by_year[r.aar] = r
    return tuple(
        EffektOpfoelgningAar(
            aar=year,
            forventet=case.effekt_fuldtidspersoner[i],
            realiseret=by_year.get(year),
            enhedspris_netto=case.enhedspris_netto,
        )
        for i, year in enumerate(case.years)
    )
