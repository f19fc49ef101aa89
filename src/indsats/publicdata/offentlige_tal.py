"""Real benefit series by municipality: the shipped DST AUK01 series, fetched and imported ones.

The project ships DST AUK01 for one benefit group only, nettoledige kontanthjælpsmodtagere
(`register/data`, 2007Q1-2025Q4): no public copy of the all-benefit series (YDELSESTYPE TOT)
was found. `indsats data fetch statbank AUK01` fetches the all-benefit series where there is
network; `benchmark_series()` then prefers it. Every series says exactly what it covers.

Goals on public figures (`indsats.goals`, indicator `offentlige_tal`) read `PublicSource`s:
aggregate tables in the importer's schema with where they come from and when they were fetched
or imported. `public_sources()` lists them in the order a goal looks for its group: files given
by the user (`indsats register import aggregate` output), then tables imported into
var/publicdata/aggregat/, then fetched tables (newest first), then the shipped series.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from indsats.register.aggregate import (
    AGGREGATE_GROUPS,
    AGGREGATE_SCHEMA,
    aggregate_info,
    has_benefit_columns,
    is_aggregate,
    parse_aggregate,
    read_aggregate,
)
from indsats.register.schema import RegisterImportError

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


def benchmark_series(root: Path | str | None = None, sources: Sequence[PublicSource] = ()) -> Serie:
    """The best series for the benchmark: an all-benefit group for all 98 municipalities from
    `sources` (e.g. a file the user imported), else a fetched all-benefit AUK01, else the
    shipped net-unemployed kontanthjælp series."""
    from indsats.domain.kommuner import all_kommuner

    codes = {k.kode for k in all_kommuner()}
    for source in sources:
        for group in source.groups_for_all():
            if not AGGREGATE_GROUPS[group].alle_ydelser:
                continue
            serie = series_from_source(source, group)
            if serie is not None and codes <= set(serie.vaerdier):
                return serie
    return cached_all_benefits(root) or shipped_series()


# ---------------------------------------------------------------------------------------------
# Sources of public figures for goals

SHIPPED = "leveret med indsats"
FETCHED = "hentet"
IMPORTED = "indlæst"


@dataclass(frozen=True, slots=True)
class PublicSource:
    """An aggregate table of published figures (`AGGREGATE_SCHEMA`) and where it comes from."""

    table: pa.Table
    kilde: str  # plain Danish: publisher and table, e.g. "Danmarks Statistik, tabel AUK01"
    hvordan: str  # SHIPPED, FETCHED or IMPORTED
    tidspunkt: str = ""  # when fetched or imported (ISO 8601, UTC); '' for the shipped series

    def rows_for(self, kommune: int, groups: Sequence[str], measure: str) -> pa.Table:
        t = self.table
        mask = pc.and_(
            pc.and_(pc.equal(t["kommune"], kommune), pc.is_in(t["ydelse"], pa.array(groups))),
            pc.equal(t["measure"], measure),
        )
        return t.filter(mask)

    def groups_for(self, kommune: int) -> list[str]:
        """The benefit groups this source has figures for in `kommune`."""
        t = self.table.filter(pc.equal(self.table["kommune"], kommune))
        return sorted({g for g in t.column("ydelse").to_pylist() if g})

    def groups_for_all(self) -> list[str]:
        return sorted({g for g in self.table.column("ydelse").to_pylist() if g})

    def as_dict(self) -> dict[str, str]:
        return {"kilde": self.kilde, "hvordan": self.hvordan, "tidspunkt": self.tidspunkt}


def _publisher(kreditering: str) -> str:
    return kreditering.removeprefix("Kilde:").strip()


def shipped_source() -> PublicSource:
    """The shipped DST AUK01 series (nettoledige kontanthjælpsmodtagere)."""
    return PublicSource(shipped_series().as_aggregate(), SHIPPED_SOURCE_DA, SHIPPED)


def fetched_sources(root: Path | str | None = None) -> list[PublicSource]:
    """Every fetched table of benefit recipients in the cache, newest first.

    Tables that are not counts of benefit recipients by municipality (AUP02, FOLK1A) do not pass
    the aggregate importer and are left out; those without a benefit column are left out from
    their schema alone, unread (a fetched FOLK1A answer can have 500,000 rows)."""
    import pyarrow.parquet as pq

    from indsats.publicdata.cache import list_cached, read_cached

    out = []
    for entry in list_cached(root):
        if is_aggregate(entry.path):  # an imported copy (under aggregat/), read as a file
            continue
        if not has_benefit_columns(pq.read_schema(entry.path).names):
            continue
        table, prov = read_cached(entry.path)
        try:
            parsed, _report, _meta = parse_aggregate(table, name=entry.path.name)
        except RegisterImportError:
            continue
        out.append(
            PublicSource(
                parsed,
                f"{_publisher(prov.kreditering)}, tabel {prov.tabel}",
                FETCHED,
                prov.hentet,
            )
        )
    return out


def file_source(path: Path | str) -> PublicSource:
    """An imported aggregate file (`indsats register import aggregate`), with its provenance
    when the table was fetched by `indsats data fetch`, else with its import time."""
    from indsats.publicdata.cache import Provenance

    table = read_aggregate(path)
    info = aggregate_info(path)
    raw = info.get("provenance")
    if isinstance(raw, dict):
        prov = Provenance.from_json(json.dumps(raw))
        return PublicSource(
            table, f"{_publisher(prov.kreditering)}, tabel {prov.tabel}", FETCHED, prov.hentet
        )
    groups = sorted({g for g in table.column("ydelse").to_pylist() if g})
    if groups and all(AGGREGATE_GROUPS[g].kilde.startswith("DST AUK01") for g in groups):
        return PublicSource(
            table, "Danmarks Statistik, tabel AUK01", IMPORTED, str(info.get("importeret") or "")
        )
    publishers = sorted(
        {
            "Danmarks Statistik" if AGGREGATE_GROUPS[g].kilde.startswith("DST") else "Jobindsats"
            for g in groups
            if g in AGGREGATE_GROUPS
        }
    )
    kilde = " og ".join(publishers) or "offentlige tal"
    return PublicSource(table, kilde, IMPORTED, str(info.get("importeret") or ""))


IMPORTED_DIR = "aggregat"  # under the public data root: imported tables every report reads


def imported_sources(root: Path | str | None = None) -> list[PublicSource]:
    """The aggregate tables imported into `<root>/aggregat/` (`indsats register import aggregate
    FILE --out var/publicdata/aggregat/NAME.parquet`), newest import first: how a municipality
    without network on its server makes a downloaded table available to every report."""
    from indsats.publicdata.cache import default_root

    base = (Path(root) if root is not None else default_root()) / IMPORTED_DIR
    sources = [file_source(p) for p in sorted(base.glob("*.parquet")) if is_aggregate(p)]
    return sorted(sources, key=lambda s: s.tidspunkt, reverse=True)


def public_sources(
    files: Sequence[Path | str] = (), *, root: Path | str | None = None
) -> list[PublicSource]:
    """Files given by the user, then the tables imported under `<root>/aggregat/` and the
    fetched tables (each newest first), then the shipped series."""
    return [
        *(file_source(f) for f in files),
        *imported_sources(root),
        *fetched_sources(root),
        shipped_source(),
    ]


def series_from_source(source: PublicSource, group: str) -> Serie | None:
    """One group of a source as a quarterly `Serie` (for the benchmark), if it has quarters."""
    t = source.table
    t = t.filter(pc.and_(pc.equal(t["ydelse"], group), pc.equal(t["measure"], "fuldtidspersoner")))
    values: dict[int, dict[str, float]] = {}
    for r in t.to_pylist():
        if r["vaerdi"] is not None and "Q" in r["periode"]:
            values.setdefault(int(r["kommune"]), {})[r["periode"]] = float(r["vaerdi"])
    if not values:
        return None
    return Serie(group, values, source.kilde, source.tidspunkt)
