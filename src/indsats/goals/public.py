"""Goals on published figures (indicator `offentlige_tal`): their series, period and defaults.

A municipality without a register of its own can follow its public figures: Statistics
Denmark's AUK01 (full-time recipients by municipality and quarter; all benefits when fetched),
Jobindsats tables, or any aggregate table imported with `indsats register import aggregate`.
The figures come from `indsats.publicdata.offentlige_tal.PublicSource`s; a goal reads the first
source that has all its benefit groups for the municipality and says which one it read.

Periods follow the data: quarters for DST ('2024Q2'), months where a publisher gives months.
The report of month M shows a goal's latest published period that has ended by M: publication
lags, so that is often a quarter or two before M, and the report says which.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from indsats.goals.measures import OFFENTLIGE_TAL, measure
from indsats.goals.model import Goal, is_quarter, last_complete_quarter
from indsats.goals.status import Obs
from indsats.publicdata.offentlige_tal import PublicSource
from indsats.register.aggregate import AGGREGATE_GROUPS


def public_series(
    goal: Goal, kommune: int, sources: Sequence[PublicSource]
) -> tuple[dict[str, Obs], PublicSource | None]:
    """The goal's figures by quarter (or month) and the source they were read from.

    Several groups are added up in the periods where every group has a figure. A share divides
    by the population on 1 January of the period's year (DST FOLK1A/FOLK1AM), as the benchmark
    does. The persons behind a figure are not published: the full-time count rounded up is a
    lower bound (one person is at most one full-time person), which the <5 rule uses."""
    from indsats.register.calibration import befolkning

    groups = list(goal.filter_dict().get("ydelse", ()))
    share = measure(goal.indikator, goal.measure).enhed == "andel"
    for source in sources:
        rows = source.rows_for(kommune, groups, "fuldtidspersoner").to_pylist()
        if not rows or {r["ydelse"] for r in rows} != set(groups):
            continue
        quarterly = any(is_quarter(r["periode"]) for r in rows)
        by_period: dict[str, dict[str, float | None]] = {}
        for r in rows:
            per = r["periode"]
            wanted = is_quarter(per) if quarterly else len(per) == 7  # quarters, else months
            if wanted:
                by_period.setdefault(per, {})[r["ydelse"]] = r["vaerdi"]
        serie: dict[str, Obs] = {}
        for per, values in sorted(by_period.items()):
            parts = [values.get(g) for g in groups]
            if any(v is None for v in parts):
                continue
            ftp = sum(float(v or 0.0) for v in parts)
            personer = math.ceil(ftp - 1e-9) if ftp > 0 else 0
            value = ftp / befolkning(kommune, int(per[:4])) if share else ftp
            serie[per] = Obs(value, personer)
        return serie, source
    return {}, None


def public_period(serie: dict[str, Obs], month: str) -> str:
    """The period a report of `month` shows: the latest period with a figure that has ended by
    the end of `month` (quarters: the last complete quarter), else that last period itself."""
    quarterly = not serie or any(is_quarter(p) for p in serie)
    limit = last_complete_quarter(month) if quarterly else month
    have = [p for p, o in serie.items() if p <= limit and o.vaerdi is not None]
    return max(have) if have else limit


# Groups whose publisher's label ("I alt") says nothing on its own in a goal's title.
_TOTAL_TITLES = {
    "i_alt": "alle offentligt forsørgede",
    "i_alt_uden_su": "offentligt forsørgede uden SU-modtagere",
    "benchmark_i_alt": "dagpenge-, sygedagpenge- og kontanthjælpsområdet",
}


def default_public_goals(kommune: int, sources: Sequence[PublicSource]) -> list[Goal]:
    """One goal per benefit group the sources have for `kommune`: fewer full-time recipients
    than in the same quarter last year. SU (education grants) is not a benefit to bring down
    and gets no goal."""
    from indsats.goals.loader import goal_from_dict

    seen: list[str] = []
    for source in sources:
        for group in source.groups_for(kommune):
            if group not in seen and group != "su":
                seen.append(group)
    goals = []
    for group in seen:
        info = AGGREGATE_GROUPS[group]
        raw = {
            "id": f"offentlige-tal-{group.replace('_', '-')}",
            "titel": f"Fuldtidsmodtagere: {_TOTAL_TITLES.get(group, info.label_da.lower())}",
            "ejer": "",
            "indikator": OFFENTLIGE_TAL,
            "measure": "fuldtidspersoner",
            "filtre": {"ydelse": [group]},
            "forloeb": "maaned_mod_sidste_aar",
            "retning": "lavere",
            "kilde": "Offentlige tal: færre fuldtidsmodtagere end samme periode året før",
            "beskrivelse": f"Dækker {info.daekker}.",
            "kommune": kommune,
            "tags": ["offentlige_tal"],
        }
        goals.append(goal_from_dict(raw, source="offentlige tal"))
    return goals
