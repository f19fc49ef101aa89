"""Static SVG charts (Altair specs rendered by vl-convert: no JavaScript, no internet).

Danish formats: d3 locale da-DK (decimal ",", thousands "."), month names in Danish.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

MDR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
COLORS = {
    "Faktisk": "#1f4e79",
    "Sidste år": "#9aa5b1",
    "Forløb": "#2e7d32",
    "Mål": "#c62828",
    "Prognose": "#1f4e79",
}


def _svg(chart: alt.TopLevelMixin) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict(), format_locale="da-DK", time_format_locale="da-DK")


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """A chart as SVG (for HTML and PDF)."""
    return _svg(chart)


def chart_png(chart: alt.TopLevelMixin, *, scale: float = 2.0) -> bytes:
    """A chart as PNG (for Word, which does not take SVG)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(
        chart.to_dict(), scale=scale, format_locale="da-DK", time_format_locale="da-DK"
    )


def series_chart(
    points: list[tuple[str, str, float]], *, title: str, enhed: str = "personer"
) -> alt.TopLevelMixin:
    """A line chart of several series: points (x label, series, value), x in the given order."""
    order = list(dict.fromkeys(p[0] for p in points))
    df = pd.DataFrame(
        [{"x": x, "serie": s, "v": v} for x, s, v in points] or [{"x": "", "serie": "", "v": None}]
    )
    fmt = ".0%" if enhed == "andel" else ",.0f"
    return (
        alt.Chart(df)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("x:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("v:Q", title=None, axis=alt.Axis(format=fmt), scale=alt.Scale(zero=False)),
            color=alt.Color("serie:N", legend=alt.Legend(title=None, orient="bottom")),
        )
        .properties(width=520, height=220, title=title)
    )


def goal_chart_svg(g: dict, *, skjul: bool, syntetisk: bool = False) -> str:
    """The goal's chart: actual this year, last year, the trajectory, the target, the forecast.

    `g` is a goal dict from the report data (`report.json`); with `skjul` every month built on
    fewer than 5 persons is left out (the chart never shows what the table hides).
    """
    from indsats.goals.suppression import is_suppressed

    year = int(g["maaned"][:4])
    rows = []
    for p in g["serie"]:
        y, m = int(p["maaned"][:4]), int(p["maaned"][5:7])
        hidden = skjul and is_suppressed(p["personer"])
        if p["vaerdi"] is None or hidden:
            continue
        if y == year:
            rows.append({"mdr": MDR[m - 1], "n": m, "serie": "Faktisk", "v": p["vaerdi"]})
        elif y == year - 1:
            rows.append({"mdr": MDR[m - 1], "n": m, "serie": "Sidste år", "v": p["vaerdi"]})
    fp = g["expected_personer_by_month"]
    for mo, v in g["expected_by_month"].items():
        if skjul and mo in fp and is_suppressed(fp[mo]):
            continue
        if v is not None and int(mo[:4]) == year:
            rows.append(
                {"mdr": MDR[int(mo[5:7]) - 1], "n": int(mo[5:7]), "serie": "Forløb", "v": v}
            )
    fc_hidden = skjul and (is_suppressed(g["forecast_personer"]) or is_suppressed(g["personer"]))
    if g["forecast_months"] and not fc_hidden and g["actual"] is not None:
        m0 = int(g["maaned"][5:7])
        rows.append({"mdr": MDR[m0 - 1], "n": m0, "serie": "Prognose", "v": g["actual"]})
        for mo, v in g["forecast_months"].items():
            rows.append(
                {"mdr": MDR[int(mo[5:7]) - 1], "n": int(mo[5:7]), "serie": "Prognose", "v": v}
            )
    if g.get("target_vaerdi") is not None:
        for m in (1, 12):
            rows.append({"mdr": MDR[m - 1], "n": m, "serie": "Mål", "v": g["target_vaerdi"]})
    df = pd.DataFrame(rows or [{"mdr": "jan", "n": 1, "serie": "Forløb", "v": None}])
    share = g["enhed"] == "andel"
    fmt = ".1%" if share else ",.0f"
    vals = [r["v"] for r in rows if r["v"] is not None]
    span = (max(vals) - min(vals)) if vals else 0.0
    if not share and span < 10:
        fmt = ",.1f"  # small counts: a decimal, so ticks do not repeat
    domain = list(COLORS)
    base = alt.Chart(df).encode(
        x=alt.X(
            "mdr:N",
            sort=list(MDR),
            scale=alt.Scale(domain=list(MDR)),
            title=None,
            axis=alt.Axis(labelAngle=0),
        ),
        y=alt.Y("v:Q", title=None, axis=alt.Axis(format=fmt), scale=alt.Scale(zero=False)),
        color=alt.Color(
            "serie:N",
            scale=alt.Scale(domain=domain, range=[COLORS[d] for d in domain]),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        strokeDash=alt.StrokeDash(
            "serie:N",
            scale=alt.Scale(domain=domain, range=[[1, 0], [2, 2], [6, 3], [1, 0], [4, 4]]),
            legend=None,
        ),
    )
    chart = base.mark_line(point=True, strokeWidth=2).properties(
        width=560,
        height=220,
        title=f"{g['titel']} ({year})" + (" – syntetiske tal" if syntetisk else ""),
    )
    return _svg(chart)


def benchmark_chart_svg(b: dict) -> str:
    """Actual against expected share for all municipalities; the own and nearest highlighted."""
    own = b["egen"]["kommune"]
    near = {r["kommune"] for r in b["naermeste"]}
    rows = [
        {
            "navn": r["navn"],
            "forventet": r["forventet"],
            "faktisk": r["andel"],
            "gruppe": "Egen kommune"
            if r["kommune"] == own
            else ("Sammenlignelige" if r["kommune"] in near else "Øvrige"),
        }
        for r in b["alle"]
    ]
    df = pd.DataFrame(rows)
    lo = min(df.forventet.min(), df.faktisk.min())
    hi = max(df.forventet.max(), df.faktisk.max())
    groups = ["Øvrige", "Sammenlignelige", "Egen kommune"]
    points = (
        alt.Chart(df)
        .mark_circle(opacity=0.85)
        .encode(
            x=alt.X(
                "forventet:Q",
                title="Forventet andel (model)",
                axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[lo, hi], zero=False),
            ),
            y=alt.Y(
                "faktisk:Q",
                title="Faktisk andel",
                axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[lo, hi], zero=False),
            ),
            color=alt.Color(
                "gruppe:N",
                scale=alt.Scale(domain=groups, range=["#b0b8c1", "#2e7d32", "#c62828"]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            size=alt.Size(
                "gruppe:N", scale=alt.Scale(domain=groups, range=[25, 60, 140]), legend=None
            ),
            order=alt.Order("gruppe:N"),
        )
    )
    line = (
        alt.Chart(pd.DataFrame({"x": [lo, hi], "y": [lo, hi]}))
        .mark_line(color="#666", strokeDash=[4, 4])
        .encode(
            x=alt.X("x:Q", scale=alt.Scale(domain=[lo, hi], zero=False)),
            y=alt.Y("y:Q", scale=alt.Scale(domain=[lo, hi], zero=False)),
        )
    )
    label = (
        alt.Chart(df[df.gruppe == "Egen kommune"])
        .mark_text(align="left", dx=8, fontWeight="bold")
        .encode(x="forventet:Q", y="faktisk:Q", text="navn:N")
    )
    chart = (line + points + label).properties(width=420, height=300)
    return _svg(chart)
