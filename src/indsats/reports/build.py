"""Compute the monthly report's content and write report.html, report.pdf and report.json."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from indsats.goals.model import Goal, month_add, month_range
from indsats.reports.sections import EkstraAfsnit

# Version 2 (issue 11): one name per concept, "measure", "expected_by_month",
# "expected_personer_by_month" and "forecast_*" (version 1 said "maal", "forventet",
# "forventet_personer" and "prognose_*"). `read_report_data` upgrades a version 1 file on read.
SCHEMA_VERSION = 2
_V1_KEYS = {
    "maal": "measure",
    "forventet": "expected_by_month",
    "forventet_personer": "expected_personer_by_month",
    "prognose_metode": "forecast_method",
    "prognose_forhold": "forecast_ratio",
    "prognose_maaneder": "forecast_months",
}


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
    data: dict = field(default_factory=dict)


def _goal_dict(st, month: str) -> dict:
    g = st.goal
    fc = st.forecast_detail
    serie = [
        {"maaned": m, "vaerdi": o.vaerdi, "personer": o.personer}
        for m, o in sorted(st.serie.items())
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
        "forecast_months": dict(fc.months) if fc else {},
        "serie": serie,
        "expected_by_month": st.expected_by_month,
        "expected_personer_by_month": st.expected_personer_by_month,
        "expected_personer": st.expected_personer,
        "expected_from_data": st.expected_from_data,
    }


def _suppressed_text(st) -> str:
    from indsats.goals.status import status_text_suppressed

    return status_text_suppressed(st)


def report_data(
    *,
    kommune: int,
    month: str,
    register_dir: Path | str,
    goals: Sequence[Goal] | None = None,
    extra_goals: Sequence[Goal] = (),
    aktiviteter=None,
    progress: Callable[[str], None] | None = None,
    timings: dict | None = None,
) -> dict:
    """The report's content as plain data (what report.json holds).

    goals: default the municipality's bundled local goals and the minister's goals of the year
    with an indicator, plus `extra_goals` (e.g. goals created in the web app).
    The benchmark is on real public figures (`indsats.goals.benchmark.real_benchmark`); figures
    from a synthetic register are marked (`datakilde`).
    """
    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.suite import register_coverage
    from indsats.domain.kommuner import get_kommune
    from indsats.goals import benchmark as bm  # the module (not re-exported by goals)
    from indsats.goals.loader import demo_goals, ministermaal, ministermaal_goals
    from indsats.goals.model import parse_month
    from indsats.goals.series import fill_months, goal_series, indicator_tables
    from indsats.goals.status import flag_unjudgeable, goal_status
    from indsats.register import weeks
    from indsats.reports.freshness import freshness

    timings = timings if timings is not None else {}
    step = progress or (lambda _msg: None)
    year, _ = parse_month(month)
    k = get_kommune(kommune)
    if goals is None:
        goals = [*demo_goals(kommune), *ministermaal_goals(year)]
    goals = [g for g in [*goals, *extra_goals] if g.kommune in (None, kommune)]

    t0 = time.perf_counter()
    step("Indikatorer fra ydelsesregistret")
    con = connect()
    reg = read_register(con, register_dir)
    cov = register_coverage(reg)
    first = f"{year - 1}-01"
    tables = indicator_tables(
        reg,
        kommune,
        [g.indikator for g in goals],
        first,
        month,
        daekning=cov,
        aktiviteter=aktiviteter,
    )
    last_month = weeks.period_label(cov[1], "maaned")
    first_cov = weeks.period_label(cov[0], "maaned")
    covered = [m for m in month_range(first, month) if first_cov <= m <= last_month]
    forbehold: dict[str, str] = {}
    graenser = {
        "sygedagpenge_over_26_uger": 26,
        "jobafklaring_over_52_uger": 52,
        "kontanthjaelp_over_2_aar": 104,
        "kontanthjaelp_over_5_aar": 260,
    }
    for g in goals:
        n = graenser.get(g.indikator)
        if n is not None and cov[0] + n > parse_periode_first(first):
            forbehold[g.id] = (
                f"Registret begynder i {weeks.label(cov[0]).replace('W', ' uge ')}; forløb, der "
                f"begyndte før, regnes fra registrets start, så andelen over {n} uger er for "
                f"lav frem til {weeks.label(cov[0] + n).replace('W', ' uge ')}."
            )
    ydelser = register_benefits(reg)
    statuses = []
    for g in goals:
        serie = goal_series(g, tables)
        if g.indikator in tables:
            serie = fill_months(serie, covered, g)
        statuses.append(flag_unjudgeable(goal_status(g, month, serie), ydelser))
    timings["indikatorer"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    step("Benchmark (98 kommuner)")
    bench = bm.real_benchmark(kommune, month)
    timings["benchmark"] = time.perf_counter() - t0

    mm = ministermaal(year)
    return {
        "version": SCHEMA_VERSION,
        "kommune": kommune,
        "kommune_navn": k.navn,
        "region": k.region_navn,
        "maaned": month,
        "bygget": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "maal": [
            {**_goal_dict(s, month), "forbehold": forbehold.get(s.goal.id, "")} for s in statuses
        ],
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
        "datakilde": datakilde(register_dir),
        "register_ydelser": ydelser,
        "friskhed": asdict(freshness(register_dir, cov[1])),
        "friskhed_efter_maaned": last_month < month,
        "ekstra": [],
    }


def read_report_data(path: Path | str) -> dict:
    """A report.json as the current version's data (a version 1 file is upgraded)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    version = data.get("version", 1)
    if version == 1:
        for goal in data.get("maal", []):
            for old, new in _V1_KEYS.items():
                if old in goal:
                    goal[new] = goal.pop(old)
        data["version"] = SCHEMA_VERSION
    elif version != SCHEMA_VERSION:
        raise ValueError(
            f"{path}: report.json version {version} is newer than this program "
            f"(it reads {SCHEMA_VERSION}); update indsats"
        )
    return data


