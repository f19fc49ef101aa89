"""`indsats report`: the monthly report to the committee (report.html and report.pdf)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer


def report(
    month: Annotated[str, typer.Option("--month", "-m", help="Report month, e.g. 2024-06.")],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Output directory (report.html, report.pdf); with several municipalities the "
            "root: <out>/<kommune>/<month>/.",
        ),
    ],
    kommune: Annotated[
        list[int] | None,
        typer.Option("--kommune", "-k", help="Municipality code, e.g. 573 (repeat for several)."),
    ] = None,
    alle_kommuner: Annotated[
        bool,
        typer.Option("--alle-kommuner", help="All 98 municipalities on one national register."),
    ] = False,
    register_arg: Annotated[
        str | None,
        typer.Option(
            "--register",
            help="Register directory (default: var/register/<kommune>), or an aggregate table "
            "of public figures (indsats register import aggregate): then the report is built on "
            "public figures only. With --backend pyspark also an object-storage path "
            "(s3a://bucket/register).",
        ),
    ] = None,
    backend: Annotated[
        str, typer.Option("--backend", help="duckdb (embedded) or pyspark.")
    ] = "duckdb",
    spark_master: Annotated[
        str | None,
        typer.Option(
            "--spark-master",
            help="Spark master URL (spark://host:7077, yarn, local[4]); default "
            "INDSATS_SPARK_MASTER or local[2].",
        ),
    ] = None,
    spark_remote: Annotated[
        str | None,
        typer.Option(
            "--spark-remote",
            help="Spark Connect URL (sc://host:15002); default INDSATS_SPARK_REMOTE.",
        ),
    ] = None,
    spark_conf: Annotated[
        list[str] | None,
        typer.Option(
            "--spark-conf",
            help="A Spark setting key=value (repeatable); adds to INDSATS_SPARK_CONF.",
        ),
    ] = None,
    public: Annotated[
        list[Path] | None,
        typer.Option(
            "--public",
            help="Aggregate table(s) of public figures (indsats register import aggregate) for "
            "goals on offentlige_tal; fetched tables (indsats data fetch) and the shipped AUK01 "
            "series are used too.",
        ),
    ] = None,
    public_only: Annotated[
        bool,
        typer.Option(
            "--public-only",
            help="No register: build the report on public figures only (the shipped AUK01 "
            "series, fetched tables and --public files).",
        ),
    ] = False,
    goals: Annotated[
        list[Path] | None,
        typer.Option("--goals", help="Goal YAML file(s) instead of the bundled local goals."),
    ] = None,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="Only HTML.")] = False,
) -> None:
    """Build the monthly report: goals with status and forecast, benchmark, data freshness."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from indsats.domain.kommuner import UnknownKommune, all_kommuner, get_kommune
    from indsats.goals.model import GoalError, parse_month
    from indsats.reports.build import build_report

    if backend not in ("duckdb", "pyspark"):
        raise typer.BadParameter(f"unknown backend {backend!r}; known: duckdb, pyspark")
    if alle_kommuner and kommune:
        raise typer.BadParameter("--alle-kommuner and --kommune exclude each other")
    if not alle_kommuner and not kommune:
        raise typer.BadParameter("give --kommune (one or more) or --alle-kommuner")
    try:
        codes = (
            [k.kode for k in all_kommuner()]
            if alle_kommuner
            else [get_kommune(c).kode for c in kommune or []]
        )
        year, _ = parse_month(month)
    except (UnknownKommune, ValueError) as exc:
        raise typer.BadParameter(str(exc)) from None
    con = None
    if backend == "pyspark":
        from indsats.analytics.backend import SparkSettings, connect

        try:
            settings = SparkSettings.from_env(
                master=spark_master, remote=spark_remote, conf=spark_conf or ()
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--spark-conf") from None
        typer.echo(f"PySpark: {settings.describe()}")
        con = connect("pyspark", settings=settings)
    elif spark_master or spark_remote or spark_conf:
        raise typer.BadParameter("--spark-* options need --backend pyspark")
    goal_list = None
    if goals:
        from indsats.goals.loader import load_goals, ministermaal_goals

        try:
            goal_list = [g for p in goals for g in load_goals(p)] + ministermaal_goals(year)
        except GoalError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
    if len(codes) > 1:
        _many(codes, month, out, register_arg, con, goal_list, not no_pdf, public_only, public)
        return
    k = get_kommune(codes[0])
    from indsats.register.aggregate import is_aggregate
    from indsats.register.schema import RegisterImportError
    from indsats.register.store import is_uri

    register: Path | str | None = None
    if register_arg is not None:
        register = register_arg if is_uri(register_arg) else Path(register_arg)

    public_files = list(public or [])
    for p in public_files:
        if not is_aggregate(p):
            raise typer.BadParameter(
                f"{p} is not an aggregate table of public figures (indsats register import "
                "aggregate writes one)",
                param_hint="--public",
            )
    if public_only:
        if register is not None:
            raise typer.BadParameter("--public-only and --register exclude each other")
    elif isinstance(register, str):
        if con is None:
            raise typer.BadParameter(
                f"{register}: an object-storage path is read by Spark; use --backend pyspark",
                param_hint="--register",
            )
    else:
        register = register or Path("var/register") / str(k.kode)
        if not register.exists():
            raise typer.BadParameter(
                f"no register at {register} (indsats register generate --kommune {k.kode} "
                f"--out {register}); without a register, build the report on public figures "
                "with --public-only or --register <aggregate table>"
            )
        if register.is_file() and not is_aggregate(register):
            raise typer.BadParameter(
                f"{register} is neither a register directory nor an aggregate table of public "
                "figures (indsats register import aggregate writes one)",
                param_hint="--register",
            )
    on_register = register is not None and (is_uri(register) or not is_aggregate(register))
    steps = [
        *(["Indikatorer fra ydelsesregistret"] if on_register else []),
        "Benchmark (98 kommuner)",
        "Diagrammer (SVG)",
        "HTML",
        "PDF (WeasyPrint)",
    ]
    console = Console()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Månedsrapport", total=len(steps))
        seen: list[str] = []

        def step(msg: str) -> None:
            if seen:
                progress.advance(task)
            seen.append(msg)
            progress.update(task, description=msg)

        try:
            result = build_report(
                kommune=k.kode,
                month=month,
                register_dir=register,
                public_files=public_files,
                out_dir=out,
                goals=goal_list,
                pdf=not no_pdf,
                progress=step,
                opened=_open(register, con) if on_register and register is not None else None,
            )
        except RegisterImportError as exc:  # a fetched table that no longer reads
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
        progress.update(task, completed=len(steps))
    if not on_register:
        console.print("Bygget på offentlige, aggregerede tal (intet ydelsesregister).")
    console.print(
        f"Månedsrapport for {k.navn} ({month}): {result.html}"
        + ("" if no_pdf else f" og {result.pdf} ({result.pages} sider)")
    )
    console.print(f"Bygget på {result.timings['i_alt']:.1f} s")


def _open(register: Path | str, con: Any) -> Any:
    from indsats.reports.build import open_register

    return open_register(register, con)


def _many(
    codes: list[int],
    month: str,
    out: Path,
    register_arg: str | None,
    con: Any,
    goals: Any,
    pdf: bool,
    public_only: bool,
    public: list[Path] | None,
) -> None:
    """Several municipalities on one (national) register: `build_reports`."""
    import time

    from rich.console import Console

    from indsats.register.store import is_uri
    from indsats.reports.build import build_reports

    if public_only or public:
        raise typer.BadParameter(
            "--public-only and --public are for one municipality; several municipalities are "
            "built on one national register (--register)"
        )
    if register_arg is None:
        raise typer.BadParameter(
            "several municipalities need --register: one register that holds them all",
            param_hint="--register",
        )
    register: Path | str = register_arg if is_uri(register_arg) else Path(register_arg)
    if isinstance(register, Path) and not register.is_dir():
        raise typer.BadParameter(f"no register directory at {register}", param_hint="--register")
    if isinstance(register, str) and con is None:
        raise typer.BadParameter(
            f"{register}: an object-storage path is read by Spark; use --backend pyspark",
            param_hint="--register",
        )
    console = Console()
    t0 = time.perf_counter()
    results = build_reports(
        kommuner=codes,
        month=month,
        register_dir=register,
        out_root=out,
        con=con,
        goals=goals,
        pdf=pdf,
        progress=lambda msg: console.print(msg),
    )
    console.print(
        f"{len(results)} månedsrapporter ({month}) under {out}/<kommune>/{month}/ på "
        f"{time.perf_counter() - t0:.1f} s"
    )
