"""Data freshness: the register's last week and when it was loaded.

The register store (`indsats.register.store`) keeps no metadata file, so "loaded" is the newest
modification time of the register's Parquet files (a register is written atomically, so that is
when it was written), and the last week is the register's largest week_index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Friskhed:
    sidste_uge: str  # e.g. "2024W52"
    sidste_uge_fra: str  # Monday, ISO date
    sidste_uge_til: str  # Sunday, ISO date
    indlaest: str  # ISO datetime (UTC) the register was written
    register: str  # directory


def register_loaded_at(directory: Path | str) -> datetime:
    from indsats.register.store import register_files

    newest = max(f.stat().st_mtime for f in register_files(directory))
    return datetime.fromtimestamp(newest, tz=UTC)


def freshness(
    directory: Path | str, last_week: int, *, loaded_at: datetime | None = None
) -> Friskhed:
    """`loaded_at`: when the register was written, if known already (a register on object
    storage is listed by Spark); else the newest modification time of its local files."""
    from datetime import timedelta

    from indsats.register import weeks

    mon = weeks.monday(last_week)
    loaded = loaded_at if loaded_at is not None else register_loaded_at(directory)
    return Friskhed(
        sidste_uge=weeks.label(last_week),
        sidste_uge_fra=mon.isoformat(),
        sidste_uge_til=(mon + timedelta(days=6)).isoformat(),
        indlaest=loaded.isoformat(timespec="seconds"),
        register=str(directory),
    )
