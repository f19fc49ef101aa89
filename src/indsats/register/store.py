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


# What a register folder holds: its Parquet files, the source note (register/kilde.py) and the
# increments' state (analytics/increment.py STATE_DIR).
REGISTER_FILES = ("*.parquet", "kilde.json", "_inkrement")


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


WEEK_FILE_PREFIX = "uge-"


class AppendError(ValueError):
    """A week that cannot be appended: already there, a gap before it, or several weeks."""


def week_file(week_index: int) -> str:
    """The file of one appended week: `uge-2024W05.parquet` (the register partitioned by year
    and week)."""
    return f"{WEEK_FILE_PREFIX}{weeks.label(week_index)}.parquet"


def file_week_range(path: Path | str) -> tuple[int, int] | None:
    """First and last week of one Parquet file, from its statistics where written (else from
    the column); None for a file without rows."""
    meta = pq.read_metadata(path)
    if meta.num_rows == 0:
        return None
    col = meta.schema.names.index("week_index")
    lo: int | None = None
    hi: int | None = None
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        if rg.num_rows == 0:
            continue
        st = rg.column(col).statistics
        if st is None or not st.has_min_max:
            mm = pc.min_max(pq.read_table(path, columns=["week_index"])["week_index"]).as_py()
            return int(mm["min"]), int(mm["max"])
        lo = st.min if lo is None else min(lo, st.min)
        hi = st.max if hi is None else max(hi, st.max)
    return None if lo is None or hi is None else (int(lo), int(hi))


def register_week_range(directory: Path | str) -> tuple[int, int] | None:
    """First and last week of the register, from the Parquet files' statistics (no rows
    read); None for a register without rows."""
    directory = Path(directory)
    if not directory.is_dir():
        return None
    ranges = [r for f in directory.glob("*.parquet") if (r := file_week_range(f)) is not None]
    if not ranges:
        return None
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def partition_by_week(source: Path | str, target: Path) -> int:
    """Write the register in `source` into `target` as one file per week (`week_file`),
    streaming row group by row group (a national register never sits in memory at once).
    `kilde.json` and other non-Parquet files are linked along. Returns the rows written."""
    source = Path(source)
    writers: dict[int, pq.ParquetWriter] = {}
    rows = 0
    try:
        for f in sorted(source.glob("*.parquet")):
            pf = pq.ParquetFile(f)
            for g in range(pf.num_row_groups):
                t = pf.read_row_group(g).select(SCHEMA.names).cast(SCHEMA)
                wk = t.column("week_index")
                for w in pc.unique(wk).to_pylist():
                    part = t.filter(pc.equal(wk, w))
                    if w not in writers:
                        writers[w] = pq.ParquetWriter(target / week_file(int(w)), SCHEMA)
                    writers[w].write_table(part)
                    rows += part.num_rows
    finally:
        for wr in writers.values():
            wr.close()
    for f in source.iterdir():
        if f.is_file() and f.suffix != ".parquet" and not (target / f.name).exists():
            os.link(f, target / f.name)
    return rows


def check_append(
    directory: Path | str, cov: tuple[int, int] | None, week: int, *, replace: bool
) -> None:
    """Raise AppendError unless `week` may be appended to the register covering `cov`: the
    week right after the last one, or (with `replace`) the last week when it has its own
    week file."""
    name = Path(directory).name
    if cov is None:
        return
    first, last = cov
    lab = weeks.label
    if week == last + 1:
        return
    if week > last + 1:
        missing = lab(last + 1) if week == last + 2 else f"{lab(last + 1)} to {lab(week - 1)}"
        raise AppendError(
            f"{lab(week)} cannot be appended to {name}: its last week is {lab(last)}, so "
            f"{missing} would be missing; append the weeks in order"
        )
    if week < first:
        raise AppendError(
            f"{lab(week)} lies before the first week of {name} ({lab(first)}); a register "
            "grows at its end (import the whole register again)"
        )
    if not replace:
        raise AppendError(
            f"{lab(week)} is already in {name} (it holds {lab(first)} to {lab(last)}); to "
            "replace it, run the import again with --replace"
        )
    if week != last:
        raise AppendError(
            f"only the last week ({lab(last)}) can be replaced; {lab(week)} has later weeks "
            "built on it (import the whole register again)"
        )
    if not (Path(directory) / week_file(week)).exists():
        raise AppendError(
            f"{lab(week)} was not appended on its own (it is inside a file of several weeks); "
            "import the whole register again"
        )


@contextmanager
def staged_register(directory: Path | str) -> Iterator[Path]:
    """A copy of the register to change, swapped in atomically on success.

    The copy is made of hard links (cheap: no data is copied), so a file in it must never be
    written into: replace it (unlink, then write) instead. Register files are written once
    and never changed, so the old register stays intact until the swap."""
    directory = Path(directory)
    with atomic_directory(directory) as tmp:
        if directory.is_dir():
            for src in directory.rglob("*"):
                dst = tmp / src.relative_to(directory)
                if src.is_dir():
                    dst.mkdir(parents=True, exist_ok=True)
                else:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    os.link(src, dst)
        yield tmp


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
