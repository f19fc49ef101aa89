"""`indsats economics`: check budget tables, price courses, run business cases (docs/economics.md)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    help="Economics: check budget tables, course costs, business cases (docs/economics.md).",
    no_args_is_help=True,
)
console = Console()
err = Console(stderr=True)


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}", highlight=False, markup=True)
    return typer.Exit(2)


@app.command()
def check(
    table: Annotated[Path, typer.Argument(help="The budget table (CSV; docs/economics.md).")],
    tolerance: str = typer.Option("0", help="Allowed difference per cell, e.g. 1 for rounding."),
) -> None:
    """Recompute every total, difference and count × price product.

    Exit status: 0 when every checked cell adds up (or, in a table without a type column, when
    no relation between its rows was found: then nothing was checked, and the output says so);
    1 when a cell does not add up; 2 when the file cannot be read as a table.
    """
    from indsats.domain.numbers import format_number
    from indsats.economics.check import check_table, encoding_name
    from indsats.economics.numbers import EconomicsInputError, parse_amount

    try:
        result = check_table(table, tolerance=parse_amount(tolerance, where="--tolerance"))
    except EconomicsInputError as exc:
        raise _fail(exc) from None
    if result.encoding != "utf-8":
        console.print(f"{result.fil}: read as {encoding_name(result.encoding)}.")
    if not result.typed:
        for rel in result.relationer:
            console.print(
                f"relation found: {rel.beskrivelse} ({rel.post}; holds in {rel.holder} "
                f"column(s), broken in {rel.brudt})",
                highlight=False,
            )
    if not result.relation_found:
        console.print(
            f"{result.fil}: no relation between the rows was found, so nothing was checked. "
            "Add a type column saying which rows are sums and products (docs/economics.md)."
        )
        return
    if result.ok:
        console.print(f"{result.fil}: all {result.kontrollerede_celler} computed cells add up.")
        return
    out = Table(title=f"{result.fil}: {len(result.afvigelser)} cell(s) do not add up")
    for col in ("line", "column", "row", "rule", "stated", "expected", "difference"):
        out.add_column(
            col, justify="right" if col in {"line", "stated", "expected", "difference"} else "left"
        )

    def fmt(v: Decimal) -> str:
        v = v.normalize()
        exponent = v.as_tuple().exponent
        return format_number(v, decimals=max(0, -exponent if isinstance(exponent, int) else 0))

    for a in result.afvigelser:
        out.add_row(
            str(a.linje),
            a.kolonne,
            a.post,
            a.relation or a.regel,
            fmt(a.oplyst),
            fmt(a.forventet),
            fmt(a.forskel),
        )
    console.print(out)
    console.print(f"{result.kontrollerede_celler} computed cells checked.")
    raise typer.Exit(1)


@app.command("price-list")
def price_list(
    path: Annotated[
        Path | None, typer.Argument(help="Price list CSV (default: the Ringkøbing-Skjern demo).")
    ] = None,
) -> None:
    """Show a price list with annual prices, and check the annual prices it states."""
    from indsats.domain.numbers import format_number
    from indsats.economics.catalogue import demo_price_list_path, price_list_check, read_price_list
    from indsats.economics.numbers import EconomicsInputError

    try:
        offers = read_price_list(path or demo_price_list_path())
    except EconomicsInputError as exc:
        raise _fail(exc) from None
    out = Table(title="Tilbudspriser")
    for col in ("tilbud", "kr/uge", "kr/måned", "kr/år", "oplyst kr/år"):
        out.add_column(col, justify="left" if col == "tilbud" else "right")
    for t in offers:
        out.add_row(
            t.navn,
            format_number(t.pris.pr_uge) if t.pris.pr_uge is not None else "–",
            format_number(t.pris.pr_maaned) if t.pris.pr_maaned is not None else "–",
            format_number(t.pris.aarspris),
            format_number(t.aarspris_oplyst),
        )
    console.print(out)
    bad = price_list_check(offers)
    for b in bad:
        console.print(
            f"[red]{b.tilbud}[/red]: stated {format_number(b.oplyst)} kr./år, computed "
            f"{format_number(b.beregnet)} (difference {format_number(b.forskel)})"
        )
    if bad:
        raise typer.Exit(1)


@app.command("course-cost")
def course_cost(
    offer: str = typer.Argument(..., help="The offer's name in the price list."),
    length: str = typer.Option(..., "--length", "-n", help="Length of the course, e.g. 12."),
    unit: str = typer.Option("maaneder", "--unit", help="uger or maaneder."),
    price_list: Annotated[
        Path | None, typer.Option("--price-list", help="Price list CSV (default: demo).")
    ] = None,
) -> None:
    """Cost of a course, and the extra cost against every other offer in the price list."""
    from indsats.domain.numbers import format_number
    from indsats.economics.catalogue import (
        demo_price_list_path,
        forloebspris,
        merudgift,
        read_price_list,
    )
    from indsats.economics.numbers import EconomicsInputError

    try:
        path = price_list or demo_price_list_path()
        offers = read_price_list(path)
        match = [t for t in offers if t.navn.lower() == offer.lower()]
        if not match:
            known = ", ".join(t.navn for t in offers) or "none (the price list has no offers)"
            raise EconomicsInputError(f"{path.name}: no offer named {offer!r}; known: {known}")
        tilbud = match[0]
        cost = forloebspris(tilbud.pris, antal=length, enhed=unit, where="--length")
        comparison = merudgift(tilbud, offers, antal=cost.antal, enhed=cost.enhed)
        yearly = merudgift(tilbud, offers)
    except EconomicsInputError as exc:
        raise _fail(exc) from None
    console.print(f"[bold]{tilbud.navn}[/bold]: {cost.formel}")
    console.print(f"Årspris: {tilbud.pris.aarspris_formel}")
    out = Table(title=f"Merudgift {comparison.grundlag} og pr. år")
    for col in ("alternativ", "alternativ kr.", "merudgift kr.", "merudgift kr./år"):
        out.add_column(col, justify="left" if col == "alternativ" else "right")
    per_year = {r.alternativ: r.merudgift for r in yearly.raekker}
    for r in comparison.raekker:
        out.add_row(
            r.alternativ,
            format_number(r.alternativ_pris),
            format_number(r.merudgift, sign=True),
            format_number(per_year[r.alternativ], sign=True),
        )
    console.print(out)
    console.print(yearly.sammenfatning)


@app.command("business-case")
def business_case_cmd(
    case_file: Annotated[Path, typer.Argument(help="The case as YAML (docs/economics.md).")],
) -> None:
    """Yearly table, net result, break-even year and sensitivity (effect ±50 %) of a case."""
    from indsats.economics.business_case import business_case, read_case_yaml
    from indsats.economics.numbers import EconomicsInputError
    from indsats.economics.report import case_tabel

    try:
        result = business_case(read_case_yaml(case_file))
    except EconomicsInputError as exc:
        raise _fail(exc) from None
    tabel = case_tabel(result)
    out = Table(title=tabel.titel)
    for i, col in enumerate(tabel.kolonner):
        out.add_column(col, justify="left" if i == 0 else "right")
    for row in tabel.raekker:
        out.add_row(*row)
    console.print(out)
    for note in tabel.noter:
        console.print(note)
    sens = Table(title="Følsomhed (effekt ±50 %)")
    for col in ("effekt", "nettoresultat kr.", "break-even"):
        sens.add_column(col, justify="right")
    from indsats.domain.numbers import format_number

    for f in result.foelsomhed:
        sens.add_row(
            f"{format_number(f.faktor * 100)} %",
            format_number(f.nettoresultat, sign=True),
            str(f.break_even_aar or "–"),
        )
    console.print(sens)
    for a in result.case.antagelser:
        console.print(f"Antagelse: {a}")


@app.command()
def budget(
    budget_file: Annotated[
        Path,
        typer.Argument(
            help="BUDGET.csv: ydelse;aar;helaarspersoner;enhedspris (gross kr. per helårsperson)."
        ),
    ],
    actuals: Annotated[
        Path | None, typer.Option(help="ACTUALS.csv: aar;maaned;ydelse;helaarspersoner.")
    ] = None,
    split: Annotated[
        Path | None,
        typer.Option(
            help="SPLIT.csv: aar;maaned;ydelse;trin_1;trin_2;trin_3;trin_4 (refusion split)."
        ),
    ] = None,
    register: Annotated[
        Path | None,
        typer.Option(
            help="A register directory (Parquet): actuals and split from the analytics instead."
        ),
    ] = None,
    kommune: Annotated[int, typer.Option(help="Municipality code (with --register).")] = 573,
    months: Annotated[int, typer.Option(help="Months in the run-rate forecast.")] = 3,
) -> None:
    """Budget follow-up: helårspersoner against budget, net expenditure after refusion, forecast."""
    from indsats.economics.budget import budgetopfoelgning, read_actuals_csv, read_budget_csv
    from indsats.economics.numbers import EconomicsInputError
    from indsats.economics.refusion import read_split_csv
    from indsats.economics.report import budget_maaned_tabel, budget_tabel

    try:
        posts = read_budget_csv(budget_file)
        if register is not None:
            from indsats.analytics.backend import connect, read_register
            from indsats.economics.fra_register import fra_register

            reg = read_register(connect("duckdb"), register)
            faktiske, fordelinger = [], []
            for aar in sorted({p.aar for p in posts}):
                ms, fs = fra_register(reg, kommune=kommune, aar=aar)
                faktiske += ms
                fordelinger += fs
        else:
            faktiske = read_actuals_csv(actuals) if actuals else []
            fordelinger = read_split_csv(split) if split else []
    except EconomicsInputError as exc:
        raise _fail(exc) from None
    try:
        result = [budgetopfoelgning(p, faktiske, fordelinger, basis_maaneder=months) for p in posts]
    except EconomicsInputError as exc:
        # The inputs were read; what does not fit together is named by the files it came from.
        sources = ", ".join(
            str(p.name) for p in (budget_file, actuals, split, register) if p is not None
        )
        raise _fail(EconomicsInputError(f"{sources}: {exc}")) from None
    for tabel in [budget_tabel(result), *(budget_maaned_tabel(o) for o in result)]:
        out = Table(title=tabel.titel)
        for i, col in enumerate(tabel.kolonner):
            out.add_column(col, justify="left" if i == 0 else "right")
        for row in tabel.raekker:
            out.add_row(*row)
        console.print(out)
        for note in tabel.noter:
            console.print(note)
