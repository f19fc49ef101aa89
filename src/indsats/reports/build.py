"""Compute the monthly report's content and write report.html, report.pdf and report.json."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indsats.goals.model import Goal, month_add, month_range
from indsats.register.store import is_uri
from indsats.reports.sections import EkstraAfsnit

if TYPE_CHECKING:
    import pyarrow as pa

    from indsats.goals.status import GoalStatus

# Version 3 (issue 19): goals on public figures follow quarters, so a goal's status is for a
# period (a month or a quarter): "periode" on the goal and on each point of its series,
# "expected_by_period", "expected_personer_by_period", "forecast_periods"; a goal says what it
# rests on ("grundlag": register or offentlige_tal) and public figures name their source. The
# report says which goals cannot be computed without a register ("ikke_beregnet") and the
# freshness of the register may be null (a report on public figures only).
# Version 2 (issue 11): one name per concept, "measure", "expected_by_month",
# "expected_personer_by_month" and "forecast_*" (version 1 said "maal", "forventet",
# "forventet_personer" and "prognose_*"). `read_report_data` upgrades older files on read.
SCHEMA_VERSION = 3
_V1_KEYS = {
    "maal": "measure",
    "forventet": "expected_by_month",
    "forventet_personer": "expected_personer_by_month",
    "prognose_metode": "forecast_method",
    "prognose_forhold": "forecast_ratio",
    "prognose_maaneder": "forecast_months",
}
_V2_KEYS = {
    "expected_by_month": "expected_by_period",
    "expected_personer_by_month": "expected_personer_by_period",
    "forecast_months": "forecast_periods",
}
GRUNDLAG_REGISTER = "register"
GRUNDLAG_OFFENTLIGE_TAL = "offentlige_tal"
IKKE_BEREGNET_GRUND = (
    "Kræver kommunens ydelsesregister på personniveau; kan ikke beregnes ud fra offentlige, "
    "aggregerede tal."
)


def report_dir(root: Path | str, kommune: int, month: str) -> Path:
    """Where a month's report lives: <root>/<kommune>/<month>/ (root: var/reports)."""
    return Path(root) / str(int(kommune)) / month


@dataclass
class ReportResult:
    html: Path
    pdf: Path
    json: Path
    pages: int
    timings: dict[str, float] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)


def _goal_dict(st: GoalStatus, month: str) -> dict[str, Any]:
    g = st.goal
    fc = st.forecast_detail
    serie = [
        {"periode": p, "vaerdi": o.vaerdi, "personer": o.personer}
        for p, o in sorted(st.serie.items())
    ]
    return {
        "id": g.id,
        "titel": g.titel,
        "ejer": g.ejer,
        "indikator": g.indikator,
        "measure": g.measure,
        "enhed": g.enhed,
        "retning": g.retning.value,
        "forloeb": g.forloeb.value,
        "kilde": g.kilde,
        "beskrivelse": g.beskrivelse,
        "tags": list(g.tags),
        "filtre": {k: list(v) for k, v in g.filtre},
        "baseline": asdict(g.baseline) if g.baseline else None,
        "target": asdict(g.target) if g.target else None,
        "target_vaerdi": g.target.vaerdi if g.target else None,
        "trin": dict(g.trin),
        "tolerance": g.tolerance,
        "maaned": month,
        "periode": st.periode,
        "actual": st.actual,
        "expected": st.expected,
        "gap": st.gap,
        "status": st.status.value,
        "text_da": st.text_da,
        "text_da_skjult": _suppressed_text(st),
        "forecast": st.forecast,
        "expected_year": st.expected_year,
        "personer": st.personer,
        "forecast_personer": st.forecast_personer,
        "pil": st.pil,
        "pil_god": st.pil_god,
        "forecast_method": fc.method if fc else None,
        "forecast_ratio": fc.ratio if fc else None,
        "forecast_periods": dict(fc.periods) if fc else {},
        "serie": serie,
        "expected_by_period": st.expected_by_period,
        "expected_personer_by_period": st.expected_personer_by_period,
        "expected_personer": st.expected_personer,
        "expected_from_data": st.expected_from_data,
    }


