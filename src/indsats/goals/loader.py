"""Goals from YAML files, with validation that names the file and the field.

A goal file holds `maal:` (a list of goals); see docs/goals.md and the bundled files in
`indsats/goals/data/` (ministermaal.yaml, varde.yaml, vordingborg.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from indsats.goals.measures import MEASURES, OFFENTLIGE_TAL, default_measure, is_public, measure
from indsats.goals.model import (
    ENHEDER,
    Forloeb,
    Goal,
    GoalError,
    Punkt,
    Retning,
    normalise_period,
    period_position,
)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_PERIOD_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])|[QK][1-4])?$")
_KEYS = {
    "id",
    "titel",
    "ejer",
    "indikator",
    "measure",
    "filtre",
    "enhed",
    "baseline",
    "target",
    "forloeb",
    "trin",
    "retning",
    "tolerance",
    "kilde",
    "beskrivelse",
    "kommune",
    "tags",
}


def _punkt(raw: Any, *, source: str, field: str) -> Punkt | None:
    if raw is None:
        return None
    if (
        not isinstance(raw, Mapping)
        or set(raw) - {"vaerdi", "periode"}
        or "vaerdi" not in raw
        or "periode" not in raw
    ):
        raise GoalError(
            "skal have 'vaerdi' og 'periode' (fx {vaerdi: 0.2, periode: '2025'})",
            source=source,
            field=field,
        )
    try:
        v = float(raw["vaerdi"])
    except (TypeError, ValueError):
        raise GoalError(
            f"'vaerdi' er ikke et tal: {raw['vaerdi']!r}", source=source, field=f"{field}.vaerdi"
        ) from None
    periode = str(raw["periode"]).strip().upper()
    if not _PERIOD_RE.match(periode):
        raise GoalError(
            "'periode' skal være et år (2025), et kvartal (2025Q2 eller 2025K2) eller en måned "
            f"(2025-06), ikke {raw['periode']!r}",
            source=source,
            field=f"{field}.periode",
        )
    return Punkt(v, normalise_period(periode))


def goal_from_dict(
    raw: Mapping[str, Any], *, source: str = "<dict>", index: int | None = None
) -> Goal:
    """Validate one goal. Errors name `source` and the field (e.g. `maal[2].retning`)."""
    from indsats.analytics.indicators import INDICATORS

    pre = f"maal[{index}]." if index is not None else ""

    def err(msg: str, f: str) -> GoalError:
        return GoalError(msg, source=source, field=pre + f)

    if not isinstance(raw, Mapping):
        raise GoalError("et mål skal være en tabel (mapping)", source=source, field=pre.rstrip("."))
    if "maal" in raw:  # the field's name in goal files before report version 2
        raise err(
            "feltet hedder nu 'measure' (opgørelsen, fx andel eller fuldtidspersoner)", "maal"
        )
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise err(f"ukendt felt; kendte felter: {', '.join(sorted(_KEYS))}", unknown[0])
    for req in ("id", "titel", "indikator", "forloeb", "retning"):
        if raw.get(req) in (None, ""):
            raise err("mangler", req)
    gid = str(raw["id"])
    if not _ID_RE.match(gid):
        raise err("skal være små bogstaver, tal, - og _ (fx sdp-helaarspersoner)", "id")
    ind = str(raw["indikator"])
    if ind not in INDICATORS and not is_public(ind):
        known = ", ".join([*INDICATORS, OFFENTLIGE_TAL])
        raise err(f"ukendt indikator {ind!r}; kendte: {known}", "indikator")
    column = str(raw.get("measure") or default_measure(ind) or "")
    if (ind, column) not in MEASURES:
        known = ", ".join(m for (i, m) in MEASURES if i == ind) or "ingen (kan ikke bruges)"
        raise err(f"indikatoren {ind!r} har ikke opgørelsen {column!r}; kendte: {known}", "measure")
    try:
        forloeb = Forloeb(str(raw["forloeb"]))
    except ValueError:
        raise err(f"skal være en af {', '.join(f.value for f in Forloeb)}", "forloeb") from None
    try:
        retning = Retning(str(raw["retning"]))
    except ValueError:
        raise err(f"skal være en af {', '.join(r.value for r in Retning)}", "retning") from None
    enhed = str(raw.get("enhed") or measure(ind, column).enhed)
    if enhed not in ENHEDER:
        raise err(f"skal være en af {', '.join(ENHEDER)}", "enhed")
    baseline = _punkt(raw.get("baseline"), source=source, field=pre + "baseline")
    target = _punkt(raw.get("target"), source=source, field=pre + "target")
    if forloeb is Forloeb.LINEAER and (baseline is None or target is None):
        raise err(
            "et lineært forløb kræver både 'baseline' og 'target'",
            "baseline" if baseline is None else "target",
        )
    if (
        baseline
        and target
        and forloeb is Forloeb.LINEAER
        and period_position(target.periode) <= period_position(baseline.periode)
    ):
        raise err("målets periode skal ligge efter udgangspunktets", "target.periode")
    trin_raw = raw.get("trin") or {}
    if not isinstance(trin_raw, Mapping):
        raise err("skal være en tabel år: værdi", "trin")
    trin = []
    for y, v in trin_raw.items():
        try:
            trin.append((int(y), float(v)))
        except (TypeError, ValueError):
            raise err(f"år og værdi skal være tal, ikke {y!r}: {v!r}", "trin") from None
    if forloeb is Forloeb.TRINVIS_AAR and not trin and (baseline is None or target is None):
        raise err("et trinvist forløb kræver 'trin' eller både 'baseline' og 'target'", "trin")
    filtre_raw = raw.get("filtre") or {}
    if not isinstance(filtre_raw, Mapping):
        raise err("skal være en tabel kolonne: [værdier]", "filtre")
    filtre = []
    for col, vals in filtre_raw.items():
        vals = [vals] if isinstance(vals, str) else list(vals or [])
        if col not in ("ydelse", "maalgruppe") or not vals:
            raise err(
                f"kun 'ydelse' eller 'maalgruppe' med mindst én værdi, ikke {col!r}", "filtre"
            )
        filtre.append((str(col), tuple(str(v) for v in vals)))
    if filtre and not measure(ind, column).sum_over_rows:
        raise err(f"indikatoren {ind!r} kan ikke filtreres", "filtre")
    if is_public(ind):
        filtre = [("ydelse", _public_groups(dict(filtre), err))]
    try:
        tol = float(raw.get("tolerance", 0.05))
    except (TypeError, ValueError):
        raise err("skal være et tal", "tolerance") from None
    if not 0 <= tol < 1:
        raise err("skal ligge mellem 0 og 1 (fx 0.05 for 5 %)", "tolerance")
    kommune = raw.get("kommune")
    if kommune is not None:
        from indsats.domain.kommuner import UnknownKommune, get_kommune

        try:
            kommune = get_kommune(kommune).kode
        except UnknownKommune:
            raise err(f"ukendt kommunekode {kommune!r}", "kommune") from None
    return Goal(
        id=gid,
        titel=str(raw["titel"]),
        ejer=str(raw.get("ejer") or ""),
        indikator=ind,
        measure=column,
        forloeb=forloeb,
        retning=retning,
        baseline=baseline,
        target=target,
        enhed=enhed,
        filtre=tuple(filtre),
        trin=tuple(sorted(trin)),
        tolerance=tol,
        kilde=str(raw.get("kilde") or ""),
        beskrivelse=str(raw.get("beskrivelse") or ""),
        kommune=kommune,
        tags=tuple(str(t) for t in raw.get("tags") or ()),
    )


def _public_groups(
    filtre: Mapping[str, tuple[str, ...]], err: Callable[[str, str], GoalError]
) -> tuple[str, ...]:
    """The aggregate groups a goal on public figures follows, as group codes.

    Publishers' labels are accepted too ("Nettoledige kontanthjælpsmodtagere"). Several groups
    are added up, so a group covering all benefits cannot be combined with another."""
    from indsats.register.aggregate import AGGREGATE_GROUPS, AGGREGATE_LABELS

    codes = ", ".join(AGGREGATE_GROUPS)
    if set(filtre) - {"ydelse"} or not filtre.get("ydelse"):
        raise err(
            f"offentlige tal kræver filtre: {{ydelse: [gruppe]}} og intet andet; grupper: {codes}",
            "filtre",
        )
    groups: list[str] = []
    for value in filtre["ydelse"]:
        code = AGGREGATE_LABELS.get(value.strip().lower())
        if code is None:
            raise err(f"ukendt gruppe i offentlige tal {value!r}; kendte: {codes}", "filtre")
        if code not in groups:
            groups.append(code)
    if len(groups) > 1 and any(AGGREGATE_GROUPS[g].alle_ydelser for g in groups):
        raise err(
            "en gruppe, der dækker alle ydelser, kan ikke lægges sammen med andre grupper",
            "filtre",
        )
    return tuple(groups)


def goals_from_data(data: Any, *, source: str) -> list[Goal]:
    if not isinstance(data, Mapping) or not isinstance(data.get("maal"), list):
        raise GoalError("filen skal have en liste 'maal:'", source=source, field="maal")
    goals = [goal_from_dict(g, source=source, index=i) for i, g in enumerate(data["maal"])]
    seen: set[str] = set()
    for i, g in enumerate(goals):
        if g.id in seen:
            raise GoalError(f"id {g.id!r} findes to gange", source=source, field=f"maal[{i}].id")
        seen.add(g.id)
    return goals


def load_goals(path: Path | str) -> list[Goal]:
    """Read and validate a goal YAML file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoalError(f"ikke gyldig YAML: {exc}", source=str(path)) from None
    return goals_from_data(data, source=str(path))


