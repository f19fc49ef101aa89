"""Real benefit series by municipality: the shipped DST AUK01 series, or a fetched one.

The project ships DST AUK01 for one benefit group only, nettoledige kontanthjælpsmodtagere
(`register/data`, 2007Q1-2025Q4): no public copy of the all-benefit series (YDELSESTYPE TOT)
was found. `indsats data fetch statbank AUK01` fetches the all-benefit series where there is
network; `benchmark_series()` then prefers it. Every series says exactly what it covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from indsats.register.aggregate import AGGREGATE_GROUPS, AGGREGATE_SCHEMA, parse_aggregate

SHIPPED_SOURCE_DA = (
    "Danmarks Statistik, Statistikbanken, tabel AUK01 (fuldtidsmodtagere), kopi i indsats"
)


@dataclass(frozen=True, slots=True)
class Serie:
    """Full-time recipients of one benefit group by municipality and quarter ('2024Q1')."""

    gruppe: str  # an AGGREGATE_GROUPS code
    vaerdier: dict[int, dict[str, float]]
    kilde: str  # plain Danish, for the report
    hentet: str = ""  # when a fetched series was fetched ('' = shipped with indsats)

    @property
    def label_da(self) -> str:
        return AGGREGATE_GROUPS[self.gruppe].label_da

    @property
    def daekker(self) -> str:
        return AGGREGATE_GROUPS[self.gruppe].daekker

    @property
    def alle_ydelser(self) -> bool:
        return AGGREGATE_GROUPS[self.gruppe].alle_ydelser

    def quarters(self) -> list[str]:
        return sorted({q for per in self.vaerdier.values() for q in per})

    def as_aggregate(self, kommune: int | None = None) -> pa.Table:
        """The series in the aggregate schema (what `register import aggregate` writes)."""
        rows = [
            (k, q, self.gruppe, "fuldtidspersoner", v)
            for k, per in sorted(self.vaerdier.items())
            if kommune is None or k == kommune
            for q, v in sorted(per.items())
        ]
        return pa.table(
            {name: [r[i] for r in rows] for i, name in enumerate(AGGREGATE_SCHEMA.names)},
            schema=AGGREGATE_SCHEMA,
        )


def shipped_series() -> Serie:
    """DST AUK01, nettoledige kontanthjælpsmodtagere, shipped with indsats."""
    from indsats.register.calibration import auk01

    values = {k: {q: float(v) for q, v in per.items()} for k, per in auk01().items()}
    return Serie("nettoledige_kontanthjaelp", values, SHIPPED_SOURCE_DA)


def series_from_table(table: pa.Table, *, kilde: str, hentet: str = "") -> Serie:
    """A fetched DST table (as published) read through the aggregate importer."""
    parsed, _report, _meta = parse_aggregate(table, name=kilde)
    groups = sorted({g for g in parsed.column("ydelse").to_pylist() if g})
    if len(groups) != 1:
        raise ValueError(f"{kilde}: one benefit group expected, found {', '.join(groups)}")
    values: dict[int, dict[str, float]] = {}
    for r in parsed.to_pylist():
        if r["measure"] == "fuldtidspersoner" and r["vaerdi"] is not None and "Q" in r["periode"]:
            values.setdefault(int(r["kommune"]), {})[r["periode"]] = float(r["vaerdi"])
    return Serie(groups[0], values, kilde, hentet)


def cached_all_benefits(root: Path | str | None = None) -> Serie | None:
    """The newest fetched AUK01 all-benefit series (YDELSESTYPE TOT) in the cache, if any."""
    from indsats.publicdata.cache import list_cached, read_cached

    for entry in list_cached(root):
        p = entry.provenance
        if p.kilde != "statbank" or p.tabel != "AUK01":
            continue
        raw = p.forespoergsel.get("variables")
        variables = {
            str(v.get("code")): v.get("values")
            for v in (raw if isinstance(raw, list) else [])
            if isinstance(v, dict)
        }
        if variables.get("YDELSESTYPE") != ["TOT"]:
            continue
        table, _ = read_cached(entry.path)
        return series_from_table(
            table,
            kilde=f"Danmarks Statistik, Statistikbanken, tabel AUK01 (hentet {p.hentet_dato})",
            hentet=p.hentet,
        )
    return None


def benchmark_series(root: Path | str | None = None) -> Serie:
    """All benefits when fetched, else the shipped net-unemployed kontanthjælp series."""
    return cached_all_benefits(root) or shipped_series()
