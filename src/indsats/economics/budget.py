"""Budget follow-up (budgetopfølgning): helårspersoner by benefit against the budget, month by
month; expenditure before and after refusion; a year-end forecast.

Definitions (docs/economics.md, "Budget follow-up"):

- A month's helårspersoner is the month's fuldtidspersoner (weeks on the benefit / weeks in the
  month), from the register. The year's helårspersoner is the mean of its twelve months.
- Gross expenditure in a month = helårspersoner × unit cost per helårsperson per year / 12.
- Net expenditure (after refusion) = gross × the municipal share (`refusion.kommunal_andel`) of the
  month's refusion split.
- Forecast: each month without an actual figure gets the mean helårspersoner and the mean municipal
  share of the last `basis_maaneder` (default 3) months with actual figures ("run rate"). With no
  actual month at all the forecast is the budget.
- Budget net = budget gross × the year's expected municipal share (forecast net / forecast gross),
  i.e. the budget in persons priced with this year's refusion mix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from indsats.domain.ydelser import YDELSER, Ydelse
from indsats.economics.numbers import EconomicsInputError
from indsats.economics.refusion import RefusionFordeling, kommunal_andel

MONTHS = tuple(range(1, 13))
MAANEDSNAVNE = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True, slots=True)
class BudgetPost:
    """The budget for one benefit in one year."""

    ydelse: Ydelse
    aar: int
    helaarspersoner: Decimal
    enhedspris: Decimal  # gross kr. per helårsperson per year, before refusion
    kilde: str = ""

    def __post_init__(self) -> None:
        if self.helaarspersoner < 0:
            raise EconomicsInputError(
                f"budget {self.ydelse.value} {self.aar}: helårspersoner must not be negative"
            )
        if self.enhedspris < 0:
            raise EconomicsInputError(
                f"budget {self.ydelse.value} {self.aar}: the unit cost must not be negative"
            )

    @property
    def brutto(self) -> Decimal:
        return self.helaarspersoner * self.enhedspris


@dataclass(frozen=True, slots=True)
class Maanedstal:
    """Actual helårspersoner (fuldtidspersoner) on a benefit in one month."""

    ydelse: Ydelse
    aar: int
    maaned: int
    helaarspersoner: Decimal

    def __post_init__(self) -> None:
        if not 1 <= self.maaned <= 12:
            raise EconomicsInputError(f"month {self.maaned} is not a month (1-12)")
        if self.helaarspersoner < 0:
            raise EconomicsInputError(
                f"{self.ydelse.value} {self.aar}-{self.maaned:02d}: helårspersoner must not be "
                f"negative"
            )


@dataclass(frozen=True, slots=True)
class BudgetMaaned:
    maaned: int
    budget_hp: Decimal
    hp: Decimal  # actual, or forecast when `prognose`
    prognose: bool
    brutto: Decimal
    kommunal_andel: Decimal | None
    netto: Decimal | None
    andel_trin4: Decimal | None  # share of expenditure at the lowest refusion tier (20 %)

    @property
    def afvigelse_hp(self) -> Decimal:
        return self.hp - self.budget_hp

    @property
    def navn(self) -> str:
        return MAANEDSNAVNE[self.maaned - 1]


@dataclass(frozen=True, slots=True)
class Budgetopfoelgning:
    post: BudgetPost
    maaneder: tuple[BudgetMaaned, ...]
    faktiske_maaneder: int  # how many months have actual figures
    basis_maaneder: int

    @property
    def ydelse_navn(self) -> str:
        return YDELSER[self.post.ydelse].navn

    @property
    def prognose_hp(self) -> Decimal:
        """Forecast helårspersoner for the year (actual months plus forecast months) / 12."""
        return sum((m.hp for m in self.maaneder), Decimal(0)) / 12

    @property
    def faktisk_hp_aar_til_dato(self) -> Decimal | None:
        actual = [m.hp for m in self.maaneder if not m.prognose]
        return sum(actual, Decimal(0)) / len(actual) if actual else None

    @property
    def afvigelse_hp(self) -> Decimal:
        return self.prognose_hp - self.post.helaarspersoner

    @property
    def budget_brutto(self) -> Decimal:
        return self.post.brutto

    @property
    def prognose_brutto(self) -> Decimal:
        return sum((m.brutto for m in self.maaneder), Decimal(0))

    @property
    def prognose_netto(self) -> Decimal | None:
        if any(m.netto is None for m in self.maaneder):
            return None
        return sum((m.netto for m in self.maaneder if m.netto is not None), Decimal(0))

    @property
    def kommunal_andel_aar(self) -> Decimal | None:
        netto = self.prognose_netto
        if netto is None or self.prognose_brutto == 0:
            return None
        return netto / self.prognose_brutto

    @property
    def budget_netto(self) -> Decimal | None:
        andel = self.kommunal_andel_aar
        return None if andel is None else self.budget_brutto * andel

    @property
    def afvigelse_netto(self) -> Decimal | None:
        if self.prognose_netto is None or self.budget_netto is None:
            return None
        return self.prognose_netto - self.budget_netto


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def budgetopfoelgning(
    post: BudgetPost,
    faktiske: Iterable[Maanedstal],
    fordelinger: Iterable[RefusionFordeling] = (),
    *,
    basis_maaneder: int = 3,
) -> Budgetopfoelgning:
    """Follow one benefit's budget month by month and forecast the year.

    `faktiske` and `fordelinger` may hold other benefits and years; only the post's are used.
    Actual months must be consecutive from January (a gap is an error: it would hide a month).
    """
    if basis_maaneder < 1:
        raise EconomicsInputError("basis_maaneder must be at least 1")
    actual = {
        m.maaned: m.helaarspersoner
        for m in faktiske
        if m.ydelse == post.ydelse and m.aar == post.aar
    }
    if actual and sorted(actual) != list(range(1, max(actual) + 1)):
        missing = [m for m in range(1, max(actual) + 1) if m not in actual]
        raise EconomicsInputError(
            f"{post.ydelse.value} {post.aar}: actual figures are missing for month(s) "
            f"{', '.join(str(m) for m in missing)}"
        )
    splits = {f.maaned: f for f in fordelinger if f.ydelse == post.ydelse and f.aar == post.aar}
    use_splits = bool(splits)
    if use_splits:
        without = [m for m in actual if m not in splits and actual[m] != 0]
        if without:
            raise EconomicsInputError(
                f"{post.ydelse.value} {post.aar}: no refusion split for month(s) "
                f"{', '.join(str(m) for m in without)}"
            )
    budget_hp = post.helaarspersoner
    last = max(actual) if actual else 0
    basis = [m for m in range(max(1, last - basis_maaneder + 1), last + 1)] if last else []
    prognose_hp = _mean([actual[m] for m in basis]) if basis else budget_hp

    def share(m: int) -> Decimal | None:
        return kommunal_andel(splits[m]) if m in splits else None

    if use_splits:
        known: list[Decimal | None] = [
            s
            for s in (share(m) for m in (basis or sorted(splits)[-basis_maaneder:]))
            if s is not None
        ] or [share(m) for m in sorted(splits)[-basis_maaneder:]]
        prognose_andel: Decimal | None = _mean([s for s in known if s is not None])
    else:
        prognose_andel = None
    rows = []
    for m in MONTHS:
        is_actual = m in actual
        hp = actual[m] if is_actual else prognose_hp
        brutto = hp * post.enhedspris / 12
        andel = share(m) if (is_actual or m in splits) and use_splits else prognose_andel
        trin4 = splits[m].andele.get(4, Decimal(0)) if m in splits else None
        netto = None if andel is None else brutto * andel
        if use_splits and is_actual and hp == 0:
            netto = Decimal(0)  # nobody on the benefit that month: no split needed
        rows.append(
            BudgetMaaned(
                maaned=m,
                budget_hp=budget_hp,
                hp=hp,
                prognose=not is_actual,
                brutto=brutto,
                kommunal_andel=andel,
                netto=netto,
                andel_trin4=trin4,
            )
        )
    return Budgetopfoelgning(post, tuple(rows), len(actual), basis_maaneder)


@dataclass(frozen=True, slots=True)
class BudgetTotal:
    budget_brutto: Decimal
    prognose_brutto: Decimal
    budget_netto: Decimal | None
    prognose_netto: Decimal | None

    @property
    def afvigelse_netto(self) -> Decimal | None:
        if self.budget_netto is None or self.prognose_netto is None:
            return None
        return self.prognose_netto - self.budget_netto


def budget_total(opfoelgninger: Sequence[Budgetopfoelgning]) -> BudgetTotal:
    """Totals across benefits (net only when every benefit has a net figure)."""
    nets = [o.budget_netto for o in opfoelgninger]
    fnets = [o.prognose_netto for o in opfoelgninger]
    return BudgetTotal(
        budget_brutto=sum((o.budget_brutto for o in opfoelgninger), Decimal(0)),
        prognose_brutto=sum((o.prognose_brutto for o in opfoelgninger), Decimal(0)),
        budget_netto=None
        if any(n is None for n in nets)
        else sum((n for n in nets if n is not None), Decimal(0)),
        prognose_netto=None
        if any(n is None for n in fnets)
        else sum((n for n in fnets if n is not None), Decimal(0)),
    )


def read_budget_csv(path: Path | str) -> list[BudgetPost]:
    """`ydelse;aar;helaarspersoner;enhedspris[;kilde]` (Danish or plain numbers)."""
    from indsats.domain.ydelser import parse_ydelse
    from indsats.economics.files import csv_dict_rows
    from indsats.economics.numbers import parse_amount

    out = []
    for name, no, row in csv_dict_rows(
        path, ["ydelse", "aar", "helaarspersoner", "enhedspris"], what="budget"
    ):
        where = f"{name} line {no}"
        try:
            ydelse = parse_ydelse(row["ydelse"])
        except ValueError as exc:
            raise EconomicsInputError(f"{where}, column ydelse: {exc}") from None
        try:
            out.append(
                BudgetPost(
                    ydelse,
                    int(parse_amount(row["aar"], where=f"{where}, column aar")),
                    parse_amount(row["helaarspersoner"], where=f"{where}, column helaarspersoner"),
                    parse_amount(row["enhedspris"], where=f"{where}, column enhedspris"),
                    row.get("kilde", ""),
                )
            )
        except EconomicsInputError as exc:
            if str(exc).startswith(name):
                raise
            raise EconomicsInputError(f"{where}: {exc}") from None
    return out


def read_actuals_csv(path: Path | str) -> list[Maanedstal]:
    """`aar;maaned;ydelse;helaarspersoner` (Danish or plain numbers)."""
    from indsats.domain.ydelser import parse_ydelse
    from indsats.economics.files import csv_dict_rows
    from indsats.economics.numbers import parse_amount

    out = []
    for name, no, row in csv_dict_rows(
        path, ["aar", "maaned", "ydelse", "helaarspersoner"], what="table of monthly figures"
    ):
        where = f"{name} line {no}"
        try:
            ydelse = parse_ydelse(row["ydelse"])
        except ValueError as exc:
            raise EconomicsInputError(f"{where}, column ydelse: {exc}") from None
        try:
            out.append(
                Maanedstal(
                    ydelse,
                    int(parse_amount(row["aar"], where=f"{where}, column aar")),
                    int(parse_amount(row["maaned"], where=f"{where}, column maaned")),
                    parse_amount(row["helaarspersoner"], where=f"{where}, column helaarspersoner"),
                )
            )
        except EconomicsInputError as exc:
            if str(exc).startswith(name):
                raise
            raise EconomicsInputError(f"{where}: {exc}") from None
    return out
