"""Issue 12: an import killed (SIGKILL) at any moment leaves the register as it was or as the
new file makes it, never a mix and never missing; the next import removes what the killed one
left, but never the files of an import still running."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from indsats.register.importers import import_long
from indsats.register.store import clean_interrupted, read_register

OLD_ROWS, NEW_ROWS = 20_000, 100_000
IMPORT = (
    "import sys; from indsats.register.importers import import_long; import_long(*sys.argv[1:])"
)


def long_file(path: Path, persons: int, weeks: int, ydelse: str) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("person_id,week_index,ydelse,kommune\n")
        for p in range(persons):
            f.writelines(f"{p},{1000 + w},{ydelse},573\n" for w in range(weeks))
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".reg."))


def check_old_or_new(reg: Path) -> int:
    assert sorted(p.name for p in reg.iterdir()) == ["part-00000.parquet"]
    table = read_register(reg)
    ydelser = sorted(set(table.column("ydelse").to_pylist()))
    assert (table.num_rows, ydelser) in [(OLD_ROWS, ["dagpenge"]), (NEW_ROWS, ["sygedagpenge"])]
    return table.num_rows


def start_import(src: Path, reg: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", IMPORT, str(src), str(reg)])


def wait_for_write(proc: subprocess.Popen, folder: Path) -> float:
    """Wait until the import starts writing (its hidden temporary directory appears)."""
    t0 = time.monotonic()
    while proc.poll() is None and not leftovers(folder):
        time.sleep(0.0005)
    return time.monotonic() - t0


def test_an_import_killed_at_random_points_leaves_old_or_new_data(tmp_path):
    rng = random.Random(12)
    folder = tmp_path / "registers"
    folder.mkdir()
    reg = folder / "reg"
    old = long_file(tmp_path / "old.csv", OLD_ROWS // 20, 20, "dagpenge")
    new = long_file(tmp_path / "new.csv", NEW_ROWS // 40, 40, "sygedagpenge")
    import_long(old, reg)
    # One whole run, timed: until the write starts, and the write itself.
    proc = start_import(new, reg)
    before_write = wait_for_write(proc, folder)
    t0 = time.monotonic()
    assert proc.wait() == 0
    write_phase = max(time.monotonic() - t0, 0.01)
    assert check_old_or_new(reg) == NEW_ROWS

    killed_while_writing = 0
    for trial in range(9):
        import_long(old, reg, replace_with_less=True)  # also cleans up what the last kill left
        assert leftovers(folder) == []
        proc = start_import(new, reg)
        if trial < 3:  # anywhere in the run
            time.sleep(rng.uniform(0, before_write + write_phase))
        elif trial < 6:  # frozen the moment the write has started
            wait_for_write(proc, folder)
            proc.send_signal(signal.SIGSTOP)
        else:  # somewhere in the write
            wait_for_write(proc, folder)
            time.sleep(rng.uniform(0, write_phase))
        if proc.poll() is None:
            killed_while_writing += bool(leftovers(folder))
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        check_old_or_new(reg)
    assert killed_while_writing >= 2  # at least two of the three frozen ones
    # The next run cleans up whatever the last kill left, and lands.
    proc = start_import(new, reg)
    assert proc.wait() == 0
    assert leftovers(folder) == [] and check_old_or_new(reg) == NEW_ROWS


def test_a_write_killed_between_two_renames_is_undone_by_the_next(tmp_path):
    """Where the atomic exchange is unavailable the old register is moved aside first; a kill
    before the new one is moved in leaves no register, and the next write puts the old back."""
    folder = tmp_path / "registers"
    folder.mkdir()
    reg = folder / "reg"
    import_long(long_file(tmp_path / "old.csv", OLD_ROWS // 20, 20, "dagpenge"), reg)
    reg.rename(folder / ".reg.old-1a2b3c4d")
    (folder / ".reg.tmp-x1y2").mkdir()
    (folder / ".reg.tmp-x1y2" / "part-00000.parquet").write_bytes(b"half")
    assert clean_interrupted(reg) != []
    assert leftovers(folder) == [] and check_old_or_new(reg) == OLD_ROWS


HOLD = """
import sys, time
from pathlib import Path
from indsats.register.store import atomic_directory
with atomic_directory(Path(sys.argv[1])) as tmp:
    (tmp / "part-00000.parquet").write_bytes(Path(sys.argv[2]).read_bytes())
    Path(sys.argv[3]).touch()
    while not Path(sys.argv[4]).exists():
        time.sleep(0.01)
"""


def test_a_running_import_s_files_are_never_cleaned_up(tmp_path):
    folder = tmp_path / "registers"
    folder.mkdir()
    reg = folder / "reg"
    import_long(long_file(tmp_path / "old.csv", OLD_ROWS // 20, 20, "dagpenge"), reg)
    part = reg / "part-00000.parquet"
    ready, go = tmp_path / "ready", tmp_path / "go"
    writer = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(reg), str(part), str(ready), str(go)]
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert writer.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    running = leftovers(folder)
    assert len(running) == 1 and running[0].startswith(".reg.tmp-")
    new = long_file(tmp_path / "new.csv", NEW_ROWS // 40, 40, "sygedagpenge")
    second = start_import(new, reg)
    time.sleep(2)
    # The second import waits for the first; the first one's directory is untouched.
    assert second.poll() is None
    assert running[0] in leftovers(folder)
    go.touch()
    assert writer.wait(timeout=60) == 0
    assert second.wait(timeout=120) == 0
    assert leftovers(folder) == [] and check_old_or_new(reg) == NEW_ROWS


def test_an_aggregate_import_removes_a_killed_one_s_temporary_file(tmp_path):
    from indsats.register.aggregate import import_aggregate, read_aggregate

    src = tmp_path / "agg.csv"
    src.write_text("Område;Tid;Ydelse;Personer\nVarde;2023M01;Kontanthjælp;12\n", encoding="utf-8")
    out = tmp_path / "out" / "agg.parquet"
    out.parent.mkdir()
    (out.parent / ".agg.parquet.tmp-k1ll3d").write_bytes(b"PAR1 half a file")
    import_aggregate(src, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["agg.parquet"]
    assert read_aggregate(out).num_rows == 1