SYNTETISK_TEKST = (
    "Syntetiske tal: ydelsesregistret er en mikrosimulation (indsats' demo), kalibreret til "
    "offentlige tal fra Danmarks Statistik. Tallene viser, hvordan rapporten virker, ikke "
    "kommunens faktiske resultater."
)


def datakilde(register_dir: Path | str) -> dict:
    """Where the register's figures come from, and the sentence every page shows for it."""
    from indsats.register.kilde import read_source

    info = read_source(register_dir)
    syntetisk = info.get("kilde") == "syntetisk"
    return {
        "syntetisk": syntetisk,
        "tekst": SYNTETISK_TEKST
        if syntetisk
        else "Ydelsesregistret er indlæst fra kommunens data.",
        "kilde": info,
    }


def register_benefits(reg) -> list[str]:
    """The benefits present in the register (one small distinct query)."""
    return sorted(reg.select("ydelse").distinct().to_pyarrow().column("ydelse").to_pylist())


def parse_periode_first(month: str) -> int:
    from indsats.register.weeks import parse_periode

    return parse_periode(month).first


def build_report(
    *,
    kommune: int,
    month: str,
    register_dir: Path | str,
    out_dir: Path | str,
    goals: Sequence[Goal] | None = None,
    extra_goals: Sequence[Goal] = (),
    extra_sections: Sequence[EkstraAfsnit] = (),
    aktiviteter=None,
    charts: bool = True,
    pdf: bool = True,
    progress: Callable[[str], None] | None = None,
) -> ReportResult:
    """Write report.json, report.html and report.pdf (and the charts) into `out_dir`."""
    from indsats.reports.render import render_html, write_charts

    timings: dict[str, float] = {}
    t_all = time.perf_counter()
    data = report_data(
        kommune=kommune,
        month=month,
        register_dir=register_dir,
        goals=goals,
        extra_goals=extra_goals,
        aktiviteter=aktiviteter,
        progress=progress,
        timings=timings,
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


def previous_month(today=None) -> str:
    """The last complete month before `today` (default: now)."""
    from datetime import date

    d = today or date.today()
    return month_add(f"{d.year:04d}-{d.month:02d}", -1)


DEMO_MONTH = "2024-06"
# From 2021: duration shares (over 26/52 weeks) in 2023, the comparison year, need the history.
DEMO_REGISTER_WEEKS = ("2021W01", "2024W52")


def _coverage(register_dir: Path) -> tuple[int, int] | None:
    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.suite import register_coverage

    try:
        return register_coverage(read_register(connect(), register_dir))
    except (FileNotFoundError, ValueError):
        return None


def demo_register(
    *,
    kommune: int,
    var_dir: Path | str,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """The demo municipality's synthetic register under var/register/<kommune>, generated if
    missing or from an older demo. The demo's caseload and report are both drawn from it."""
    from indsats.register import generator, weeks

    reg = Path(var_dir) / "register" / str(int(kommune))
    a, b = (weeks.parse_week(w) for w in DEMO_REGISTER_WEEKS)
    if not reg.exists() or _coverage(reg) != (a, b):
        if progress:
            progress("Syntetisk ydelsesregister")
        generator.generate_register(reg, [int(kommune)], a, b, seed=seed)
    from indsats.register.kilde import SYNTETISK, is_synthetic, write_source

    if not is_synthetic(reg):  # a demo register from before registers carried their source
        write_source(reg, SYNTETISK, generator="indsats.register.generator", seed=seed)
    return reg


def demo_report(
    *,
    kommune: int,
    var_dir: Path | str,
    month: str = DEMO_MONTH,
    seed: int = 0,
    extra_sections: Sequence[EkstraAfsnit] = (),
    progress: Callable[[str], None] | None = None,
) -> ReportResult:
    """The demo: the municipality's synthetic register (generated if missing) under
    var/register/<kommune>, then the month's report under var/reports/<kommune>/<month>/."""
    var = Path(var_dir)
    reg = demo_register(kommune=kommune, var_dir=var, seed=seed, progress=progress)
    return build_report(
        kommune=kommune,
        month=month,
        register_dir=reg,
        out_dir=report_dir(var / "reports", kommune, month),
        extra_sections=extra_sections,
        progress=progress,
    )
