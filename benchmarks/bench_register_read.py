"""Reading a register import file: Arrow's CSV reader (the baseline) against the importers'
reader (`indsats.register.reading`) on a plain file and on the same file with one blank line
(which sends it through the record-by-record reader of `indsats.domain.textfiles`).

    .venv/bin/python benchmarks/bench_register_read.py [--rows 1000000]

Prints seconds, ratios to the baseline and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from indsats.register.importers import import_long
from indsats.register.reading import read_strings
from indsats.register.schema import ValidationReport

COLUMNS = ("person_id", "week_index", "ydelse", "kommune")


def write(path: Path, rows: int, *, blank: bool) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(",".join(COLUMNS) + "\n")
        if blank:
            f.write("\n")
        f.writelines(f"{i // 20},{1000 + i % 20},dagpenge,573\n" for i in range(rows))


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        plain, blank = Path(d) / "plain.csv", Path(d) / "blank.csv"
        write(plain, args.rows, blank=False)
        write(blank, args.rows, blank=True)
        load_before = os.getloadavg()
        types = pacsv.ConvertOptions(column_types={c: pa.string() for c in COLUMNS})
        base = timed(lambda: pacsv.read_csv(plain, convert_options=types))
        fast = timed(lambda: read_strings(plain, ValidationReport(), "plain"))
        slow = timed(lambda: read_strings(blank, ValidationReport(), "blank"))
        whole = timed(lambda: import_long(plain, Path(d) / "reg"))
        load_after = os.getloadavg()
    print(f"{args.rows:,} rows, {os.cpu_count()} cores (shared)")
    print("load average before: " + " ".join(f"{x:.2f}" for x in load_before))
    print(f"{'Arrow read_csv (baseline)':38} {base:7.2f} s  1.0x")
    print(f"{'reader, plain file (Arrow)':38} {fast:7.2f} s  {fast / base:.1f}x")
    print(f"{'reader, one blank line (records)':38} {slow:7.2f} s  {slow / base:.1f}x")
    print(f"{'whole import_long, plain file':38} {whole:7.2f} s  {whole / base:.1f}x")
    print("load average after: " + " ".join(f"{x:.2f}" for x in load_after))


if __name__ == "__main__":
    main()
