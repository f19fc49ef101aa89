"""Fetched public tables kept as Parquet with their provenance.

One file per query: `<root>/<source>/<TABLE>-<query hash>.parquet`. The provenance travels
inside the file (Parquet key-value metadata `indsats.provenance`, JSON), so a copied file still
says where it came from, when, under which licence and whom to credit. Writes are atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from indsats.register.store import atomic_file

METADATA_KEY = b"indsats.provenance"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a table came from. `forespoergsel` is the query as sent (JSON-able)."""

    kilde: str  # "statbank" or "jobindsats"
    tabel: str  # e.g. "AUK01", "y30r21"
    forespoergsel: dict[str, object]
    url: str
    hentet: str  # ISO 8601, UTC, when the answer arrived
    licens: str
    kreditering: str  # the attribution the licence asks for
    raekker: int = 0
    noter: tuple[str, ...] = field(default_factory=tuple)

    @property
    def hentet_dato(self) -> str:
        """'2026-11-26 10:04 UTC'."""
        return datetime.fromisoformat(self.hentet).strftime("%Y-%m-%d %H:%M UTC")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Provenance:
        raw = json.loads(text)
        raw["noter"] = tuple(raw.get("noter") or ())
        return cls(**raw)


def now_utc() -> str:
    return datetime.now(tz=UTC).isoformat(timespec="seconds")


def default_root() -> Path:
    """var/publicdata under INDSATS_VAR_DIR (default var/)."""
    return Path(os.environ.get("INDSATS_VAR_DIR", "var")) / "publicdata"


def query_key(source: str, table: str, query: Mapping[str, object]) -> str:
    """A stable file name for a query: the table and a short hash of the query."""
    digest = hashlib.sha256(
        json.dumps({"kilde": source, "tabel": table, "q": query}, sort_keys=True).encode()
    ).hexdigest()[:12]
    return f"{table.upper()}-{digest}"


def cache_path(root: Path | str, source: str, table: str, query: Mapping[str, object]) -> Path:
    return Path(root) / source / f"{query_key(source, table, query)}.parquet"


def write_cached(table: pa.Table, provenance: Provenance, path: Path | str) -> Path:
    """Write `table` with `provenance` in its metadata, atomically."""
    meta = dict(table.schema.metadata or {})
    meta[METADATA_KEY] = provenance.to_json().encode()
    with atomic_file(path) as tmp:
        pq.write_table(table.replace_schema_metadata(meta), tmp)
    return Path(path)


def read_provenance(path: Path | str) -> Provenance:
    meta = pq.read_schema(path).metadata or {}
    if METADATA_KEY not in meta:
        raise ValueError(f"{path}: no provenance in the file (not written by indsats data fetch)")
    return Provenance.from_json(meta[METADATA_KEY])


def read_cached(path: Path | str) -> tuple[pa.Table, Provenance]:
    table = pq.read_table(path)
    return table.replace_schema_metadata(None), read_provenance(path)


@dataclass(frozen=True, slots=True)
class CachedEntry:
    path: Path
    provenance: Provenance


def list_cached(root: Path | str | None = None) -> list[CachedEntry]:
    """Every cached table under `root`, newest first."""
    base = Path(root) if root is not None else default_root()
    out: list[CachedEntry] = []
    for path in sorted(base.glob("*/*.parquet")):
        try:
            out.append(CachedEntry(path, read_provenance(path)))
        except (ValueError, OSError, pa.ArrowInvalid):
            continue
    return sorted(out, key=lambda e: e.provenance.hentet, reverse=True)


def strings_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> pa.Table:
    """A table of string columns (the shape both APIs answer in)."""
    return pa.table({c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(columns)})
