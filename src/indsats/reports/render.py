"""Formatting the report data the Danish way (with suppression) and rendering HTML.

`visning(data, skjul=...)` is shared by the report (always `skjul=True`: it goes to the
committee) and the web pages (`skjul` for the udvalg role).
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from indsats.domain.numbers import format_number, format_share
from indsats.goals.model import (
    FORLOEB_LABELS,
    RETNING_LABELS,
    STATUS_LABELS,
    Forloeb,
    Retning,
    Status,
    is_quarter,
    month_da,
    period_da,
    period_short_da,
)
from indsats.goals.numbers import format_gap, format_value
from indsats.goals.suppression import SKJULT, is_suppressed, skjult

TZ = ZoneInfo("Europe/Copenhagen")


def _dato(iso: str) -> str:
    return date.fromisoformat(iso[:10]).strftime("%d.%m.%Y")


def _tidspunkt(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(TZ).strftime("%d.%m.%Y kl. %H.%M")


def chart_name(goal_id: str, *, skjul: bool) -> str:
    return f"{goal_id}.svg" if skjul else f"{goal_id}_fuld.svg"


def public_source_text(d: dict[str, Any] | None) -> str:
    """'Danmarks Statistik, Statistikbanken, tabel AUK01, hentet 26.11.2026 kl. 11.04' (the
    source of a goal's public figures, with when it was fetched or imported)."""
    if not d:
        return ""
    if d.get("tidspunkt"):
        return f"{d['kilde']}, {d['hvordan']} {_tidspunkt(d['tidspunkt'])}"
    return f"{d['kilde']} ({d['hvordan']})"


def indikator_label(indikator: str, column: str) -> str:
    """The measure's Danish name (never its identifier: the report is read by a committee)."""
    from indsats.goals.measures import MEASURES

    m = MEASURES.get((indikator, column))
    return m.label_da if m is not None else indikator.replace("_", " ")


def _goal_view(g: dict[str, Any], skjul: bool) -> dict[str, Any]:
    e = g["enhed"]
    hidden = skjult(e)  # "<5" for counts; "skjult" for shares (never read as "under 5 %")
    hide = skjul and g["actual"] is not None and is_suppressed(g["personer"])
    hide_fc = (
        skjul and g["forecast"] is not None and (hide or is_suppressed(g["forecast_personer"]))
    )
    fp = g["expected_personer_by_period"]

    def exp_hidden(period: str) -> bool:
        return skjul and period in fp and is_suppressed(fp[period])

    period = g["periode"]
    quarterly = is_quarter(period)
    hide_exp = exp_hidden(period)
    # the expected year mean rests on last year's figures for month-by-month goals
    hide_exp_year = skjul and any(is_suppressed(v) for v in fp.values())
    status = Status(g["status"])
    rows = []
    expected_by_period = g["expected_by_period"]
    for p in g["serie"]:
        prev_year = p["periode"][:4] < period[:4]
        h = skjul and is_suppressed(p["personer"])
        rows.append(
            {
                "periode": p["periode"],
                "periode_da": period_da(p["periode"]),
                "sidste_aar": prev_year,
                "vaerdi": hidden if h else format_value(p["vaerdi"], e),
                "forventet": hidden
                if exp_hidden(p["periode"])
                else format_value(expected_by_period.get(p["periode"]), e),
                "personer": SKJULT if h else format_number(p["personer"]),
            }
        )
    offentlige = g.get("grundlag") == "offentlige_tal"
    forloeb = Forloeb(g["forloeb"])
    forloeb_label = FORLOEB_LABELS[forloeb]
    if quarterly and forloeb is Forloeb.MAANED_MOD_SIDSTE_AAR:
        forloeb_label = "Kvartal for kvartal mod samme kvartal sidste år"
    target = g.get("target")
    baseline = g.get("baseline")
    return {
        **{
            k: g[k]
            for k in (
                "id",
                "titel",
                "ejer",
                "kilde",
                "beskrivelse",
                "indikator",
                "measure",
                "enhed",
                "tags",
            )
        },
        "indikator_label": indikator_label(g["indikator"], g["measure"]),
        "status": status.value,
        "status_label": STATUS_LABELS[status],
        "periode": period,
        "periode_da": period_da(period),
        "periode_kort": period_short_da(period),
        "kvartalsvis": quarterly,
        "offentlige_tal": offentlige,
        "datagrundlag": public_source_text(g.get("datagrundlag")) if offentlige else "",
        "seneste_periode": period_da(g["datagrundlag"]["seneste_periode"])
        if offentlige and g.get("datagrundlag") and g["datagrundlag"].get("seneste_periode")
        else "",
        "tal": hidden if hide else format_value(g["actual"], e),
        "forventet": hidden if hide_exp else format_value(g["expected"], e),
        "forskel": hidden
        if (hide or hide_exp) and g["gap"] is not None
        else format_gap(g["gap"], e),
        "prognose": hidden if hide_fc else format_value(g["forecast"], e),
        "forventet_aar": hidden if hide_exp_year else format_value(g["expected_year"], e),
        "personer": SKJULT if hide else format_number(g["personer"]),
        "pil": "–" if hide else g["pil"],
        "pil_god": None if hide else g["pil_god"],
        "tekst": g["text_da_skjult"] if skjul else g["text_da"],
        "forloeb_label": forloeb_label,
        "retning_label": RETNING_LABELS[Retning(g["retning"])],
        "baseline": (
            f"{format_value(baseline['vaerdi'], e)} ({baseline['periode']})" if baseline else "–"
        ),
        "target": f"{format_value(target['vaerdi'], e)} ({target['periode']})"
        if target
        else f"Bedre end samme {'kvartal' if quarterly else 'måned'} sidste år",
        "trin": ", ".join(
            f"{y}: {format_value(v, e)}"
            for y, v in sorted((int(a), b) for a, b in g["trin"].items())
        ),
        "prognose_metode": {
            "saesonnaiv": f"sæsonnaiv (sidste års {'kvartaler' if quarterly else 'måneder'} "
            "× årets forhold)",
            "naiv": "naiv (seneste værdi fremskrevet)",
        }.get(g["forecast_method"] or "", "–"),
        "raekker": rows,
        "chart": chart_name(g["id"], skjul=skjul),
        "ministermaal": "ministermaal" in g["tags"],
        "forbehold": g.get("forbehold", ""),
    }


def visning(data: dict[str, Any], *, skjul: bool) -> dict[str, Any]:
    """The report data formatted for display; with `skjul`, figures on < 5 persons are "<5"."""
    b = data["benchmark"]
    own = b["egen"]

    def brow(r: dict[str, Any], is_own: bool = False) -> dict[str, Any]:
        # Public figures from Statistics Denmark: no small-cell rule (they are published).
        return {
            "navn": r["navn"],
            "region": r["region"],
            "kommune": r["kommune"],
            "andel": format_share(r["andel"], decimals=2),
            "forventet": format_share(r["forventet"], decimals=2),
            "interval": f"{format_share(r['nedre'], decimals=2)}–{format_share(r['oevre'], decimals=2)}",
            "forskel": format_number(r["forskel"] * 100, decimals=2, sign=True) + " point",
            "placering": r["placering"],
            "vurdering": r["vurdering"],
            "fuldtidspersoner": format_number(r["fuldtidspersoner"]),
            "forventet_fuldtidspersoner": format_number(r["forventet_fuldtidspersoner"]),
            "egen": is_own,
        }

    from indsats.publicdata.rammevilkaar import INPUT_LABELS_DA

    coef_rows = [
        (
            "Konstant" if name == "konstant" else INPUT_LABELS_DA.get(name, name),
            format_number(value * 100, decimals=4, sign=name != "konstant") + " point",
            format_number(b["standardfejl"][name] * 100, decimals=4),
        )
        for name, value in b["koefficienter"].items()
    ]
    f = data.get("friskhed")
    return {
        "kommune": data["kommune"],
        "kommune_navn": data["kommune_navn"],
        "maaned": data["maaned"],
        "maaned_da": month_da(data["maaned"]),
        "bygget": _tidspunkt(data["bygget"]),
        "skjul": skjul,
        "maal": [_goal_view(g, skjul) for g in data["maal"]],
        "ministermaal": data["ministermaal"],
        "benchmark": {
            "periode": b["periode"],
            "n": b["n"],
            "r2": format_number(b["r2"], decimals=2),
            "r2_justeret": format_number(b["r2_justeret"], decimals=2),
            "niveau": format_share(b["niveau"], decimals=0),
            "egen": brow(own, True),
            "land": format_share(b["land"], decimals=2),
            "region_navn": b["region_navn"],
            "region": format_share(b["region"], decimals=2),
            "naermeste": [brow(r) for r in b["naermeste"]],
            "input_har": b["input_har"],
            "input_mangler": b["input_mangler"],
            "kilde": b["kilde"],
            "serie": b["serie"],
            "daekker": b["daekker"],
            "alle_ydelser": b["alle_ydelser"],
            "koefficienter": coef_rows,
        },
        "datakilde": data.get("datakilde", {"syntetisk": False, "tekst": ""}),
        "friskhed": {
            "sidste_uge": f["sidste_uge"].replace("W", " uge "),
            "fra": _dato(f["sidste_uge_fra"]),
            "til": _dato(f["sidste_uge_til"]),
            "indlaest": _tidspunkt(f["indlaest"]),
        }
        if f
        else None,
        "offentlige_kilder": [
            {
                "tekst": public_source_text(k),
                "seneste_periode": period_da(k["seneste_periode"]) if k["seneste_periode"] else "",
            }
            for k in data.get("offentlige_kilder", [])
        ],
        "ikke_beregnet": data.get("ikke_beregnet", []),
        "har_offentlige_maal": any(g.get("grundlag") == "offentlige_tal" for g in data["maal"]),
        "friskhed_efter_maaned": data.get("friskhed_efter_maaned", False),
        "ekstra": data.get("ekstra", []),
        "status_antal": {
            s.value: sum(1 for g in data["maal"] if g["status"] == s.value) for s in Status
        },
    }


def write_charts(data: dict[str, Any], out: Path) -> None:
    """charts/<goal>.svg (suppressed), charts/<goal>_fuld.svg (full), charts/benchmark.svg."""
    from indsats.reports.charts import benchmark_chart_svg, goal_chart_svg

    d = out / "charts"
    d.mkdir(parents=True, exist_ok=True)
    syntetisk = bool(data.get("datakilde", {}).get("syntetisk"))
    for g in data["maal"]:
        # public figures are real even in a report on a synthetic register
        marked = syntetisk and g.get("grundlag", "register") == "register"
        (d / chart_name(g["id"], skjul=True)).write_text(
            goal_chart_svg(g, skjul=True, syntetisk=marked), encoding="utf-8"
        )
        (d / chart_name(g["id"], skjul=False)).write_text(
            goal_chart_svg(g, skjul=False, syntetisk=marked), encoding="utf-8"
        )
    (d / "benchmark.svg").write_text(benchmark_chart_svg(data["benchmark"]), encoding="utf-8")


def svg_data_uri(path: Path) -> str | None:
    if not path.exists():
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def template_environment(package: str = "indsats.reports") -> jinja2.Environment:
    """The Jinja environment of a package's `templates/` (the report's, the plan document's):
    HTML autoescaped, blocks trimmed."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def html_to_pdf(
    html: str,
    path: Path,
    *,
    base_url: str | Path | None = None,
    variant: str | None = None,
) -> int:
    """Render self-contained HTML to a PDF with WeasyPrint; returns the number of pages.

    `variant` is a WeasyPrint PDF variant, e.g. "pdf/ua-1" (tagged for accessibility, with the
    document's language and title from the HTML's `lang` and `<title>`), for papers a
    municipality publishes."""
    import logging

    from weasyprint import HTML

    for name in ("weasyprint", "fontTools"):  # per-page INFO lines drown a progress bar
        if logging.getLogger(name).level == logging.NOTSET:
            logging.getLogger(name).setLevel(logging.WARNING)
    doc = HTML(string=html, base_url=str(base_url) if base_url else None).render()
    if variant:
        doc.write_pdf(path, pdf_variant=variant)
    else:
        doc.write_pdf(path)
    return len(doc.pages)


def render_html(data: dict[str, Any], out: Path) -> str:
    """The report as one self-contained HTML page (charts inlined as data URIs)."""
    env = template_environment()
    v = visning(data, skjul=True)
    charts = out / "charts"
    for g in v["maal"]:
        g["chart_uri"] = svg_data_uri(charts / g["chart"])
    v["benchmark"]["chart_uri"] = svg_data_uri(charts / "benchmark.svg")
    html: str = env.get_template("report.html").render(r=v)
    return html
