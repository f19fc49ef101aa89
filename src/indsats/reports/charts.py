"""Static SVG charts (Altair specs rendered by vl-convert: no JavaScript, no internet).

Danish formats: d3 locale da-DK (decimal ",", thousands "."), month names in Danish.
"""

from __future__ import annotations

from typing import Any

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
    chart: alt.TopLevelMixin = (
        alt.Chart(df)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("x:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("v:Q", title=None, axis=alt.Axis(format=fmt), scale=alt.Scale(zero=False)),
            color=alt.Color("serie:N", legend=alt.Legend(title=None, orient="bottom")),
        )
        .properties(width=520, height=220, title=title)
    )
    return chart


def _axis_label(period: str) -> tuple[str, int]:
    """A period's label on the x axis and its place in the year: ('jun', 6) or ('K2', 2)."""
    if "Q" in period:
        q = int(period[-1])
        return f"K{q}", q
    m = int(period[5:7])
    return MDR[m - 1], m


def goal_chart_svg(g: dict[str, Any], *, skjul: bool, syntetisk: bool = False) -> str:
    """The goal's chart: actual this year, last year, the trajectory, the target, the forecast.

    `g` is a goal dict from the report data (`report.json`); with `skjul` every period built on
    fewer than 5 persons is left out (the chart never shows what the table hides). The x axis
    is the year's months, or its quarters for goals on public figures.
    """
    from indsats.goals.suppression import is_suppressed

    period = g["periode"]
    quarterly = "Q" in period
    labels = ["K1", "K2", "K3", "K4"] if quarterly else list(MDR)
    year = int(period[:4])
    rows = []
    for p in g["serie"]:
        y = int(p["periode"][:4])
        hidden = skjul and is_suppressed(p["personer"])
        if p["vaerdi"] is None or hidden or ("Q" in p["periode"]) != quarterly:
            continue
        x, n = _axis_label(p["periode"])
        if y == year:
            rows.append({"mdr": x, "n": n, "serie": "Faktisk", "v": p["vaerdi"]})
        elif y == year - 1:
            rows.append({"mdr": x, "n": n, "serie": "Sidste år", "v": p["vaerdi"]})
    fp = g["expected_personer_by_period"]
    for per, v in g["expected_by_period"].items():
        if skjul and per in fp and is_suppressed(fp[per]):
            continue
        if v is not None and int(per[:4]) == year:
            x, n = _axis_label(per)
            rows.append({"mdr": x, "n": n, "serie": "Forløb", "v": v})
    fc_hidden = skjul and (is_suppressed(g["forecast_personer"]) or is_suppressed(g["personer"]))
    if g["forecast_periods"] and not fc_hidden and g["actual"] is not None:
        x0, n0 = _axis_label(period)
        rows.append({"mdr": x0, "n": n0, "serie": "Prognose", "v": g["actual"]})
        for per, v in g["forecast_periods"].items():
            x, n = _axis_label(per)
            rows.append({"mdr": x, "n": n, "serie": "Prognose", "v": v})
    if g.get("target_vaerdi") is not None:
        for x in (labels[0], labels[-1]):
            rows.append(
                {"mdr": x, "n": labels.index(x) + 1, "serie": "Mål", "v": g["target_vaerdi"]}
            )
    df = pd.DataFrame(rows or [{"mdr": labels[0], "n": 1, "serie": "Forløb", "v": None}])
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
            sort=labels,
            scale=alt.Scale(domain=labels),
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
        title=f"{g['titel']} ({year})"
        + (" – syntetiske tal" if syntetisk else "")
        + (" – offentlige tal" if g.get("grundlag") == "offentlige_tal" else ""),
    )
    return _svg(chart)


def benchmark_chart_svg(b: dict[str, Any]) -> str:
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
    # a series of a small group (net-unemployed kontanthjælp: 0.1-0.4 %) needs decimals
    fmt = ".0%" if hi >= 0.1 else (".1%" if hi >= 0.01 else ".2%")
    points = (
        alt.Chart(df)
        .mark_circle(opacity=0.85)
        .encode(
            x=alt.X(
                "forventet:Q",
                title="Forventet andel (model)",
                axis=alt.Axis(format=fmt),
                scale=alt.Scale(domain=[lo, hi], zero=False),
            ),
            y=alt.Y(
                "faktisk:Q",
                title="Faktisk andel",
                axis=alt.Axis(format=fmt),
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
