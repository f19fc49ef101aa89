"""The public covariates (rammevilkår) shipped for the benchmark, and the ministry's published
benchmark results. Sources and licences: `publicdata/data/PROVENANCE.md`.

Each covariate is a snapshot for 2019 and 2022 by municipality; `snapshot_year(year)` says
which one a benchmark year uses. Each has a Statbank query (`statbank.PRESETS`: FOLK1A-65,
HFUDD11, FOLK1E, AFSTB4) and a derivation that gives the snapshot back from DST's answer;
`indsats data fetch statbank HFUDD11` (etc.) caches the table and `covariate_for_year()` uses a
fetched year instead of the snapshot when it is the benchmark year or newer than the snapshot;
`CovariateYear.kilde_da` names the year and source used. Unemployment (AUP02) and population
(FOLK1A/FOLK1AM) are yearly and live in `indsats.register.calibration` and
`indsats.domain.kommuner`.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import IO

import pyarrow as pa

from indsats.domain.kommuner import all_kommuner

SNAPSHOTS = (2019, 2022)
SKIPPED_AREAS = frozenset({"Christiansø"})  # in DST's tables, not a municipality


@dataclass(frozen=True, slots=True)
class Covariate:
    name: str  # identifier, e.g. "andel_65plus_pct"
    file: str
    label_da: str  # how the report names it
    source_da: str
    # The Statbank query (a `statbank.PRESETS` key) whose answer gives the covariate by year.
    statbank: str


COVARIATES: tuple[Covariate, ...] = (
    Covariate(
        "andel_65plus_pct",
        "age_65plus_pct.csv",
        "andel 65 år og derover (aldersstruktur)",
        "DST FOLK1A",
        "FOLK1A-65",
    ),
    Covariate(
        "videregaaende_uddannelse_pct",
        "higher_education_pct.csv",
        "andel med en videregående uddannelse",
        "DST HFUDD11",
        "HFUDD11",
    ),
    Covariate(
        "indvandrere_efterkommere_pct",
        "immigration_share_pct.csv",
        "andel indvandrere og efterkommere (herkomst)",
        "DST FOLK1E",
        "FOLK1E",
    ),
    Covariate(
        "pendlingsafstand_km",
        "commute_distance_km.csv",
        "gennemsnitlig pendlingsafstand for beskæftigede (km)",
        "DST AFSTB4",
        "AFSTB4",
    ),
)


def _data(name: str) -> IO[str]:
    return (resources.files("indsats.publicdata") / "data" / name).open("r", encoding="utf-8")


@cache
def _code_by_name() -> dict[str, int]:
    out: dict[str, int] = {}
    for k in all_kommuner():
        out[k.navn] = k.kode
        out[k.navn_en] = k.kode
    return out


def kommune_code(name: str) -> int:
    """A municipality's code from DST's Danish or English label ('Copenhagen' -> 101)."""
    try:
        return _code_by_name()[name.strip()]
    except KeyError:
        raise LookupError(f"not one of the 98 municipalities: {name!r}") from None


def snapshot_year(year: int) -> int:
    """The covariate snapshot a benchmark year uses: 2019 up to 2020, 2022 from 2021."""
    return SNAPSHOTS[0] if year <= 2020 else SNAPSHOTS[1]


@cache
def covariate_values(name: str, snapshot: int) -> dict[int, float]:
    """{kommune: value} of one covariate in a snapshot year (all 98 municipalities)."""
    cov = _covariate(name)
    out: dict[int, float] = {}
    with _data(cov.file) as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if row["municipality"] in SKIPPED_AREAS or int(row["year"]) != snapshot:
                continue
            try:
                out[kommune_code(row["municipality"])] = float(row["value"])
            except (LookupError, ValueError) as exc:
                raise ValueError(f"publicdata/data/{cov.file}, line {line}: {exc}") from None
    missing = {k.kode for k in all_kommuner()} - set(out)
    if missing:
        raise ValueError(
            f"publicdata/data/{cov.file}: no {snapshot} value for kommune {sorted(missing)}"
        )
    return out


def _covariate(name: str) -> Covariate:
    cov = next((c for c in COVARIATES if c.name == name), None)
    if cov is None:
        raise KeyError(
            f"unknown covariate {name!r}; known: {', '.join(c.name for c in COVARIATES)}"
        )
    return cov


def _number(text: str) -> float | None:
    from indsats.register.aggregate import danish_number

    return danish_number(text)


def _folk1e_share(table: pa.Table) -> dict[int, dict[int, float]]:
    """FOLK1E as the source derived it: (all - persons of Danish origin) / all, in %, rounded
    to 2 decimals, first quarter of each year ('2022K1', or '2022Q1' in English)."""
    total_labels = {"i alt", "total"}
    danish_labels = {"personer med dansk oprindelse", "persons of danish origin"}
    parts: dict[tuple[int, int], dict[str, float]] = {}
    for row in table.to_pylist():
        period = str(row["TID"])
        if period[4:] not in ("K1", "Q1"):
            continue
        herkomst = str(row["HERKOMST"]).strip().lower()
        kind = "total" if herkomst in total_labels else "dansk" if herkomst in danish_labels else ""
        value = _number(str(row["INDHOLD"]))
        try:
            kode = kommune_code(str(row["OMRÅDE"]))
        except LookupError:
            continue  # all Denmark, regions, provinces, Christiansø
        if kind and value is not None:
            parts.setdefault((int(period[:4]), kode), {})[kind] = value
    out: dict[int, dict[int, float]] = {}
    for (year, kode), p in parts.items():
        if p.get("total") and "dansk" in p:
            share = (p["total"] - p["dansk"]) / p["total"] * 100
            out.setdefault(year, {})[kode] = round(share, 2)
    return out


def _afstb4_km(table: pa.Table) -> dict[int, dict[int, float]]:
    """AFSTB4 as the source read it: the value by area of residence and year, rounded to 2."""
    out: dict[int, dict[int, float]] = {}
    for row in table.to_pylist():
        value = _number(str(row["INDHOLD"]))
        try:
            kode = kommune_code(str(row["BOPOMR"]))
        except LookupError:
            continue
        if value is not None:
            out.setdefault(int(str(row["TID"])[:4]), {})[kode] = round(value, 2)
    return out


def _share_by_label(
    table: pa.Table,
    area: str,
    label: str,
    classify: Callable[[str], str | None],
) -> dict[int, dict[int, float]]:
    """{year: {kommune: part / total × 100}}, rounded to 1 decimal as the shipped snapshots are.
    `classify` says of a row's `label` value whether it is the "total", in the "part", or
    neither (None). The rows are read as column tuples: cheaper than dicts for DST's large
    answers (FOLK1A-65 over every quarter is about 500,000 rows)."""
    parts: dict[tuple[int, int], list[float]] = {}  # (year, kode) -> [total, part]
    columns = (table.column(c).to_pylist() for c in (area, label, "TID", "INDHOLD"))
    for place, text, tid, indhold in zip(*columns, strict=True):
        kind = classify(str(text).strip().lower())
        if kind is None:
            continue
        try:
            kode = kommune_code(str(place))
        except LookupError:
            continue  # all Denmark, regions, provinces, Christiansø
        value = _number(str(indhold))
        if value is not None:
            parts.setdefault((int(str(tid)[:4]), kode), [0.0, 0.0])[kind == "part"] += value
    out: dict[int, dict[int, float]] = {}
    for (year, kode), (total, part) in parts.items():
        if total > 0:
            out.setdefault(year, {})[kode] = round(part / total * 100, 1)
    return out


def _folk1a_65plus_share(table: pa.Table) -> dict[int, dict[int, float]]:
    """FOLK1A, first quarter of each year: persons aged 65 and over / all ages, in %. An age row
    is read from its label's number ('65 år', '65 years'); the total row is 'Alder i alt'
    ('Age, total')."""
    import pyarrow.compute as pc

    def classify(label: str) -> str | None:
        if label in ("alder i alt", "age, total", "i alt", "total"):
            return "total"
        age = label.split(" ", 1)[0]
        return "part" if age.isdigit() and int(age) >= 65 else None

    first_quarters = table.filter(pc.match_substring_regex(table.column("TID"), r"^\d{4}[KQ]1$"))
    return _share_by_label(first_quarters, "OMRÅDE", "ALDER", classify)


_HIGHER_EDUCATION = ("h40", "h50", "h60", "h70", "h80")


def _hfudd11_share(table: pa.Table) -> dict[int, dict[int, float]]:
    """HFUDD11 by year: (H40 + H50 + H60 + H70 + H80) / all, in %. A level is read from its
    label's code ('H70 Lange videregående uddannelser', 'H70 Masters programs'); the total row
    is 'I alt' ('Total')."""

    def classify(label: str) -> str | None:
        if label in ("i alt", "total"):
            return "total"
        return "part" if label.split(" ", 1)[0] in _HIGHER_EDUCATION else None

    return _share_by_label(table, "BOPOMR", "HFUDD", classify)


_DERIVE = {
    "FOLK1E": _folk1e_share,
    "AFSTB4": _afstb4_km,
    "FOLK1A-65": _folk1a_65plus_share,
    "HFUDD11": _hfudd11_share,
}


@dataclass(frozen=True, slots=True)
class FetchedCovariate:
    """A covariate's complete years (all 98 municipalities) in the fetched Statbank tables,
    each from the newest answer that has it complete, with the time that answer was fetched."""

    aar: dict[int, dict[int, float]]
    hentet_dato: dict[int, str]  # year -> '2026-11-26 10:04 UTC'


@lru_cache(maxsize=32)
def _derived(path: str, mtime_ns: int, preset: str) -> dict[int, dict[int, float]] | None:
    """A covariate's years derived from one cached answer (None: not the preset's columns).
    Kept per file and modification time: a large answer (FOLK1A-65 over every quarter) takes
    about half a second to derive, and every benchmark asks again."""
    from indsats.publicdata.cache import read_cached

    table, _ = read_cached(Path(path))
    try:
        return _DERIVE[preset](table)
    except KeyError:
        return None


def fetched_covariate(name: str, root: Path | str | None = None) -> FetchedCovariate | None:
    """The covariate's years that cover all 98 municipalities in the cached answers to its
    preset query (`indsats data fetch statbank FOLK1E`); None when there is none. A query
    narrowed to some municipalities or periods is read too, and a year is taken from the newest
    answer that has it complete: a later fetch of one new year does not hide the older years."""
    from indsats.publicdata.cache import list_cached
    from indsats.publicdata.statbank import SOURCE, preset_of

    cov = _covariate(name)
    everyone = {k.kode for k in all_kommuner()}
    aar: dict[int, dict[int, float]] = {}
    hentet: dict[int, str] = {}
    for entry in list_cached(root):  # newest first
        p = entry.provenance
        if p.kilde != SOURCE or preset_of(p.tabel, p.forespoergsel.get("variables")) != (
            cov.statbank
        ):
            continue  # another table, or another query of it (other sexes, ages, ...)
        years = _derived(str(entry.path), entry.path.stat().st_mtime_ns, cov.statbank)
        for year, values in (years or {}).items():
            if year not in aar and everyone <= set(values):
                aar[year], hentet[year] = values, p.hentet_dato
    return FetchedCovariate(aar, hentet) if aar else None


@dataclass(frozen=True, slots=True)
class CovariateYear:
    """The values a benchmark year uses for one covariate, and where they come from."""

    name: str
    aar: int
    hentet: bool  # True: a fetched Statbank table; False: the snapshot shipped with indsats
    values: dict[int, float]
    kilde_da: str  # e.g. "DST FOLK1E, 2024, hentet 2026-12-04 10:04 UTC"


def covariate_for_year(name: str, year: int, root: Path | str | None = None) -> CovariateYear:
    """A fetched year when one is the benchmark year or at least as new as the snapshot the year
    would use (the newest such year not after the benchmark year); else the shipped snapshot."""
    cov = _covariate(name)
    snap = snapshot_year(year)
    fetched = fetched_covariate(name, root)
    if fetched is not None:
        usable = [y for y in fetched.aar if y <= year and (y == year or y >= snap)]
        if usable:
            y = max(usable)
            return CovariateYear(
                name,
                y,
                True,
                fetched.aar[y],
                f"{cov.source_da}, {y}, hentet {fetched.hentet_dato[y]}",
            )
    return CovariateYear(
        name, snap, False, covariate_values(name, snap), f"{cov.source_da}, {snap}, kopi i indsats"
    )


def covariates_for_year(year: int, root: Path | str | None = None) -> dict[str, CovariateYear]:
    return {c.name: covariate_for_year(c.name, year, root) for c in COVARIATES}


def structural_inputs_all(
    kommuner: Iterable[int], year: int, root: Path | str | None = None
) -> tuple[list[dict[str, float]], dict[str, str]]:
    """Every covariate of the benchmark for each municipality, and each input's label with the
    year and source it used (for the report: "… (DST FOLK1E, 2022, kopi i indsats)")."""
    from indsats.register.calibration import aup02_pct, befolkning

    used = covariates_for_year(year, root)
    rows = []
    for kommune in kommuner:
        out = {
            "ledighed_pct": float(aup02_pct(kommune, year)),
            "log_befolkning": math.log(befolkning(kommune, year)),
        }
        for c in COVARIATES:
            out[c.name] = used[c.name].values[int(kommune)]
        rows.append(out)
    labels = {
        "ledighed_pct": INPUT_LABELS_DA["ledighed_pct"],
        "log_befolkning": INPUT_LABELS_DA["log_befolkning"],
        **{c.name: f"{c.label_da} ({used[c.name].kilde_da})" for c in COVARIATES},
    }
    return rows, labels


def structural_inputs(kommune: int, year: int, root: Path | str | None = None) -> dict[str, float]:
    """Every covariate of the benchmark for one municipality and year."""
    rows, _ = structural_inputs_all([kommune], year, root)
    return rows[0]


INPUT_LABELS_DA: dict[str, str] = {
    "ledighed_pct": "ledighedsprocent (DST AUP02, årsgennemsnit)",
    "log_befolkning": "befolkningens størrelse (log, DST FOLK1A/FOLK1AM)",
    **{c.name: f"{c.label_da} ({c.source_da})" for c in COVARIATES},
}


@dataclass(frozen=True, slots=True)
class PublishedRank:
    offentliggjort: str  # "2024-03"
    periode: str
    listeplads: int
    kommune: int
    navn: str
    faktisk: float | None
    forventet: float | None
    kilde: str


@cache
def published_benchmark() -> tuple[PublishedRank, ...]:
    """The ministry's published benchmark excerpts (top of the lists), see PROVENANCE.md."""
    out = []
    with _data("bm_benchmark_published.csv") as f:
        for row in csv.DictReader(f):
            out.append(
                PublishedRank(
                    row["offentliggjort"],
                    row["periode"],
                    int(row["listeplads"]),
                    kommune_code(row["kommune"]),
                    row["kommune"],
                    float(row["faktisk_fuldtidspersoner"])
                    if row["faktisk_fuldtidspersoner"]
                    else None,
                    float(row["forventet_fuldtidspersoner"])
                    if row["forventet_fuldtidspersoner"]
                    else None,
                    row["kilde"],
                )
            )
    return tuple(out)
