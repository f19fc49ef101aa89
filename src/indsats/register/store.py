"""Reading and writing registers: a register is a directory of Parquet files in the canonical schema.

Writes are atomic: files go to a hidden temporary directory beside the target, which is renamed
into place only when every file is complete. A reader never sees half a register.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
import time
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


REGISTER_FILES = ("*.parquet", "kilde.json")  # what a register folder holds


def not_a_register(target: Path | str) -> str | None:
    """Why `target` must not be replaced by a register (a file, or a folder with other files in
    it: an `--out` typo must not delete someone's documents), or None."""
    target = Path(target)
    if not target.exists() and not target.is_symlink():
        return None
    if not target.is_dir():
        return f"{target.name} is a file, not a register folder; nothing written"
    others = sorted(
        p.name
        for p in target.iterdir()
        if not p.name.startswith(".") and not any(p.match(g) for g in REGISTER_FILES)
    )
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        return (
            f"{target.name} is a folder with other files in it ({shown}), not a register; "
            "nothing written; give a register's own folder (or a new one) as --out"
        )
    return None


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


# Leftovers of an interrupted write are removed only while holding the target's lock (so never
# a running import's files); without file locks (not POSIX), only when this old.
STALE_AFTER_SECONDS = 24 * 3600


@contextmanager
def _target_lock(target: Path) -> Iterator[bool]:
    """Hold an exclusive lock on the folder of `target` while writing: writers there take turns
    (no lock file is left behind; the lock ends with the process, also on kill -9). Not
    re-entrant: an atomic write must not start another one in the same folder. Yields whether a
    real lock is held."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield False
        return
    fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks (some network mounts)
            locked = False
        else:
            locked = True
        yield locked
    finally:
        os.close(fd)  # releases the lock


def _leftovers(target: Path) -> list[Path]:
    """Temporary and replaced copies of `target` that an interrupted write left beside it."""
    prefixes = (f".{target.name}.tmp-", f".{target.name}.old-")
    return [p for p in target.parent.iterdir() if p.name.startswith(prefixes)]


def clean_interrupted(target: Path | str, *, locked: bool = True) -> list[Path]:
    """Finish or undo what a killed write to `target` left, and return what was removed.

    Call with the target's lock held (`locked`): then every leftover is stale. If the write was
    killed between moving the old copy aside and moving the new one in (only where the atomic
    exchange below is unavailable), the old copy is put back, so the target is the old data."""
    target = Path(target)
    if not target.parent.is_dir():
        return []
    now = time.time()
    removed: list[Path] = []
    leftovers = sorted(_leftovers(target), key=lambda p: p.stat().st_mtime)
    if not target.exists():
        olds = [p for p in leftovers if p.name.startswith(f".{target.name}.old-")]
        if olds and (locked or now - olds[-1].stat().st_mtime > STALE_AFTER_SECONDS):
            os.replace(olds[-1], target)
            leftovers.remove(olds[-1])
    for p in leftovers:
        if not locked and now - p.stat().st_mtime <= STALE_AFTER_SECONDS:
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
        removed.append(p)
    return removed


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # an old kernel or a file system without the exchange
    raise OSError(err, os.strerror(err), str(a), None, str(b))


@contextmanager
def atomic_directory(target: Path | str) -> Iterator[Path]:
    """Yield a temporary directory; on success it replaces `target`, on error it is removed.

    Writers to one folder take turns (a lock on the folder), and each first removes what a killed
    write left (`clean_interrupted`). The new directory takes the old one's place in one atomic
    exchange where the system has it (Linux), so a reader, or a kill at any moment, sees the old
    or the new register and never neither; elsewhere a kill between two renames leaves the old
    copy aside, and the next write puts it back before it starts."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _target_lock(target) as locked:
        clean_interrupted(target, locked=locked)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            yield tmp
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _fsync_tree(tmp)
        if target.exists() and _exchange(tmp, target):
            shutil.rmtree(tmp, ignore_errors=True)  # now the old register
            return
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
            os.replace(target, old)
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _fsync_tree(directory: Path) -> None:
    """Flush the new files to disk before they replace the old ones (a power cut must not leave
    a register of empty files)."""
    for f in directory.iterdir():
        if f.is_file():
            fd = os.open(f, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


@contextmanager
def atomic_file(target: Path | str) -> Iterator[Path]:
    """Yield a temporary file path beside `target`; renamed onto `target` only on success.
    Writers to one folder take turns, and each first removes what a killed write left."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _target_lock(target) as locked:
        clean_interrupted(target, locked=locked)
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
