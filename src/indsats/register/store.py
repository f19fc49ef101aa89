"""Reading and writing registers: a register is a directory of Parquet files in the canonical schema.

Writes are atomic: files go to a hidden temporary directory beside the target, which is renamed
into place only when every file is complete. A reader never sees half a register.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from numpy.typing import ArrayLike

from indsats.register import weeks
from indsats.register.schema import SCHEMA

DEFAULT_ROOT = Path("var/register")

# An import that would leave less than this share of the rows or of the weeks already in the
# target (or nothing at all) is refused unless the caller says so (`--replace-with-less`): a
# header-only or truncated export must not silently empty a register.
REPLACE_WITH_LESS_SHARE = 0.5
REPLACE_WITH_LESS_FLAG = "--replace-with-less"


@dataclass(frozen=True, slots=True)
class Extent:
    """How much a register (or an aggregate table) holds: rows and distinct periods."""

    rows: int
    periods: int
    unit: str = "weeks"

    def describe(self) -> str:
        return f"{self.rows:,} rows over {self.periods:,} {self.unit}"


def register_extent(directory: Path | str) -> Extent | None:
    """Rows and distinct weeks of the register in `directory`; None if there is none."""
    directory = Path(directory)
    if not directory.is_dir():
        return None
    files = sorted(directory.glob("*.parquet"))
    if not files:
        return None
    rows = 0
    weeks_seen: set[int] = set()
    for f in files:
        column = pq.read_table(f, columns=["week_index"]).column("week_index")
        rows += len(column)
        weeks_seen.update(pc.unique(column).to_pylist())
    return Extent(rows, len(weeks_seen))


def replacement_refusal(
    target: Path | str, old: Extent | None, new: Extent, *, replace_with_less: bool
) -> str | None:
    """Why writing `new` over `old` in `target` needs `replace_with_less`, or None if it may go
    ahead. Nothing at all is always refused without the flag; with data already in the target,
    so is less than REPLACE_WITH_LESS_SHARE of its rows or of its periods."""
    if replace_with_less:
        return None
    again = (
        f"nothing written; if this is intended, run the import again with {REPLACE_WITH_LESS_FLAG}"
    )
    if new.rows == 0:
        if old is None or old.rows == 0:
            return f"the file has no data rows (only a header?); {again}"
        return (
            f"the file has no data rows (only a header?) and would empty {Path(target).name}, "
            f"which holds {old.describe()}; {again}"
        )
    if old is None or old.rows == 0:
        return None
    share = REPLACE_WITH_LESS_SHARE
    if new.rows < share * old.rows or new.periods < share * old.periods:
        return (
            f"the file has {new.describe()}, less than {share:.0%} of what {Path(target).name} "
            f"holds now ({old.describe()}); {again}"
        )
    return None


def iso_columns(week_index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ISO year and week arrays for an array of week indices (vectorised by lookup)."""
    week_index = np.asarray(week_index)
    if week_index.size == 0:
        return np.empty(0, np.int32), np.empty(0, np.int32)
    lo, hi = int(week_index.min()), int(week_index.max())
    lut = np.array([weeks.iso_of(i) for i in range(lo, hi + 1)], dtype=np.int32)
    return lut[week_index - lo, 0], lut[week_index - lo, 1]


def to_canonical(
    *,
    person_id: ArrayLike,
    week_index: ArrayLike,
    ydelse: Any,  # an Arrow array, or values pyarrow turns into strings
    kommune: ArrayLike,
    birth_year: Any = None,
    sex: Any = None,
    origin: Any = None,
) -> pa.Table:
    """Build a canonical table from arrays; iso_year/iso_week are derived from week_index."""
    wi = np.asarray(week_index, dtype=np.int32)
    iy, iw = iso_columns(wi)
    n = len(wi)

    def opt(values: Any, typ: pa.DataType) -> pa.Array:
        return pa.nulls(n, typ) if values is None else pa.array(values, typ)

    return pa.table(
        [
            pa.array(np.asarray(person_id, dtype=np.int64)),
            pa.array(wi),
            pa.array(iy),
            pa.array(iw),
            ydelse
            if isinstance(ydelse, pa.Array | pa.ChunkedArray)
            else pa.array(ydelse, pa.string()),
            pa.array(np.asarray(kommune, dtype=np.int32)),
            opt(birth_year, pa.int32()),
            opt(sex, pa.string()),
            opt(origin, pa.string()),
        ],
        schema=SCHEMA,
    )


@contextmanager
def atomic_directory(target: Path | str) -> Iterator[Path]:
    """Yield a temporary directory; on success it replaces `target`, on error it is removed."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def atomic_file(target: Path | str) -> Iterator[Path]:
    """Yield a temporary file path beside `target`; renamed onto `target` only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.tmp-", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, target)


def write_register(tables: pa.Table | Iterable[pa.Table], directory: Path | str) -> int:
    """Write canonical tables as `part-00000.parquet`, ... into `directory` atomically.

    Returns the number of rows written. Each table is checked against the canonical schema.
    """
    if isinstance(tables, pa.Table):
        tables = [tables]
    rows = 0
    with atomic_directory(directory) as tmp:
        for i, table in enumerate(tables):
            table = table.select(SCHEMA.names).cast(SCHEMA)
            pq.write_table(table, tmp / f"part-{i:05d}.parquet", row_group_size=1 << 20)
            rows += table.num_rows
    return rows


def is_uri(path: Path | str) -> bool:
    """True for a URL-style path (`s3a://bucket/x`, `hdfs://...`, `file:///...`): read by the
    backend itself (Spark), never through the local file system."""
    return "://" in str(path)


def register_files(directory: Path | str) -> list[Path]:
    directory = Path(directory)
    if directory.is_file():
        return [directory]
    files = sorted(directory.glob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"no register Parquet files in {directory}")
    return files


def read_register(directory: Path | str) -> pa.Table:
    """The whole register as one Arrow table (small registers; use `analytics.backend` for big)."""
    return pa.concat_tables(pq.read_table(f, schema=SCHEMA) for f in register_files(directory))
