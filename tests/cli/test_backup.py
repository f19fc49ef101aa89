"""Nothing lost: a backup taken while the installation is being written restores into an empty
installation with every citizen, case, samtale, audit row and register week (issue 12)."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(var_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "DEBUG"}
    }
    return env | {"INDSATS_VAR_DIR": str(var_dir), "COLUMNS": "120"}


def _installation(var_dir: Path, *args: str) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "tests.cli.backup_installation", *args],
        env=_env(var_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout


def _ids(var_dir: Path) -> dict:
    return json.loads(_installation(var_dir, "ids").strip().splitlines()[-1])


def _indsats(var_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "indsats.cli.main", *args],
        env=_env(var_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def populated(tmp_path_factory):
    """Installation a: 25 citizens with a case and two samtaler each, and a 12-week register."""
    a = tmp_path_factory.mktemp("installation") / "a"
    _installation(a, "populate")
    return a


@pytest.mark.slow
def test_a_backup_taken_while_writing_restores_everything_into_an_empty_installation(
    populated, tmp_path
):
    a, b = populated, tmp_path / "b"
    before = _ids(a)
    assert len(before["borgere"]) == 25 and len(before["samtaler"]) >= 50
    assert before["revisionsspor"] and len(before["registeruger"]["573"]) == 12

    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.cli.backup_installation", "write"],
        env=_env(a),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
        time.sleep(2)
        archive = tmp_path / "backups" / "indsats.tar.gz"
        made = _indsats(a, "backup", str(archive))
        time.sleep(1)
    finally:
        writer.send_signal(signal.SIGTERM)
        writer.wait(timeout=30)
    assert made.returncode == 0, made.stderr
    assert archive.stat().st_mode & 0o077 == 0  # every CPR of the municipality is in it
    after = _ids(a)
    assert len(after["samtaler"]) > len(before["samtaler"])  # the writer did write

    restored = _indsats(b, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    got = _ids(b)
    assert got["borgere"] == before["borgere"] and got["sager"] == before["sager"]
    for kind in ("samtaler", "revisionsspor"):  # one moment between before and after
        assert set(before[kind]) <= set(got[kind]) <= set(after[kind]), kind
    assert got["registeruger"] == before["registeruger"]
    con = sqlite3.connect(b / "indsats.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    assert (b / "secret_key").read_text() == (a / "secret_key").read_text()

    # Restoring over data needs --force, and then keeps what was there.
    again = _indsats(b, "restore", str(archive))
    assert again.returncode == 1 and "already has data" in again.stderr
    forced = _indsats(b, "restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    kept = list(b.glob(".before-restore-*/database/indsats.sqlite3"))
    assert len(kept) == 1


@pytest.mark.slow
def test_a_damaged_backup_is_refused_before_anything_is_touched(populated, tmp_path):
    a, b = populated, tmp_path / "b"
    archive = tmp_path / "indsats.tar"
    assert _indsats(a, "backup", str(archive)).returncode == 0
    data = bytearray(archive.read_bytes())
    offset = data.index(b"SQLite format 3") + 5000  # inside the database member
    data[offset] ^= 0xFF
    archive.write_bytes(bytes(data))
    refused = _indsats(b, "restore", str(archive))
    assert refused.returncode == 1 and "damaged" in refused.stderr
    assert not (b / "register").exists()
    assert not (b / "indsats.sqlite3").exists() or _ids(b)["borgere"] == []


def _run(var_dir: Path, *args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(args),
        env=_env(var_dir) | {"DATABASE_URL": db},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _pg_url() -> str | None:
    import shutil

    url = os.environ.get("INDSATS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        return None
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error:
        return None
    return url


@pytest.mark.slow
def test_the_documented_pg_dump_and_pg_restore_bring_back_everything(tmp_path):
    """docs/operations.md, PostgreSQL: pg_dump + indsats backup, then createdb, pg_restore,
    indsats restore, migrate; the restored trail still refuses TRUNCATE."""
    import psycopg

    admin = _pg_url()
    if admin is None:
        pytest.skip("no PostgreSQL with pg_dump/pg_restore here")
    base = admin.rsplit("/", 1)[0]
    names = [f"indsats_backup_{os.getpid()}_{x}" for x in ("src", "dst")]
    src, dst = (f"{base}/{n}" for n in names)
    with psycopg.connect(admin, autocommit=True) as con:
        for n in names:
            con.execute(f'DROP DATABASE IF EXISTS "{n}"')
        con.execute(f'CREATE DATABASE "{names[0]}"')
    a, b = tmp_path / "a", tmp_path / "b"
    try:
        populate = _run(
            a, sys.executable, "-m", "tests.cli.backup_installation", "populate", db=src
        )
        assert populate.returncode == 0, populate.stderr[-3000:]
        ids = _run(a, sys.executable, "-m", "tests.cli.backup_installation", "ids", db=src)
        before = json.loads(ids.stdout.strip().splitlines()[-1])
        dump = tmp_path / "indsats.dump"
        files = tmp_path / "indsats-files.tar.gz"
        assert _run(a, "pg_dump", "--format=custom", f"--file={dump}", src, db=src).returncode == 0
        made = _run(a, sys.executable, "-m", "indsats.cli.main", "backup", str(files), db=src)
        assert made.returncode == 0 and "pg_dump" in made.stdout, made.stderr

        with psycopg.connect(admin, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{names[1]}"')
        restored = _run(b, "pg_restore", "--no-owner", f"--dbname={dst}", str(dump), db=dst)
        assert restored.returncode == 0, restored.stderr
        back = _run(b, sys.executable, "-m", "indsats.cli.main", "restore", str(files), db=dst)
        assert back.returncode == 0, back.stderr
        migrate = _run(b, sys.executable, "-m", "indsats.cli.main", "manage", "migrate", db=dst)
        assert migrate.returncode == 0, migrate.stderr
        ids = _run(b, sys.executable, "-m", "tests.cli.backup_installation", "ids", db=dst)
        assert json.loads(ids.stdout.strip().splitlines()[-1]) == before
        with psycopg.connect(dst) as con, pytest.raises(psycopg.Error, match="append-only"):
            con.execute("TRUNCATE auditlog_logentry")
    finally:
        with psycopg.connect(admin, autocommit=True) as con:
            for n in names:
                con.execute(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)')
