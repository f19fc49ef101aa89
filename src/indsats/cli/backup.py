"""`indsats backup` and `indsats restore`: the embedded installation in one archive.

What is in a backup (a tar file, gzip-compressed if its name ends in .gz or .tgz):

- `database/indsats.sqlite3`: the SQLite database, copied with SQLite's online backup API, so
  the copy is one consistent moment even while the server writes (WAL mode). On PostgreSQL the
  database is not in the archive: dump it with `pg_dump` (docs/operations.md);
- `var/register/<name>/…`: every register under INDSATS_VAR_DIR/register, each copied as one
  version (a register an import replaces meanwhile is copied again, never half old, half new);
- `var/reports/…`, `var/publicdata/…` and `var/secret_key` (it signs sessions and the citizens'
  booking links, so restored links keep working);
- `manifest.json`: format, time, the SHA-256 of every file, and what the backup holds
  (citizens, cases, samtaler, audit rows, weeks per register).

`restore` checks every checksum before it touches anything, refuses an installation that has
data unless `--force` (and then moves what was there aside, never deletes it), puts the files in
place, and migrates the database to the installed code.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import stat
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

FORMAT = "indsats-backup"
VERSION = 1
DB_MEMBER = "database/indsats.sqlite3"
MANIFEST = "manifest.json"
VAR_TREES = ("register", "reports", "publicdata")  # directories under INDSATS_VAR_DIR
VAR_FILES = ("secret_key",)

# What a backup holds, counted in the database snapshot: label -> table.
COUNTED_TABLES = {
    "borgere": "citizens_borger",
    "sager": "citizens_sag",
    "samtaler": "citizens_samtale",
    "revisionsspor": "auditlog_logentry",
}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Installation:
    var_dir: Path
    sqlite_path: Path | None  # None: the database is PostgreSQL


# --------------------------------------------------------------------------- backup


def backup_create(*, installation: Installation, out: Path) -> dict:
    """Write the archive `out` atomically (a temporary file beside it, renamed into place).
    Returns the manifest."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    gzip = out.name.endswith((".gz", ".tgz"))
    checksums: dict[str, str] = {}
    counts: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix=".indsats-backup-", dir=out.parent) as tmp:
        partial = Path(tmp) / out.name
        with tarfile.open(partial, "w:gz") if gzip else tarfile.open(partial, "w") as tar:
            if installation.sqlite_path is not None:
                snapshot = Path(tmp) / "snapshot.sqlite3"
                sqlite_snapshot(installation.sqlite_path, snapshot)
                counts.update(database_counts(snapshot))
                with open(snapshot, "rb") as f:
                    checksums[DB_MEMBER] = _add(tar, DB_MEMBER, f)
            counts["registeruger"] = _add_var_trees(tar, installation.var_dir, checksums)
            for name in VAR_FILES:
                path = installation.var_dir / name
                if path.is_file():
                    with open(path, "rb") as f:
                        checksums[f"var/{name}"] = _add(tar, f"var/{name}", f)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": "sqlite" if installation.sqlite_path is not None else "postgresql",
                "counts": counts,
                "files": checksums,
            }
            _add(tar, MANIFEST, io.BytesIO(json.dumps(manifest, indent=2).encode()))
        os.chmod(partial, 0o600)  # it holds every CPR number of the municipality
        os.replace(partial, out)
    return manifest


def sqlite_snapshot(source: Path, target: Path) -> None:
    """One consistent copy of a live SQLite database (SQLite's online backup API)."""
    if not Path(source).exists():
        raise BackupError(f"no database at {source}: nothing to back up")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # all pages in one step, under one read transaction
    finally:
        dst.close()
        src.close()


