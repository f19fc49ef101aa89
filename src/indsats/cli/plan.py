"""`indsats plan`: check a plan file, compare two versions, evaluate a year, write the document."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="The beskæftigelsesplan as data (docs/plan.md).", no_args_is_help=True)

GoalsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--maal", help="Goal YAML file(s) with goals the plan names (beside the bundled)."
    ),
]


def _load(path: Path, goal_files: list[Path] | None):
    from indsats.goals.loader import load_goals
    from indsats.goals.model import GoalError
    from indsats.plan import PlanError, check_version, load_plan
    from indsats.plan.validation import kendte_maal

    try:
        v = load_plan(path)
        extra = [g for p in goal_files or [] for g in load_goals(p)]
        goals = kendte_maal(v, ekstra=extra)
        check_version(v, goals=goals, kilde=path.name)
    except (PlanError, GoalError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    return v, goals


@app.command()
def check(path: Path, maal: GoalsOpt = None) -> None:
    """Validate a plan file and check the tables it prints (exit 1 if a table does not add up)."""
    from indsats.plan.validation import tabel_kontrol

    v, _ = _load(path, maal)
    bad = 0
    for inv in v.investeringer:
        for t in inv.tabeller:
            k = tabel_kontrol(t)
            for a in k.afvigelser:
                bad += 1
                typer.echo(
                    f"{t.titel}: {a.kolonne}, {a.post}: står {a.oplyst}, beregnet {a.forventet}"
                )
    typer.echo(
        f"{v.titel}, {v.betegnelse}: {len(v.alle_maal())} mål, {len(v.alle_indsatser())} "
        f"indsatser, {len(v.investeringer)} investeringer; {bad} tabelcelle(r) regner ikke."
    )
    raise typer.Exit(1 if bad else 0)


@app.command()
def diff(old: Path, new: Path, maal: GoalsOpt = None) -> None:
    """The changes from one version to another (goals, måltal, actions, budget)."""
    from indsats.plan.diff import version_diff

    a, _ = _load(old, maal)
    b, _ = _load(new, maal)
    changes = version_diff(a, b)
    for c in changes:
        typer.echo(c.tekst)
    typer.echo(f"{len(changes)} ændring(er).")


def _evaluering(
    v, goals, aar: int | None, register: Path | None, i_dag: date, effekt: bool = False
):
    from indsats.plan.evaluation import (
        effekt_fra_register,
        maal_serier,
        maanedstal_fra_register,
        plan_evaluation,
    )

    if aar is None:
        return None
    if register is None or not register.exists():
        raise typer.BadParameter("--evaluering needs --register DIR (the benefit register)")
    used = [goals[m.goal_id] for m in v.alle_maal() if m.goal_id in goals]
    serier, kilde = maal_serier(register, v.kommune, used, aar)
    try:
        ms = maanedstal_fra_register(register, v.kommune, aar)
    except Exception:
        ms = []
    return plan_evaluation(
        v,
        aar,
        goals=goals,
        serier=serier,
        maanedstal=ms,
        i_dag=i_dag,
        datagrundlag=kilde,
        effekt=effekt_fra_register(register, v.kommune) if effekt else None,
    )


@app.command()
def document(
    path: Path,
    out: Annotated[Path, typer.Option("--out", help="Output directory.")],
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: html, pdf, docx.")
    ] = "html,pdf,docx",
    evaluering: Annotated[
        int | None, typer.Option("--evaluering", help="Add the evaluation of this year.")
    ] = None,
    register: Annotated[
        Path | None, typer.Option("--register", help="Register directory (for --evaluering).")
    ] = None,
    logo: Annotated[
        Path | None, typer.Option("--logo", help="The municipality's logo (PNG).")
    ] = None,
    maal: GoalsOpt = None,
) -> None:
    """Write the plan document as HTML, PDF and DOCX."""
    from indsats.plan.document import FORMATER, dokument, write_document

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    if not chosen or any(f not in FORMATER for f in chosen):
        raise typer.BadParameter(f"--format: choose from {', '.join(FORMATER)}")
    v, goals = _load(path, maal)
    today = date.today()
    ev = _evaluering(v, goals, evaluering, register, today)
    logo_bytes = logo.read_bytes() if logo else None
    from indsats.plan.evaluation import evaluering_to_dict

    d = dokument(
        v,
        goals=goals,
        i_dag=today,
        evaluering=evaluering_to_dict(ev) if ev else None,
        logo=logo_bytes,
    )
    files = write_document(d, out, formater=chosen)
    for f in (files.html, files.pdf, files.docx):
        if f is not None:
            typer.echo(str(f))
    typer.echo(
        "Tider: "
        + ", ".join(f"{k} {t:.1f} s" for k, t in files.tider.items())
        + (f"; PDF {files.sider} sider" if files.pdf else "")
    )


@app.command()
def evaluate(
    path: Path,
    aar: Annotated[int, typer.Option("--aar", help="The plan year to evaluate.")],
    register: Annotated[Path, typer.Option("--register", help="Register directory.")],
    maal: GoalsOpt = None,
    effekt: Annotated[
        bool,
        typer.Option("--effekt", help="Add the effect evaluation of each investment (slow)."),
    ] = False,
) -> None:
    """The yearly evaluation: each goal, action and investment with a drafted paragraph."""
    from indsats.plan import PlanError
    from indsats.plan.evaluation import VURDERING_LABELS

    v, goals = _load(path, maal)
    try:
        ev = _evaluering(v, goals, aar, register, date.today(), effekt)
    except PlanError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    assert ev is not None
    for m in ev.maal:
        typer.echo(f"[{VURDERING_LABELS[m.vurdering]}] {m.tekst}")
    for i in ev.indsatser:
        typer.echo(i.tekst)
    for inv in ev.investeringer:
        typer.echo(inv.tekst)
    for f in ev.forslag:
        typer.echo(f"Forslag: {f.tekst}")
