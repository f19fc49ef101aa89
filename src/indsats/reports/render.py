"""Formatting the report data the Danish way (with suppression) and rendering HTML.

`visning(data, skjul=...)` is shared by the report (always `skjul=True`: it goes to the
committee) and the web pages (`skjul` for the udvalg role).
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from indsats.domain.numbers import format_number, format_share
from indsats.goals.model import (
    FORLOEB_LABELS,
    RETNING_LABELS,
    STATUS_LABELS,
    Forloeb,
    Retning,
    Status,
    month_da,
)
from indsats.goals.numbers import format_gap, format_value
from indsats.goals.suppression import SKJULT, is_suppressed

TZ = ZoneInfo("Europe/Copenhagen")


def _dato(iso: str) -> str:
    return date.fromisoformat(iso[:10]).strftime("%d.%m.%Y")


def _tidspunkt(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(TZ).strftime("%d.%m.%Y kl. %H.%M")


def chart_name(goal_id: str, *, skjul: bool) -> str:
    return f"{goal_id}.svg" if skjul else f"{goal_id}_fuld.svg"


def _goal_view(g: dict, skjul: bool) -> dict:
    e = g["enhed"]
    hide = skjul and g["actual"] is not None and is_suppressed(g["personer"])
    hide_fc = (
        skjul and g["forecast"] is not None and (hide or is_suppressed(g["forecast_personer"]))
    )
    fp = g["expected_personer_by_month"]

    def exp_hidden(month: str) -> bool:
        return skjul and month in fp and is_suppressed(fp[month])

    hide_exp = exp_hidden(g["maaned"])
    # the expected year mean rests on last year's figures for month-by-month goals
    hide_exp_year = skjul and any(is_suppressed(v) for v in fp.values())
    status = Status(g["status"])
    rows = []
    expected_by_month = g["expected_by_month"]
    for p in g["serie"]:
        prev_year = p["maaned"][:4] < g["maaned"][:4]
        h = skjul and is_suppressed(p["personer"])
        rows.append(
            {
                "maaned": p["maaned"],
                "maaned_da": month_da(p["maaned"]),
                "sidste_aar": prev_year,
                "vaerdi": SKJULT if h else format_value(p["vaerdi"], e),
                "forventet": SKJULT
                if exp_hidden(p["maaned"])
                else format_value(expected_by_month.get(p["maaned"]), e),
                "personer": SKJULT if h else format_number(p["personer"]),
            }
        )
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
        "status": status.value,
        "status_label": STATUS_LABELS[status],
        "tal": SKJULT if hide else format_value(g["actual"], e),
        "forventet": SKJULT if hide_exp else format_value(g["expected"], e),
        "forskel": SKJULT
        if (hide or hide_exp) and g["gap"] is not None
        else format_gap(g["gap"], e),
        "prognose": SKJULT if hide_fc else format_value(g["forecast"], e),
        "forventet_aar": SKJULT if hide_exp_year else format_value(g["expected_year"], e),
        "personer": SKJULT if hide else format_number(g["personer"]),
        "pil": "–" if hide else g["pil"],
        "pil_god": None if hide else g["pil_god"],
        "tekst": g["text_da_skjult"] if skjul else g["text_da"],
        "forloeb_label": FORLOEB_LABELS[Forloeb(g["forloeb"])],
        "retning_label": RETNING_LABELS[Retning(g["retning"])],
        "baseline": (
            f"{format_value(baseline['vaerdi'], e)} ({baseline['periode']})" if baseline else "–"
        ),
        "target": f"{format_value(target['vaerdi'], e)} ({target['periode']})"
        if target
        else "Bedre end samme måned sidste år",
        "trin": ", ".join(
            f"{y}: {format_value(v, e)}"
            for y, v in sorted((int(a), b) for a, b in g["trin"].items())
        ),
        "prognose_metode": {
            "saesonnaiv": "sæsonnaiv (sidste års måneder × årets forhold)",
            "naiv": "naiv (seneste værdi fremskrevet)",
        }.get(g["forecast_method"] or "", "–"),
        "raekker": rows,
        "chart": chart_name(g["id"], skjul=skjul),
        "ministermaal": "ministermaal" in g["tags"],
        "forbehold": g.get("forbehold", ""),
    }


def visning(data: dict, *, skjul: bool) -> dict:
    """The report data formatted for display; with `skjul`, figures on < 5 persons are "<5"."""
    b = data["benchmark"]
    own = b["egen"]

    def brow(r: dict, is_own: bool = False) -> dict:
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
    f = data["friskhed"]
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
        },
        "friskhed_efter_maaned": data.get("friskhed_efter_maaned", False),
        "ekstra": data.get("ekstra", []),
        "status_antal": {
            s.value: sum(1 for g in data["maal"] if g["status"] == s.value) for s in Status
        },
    }


def write_charts(data: dict, out: Path) -> None:
    """charts/<goal>.svg (suppressed), charts/<goal>_fuld.svg (full), charts/benchmark.svg."""
    from indsats.reports.charts import benchmark_chart_svg, goal_chart_svg

    d = out / "charts"
    d.mkdir(parents=True, exist_ok=True)
    syntetisk = bool(data.get("datakilde", {}).get("syntetisk"))
    for g in data["maal"]:
        (d / chart_name(g["id"], skjul=True)).write_text(
            goal_chart_svg(g, skjul=True, syntetisk=syntetisk), encoding="utf-8"
        )
        (d / chart_name(g["id"], skjul=False)).write_text(
            goal_chart_svg(g, skjul=False, syntetisk=syntetisk), encoding="utf-8"
        )
    (d / "benchmark.svg").write_text(benchmark_chart_svg(data["benchmark"]), encoding="utf-8")


def svg_data_uri(path: Path) -> str | None:
    if not path.exists():
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def template_environment(package: str = "indsats.reports"):  # noqa: ANN201 - jinja2.Environment
    """The Jinja environment of a package's `templates/` (the report's, the plan document's):
    HTML autoescaped, blocks trimmed."""
    import jinja2

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


def render_html(data: dict, out: Path) -> str:
    """The report as one self-contained HTML page (charts inlined as data URIs)."""
    env = template_environment()
    v = visning(data, skjul=True)
    charts = out / "charts"
    for g in v["maal"]:
        g["chart_uri"] = svg_data_uri(charts / g["chart"])
    v["benchmark"]["chart_uri"] = svg_data_uri(charts / "benchmark.svg")
    return env.get_template("report.html").render(r=v)
