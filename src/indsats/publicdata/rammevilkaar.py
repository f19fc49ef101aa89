"""The public covariates (rammevilkår) shipped for the benchmark, and the ministry's published
benchmark results. Sources and licences: `publicdata/data/PROVENANCE.md`.

Each covariate is a snapshot for 2019 and 2022 by municipality; `snapshot_year(year)` says
which one a benchmark year uses. Unemployment (AUP02) and population (FOLK1A/FOLK1AM) are
yearly and live in `indsats.register.calibration` and `indsats.domain.kommuner`.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import IO

from indsats.domain.kommuner import all_kommuner

SNAPSHOTS = (2019, 2022)
SKIPPED_AREAS = frozenset({"Christiansø"})  # in DST's tables, not a municipality


@dataclass(frozen=True, slots=True)
class Covariate:
    name: str  # identifier, e.g. "andel_65plus_pct"
    file: str
    label_da: str  # how the report names it
    source_da: str


COVARIATES: tuple[Covariate, ...] = (
    Covariate(
        "andel_65plus_pct",
        "age_65plus_pct.csv",
        "andel 65 år og derover (aldersstruktur)",
        "DST FOLK1A",
    ),
    Covariate(
        "videregaaende_uddannelse_pct",
        "higher_education_pct.csv",
        "andel med en videregående uddannelse",
        "DST HFUDD11",
    ),
    Covariate(
        "indvandrere_efterkommere_pct",
        "immigration_share_pct.csv",
        "andel indvandrere og efterkommere (herkomst)",
        "DST FOLK1E",
    ),
    Covariate(
        "pendlingsafstand_km",
        "commute_distance_km.csv",
        "gennemsnitlig pendlingsafstand for beskæftigede (km)",
        "DST AFSTB4",
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
    cov = next((c for c in COVARIATES if c.name == name), None)
    if cov is None:
        raise KeyError(
            f"unknown covariate {name!r}; known: {', '.join(c.name for c in COVARIATES)}"
        )
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


def structural_inputs(kommune: int, year: int) -> dict[str, float]:
    """Every covariate of the benchmark for one municipality and year."""
    from indsats.register.calibration import aup02_pct, befolkning

    snap = snapshot_year(year)
    out = {
        "ledighed_pct": float(aup02_pct(kommune, year)),
        "log_befolkning": math.log(befolkning(kommune, year)),
    }
    for c in COVARIATES:
        out[c.name] = covariate_values(c.name, snap)[int(kommune)]
    return out


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