def _suppressed_text(st: GoalStatus) -> str:
    from indsats.goals.status import status_text_suppressed

    return status_text_suppressed(st)


def report_data(
    *,
    kommune: int,
    month: str,
    register_dir: Path | str | None,
    public_files: Sequence[Path | str] = (),
    public_root: Path | str | None = None,
    goals: Sequence[Goal] | None = None,
    extra_goals: Sequence[Goal] = (),
    aktiviteter: pa.Table | None = None,
    progress: Callable[[str], None] | None = None,
    timings: dict[str, Any] | None = None,
    opened: OpenRegister | None = None,
    register_tables: dict[str, pa.Table] | None = None,
) -> dict[str, Any]:
    """The report's content as plain data (what report.json holds).

    register_dir: the weekly benefit register; an aggregate table of public figures
    (`indsats register import aggregate`) or None builds the report on public figures only:
    goals on the register are then listed as not computable, never given figures.
    public_files: aggregate tables whose figures goals on `offentlige_tal` follow, before the
    fetched tables (under `public_root`, default var/publicdata) and the shipped series.
    goals: default the municipality's bundled local goals and the minister's goals of the year
    with an indicator (and, without a register, one goal per benefit group of the public
    figures), plus `extra_goals` (e.g. goals created in the web app).
    The benchmark is on real public figures (`indsats.goals.benchmark.real_benchmark`); figures
    from a synthetic register are marked (`datakilde`).
    """
    from indsats.domain.kommuner import get_kommune
    from indsats.goals import benchmark as bm  # the module (not re-exported by goals)
    from indsats.goals.loader import ministermaal
    from indsats.goals.measures import is_public
    from indsats.goals.model import parse_month
    from indsats.goals.public import public_period, public_series
    from indsats.goals.status import flag_unjudgeable, goal_status
    from indsats.publicdata.offentlige_tal import benchmark_series, public_sources
    from indsats.register.aggregate import is_aggregate

    timings = timings if timings is not None else {}
    step = progress or (lambda _msg: None)
    year, _ = parse_month(month)
    k = get_kommune(kommune)
    register = _register_path(register_dir) if register_dir is not None else None
    if register is not None and not is_uri(register) and is_aggregate(register):
        public_files = [register, *public_files]
        register = None
    sources = public_sources(public_files, root=public_root)
    goals = report_goals(
        kommune=kommune,
        year=year,
        on_register=register is not None,
        sources=sources,
        own_sources=len(public_files),
        goals=goals,
        extra_goals=extra_goals,
    )
    register_goals = [g for g in goals if not is_public(g.indikator)]

    t0 = time.perf_counter()
    by_id: dict[str, dict[str, Any]] = {}
    register_part: dict[str, Any] = {}
    if register is not None:
        step("Indikatorer fra ydelsesregistret")
        if opened is None:
            opened = open_register(register)
        register_part = _register_statuses(
            kommune=kommune,
            month=month,
            opened=opened,
            goals=register_goals,
            aktiviteter=aktiviteter,
            tables=register_tables,
        )
        by_id.update(register_part["maal"])
    used_sources: dict[str, dict[str, Any]] = {}
    for g in goals:
        if not is_public(g.indikator):
            continue
        serie, source = public_series(g, kommune, sources)
        period = public_period(serie, month)
        latest = max(serie, default="")
        serie = {p: o for p, o in serie.items() if p <= period}  # nothing after the report
        st = flag_unjudgeable(goal_status(g, period, serie))
        d = {**_goal_dict(st, month), "grundlag": GRUNDLAG_OFFENTLIGE_TAL, "forbehold": ""}
        if source is not None:
            d["datagrundlag"] = {**source.as_dict(), "seneste_periode": latest}
            used_sources.setdefault(source.kilde, d["datagrundlag"])
        else:
            d["datagrundlag"] = None
            d["forbehold"] = (
                "Ingen af de offentlige tabeller ved hånden har tal for kommunen i denne "
                "gruppe; hent dem med indsats data fetch eller indlæs dem."
            )
        by_id[g.id] = d
    ikke_beregnet = [
        {"id": g.id, "titel": g.titel, "indikator": g.indikator, "grund": IKKE_BEREGNET_GRUND}
        for g in register_goals
        if register is None
    ]
    timings["indikatorer"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    step("Benchmark (98 kommuner)")
    bench = bm.real_benchmark(
        kommune,
        month,
        serie=benchmark_series(public_root, sources[: len(public_files)]),
    )
    timings["benchmark"] = time.perf_counter() - t0

    mm = ministermaal(year)
    return {
        "version": SCHEMA_VERSION,
        "kommune": kommune,
        "kommune_navn": k.navn,
        "region": k.region_navn,
        "maaned": month,
        "bygget": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "maal": [by_id[g.id] for g in goals if g.id in by_id],
        "ikke_beregnet": ikke_beregnet,
        "ministermaal": [
            {
                "aar": m.aar,
                "nr": m.nr,
                "tekst": m.tekst,
                "kilde": m.kilde,
                "status_kilde": m.status_kilde,
                "goal_id": m.goal.id if m.goal else None,
                "uden_indikator": m.uden_indikator,
            }
            for m in mm
        ],
        "benchmark": asdict(bench),
        "datakilde": opened.datakilde if opened is not None else KUN_OFFENTLIGE_TAL,
        "offentlige_kilder": list(used_sources.values()),
        "register_ydelser": register_part.get("ydelser", []),
        "friskhed": register_part.get("friskhed"),
        "friskhed_efter_maaned": register_part.get("efter_maaned", False),
        "ekstra": [],
    }


_GRAENSER = {
    "sygedagpenge_over_26_uger": 26,
    "jobafklaring_over_52_uger": 52,
    "kontanthjaelp_over_2_aar": 104,
    "kontanthjaelp_over_5_aar": 260,
}


def report_goals(
    *,
    kommune: int,
    year: int,
    on_register: bool,
    sources: Sequence[Any],
    own_sources: int = 0,
    goals: Sequence[Goal] | None = None,
    extra_goals: Sequence[Goal] = (),
) -> list[Goal]:
    """The goals a municipality's report follows: `goals` (default the bundled local goals and
    the minister's goals of the year; without a register also one goal per benefit group of the
    public figures) plus `extra_goals`, those of other municipalities left out, one per id."""
    from indsats.goals.loader import demo_goals, ministermaal_goals
    from indsats.goals.public import default_public_goals

    if goals is None:
        goals = [*demo_goals(kommune), *ministermaal_goals(year)]
        if not on_register:
            # the user's own tables when given, else every public source at hand
            own = list(sources[:own_sources]) or list(sources)
            goals = [*goals, *default_public_goals(kommune, own)]
    chosen = [g for g in [*goals, *extra_goals] if g.kommune in (None, kommune)]
    unique: dict[str, Goal] = {}
    for g in chosen:
        unique.setdefault(g.id, g)  # one goal per id: the first given
    return list(unique.values())


def _register_path(register_dir: Path | str) -> Path | str:
    """A local register as a Path; an object-storage URI stays a string (Path would fold its
    `//`)."""
    return str(register_dir) if is_uri(register_dir) else Path(register_dir)


@dataclass
class OpenRegister:
    """A register opened once on a backend (DuckDB, or Spark for a national register), with
    what every report on it shows: coverage, benefits, freshness and source. The reports of
    several municipalities share one (`build_reports`)."""

    path: Path | str
    con: Any  # an Ibis backend
    reg: Any  # the register as an Ibis table
    daekning: tuple[int, int]
    ydelser: list[str]
    friskhed: dict[str, Any]
    datakilde: dict[str, Any]


def open_register(register_dir: Path | str, con: Any = None) -> OpenRegister:
    """Open the register on `con` (default: an in-memory DuckDB) and read its coverage, its
    benefits, its freshness and its source note. An object-storage path needs a Spark `con`."""
    from indsats.analytics.backend import connect, newest_modification, read_register
    from indsats.analytics.suite import register_coverage
    from indsats.reports.freshness import freshness

    path = _register_path(register_dir)
    con = con if con is not None else connect()
    reg = read_register(con, path)
    cov = register_coverage(reg)
    loaded = None
    if is_uri(path):
        stamp = newest_modification(con, str(path))
        loaded = datetime.fromtimestamp(stamp, tz=UTC) if stamp is not None else None
    return OpenRegister(
        path=path,
        con=con,
        reg=reg,
        daekning=cov,
        ydelser=register_benefits(reg),
        friskhed=asdict(freshness(path, cov[1], loaded_at=loaded)),
        datakilde=datakilde(path, con=con),
    )


def register_goal_tables(
    opened: OpenRegister,
    kommuner: Sequence[int],
    indicators: Sequence[str],
    month: str,
    *,
    aktiviteter: pa.Table | None = None,
) -> dict[int, dict[str, pa.Table]]:
    """The monthly indicator tables the reports of `month` need (from January of the year
    before), for several municipalities in one run of the suite on the backend, split by
    municipality. An indicator without a kommune column is run once per municipality."""
    import pyarrow.compute as pc

    from indsats.goals.model import parse_month
    from indsats.goals.series import indicator_tables

    year, _ = parse_month(month)
    first = f"{year - 1}-01"
    codes = [int(k) for k in kommuner]
    names = sorted(set(indicators))
    together = indicator_tables(
        opened.reg, codes, names, first, month, daekning=opened.daekning, aktiviteter=aktiviteter
    )
    out: dict[int, dict[str, pa.Table]] = {k: {} for k in codes}
    alone = [n for n, t in together.items() if "kommune" not in t.column_names]
    for name, table in together.items():
        if name in alone:
            continue
        for k in codes:
            out[k][name] = table.filter(pc.equal(table["kommune"], k))
    if alone:
        for k in codes:
            out[k].update(
                indicator_tables(
                    opened.reg,
                    k,
                    alone,
                    first,
                    month,
                    daekning=opened.daekning,
                    aktiviteter=aktiviteter,
                )
            )
    return out


def _register_statuses(
    *,
    kommune: int,
    month: str,
    opened: OpenRegister,
    goals: Sequence[Goal],
    aktiviteter: pa.Table | None,
    tables: dict[str, pa.Table] | None = None,
) -> dict[str, Any]:
    """The register's part of the report: each goal's monthly status, the benefits the
    register holds and its freshness. `tables`: the indicator tables when computed already
    (`register_goal_tables`)."""
    from indsats.goals.model import parse_month
    from indsats.goals.series import fill_months, goal_series
    from indsats.goals.status import flag_unjudgeable, goal_status
    from indsats.register import weeks

    year, _ = parse_month(month)
    cov = opened.daekning
    first = f"{year - 1}-01"
    if tables is None:
        tables = register_goal_tables(
            opened, [kommune], [g.indikator for g in goals], month, aktiviteter=aktiviteter
        )[kommune]
    last_month = weeks.period_label(cov[1], "maaned")
    first_cov = weeks.period_label(cov[0], "maaned")
    covered = [m for m in month_range(first, month) if first_cov <= m <= last_month]
    ydelser = opened.ydelser
    out: dict[str, dict[str, Any]] = {}
    for g in goals:
        serie = goal_series(g, tables)
        if g.indikator in tables:
            serie = fill_months(serie, covered, g)
        st = flag_unjudgeable(goal_status(g, month, serie), ydelser)
        forbehold = ""
        n = _GRAENSER.get(g.indikator)
        if n is not None and cov[0] + n > parse_periode_first(first):
            forbehold = (
                f"Registret begynder i {weeks.label(cov[0]).replace('W', ' uge ')}; forløb, der "
                f"begyndte før, regnes fra registrets start, så andelen over {n} uger er for "
                f"lav frem til {weeks.label(cov[0] + n).replace('W', ' uge ')}."
            )
        out[g.id] = {**_goal_dict(st, month), "grundlag": GRUNDLAG_REGISTER, "forbehold": forbehold}
    return {
        "maal": out,
        "ydelser": ydelser,
        "friskhed": opened.friskhed,
        "efter_maaned": last_month < month,
    }


def read_report_data(path: Path | str) -> dict[str, Any]:
    """A report.json as the current version's data (versions 1 and 2 are upgraded)."""
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    version = data.get("version", 1)
    if version > SCHEMA_VERSION:
        raise ValueError(
            f"{path}: report.json version {version} is newer than this program "
            f"(it reads {SCHEMA_VERSION}); update indsats"
        )
    if version == 1:
        for goal in data.get("maal", []):
            for old, new in _V1_KEYS.items():
                if old in goal:
                    goal[new] = goal.pop(old)
    if version <= 2:
        for goal in data.get("maal", []):
            for old, new in _V2_KEYS.items():
                if old in goal:
                    goal[new] = goal.pop(old)
            goal.setdefault("periode", goal.get("maaned", data.get("maaned")))
            goal.setdefault("grundlag", GRUNDLAG_REGISTER)
            for point in goal.get("serie", []):
                if "maaned" in point:
                    point["periode"] = point.pop("maaned")
        data.setdefault("ikke_beregnet", [])
        data.setdefault("offentlige_kilder", [])
    data["version"] = SCHEMA_VERSION
    return data


SYNTETISK_TEKST = (
    "Syntetiske tal: ydelsesregistret er en mikrosimulation (indsats' demo), kalibreret til "
    "offentlige tal fra Danmarks Statistik. Tallene viser, hvordan rapporten virker, ikke "
    "kommunens faktiske resultater."
)


KUN_OFFENTLIGE_TAL = {
    "syntetisk": False,
    "offentlige_tal": True,
    "tekst": (
        "Rapporten bygger alene på offentlige, aggregerede tal; kommunens ydelsesregister er "
        "ikke brugt."
    ),
    "kilde": {},
}


def datakilde(register_dir: Path | str, *, con: Any = None) -> dict[str, Any]:
    """Where the register's figures come from, and the sentence every page shows for it. A
    register on object storage has its source note read through Spark (`con`)."""
    from indsats.register.kilde import SOURCE_FILE, read_source

    if is_uri(register_dir):
        from indsats.analytics.backend import read_text_file

        text = read_text_file(con, f"{str(register_dir).rstrip('/')}/{SOURCE_FILE}")
        info: dict[str, Any] = json.loads(text) if text else {"kilde": "importeret"}
    else:
        info = read_source(register_dir)
    syntetisk = info.get("kilde") == "syntetisk"
    return {
        "syntetisk": syntetisk,
        "offentlige_tal": False,
        "tekst": SYNTETISK_TEKST
        if syntetisk
        else "Ydelsesregistret er indlæst fra kommunens data.",
        "kilde": info,
    }


def register_benefits(reg: Any) -> list[str]:  # reg: an Ibis table
    """The benefits present in the register (one small distinct query)."""
    return sorted(reg.select("ydelse").distinct().to_pyarrow().column("ydelse").to_pylist())


def parse_periode_first(month: str) -> int:
    from indsats.register.weeks import parse_periode

    return parse_periode(month).first


def build_report(
    *,
    kommune: int,
    month: str,
    register_dir: Path | str | None,
    out_dir: Path | str,
    public_files: Sequence[Path | str] = (),
    public_root: Path | str | None = None,
    goals: Sequence[Goal] | None = None,
    extra_goals: Sequence[Goal] = (),
    extra_sections: Sequence[EkstraAfsnit] = (),
    aktiviteter: pa.Table | None = None,
    charts: bool = True,
    pdf: bool = True,
    progress: Callable[[str], None] | None = None,
    opened: OpenRegister | None = None,
    register_tables: dict[str, pa.Table] | None = None,
) -> ReportResult:
    """Write report.json, report.html and report.pdf (and the charts) into `out_dir`.

    `opened` and `register_tables`: the register opened already (e.g. on Spark) and the
    municipality's indicator tables, as `build_reports` passes them."""
    from indsats.reports.render import render_html, write_charts

    timings: dict[str, float] = {}
    t_all = time.perf_counter()
    data = report_data(
        kommune=kommune,
        month=month,
        register_dir=register_dir,
        public_files=public_files,
        public_root=public_root,
        goals=goals,
        extra_goals=extra_goals,
        aktiviteter=aktiviteter,
        progress=progress,
        timings=timings,
        opened=opened,
        register_tables=register_tables,
    )
    data["ekstra"] = [asdict(s) for s in extra_sections]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if progress:
        progress("Diagrammer (SVG)")
    if charts:
        write_charts(data, out)
    timings["diagrammer"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    if progress:
        progress("HTML")
    html = render_html(data, out)
    html_path = out / "report.html"
    html_path.write_text(html, encoding="utf-8")
    timings["html"] = time.perf_counter() - t0

    pages = 0
    pdf_path = out / "report.pdf"
    if pdf:
        t0 = time.perf_counter()
        if progress:
            progress("PDF (WeasyPrint)")
        from indsats.reports.render import html_to_pdf

        pages = html_to_pdf(html, pdf_path, base_url=out)
        timings["pdf"] = time.perf_counter() - t0
    data["sider"] = pages
    json_path = out / "report.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    timings["i_alt"] = time.perf_counter() - t_all
    return ReportResult(html_path, pdf_path, json_path, pages, timings, data)


INDIKATOR_FIL = "indikatorer.parquet"


def build_reports(
    *,
    kommuner: Sequence[int],
    month: str,
    register_dir: Path | str,
    out_root: Path | str,
    con: Any = None,
    goals: Sequence[Goal] | None = None,
    pdf: bool = True,
    charts: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict[int, ReportResult]:
    """The monthly pipeline for many municipalities on one register (a national one, on Spark
    at scale): the register is opened once on `con`, the indicators every report needs
    (the goals' indicators and the refusion split, by month) run once for all `kommuner`
    together, then each municipality gets its report under <out_root>/<kommune>/<month>/
    (report.json, report.html, report.pdf) and its indicator tables in long form
    (indikatorer.parquet: the goals' indicators and `refusion_fordeling`)."""
    import pyarrow.parquet as pq

    from indsats.analytics.suite import to_long
    from indsats.goals.measures import is_public
    from indsats.goals.model import parse_month
    from indsats.register.store import atomic_file

    step = progress or (lambda _msg: None)
    year, _ = parse_month(month)
    step("Ydelsesregistret åbnes")
    opened = open_register(register_dir, con)
    names = {"refusion_fordeling"}
    for k in kommuner:
        for g in report_goals(kommune=k, year=year, on_register=True, sources=(), goals=goals):
            if not is_public(g.indikator):
                names.add(g.indikator)
    step(f"Indikatorer for {len(kommuner)} kommuner")
    tables = register_goal_tables(opened, kommuner, sorted(names), month)
    results: dict[int, ReportResult] = {}
    for k in kommuner:
        step(f"Rapport for {k}")
        out = report_dir(out_root, k, month)
        results[k] = build_report(
            kommune=k,
            month=month,
            register_dir=register_dir,
            out_dir=out,
            goals=goals,
            charts=charts,
            pdf=pdf,
            opened=opened,
            register_tables=tables[k],
        )
        with atomic_file(out / INDIKATOR_FIL) as tmp:
            pq.write_table(to_long(tables[k]), tmp)
    return results


def previous_month(today: date | None = None) -> str:
    """The last complete month before `today` (default: now)."""
    d = today or date.today()
    return month_add(f"{d.year:04d}-{d.month:02d}", -1)


# The demo lives on the day it is built: its register runs to the last complete ISO week before
# that day and its report is for the last complete month. The register always starts in 2020:
# the Varde plan 2020-2023's evaluation of 2021 compares with 2020 (goals measured month by month
# against last year, and last year's level of each goal), and spells over 26/52 weeks in 2021 are
# only seen if the register runs a year before (a spell running in its first week starts there);
# the investments from 2021 and the effect evaluations need that history too.
DEMO_FIRST_WEEK = "2020W01"
# The earliest day a demo can be built for: the plan of last year needs the register's level of
# the year before it (2022), and the planted projects need a year of history and half a year of
# follow-up.
DEMO_EARLIEST_DAY = date(2024, 1, 1)


class DemoDayError(ValueError):
    """A day the demo cannot be built for."""


def demo_day_check(day: date, *, now: date | None = None) -> date:
    """`day` if the demo can be built for it: from DEMO_EARLIEST_DAY up to `now` (today)."""
    now = now or date.today()
    if day < DEMO_EARLIEST_DAY:
        raise DemoDayError(
            f"the demo cannot be built for {day.isoformat()}: its history begins in 2020 for "
            f"the Varde plan 2020-2023, so the earliest day is {DEMO_EARLIEST_DAY.isoformat()}"
        )
    if day > now:
        raise DemoDayError(
            f"the demo cannot be built for {day.isoformat()}: the day lies after today "
            f"({now.isoformat()})"
        )
    return day


def last_complete_week(today: date) -> int:
    """The week index of the last complete ISO week before `today` (the week that ended on the
    Sunday before it; on a Sunday, the week before, since today's week is not over)."""
    from datetime import timedelta

    from indsats.register import weeks

    return weeks.week_index_of_date(today - timedelta(days=today.isoweekday()))


def demo_month(today: date) -> str:
    """The demo report's month: the last complete month before `today` whose weeks the demo
    register holds in full (weeks belong to the month of their Thursday, so on the first days of
    a month the month before may still lack its last week; then the month before that)."""
    from indsats.register import weeks

    last = last_complete_week(today)
    month = weeks.period_label(last, "maaned")
    if weeks.period_label(last + 1, "maaned") == month:  # the month goes on after the register
        month = month_add(month, -1)
    return month


def demo_register_weeks(today: date, first_week: str = DEMO_FIRST_WEEK) -> tuple[int, int]:
    """The weeks the demo register covers when built on `today`: first_week .. the last complete
    week."""
    from indsats.register import weeks

    first, last = weeks.parse_week(first_week), last_complete_week(today)
    if last < first:
        raise DemoDayError(
            f"the demo register would end ({weeks.label(last)}) before it begins ({first_week})"
        )
    return first, last


def _coverage(register_dir: Path) -> tuple[int, int] | None:
    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.suite import register_coverage

    try:
        return register_coverage(read_register(connect(), register_dir))
    except (FileNotFoundError, ValueError):
        return None


def demo_projekter_dir(*, var_dir: Path | str, kommune: int) -> Path:
    """Where the demo projects' participant lists live: var/evaluering/<kommune>/."""
    return Path(var_dir) / "evaluering" / str(int(kommune))


def demo_register(
    *,
    kommune: int,
    var_dir: Path | str,
    today: date | None = None,
    first_week: str = DEMO_FIRST_WEEK,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """The demo municipality's synthetic register under var/register/<kommune>, covering
    `first_week` to the last complete week before `today` (default: today), generated if missing,
    from an older demo or for another span. The demo's caseload and report are both drawn from
    it."""
    from indsats.evaluation.demo import demo_projects_present, generate_demo_register

    reg = Path(var_dir) / "register" / str(int(kommune))
    projekter = demo_projekter_dir(var_dir=var_dir, kommune=kommune)
    a, b = demo_register_weeks(today or date.today(), first_week)
    if not reg.exists() or _coverage(reg) != (a, b) or not demo_projects_present(reg, projekter):
        if progress:
            progress("Syntetisk ydelsesregister")
        # The demo's projects are planted in it, so their effect evaluations find a known effect.
        generate_demo_register(reg, int(kommune), a, b, projekter_dir=projekter, seed=seed)
    from indsats.register.kilde import SYNTETISK, is_synthetic, write_source

    if not is_synthetic(reg):  # a demo register from before registers carried their source
        write_source(reg, SYNTETISK, generator="indsats.register.generator", seed=seed)
    return reg


def demo_report(
    *,
    kommune: int,
    var_dir: Path | str,
    today: date | None = None,
    month: str | None = None,
    first_week: str = DEMO_FIRST_WEEK,
    seed: int = 0,
    extra_sections: Sequence[EkstraAfsnit] = (),
    progress: Callable[[str], None] | None = None,
) -> ReportResult:
    """The demo: the municipality's synthetic register (generated if missing) under
    var/register/<kommune>, then the report of `month` (default: the last complete month before
    `today`) under var/reports/<kommune>/<month>/."""
    today = today or date.today()
    month = month or demo_month(today)
    var = Path(var_dir)
    reg = demo_register(
        kommune=kommune,
        var_dir=var,
        today=today,
        first_week=first_week,
        seed=seed,
        progress=progress,
    )
    return build_report(
        kommune=kommune,
        month=month,
        register_dir=reg,
        out_dir=report_dir(var / "reports", kommune, month),
        extra_sections=extra_sections,
        progress=progress,
    )
