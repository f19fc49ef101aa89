"""The labour-market situation drafted from data: the benefit register, public figures and the
job barometer, as tables, a chart and a Danish text the analyst edits.

Every table and the chart name their source and the date the figures were drafted; figures on
fewer than 5 persons are shown as "<5" (the plan goes to the committee).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from indsats.goals.suppression import SKJULT, is_suppressed
from indsats.plan.formats import dato, maaned_tekst, tal
from indsats.plan.model import Situation, SituationFigur, SituationTabel

# The benefits the chart follows month by month (the largest groups of the plans).
FIGUR_YDELSER = ("dagpenge", "kontanthjaelp", "sygedagpenge")


def _register_rows(
    register_dir: Path | str, kommune: int, first: str, last: str, niveau: str
) -> tuple[list[tuple[str, str, float, int]], tuple[int, int]]:
    """(periode, ydelse, fuldtidspersoner, personer) rows of the register, and its coverage."""
    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.kontekst import Kontekst
    from indsats.analytics.suite import register_coverage, run_indicators
    from indsats.register.weeks import parse_periode

    reg = read_register(connect(), register_dir)
    cov = register_coverage(reg)
    ctx = Kontekst(periode=parse_periode(f"{first}:{last}"), niveau=niveau, daekning=cov)
    table = run_indicators(reg, ctx, ["fuldtidspersoner"], kommune=kommune)["fuldtidspersoner"]
    rows = [
        (str(r["periode"]), str(r["ydelse"]), float(r["fuldtidspersoner"]), int(r["personer"]))
        for r in table.to_pylist()
    ]
    return rows, cov


def situation_draft(
    *,
    kommune: int,
    aar: int,
    i_dag: date,
    register_dir: Path | str | None = None,
    barometer: Sequence[tuple[str, str]] = (),
) -> Situation:
    """A draft for the plan for `aar`: the three years before from the register, unemployment
    from Danmarks Statistik, and the job barometer's signals (industry, signal)."""
    from indsats.domain.kommuner import get_kommune
    from indsats.domain.ydelser import YDELSER, Ydelse
    from indsats.register import weeks
    from indsats.register.calibration import aup02

    navn = get_kommune(kommune).navn
    tabeller: list[SituationTabel] = []
    figurer: list[SituationFigur] = []
    tekst: list[str] = []
    years = [aar - 3, aar - 2, aar - 1]
    if register_dir is not None and Path(register_dir).exists():
        rows, cov = _register_rows(register_dir, kommune, str(years[0]), str(years[-1]), "aar")
        first_week = weeks.label(cov[0]).replace("W", " uge ")
        last_week = weeks.label(cov[1]).replace("W", " uge ")
        kilde = f"Ydelsesregistret ({first_week} til {last_week}), dannet {dato(i_dag)}"
        per: dict[str, dict[str, tuple[float, int]]] = {}
        for periode, ydelse, ftp, personer in rows:
            per.setdefault(ydelse, {})[periode] = (ftp, personer)
        shown = [y for y in years if any(str(y) in v for v in per.values())]

        def cell(y: Ydelse, year: int) -> str:
            v = per.get(y.value, {}).get(str(year))
            if v is None:
                return "0"
            return SKJULT if is_suppressed(v[1]) else tal(v[0])

        raekker = tuple(
            (YDELSER[y].navn, *(cell(y, year) for year in shown)) for y in Ydelse if y.value in per
        )
        totals = {year: sum(v.get(str(year), (0.0, 0))[0] for v in per.values()) for year in shown}
        if raekker:
            tabeller.append(
                SituationTabel(
                    "Fuldtidspersoner på offentlig forsørgelse pr. ydelse (årsgennemsnit)",
                    ("Ydelse", *(str(y) for y in shown)),
                    (*raekker, ("I alt", *(tal(totals[y]) for y in shown))),
                    kilde,
                )
            )
        if len(shown) >= 2:
            a, b = totals[shown[-2]], totals[shown[-1]]
            change = (b - a) / a * 100 if a else 0.0
            retning = "steg" if b > a else "faldt"
            tekst.append(
                f"I {shown[-1]} var der i gennemsnit {tal(b)} fuldtidspersoner på offentlig "
                f"forsørgelse i {navn} Kommune. Tallet {retning} med "
                f"{tal(abs(change), 1)} % fra {shown[-2]} ({tal(a)})."
            )
            big = sorted(
                (
                    (y, per[y.value].get(str(shown[-1]), (0.0, 0))[0])
                    for y in Ydelse
                    if y.value in per
                ),
                key=lambda x: -x[1],
            )[:3]
            # the same figure as the table's cell: a group of fewer than 5 persons stays hidden
            tekst.append(
                "De største grupper var "
                + ", ".join(f"{YDELSER[y].navn.lower()} ({cell(y, shown[-1])})" for y, _ in big)
                + "."
            )
        mrows, _ = _register_rows(
            register_dir, kommune, f"{years[-2]}-01", f"{years[-1]}-12", "maaned"
        )
        punkter = tuple(
            (
                maaned_tekst(periode)[:3] + " " + periode[2:4],
                YDELSER[Ydelse(ydelse)].navn,
                ftp,
            )
            for periode, ydelse, ftp, personer in sorted(mrows)
            if ydelse in FIGUR_YDELSER and not is_suppressed(personer)
        )
        if punkter:
            figurer.append(
                SituationFigur(
                    "Fuldtidspersoner pr. måned på udvalgte ydelser", "personer", punkter, kilde
                )
            )
    ledighed = aup02().get(kommune, {})
    lyears = [y for y in years if y in ledighed]
    if lyears:
        tabeller.append(
            SituationTabel(
                "Fuldtidsledige i procent af arbejdsstyrken",
                ("Kommune", *(str(y) for y in lyears)),
                ((navn, *(tal(ledighed[y], 1) + " %" for y in lyears)),),
                "Danmarks Statistik, AUP02 (årsgennemsnit af månedstallene)",
            )
        )
        tekst.append(
            f"Ledigheden var {tal(ledighed[lyears[-1]], 1)} % af arbejdsstyrken i {lyears[-1]} "
            "(Danmarks Statistik)."
        )
    if barometer:
        tabeller.append(
            SituationTabel(
                "Jobbarometer: brancher og behov for arbejdskraft",
                ("Branche", "Behov"),
                tuple((b, s) for b, s in barometer),
                f"Jobcentrets jobbarometer, dannet {dato(i_dag)}",
            )
        )
        stor = [b for b, s in barometer if s.lower().startswith("stor")]
        if stor:
            tekst.append(
                "Jobbarometeret viser størst behov for arbejdskraft i " + ", ".join(stor) + "."
            )
    if not tekst:
        tekst.append("Der er endnu ingen data til at beskrive beskæftigelsessituationen.")
    tekst.append("Teksten er dannet af indsats ud fra data; analytikeren tilretter den.")
    return Situation(
        tekst="\n\n".join(tekst),
        tabeller=tuple(tabeller),
        figurer=tuple(figurer),
        dannet=i_dag.isoformat(),
    )
