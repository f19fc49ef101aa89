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
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import ArrayLike

from indsats.register import weeks
from indsats.register.schema import SCHEMA

DEFAULT_ROOT = Path("var/register")


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
