"""The 98 Danish municipalities (kommuner) with code, name, region and population."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

_POPULATION_COLUMNS = {
    "2019-01-01": "folk_2019Q1",
    "2022-01-01": "folk_2022Q1",
    "2023-01-01": "folk_2023M01",
    "2024-01-01": "folk_2024M01",
    "2025-01-01": "folk_2025M01",
}


@dataclass(frozen=True, slots=True)
class Kommune:
    kode: int
    navn: str
    navn_en: str
    region_kode: int
    region_navn: str
    population: dict[str, int]  # ISO date (1 January) -> inhabitants

    @property
    def kommunekode(self) -> str:
        """The four-digit code used by DAR and DREAM, e.g. '0573'."""
        return f"{self.kode:04d}"


class UnknownKommune(LookupError):
    pass


@cache
def all_kommuner() -> tuple[Kommune, ...]:
    path = resources.files("indsats.domain") / "data" / "municipalities.csv"
    rows = []
    with io.StringIO(path.read_text(encoding="utf-8"), newline="") as f:
        for line_no, row in enumerate(csv.DictReader(f), start=2):
            try:
                rows.append(
                    Kommune(
                        kode=int(row["kode"]),
                        navn=row["navn"],
                        navn_en=row["dst_label_en"],
                        region_kode=int(row["region_kode_dst"]),
                        region_navn=row["region_navn"],
                        population={day: int(row[col]) for day, col in _POPULATION_COLUMNS.items()},
                    )
                )
            except (KeyError, ValueError) as exc:
                raise ValueError(f"municipalities.csv line {line_no}: {exc}") from exc
    return tuple(sorted(rows, key=lambda k: k.kode))


@cache
def _by_code() -> dict[int, Kommune]:
    return {k.kode: k for k in all_kommuner()}


def get_kommune(kode: int | str) -> Kommune:
    """Look a municipality up by its code (573, '573' or '0573')."""
    try:
        return _by_code()[int(kode)]
    except (KeyError, ValueError):
        raise UnknownKommune(f"unknown kommunekode: {kode!r}") from None


def regions() -> dict[int, str]:
    return {k.region_kode: k.region_navn for k in all_kommuner()}