def database_counts(path: Path) -> dict[str, int]:
    """Rows of each counted table (0 for a table a not yet migrated database lacks)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    counts = {}
    try:
        for label, table in COUNTED_TABLES.items():
            try:
                counts[label] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            except sqlite3.OperationalError:  # no such table
                counts[label] = 0
        return counts
    finally:
        con.close()


def _add_var_trees(tar: tarfile.TarFile, var_dir: Path, checksums: dict[str, str]) -> dict:
    """Add the directory trees under var/; returns the number of weeks in each register."""
    weeks: dict[str, int] = {}
    for tree in VAR_TREES:
        root = var_dir / tree
        if not root.is_dir():
            continue
        directories = [root, *sorted(p for p in root.rglob("*") if p.is_dir())]
        for directory in directories:
            if any(part.startswith(".") for part in directory.relative_to(var_dir).parts):
                continue  # the temporary and replaced directories of atomic writes
            is_register = tree == "register" and directory.parent == root
            register_weeks: set[int] = set()
            for name, f in directory_snapshot(directory):
                member = f"var/{(directory / name).relative_to(var_dir).as_posix()}"
                with f:
                    checksums[member] = _add(tar, member, f)
                    if is_register and name.endswith(".parquet"):
                        register_weeks |= _weeks_of(f)
            if is_register:
                weeks[directory.name] = len(register_weeks)
    return weeks


def directory_snapshot(directory: Path, attempts: int = 20) -> list[tuple[str, BinaryIO]]:
    """The regular files of one directory as one version: (name, open file) pairs.

    The directory is opened and its files are opened through it; if the path no longer names
    that directory afterwards (an import replaced it meanwhile, and the old one is being
    removed), the listing may be partial, so everything is opened again.
    """
    for _ in range(attempts):
        try:
            dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            time.sleep(0.05)  # between the two renames of a replacement
            continue
        opened: list[tuple[str, BinaryIO]] = []
        try:
            for name in sorted(os.listdir(dir_fd)):
                if name.startswith("."):
                    continue
                try:
                    fd = os.open(name, os.O_RDONLY, dir_fd=dir_fd)
                except (FileNotFoundError, IsADirectoryError):
                    continue
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    opened.append((name, os.fdopen(fd, "rb")))
                else:
                    os.close(fd)
            try:
                live = os.stat(directory).st_ino == os.fstat(dir_fd).st_ino
            except FileNotFoundError:
                live = False
        finally:
            os.close(dir_fd)
        if live:
            return opened
        for _, f in opened:
            f.close()
        time.sleep(0.05)
    raise BackupError(f"{directory} kept changing while it was copied; run the backup again")


class _Hashing(io.RawIOBase):
    """Reads through to a file and hashes what was read."""

    def __init__(self, f: BinaryIO) -> None:
        self.f, self.sha = f, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.f.read(len(buffer))
        self.sha.update(data)
        buffer[: len(data)] = data
        return len(data)


def _add(tar: tarfile.TarFile, member: str, f: BinaryIO) -> str:
    """Stream an open file into the archive as `member`; returns its SHA-256."""
    f.seek(0, os.SEEK_END)
    size = f.tell()
    f.seek(0)
    info = tarfile.TarInfo(member)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o600
    reader = _Hashing(f)
    tar.addfile(info, io.BufferedReader(reader))
    return reader.sha.hexdigest()


def _weeks_of(f: BinaryIO) -> set[int]:
    import pyarrow.parquet as pq

    f.seek(0)
    column = pq.read_table(f, columns=["week_index"]).column("week_index")
    return set(column.unique().to_pylist())


# --------------------------------------------------------------------------- restore


def backup_read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive) as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.load(member) if member else None
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{archive}: not an indsats backup ({exc})") from None
    if not manifest or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive}: not an indsats backup (no {FORMAT} manifest)")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{archive}: backup format version {manifest.get('version')}, "
            f"this indsats reads version {VERSION}"
        )
    return manifest


def backup_restore(*, installation: Installation, archive: Path, force: bool) -> dict:
    """Put a backup in place of the installation's data. Returns the manifest.

    Stop the server first: a running server keeps the old database open.
    """
    archive = Path(archive)
    manifest = backup_read_manifest(archive)
    var_dir = installation.var_dir
    var_dir.mkdir(parents=True, exist_ok=True)
    if manifest["database"] == "sqlite" and installation.sqlite_path is None:
        raise BackupError(
            "the backup holds a SQLite database but this installation runs on PostgreSQL: "
            "restore it into an embedded installation (unset DATABASE_URL)"
        )
    if not force and _has_data(installation):
        raise BackupError(
            "this installation already has data; restore --force replaces it (what is there "
            "now is moved aside to var/.before-restore-<time>/, not deleted)"
        )
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=var_dir) as tmp:
        staged = Path(tmp)
        _extract_verified(archive, manifest, staged)
        aside = var_dir / f".before-restore-{datetime.now():%Y%m%d-%H%M%S}"
        if "database" in {p.name for p in staged.iterdir()} and installation.sqlite_path:
            _replace(
                installation.sqlite_path, staged / DB_MEMBER, aside / "database", sidecars=True
            )
        for name in (*VAR_TREES, *VAR_FILES):
            source = staged / "var" / name
            if source.exists():
                _replace(var_dir / name, source, aside / "var")
    return manifest


def _has_data(installation: Installation) -> bool:
    if any((installation.var_dir / "register").glob("*/*.parquet")):
        return True
    path = installation.sqlite_path
    if path is None or not path.exists():
        return False
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for table in COUNTED_TABLES.values():
            try:
                if con.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
                    return True
            except sqlite3.OperationalError:  # not migrated yet: no such table
                continue
        return False
    finally:
        con.close()


def _extract_verified(archive: Path, manifest: dict, target: Path) -> None:
    """Extract every file the manifest names, checking names and checksums; nothing else."""
    expected = dict(manifest["files"])
    try:
        _extract_members(archive, expected, target)
    except (OSError, EOFError, tarfile.TarError, zlib.error) as exc:
        raise BackupError(f"{archive}: damaged archive ({exc})") from None
    if expected:
        raise BackupError(f"{archive}: missing {', '.join(sorted(expected))}")


def _extract_members(archive: Path, expected: dict[str, str], target: Path) -> None:
    with tarfile.open(archive) as tar:
        for info in tar:
            if info.name == MANIFEST:
                continue
            if info.name not in expected:
                raise BackupError(f"{archive}: {info.name} is not in the manifest")
            path = PurePosixPath(info.name)
            if not info.isfile() or path.is_absolute() or ".." in path.parts:
                raise BackupError(f"{archive}: refusing the member {info.name!r}")
            out = target.joinpath(*path.parts)
            out.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(info)
            assert source is not None
            sha = hashlib.sha256()
            with open(out, "wb") as f:
                while chunk := source.read(1 << 20):
                    sha.update(chunk)
                    f.write(chunk)
            os.chmod(out, 0o600)
            if sha.hexdigest() != expected.pop(info.name):
                raise BackupError(f"{archive}: {info.name} is damaged (checksum differs)")


def _replace(target: Path, source: Path, aside: Path, *, sidecars: bool = False) -> None:
    """Move `target` (if any) into `aside`, then `source` onto `target`."""
    names = [target.name]
    if sidecars:  # SQLite's WAL and shared-memory files belong to the old database
        names += [f"{target.name}-wal", f"{target.name}-shm", f"{target.name}-journal"]
    for name in names:
        old = target.with_name(name)
        if old.exists():
            aside.mkdir(parents=True, exist_ok=True)
            shutil.move(old, aside / name)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
