"""The plan's own rules, checked before anything is saved or published (docs/plan.md).

`validate_version(v, goals=...)` returns every problem as a `PlanFejl` (field path and a Danish
message); `check_version` raises `PlanError` with all of them. The rules:

- the period is 1-4 whole years;
- ids are unique (goals, actions, investments, budget lines, focus areas);
- a måltal, a budget amount or an action's budget lies inside the period, once per year;
- a local goal names a goal of the goals module that has a baseline, and has måltal;
- a minister's goal names a goal the minister set ("2021:3") for a year of the period;
- an action does not end before it starts; a milestone has a title; an action's investments
  exist in the version;
- an investment's business case covers at least one year of the period, and its tables add up
  as the economics check reads them (a table that cannot be read is an error; one that reads but
  does not add up is reported by `tabel_kontrol` for the document, not refused: the plan may
  have printed it that way).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from indsats.economics.check import TabelKontrol, check_rows
from indsats.goals.model import Goal
from indsats.plan.errors import PlanError, PlanFejl
from indsats.plan.model import (
    Beloeb,
    Indsats,
    MaalType,
    PlanMaal,
    PlanTabel,
    PlanVersion,
)

MAX_AAR = 4
_MINISTERMAAL = re.compile(r"^(\d{4}):(\d{1,2})$")


def _dato(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def ministermaal_ref(ref: str) -> tuple[int, int] | None:
    """'2021:3' -> (2021, 3); None if not in that form."""
    m = _MINISTERMAAL.match(ref.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def ministermaal_tekst(ref: str) -> str | None:
    """The minister's goal named by '2021:3', as the minister worded it (None if unknown)."""
    from indsats.goals.loader import ministermaal

    parsed = ministermaal_ref(ref)
    if parsed is None:
        return None
    aar, nr = parsed
    return next((m.tekst for m in ministermaal(aar) if m.nr == nr), None)


def _years(felt: str, what: str, years: Iterable[int], v: PlanVersion, out: list[PlanFejl]) -> None:
    seen: set[int] = set()
    for i, y in enumerate(years):
        if not v.foerste_aar <= y <= v.sidste_aar:
            out.append(
                PlanFejl(
                    f"{felt}[{i}]",
                    f"{what} for {y} ligger uden for planens periode {v.periode_tekst}.",
                )
            )
        if y in seen:
            out.append(PlanFejl(f"{felt}[{i}]", f"{what} for {y} står der to gange."))
        seen.add(y)


def _amount_years(felt: str, what: str, bs: tuple[Beloeb, ...], v: PlanVersion) -> list[PlanFejl]:
    out: list[PlanFejl] = []
    _years(felt, what, (b.aar for b in bs), v, out)
    return out


def _maal(
    m: PlanMaal, felt: str, v: PlanVersion, goals: Mapping[str, Goal] | None
) -> list[PlanFejl]:
    out: list[PlanFejl] = []
    navn = f"Målet »{m.titel}«"
    _years(f"{felt}.maaltal", "Måltal", (t.aar for t in m.maaltal), v, out)
    if m.type is MaalType.LOKALT:
        if not m.goal_id:
            out.append(
                PlanFejl(
                    f"{felt}.goal_id",
                    f"{navn} er et lokalt mål og skal pege på et mål i målmodulet "
                    "(indikator, udgangspunkt og retning). Et mål, registret ikke kan måle, "
                    "er en succesindikator.",
                )
            )
        if not m.maaltal:
            out.append(PlanFejl(f"{felt}.maaltal", f"{navn} er et lokalt mål og skal have måltal."))
    if m.type is MaalType.MINISTERMAAL:
        ref = ministermaal_ref(m.ministermaal)
        if ref is None:
            out.append(
                PlanFejl(
                    f"{felt}.ministermaal",
                    f"{navn}: angiv ministermålet som år og nummer, fx 2021:3.",
                )
            )
        elif ministermaal_tekst(m.ministermaal) is None:
            out.append(
                PlanFejl(
                    f"{felt}.ministermaal",
                    f"{navn}: ministeren satte intet mål nr. {ref[1]} for {ref[0]}.",
                )
            )
        elif not v.foerste_aar <= ref[0] <= v.sidste_aar:
            out.append(
                PlanFejl(
                    f"{felt}.ministermaal",
                    f"{navn}: ministermålet er fra {ref[0]}, uden for planens periode "
                    f"{v.periode_tekst}.",
                )
            )
    if m.goal_id and goals is not None:
        goal = goals.get(m.goal_id)
        if goal is None:
            out.append(
                PlanFejl(
                    f"{felt}.goal_id", f"{navn}: målet {m.goal_id!r} findes ikke i målmodulet."
                )
            )
        elif m.type is MaalType.LOKALT and goal.baseline is None:
            out.append(
                PlanFejl(
                    f"{felt}.goal_id",
                    f"{navn} har intet udgangspunkt (baseline). Et lokalt mål skal have et "
                    "udgangspunkt, så fremgangen kan måles.",
                )
            )
    return out


def _indsats(i: Indsats, felt: str, v: PlanVersion) -> list[PlanFejl]:
    out: list[PlanFejl] = []
    navn = f"Indsatsen »{i.titel}«"
    if i.start and i.slut and i.slut < i.start:
        out.append(
            PlanFejl(
                f"{felt}.slut",
                f"{navn} slutter ({_dato(i.slut)}) før den starter ({_dato(i.start)}).",
            )
        )
    for j, m in enumerate(i.milepaele):
        if not m.titel.strip():
            out.append(PlanFejl(f"{felt}.milepaele[{j}].titel", "En milepæl skal have en titel."))
    known = {inv.id for inv in v.investeringer}
    for j, ref in enumerate(i.investeringer):
        if ref not in known:
            out.append(
                PlanFejl(
                    f"{felt}.investeringer[{j}]",
                    f"{navn} peger på investeringen {ref!r}, som ikke er i planen.",
                )
            )
    out += _amount_years(f"{felt}.budget", f"{navn}: budget", i.budget, v)
    return out