def _bundled(name: str) -> Traversable:
    return resources.files("indsats.goals") / "data" / name


def bundled_goals(name: str) -> list[Goal]:
    """Goals from a file bundled in indsats/goals/data (e.g. 'varde.yaml')."""
    with _bundled(name).open(encoding="utf-8") as f:
        return goals_from_data(yaml.safe_load(f), source=f"indsats/goals/data/{name}")


# ---------------------------------------------------------------------------------------------
# The minister's goals (STAR's yearly letters; sources in goals/data/ministermaal.yaml)


@dataclass(frozen=True, slots=True)
class Ministermaal:
    aar: int
    nr: int
    tekst: str
    kilde: str
    status_kilde: str  # how the source was checked: VERIFIED (official) or SECONDARY
    goal: Goal | None  # None: no sensible indicator in the register
    uden_indikator: str  # why there is none (or what the proxy lacks)


@cache
def _ministermaal_data() -> dict[str, Any]:
    with _bundled("ministermaal.yaml").open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def ministermaal(year: int) -> list[Ministermaal]:
    """The minister's goals for `year`: 2018-2024 from STAR's letters; later years carry the
    latest known set forward (the 2024 letter continued the 2023 goals)."""
    data = _ministermaal_data()
    years = sorted(int(y) for y in data["aar"])
    use = max([y for y in years if y <= year], default=years[0])
    entry = data["aar"][use]
    src = "indsats/goals/data/ministermaal.yaml"
    out = []
    for i, m in enumerate(entry["maal"]):
        goal = None
        if m.get("indikator"):
            raw = {
                "id": f"ministermaal-{use}-{m['nr']}",
                "titel": f"Ministermål {m['nr']}: {m['kort']}",
                "ejer": "Beskæftigelsesministeren (ministermål)",
                "indikator": m["indikator"],
                "measure": m.get("measure"),
                "filtre": m.get("filtre"),
                "forloeb": m.get("forloeb", "maaned_mod_sidste_aar"),
                "retning": m["retning"],
                "kilde": f"{entry['kilde']} ({entry['status']})",
                "beskrivelse": m["tekst"],
                "tags": ["ministermaal"],
            }
            goal = goal_from_dict(raw, source=src, index=i)
        out.append(
            Ministermaal(
                aar=use,
                nr=int(m["nr"]),
                tekst=m["tekst"],
                kilde=entry["kilde"],
                status_kilde=entry["status"],
                goal=goal,
                uden_indikator=str(m.get("uden_indikator") or ""),
            )
        )
    return out


def ministermaal_goals(year: int) -> list[Goal]:
    return [m.goal for m in ministermaal(year) if m.goal is not None]


DEMO_GOAL_FILES = {573: "varde.yaml", 390: "vordingborg.yaml"}


def demo_goals(kommune: int) -> list[Goal]:
    """The local goals bundled for a demo municipality (Varde, Vordingborg), else none."""
    name = DEMO_GOAL_FILES.get(int(kommune))
    return bundled_goals(name) if name else []
