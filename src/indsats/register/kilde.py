"""Where a register's rows come from, kept next to its Parquet files (`kilde.json`).

The synthetic generator marks its registers, so every figure drawn from one can be labelled
"syntetiske tal" wherever it is shown. A register without the file was imported (real data).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from indsats.register.store import atomic_file

SOURCE_FILE = "kilde.json"
SYNTETISK = "syntetisk"


def write_source(directory: Path | str, kilde: str, **details: object) -> None:
    info: dict[str, object] = {
        "kilde": kilde,
        "skrevet": datetime.now(tz=UTC).isoformat(timespec="seconds"),
    }
    info.update(details)
    with atomic_file(Path(directory) / SOURCE_FILE) as tmp:
        tmp.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")


def read_source(directory: Path | str) -> dict[str, object]:
    """The register's source note; `{"kilde": "importeret"}` when it has none."""
    path = Path(directory) / SOURCE_FILE
    if Path(directory).is_dir() and path.exists():
        info: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
        return info
    return {"kilde": "importeret"}


def is_synthetic(directory: Path | str) -> bool:
    return read_source(directory).get("kilde") == SYNTETISK