def tabel_rows(t: PlanTabel) -> tuple[list[str], list[list[str]]]:
    """The table's header and rows from its CSV text (`#` lines are comments)."""
    import csv

    from indsats.domain.textfiles import sniff_delimiter

    lines = [
        line for line in t.csv.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        return [], []
    parsed = list(csv.reader(lines, delimiter=sniff_delimiter(lines[0])))
    return [c.strip() for c in parsed[0]], [[c.strip() for c in r] for r in parsed[1:]]


def tabel_kontrol(t: PlanTabel) -> TabelKontrol:
    """The economics check of a printed table (sums, differences and count × price products)."""
    from indsats.domain.textfiles import sniff_delimiter
    from indsats.economics.numbers import NumberStyle

    header, rows = tabel_rows(t)
    first = next((x for x in t.csv.splitlines() if x.strip() and not x.startswith("#")), "")
    style = NumberStyle.for_delimiter(sniff_delimiter(first))
    return check_rows(t.titel, header, rows, style=style)


def _tabel(t: PlanTabel, felt: str) -> list[PlanFejl]:
    from indsats.economics.numbers import EconomicsInputError

    try:
        tabel_kontrol(t)
    except EconomicsInputError as exc:
        return [PlanFejl(f"{felt}.csv", f"Tabellen »{t.titel}« kan ikke læses: {exc}")]
    return []


def _unique(felt: str, what: str, ids: Iterable[str], out: list[PlanFejl]) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if x in seen:
            out.append(PlanFejl(f"{felt}[{i}].id", f"{what} med id {x!r} findes to gange."))
        seen.add(x)


def validate_version(v: PlanVersion, *, goals: Mapping[str, Goal] | None = None) -> list[PlanFejl]:
    """Every problem of the version (empty: valid). `goals` resolves `goal_id`s; without it the
    goal references are not checked."""
    out: list[PlanFejl] = []
    if v.sidste_aar < v.foerste_aar:
        out.append(PlanFejl("periode.til", "Planens sidste år ligger før dens første år."))
    elif len(v.aarene) > MAX_AAR:
        out.append(
            PlanFejl(
                "periode.til",
                f"En beskæftigelsesplan dækker 1-{MAX_AAR} år, ikke {len(v.aarene)} "
                f"({v.periode_tekst}).",
            )
        )
    _unique("fokusomraader", "Fokusområdet", (f.id for f in v.fokusomraader), out)
    _unique("investeringer", "Investeringen", (i.id for i in v.investeringer), out)
    _unique("budget", "Budgetlinjen", (b.id for b in v.budget), out)
    all_goal_ids = [m.id for m in v.alle_maal()]
    all_action_ids = [i.id for i in v.alle_indsatser()]
    for what, ids in (("Målet", all_goal_ids), ("Indsatsen", all_action_ids)):
        seen: set[str] = set()
        for x in ids:
            if x in seen:
                out.append(PlanFejl("id", f"{what} med id {x!r} findes to gange i planen."))
            seen.add(x)
    for i, m in enumerate(v.maal):
        out += _maal(m, f"maal[{i}]", v, goals)
    for fi, f in enumerate(v.fokusomraader):
        for i, m in enumerate(f.maal):
            out += _maal(m, f"fokusomraader[{fi}].maal[{i}]", v, goals)
        for i, a in enumerate(f.indsatser):
            out += _indsats(a, f"fokusomraader[{fi}].indsatser[{i}]", v)
        for j, ref in enumerate(f.ministermaal):
            if ministermaal_tekst(ref) is None:
                out.append(
                    PlanFejl(
                        f"fokusomraader[{fi}].ministermaal[{j}]",
                        f"Ukendt ministermål {ref!r} (skriv år og nummer, fx 2021:3).",
                    )
                )
    for ii, inv in enumerate(v.investeringer):
        felt = f"investeringer[{ii}]"
        if inv.case is not None and not set(inv.case.years) & set(v.aarene):
            out.append(
                PlanFejl(
                    f"{felt}.case",
                    f"Investeringen »{inv.titel}« dækker {inv.case.years[0]}-"
                    f"{inv.case.years[-1]}, intet år i planens periode {v.periode_tekst}.",
                )
            )
        for ti, t in enumerate(inv.tabeller):
            out += _tabel(t, f"{felt}.tabeller[{ti}]")
    for bi, b in enumerate(v.budget):
        out += _amount_years(f"budget[{bi}].beloeb", f"Budgetlinjen »{b.post}«", b.beloeb, v)
    return out


def check_version(
    v: PlanVersion, *, goals: Mapping[str, Goal] | None = None, kilde: str = ""
) -> PlanVersion:
    """The version if it is valid, else `PlanError` with every problem."""
    fejl = validate_version(v, goals=goals)
    if fejl:
        raise PlanError(fejl, kilde=kilde)
    return v


def kendte_maal(v: PlanVersion, *, ekstra: Iterable[Goal] = ()) -> dict[str, Goal]:
    """The goals a version can name without a database: the municipality's bundled goals, the
    minister's goals of each year of the period, and `ekstra` (e.g. goals created in the web
    app, which take precedence)."""
    from indsats.goals.loader import demo_goals, ministermaal_goals

    out: dict[str, Goal] = {g.id: g for g in demo_goals(v.kommune)}
    for y in range(v.foerste_aar, v.sidste_aar + 1):
        out.update({g.id: g for g in ministermaal_goals(y)})
    out.update({g.id: g for g in ekstra})
    return out
