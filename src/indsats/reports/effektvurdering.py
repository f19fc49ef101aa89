"""The "Effektvurdering" for the committee: an evaluation's figures as plain data (JSON), HTML
with the outcome curves inlined as SVG, and a PDF (WeasyPrint).

`effektvurdering_data(v)` holds aggregates only (no person ids); the web page and the documents
are drawn from it. Figures on fewer than 5 persons are not shown (start years with fewer than 5
participants, curve weeks observed for fewer than 5 sets).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from indsats.domain.numbers import MISSING, format_kr, format_number
from indsats.evaluation import Effektvurdering, sammenfatning
from indsats.evaluation.oekonomi import ydelse_navn
from indsats.evaluation.tekst import SMAA_CELLER, uge_tekst
from indsats.register import weeks

SCHEMA_VERSION = 1
SKJULT = "<5"


def _clean(x: Any) -> Any:
    """JSON-safe: NaN and infinities become None, tuples lists, dict keys strings."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {str(k): _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return x


def effektvurdering_data(
    v: Effektvurdering,
    *,
    kommune: int | None = None,
    datakilde: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The evaluation as plain data: what effektvurdering.json holds."""
    from indsats.domain.kommuner import get_kommune

    d = v.design
    data: dict[str, Any] = _clean(
        {
            "version": SCHEMA_VERSION,
            "navn": v.navn,
            "kommune": kommune,
            "kommune_navn": get_kommune(kommune).navn if kommune else None,
            "bygget": datetime.now(tz=UTC).isoformat(timespec="seconds"),
            "datakilde": datakilde or {"syntetisk": False, "tekst": ""},
            "sammenfatning": asdict(sammenfatning(v)),
            "design": {
                "naboer": d.naboer,
                "caliper": d.caliper,
                "eksakt": list(d.eksakt),
                "sammenligning": d.sammenligning,
                "hovedmaal_uge": d.hovedmaal_uge,
                "bootstrap": d.bootstrap,
                "kommuner": list(d.kommuner) if d.kommuner else None,
                "enhedspriser": d.enhedspriser,
            },
            "tal": {
                "deltagere_i_alt": v.deltagere_i_alt,
                "matchet": v.deltagere_matchet,
                "uden_match": v.deltagere_uden_match,
                "uden_historik": v.deltagere_uden_historik,
                "sammenligningspersoner": v.sammenligningspersoner,
                "kandidater": v.kandidater,
                "senere_deltagere_i_sammenligning": v.senere_deltagere_i_sammenligning,
                "startuger": [weeks.label(w) for w in v.startuger],
                "daekning": [weeks.label(w) for w in v.daekning],
                "ydelse_ved_start": v.ydelse_ved_start,
                "deltagere_pr_aar": v.deltagere_pr_aar,
            },
            "estimater": [asdict(e) for e in v.estimater],
            "uger_pr_ydelse": [asdict(e) for e in v.uger_pr_ydelse],
            "kurve": [asdict(p) for p in v.kurve],
            "foer_tjek": asdict(v.foer_tjek),
            "foer_efter": [asdict(f) for f in v.foer_efter],
            "balance": [asdict(b) for b in v.matching.balance],
            "helaarspersoner": [asdict(h) for h in v.helaarspersoner],
            "kroner": None
            if v.kroner is None
            else {
                "pr_deltager": v.kroner.pr_deltager,
                "nedre": v.kroner.nedre,
                "oevre": v.kroner.oevre,
                "i_alt": v.kroner.pr_deltager * v.deltagere_matchet,
                "i_alt_nedre": v.kroner.nedre * v.deltagere_matchet,
                "i_alt_oevre": v.kroner.oevre * v.deltagere_matchet,
                "uden_pris": list(v.kroner.uden_pris),
                "ydelser": [
                    {
                        "ydelse": y.ydelse,
                        "navn": y.navn,
                        "uger": y.uger.effekt,
                        "enhedspris": y.enhedspris,
                        "kommunal_andel": y.kommunal_andel,
                        "trin_andele": y.trin_andele,
                    }
                    for y in v.kroner.ydelser
                    if y.enhedspris is not None and y.kommunal_andel is not None
                ],
            },
            "forbehold": list(v.forbehold),
        }
    )
    return data


# ---------------------------------------------------------------------------------------------
# Display


def _pct(x: float | None, decimals: int = 0) -> str:
    return MISSING if x is None else f"{format_number(x * 100, decimals=decimals)} %"


def _pp(x: float | None, *, sign: bool = True) -> str:
    return MISSING if x is None else f"{format_number(x * 100, decimals=1, sign=sign)} point"


def _value(x: float | None, enhed: str, *, sign: bool = False) -> str:
    if enhed == "andel":
        return _pp(x) if sign else _pct(x, 1)
    if enhed == "kr":
        return format_kr(x, sign=sign) if x is not None else MISSING
    return MISSING if x is None else format_number(x, decimals=1, sign=sign)


def visning(data: dict[str, Any]) -> dict[str, Any]:
    """The data formatted for display (Danish numbers, small groups hidden)."""
    s = data["sammenfatning"]
    t = data["tal"]
    estimater = [
        {
            "label": e["label"],
            "deltagere": _value(e["deltagere"], e["enhed"]),
            "sammenligning": _value(e["sammenligning"], e["enhed"]),
            "effekt": _value(e["effekt"], e["enhed"], sign=True),
            "interval": f"{_value(e['nedre'], e['enhed'], sign=True)} til "
            f"{_value(e['oevre'], e['enhed'], sign=True)}",
            "n": format_number(e["n"]),
            "sikker": (e["nedre"] or 0) > 0 or (e["oevre"] or 0) < 0,
            "hoved": e["maal"] == f"selvforsoergende_{data['design']['hovedmaal_uge']}",
        }
        for e in data["estimater"]
    ]
    effekt_at = {e["maal"]: e for e in data["estimater"]}
    foer_efter = [
        {
            "uge": f["uge"],
            "ved_start": _pct(f["ved_start"]),
            "efter": _pct(f["efter"]),
            "stigning": _pp(
                None
                if f["efter"] is None or f["ved_start"] is None
                else f["efter"] - f["ved_start"]
            ),
            "effekt": _pp(effekt_at.get(f"selvforsoergende_{f['uge']}", {}).get("effekt")),
        }
        for f in data["foer_efter"]
        if f["n"]
    ]
    hp = []
    for h in data["helaarspersoner"]:
        hidden = h["deltagere"] < SMAA_CELLER
        hp.append(
            {
                "aar": "Alle deltagere" if h["aar"] is None else f"Startet i {h['aar']}",
                "deltagere": SKJULT if hidden else format_number(h["deltagere"]),
                "faerre": SKJULT if hidden else format_number(h["faerre"], decimals=1),
                "interval": SKJULT
                if hidden
                else f"{format_number(h['nedre'], decimals=1)} til "
                f"{format_number(h['oevre'], decimals=1)}",
            }
        )
    kr = data.get("kroner")
    kroner = None
    if kr is not None:
        kroner = {
            "i_alt": format_kr(kr["i_alt"]),
            "interval": f"{format_kr(kr['i_alt_nedre'])} til {format_kr(kr['i_alt_oevre'])}",
            "pr_deltager": format_kr(kr["pr_deltager"]),
            "ydelser": [
                {
                    "navn": y["navn"],
                    "uger": format_number(y["uger"], decimals=1, sign=True),
                    "enhedspris": format_kr(y["enhedspris"]),
                    "kommunal_andel": _pct(y["kommunal_andel"], 1),
                    "trin": " / ".join(_pct(y["trin_andele"].get(str(i)), 0) for i in (1, 2, 3, 4)),
                }
                for y in kr["ydelser"]
            ],
            "uden_pris": kr["uden_pris"],
        }
    balance = [
        {
            "variabel": b["variabel"],
            "deltagere": _balance_value(b["variabel"], b["deltagere"]),
            "foer": _balance_value(b["variabel"], b["foer"]),
            "efter": _balance_value(b["variabel"], b["efter"]),
            "smd_foer": format_number(b["smd_foer"], decimals=2, sign=True),
            "smd_efter": format_number(b["smd_efter"], decimals=2, sign=True),
            "ubalance": b["smd_efter"] is not None and abs(b["smd_efter"]) > 0.1,
        }
        for b in data["balance"]
    ]
    tjek = data["foer_tjek"]
    return {
        "navn": data["navn"],
        "kommune_navn": data.get("kommune_navn"),
        "bygget": datetime.fromisoformat(data["bygget"]).strftime("%d.%m.%Y"),
        "datakilde": data.get("datakilde") or {},
        "tekst": s["tekst"],
        "forbehold": data["forbehold"],
        "advarsel": tjek["vurderet"] and not tjek["parallel"],
        "foer_tjek": {
            "vurderet": tjek["vurderet"],
            "forskel": _pp(tjek["forskel"]),
            "interval": f"{_pp(tjek['nedre'])} til {_pp(tjek['oevre'])}",
            "n": tjek["n"],
        },
        "estimater": estimater,
        "foer_efter": foer_efter,
        "helaarspersoner": hp,
        "kroner": kroner,
        "balance": balance,
        "tal": {
            "deltagere_i_alt": format_number(t["deltagere_i_alt"]),
            "matchet": format_number(t["matchet"]),
            "uden_match": format_number(t["uden_match"]),
            "uden_historik": format_number(t["uden_historik"]),
            "sammenligningspersoner": format_number(t["sammenligningspersoner"]),
            "kandidater": format_number(t["kandidater"]),
            "startperiode": f"{_uge(t['startuger'][0])} til {_uge(t['startuger'][1])}",
            "daekning": f"{_uge(t['daekning'][0])} til {_uge(t['daekning'][1])}",
            "ydelse_ved_start": ", ".join(
                f"{ydelse_navn(y).lower() if y != 'selvforsoergelse' else 'selvforsørgende'} "
                f"{format_number(n)}"
                for y, n in sorted(t["ydelse_ved_start"].items(), key=lambda kv: -kv[1])
            ),
        },
        "design": {
            "naboer": data["design"]["naboer"],
            "eksakt": ", ".join(
                {"ydelse": "ydelse ved start", "koen": "køn", "aldersgruppe": "aldersgruppe"}[k]
                for k in data["design"]["eksakt"]
            ),
            "caliper": "ingen"
            if data["design"]["caliper"] is None
            else format_number(data["design"]["caliper"], decimals=2),
            "bootstrap": format_number(data["design"]["bootstrap"]),
            "kommuner": data["design"]["kommuner"],
            "hovedmaal_uge": data["design"]["hovedmaal_uge"],
        },
    }


def _uge(label: str) -> str:
    return uge_tekst(weeks.parse_week(label))


def _balance_value(variabel: str, x: float | None) -> str:
    if variabel.startswith("Andel"):
        return _pct(x, 1)
    return MISSING if x is None else format_number(x, decimals=1)


def curve_chart_svg(data: dict[str, Any]) -> str:
    """Share self-supporting by week since start: participants and comparison group."""
    import altair as alt
    import pandas as pd

    from indsats.reports.charts import chart_svg

    rows = []
    for p in data["kurve"]:
        if p["deltagere"] is None:
            continue
        rows.append({"uge": p["uge"], "gruppe": "Deltagere", "andel": p["deltagere"]})
        rows.append(
            {"uge": p["uge"], "gruppe": "Sammenligningsgruppe", "andel": p["sammenligning"]}
        )
    df = pd.DataFrame(rows or [{"uge": 0, "gruppe": "Deltagere", "andel": None}])
    ks = [p["uge"] for p in data["kurve"]] or [0]
    groups = ["Deltagere", "Sammenligningsgruppe"]
    lines = (
        alt.Chart(df)
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X(
                "uge:Q",
                title="Uger før og efter start",
                axis=alt.Axis(values=list(range(-52, 105, 13))),
                scale=alt.Scale(domain=[min(ks), max(ks)], nice=False),
            ),
            y=alt.Y(
                "andel:Q",
                title="Andel selvforsørgende",
                axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "gruppe:N",
                scale=alt.Scale(domain=groups, range=["#1f4e79", "#c05621"]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            strokeDash=alt.StrokeDash(
                "gruppe:N", scale=alt.Scale(domain=groups, range=[[1, 0], [6, 3]]), legend=None
            ),
        )
    )
    start = (
        alt.Chart(pd.DataFrame({"uge": [0]}))
        .mark_rule(color="#666", strokeDash=[2, 2])
        .encode(x="uge:Q")
    )
    chart = (start + lines).properties(width=560, height=240)
    return chart_svg(chart)


def render_effektvurdering_html(data: dict[str, Any]) -> str:
    """The Effektvurdering as one self-contained HTML page (the chart inlined)."""
    import base64

    from indsats.reports.render import template_environment

    v = visning(data)
    svg = curve_chart_svg(data)
    v["kurve_uri"] = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return str(template_environment().get_template("effektvurdering.html").render(e=v))


@dataclass(frozen=True)
class EffektvurderingFiler:
    json: Path
    html: Path
    pdf: Path | None
    sider: int


def build_effektvurdering(
    v: Effektvurdering,
    out_dir: Path | str,
    *,
    kommune: int | None = None,
    datakilde: dict[str, Any] | None = None,
    pdf: bool = True,
) -> EffektvurderingFiler:
    """Write effektvurdering.json, .html and (with `pdf`) .pdf into `out_dir`."""
    from indsats.register.store import atomic_file
    from indsats.reports.render import html_to_pdf

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = effektvurdering_data(v, kommune=kommune, datakilde=datakilde)
    html = render_effektvurdering_html(data)
    sider = 0
    pdf_path = out / "effektvurdering.pdf" if pdf else None
    if pdf_path is not None:
        with atomic_file(pdf_path) as tmp:
            sider = html_to_pdf(html, tmp, base_url=out)
    html_path, json_path = out / "effektvurdering.html", out / "effektvurdering.json"
    with atomic_file(html_path) as tmp:
        tmp.write_text(html, encoding="utf-8")
    with atomic_file(json_path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return EffektvurderingFiler(json_path, html_path, pdf_path, sider)
