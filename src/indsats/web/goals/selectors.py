"""Reads for the goal pages: the built monthly reports (report.json) and the web goals."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from indsats.goals.model import Goal
from indsats.web.goals.models import Maal

_MONTH = re.compile(r"^\d{4}-\d{2}$")


def rapport_root_get() -> Path:
    return Path(settings.VAR_DIR) / "reports"


def register_dir_get(*, kommune_kode: int) -> Path:
    return Path(settings.VAR_DIR) / "register" / str(int(kommune_kode))


def public_root_get() -> Path:
    """Where `indsats data fetch` keeps fetched public tables (var/publicdata)."""
    return Path(settings.VAR_DIR) / "publicdata"


def rapport_month_list(*, kommune_kode: int) -> list[str]:
    """Months with a built report, newest first."""
    d = rapport_root_get() / str(int(kommune_kode))
    if not d.exists():
        return []
    return sorted(
        (p.name for p in d.iterdir() if _MONTH.match(p.name) and (p / "report.json").exists()),
        reverse=True,
    )


def rapport_dir_get(*, kommune_kode: int, month: str) -> Path | None:
    if not _MONTH.match(month or ""):
        return None
    d = rapport_root_get() / str(int(kommune_kode)) / month
    return d if (d / "report.json").exists() else None


def rapport_get(*, kommune_kode: int, month: str | None = None) -> dict | None:
    """The report data of a month (default: the newest built), or None."""
    months = rapport_month_list(kommune_kode=kommune_kode)
    month = month if month in months else (months[0] if months else None)
    if month is None:
        return None
    from indsats.reports.build import read_report_data

    d = rapport_dir_get(kommune_kode=kommune_kode, month=month)
    return read_report_data(d / "report.json") if d else None


def rapport_visning_get(*, actor, month: str | None = None) -> dict | None:
    """The report formatted for `actor`: small cells suppressed unless they may drill down."""
    from indsats.reports.render import chart_name, svg_data_uri, visning

    data = rapport_get(kommune_kode=actor.kommune_kode, month=month)
    if data is None:
        return None
    skjul = not actor.has_perm("goals.view_drilldown")
    v = visning(data, skjul=skjul)
    charts = rapport_root_get() / str(actor.kommune_kode) / data["maaned"] / "charts"
    for g in v["maal"]:
        g["chart_uri"] = svg_data_uri(charts / chart_name(g["id"], skjul=skjul))
    v["benchmark"]["chart_uri"] = svg_data_uri(charts / "benchmark.svg")
    v["sider"] = data.get("sider")
    return v


def resultater_summary_get(*, actor) -> dict | None:
    """The newest report's goals by status, for the start page; None when none is built."""
    from indsats.reports.render import visning

    data = rapport_get(kommune_kode=actor.kommune_kode)
    if data is None:
        return None
    v = visning(data, skjul=not actor.has_perm("goals.view_drilldown"))
    order = ["bagud", "i_risiko", "paa_sporet", "ikke_vurderbar", "ingen_data"]
    by_status: dict[str, list] = {}
    for g in v["maal"]:
        by_status.setdefault(g["status"], []).append(g)
    return {
        "maaned": data["maaned"],
        "maaned_da": v.get("maaned_da", data["maaned"]),
        "antal": len(v["maal"]),
        "grupper": [
            {"status": s, "label": by_status[s][0]["status_label"], "maal": by_status[s]}
            for s in order
            if s in by_status
        ],
        "syntetisk": bool(v.get("datakilde", {}).get("syntetisk")),
    }


def maal_list(*, kommune_kode: int):
    return Maal.objects.filter(kommune_kode=kommune_kode).select_related("oprettet_af")


def maal_goal_list(*, kommune_kode: int) -> list[Goal]:
    """The web goals of the municipality as core goals (invalid ones are skipped)."""
    from indsats.goals.loader import goal_from_dict
    from indsats.goals.model import GoalError

    out = []
    for m in maal_list(kommune_kode=kommune_kode):
        try:
            out.append(goal_from_dict(m.as_dict(), source=f"mål {m.pk}"))
        except GoalError:
            continue
    return out
