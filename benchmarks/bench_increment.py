"""Benchmark: appending one week and updating the monthly indicators, against a full recompute
of the same indicators in the same run.

    .venv/bin/python benchmarks/bench_increment.py [--scale 1.33] [--kommuner all] [--out DIR]

Data: a synthetic national year (all 98 municipalities, 2023W01-2023W52, target levels x
--scale; 1.33 gives about 40 M person-weeks, the year of bench_analytics.py). The register
holds 2023W01-2023W51; the state is built once (untimed: it partitions the register into week
files and computes every month), then:

- `full`: every month of the year, the incremental indicators (`increment.INCREMENTAL`) in one
  run over the whole register (`increment.full_months`, DuckDB) - the baseline;
- `append`: `increment.append_week` of 2023W52 (check the week, compute its piece from
  2023W51 and the new week with the carried history, merge it into December's pieces and
  derive December's figures from them, write the week file, the state and the month in one
  atomic swap).

Prints both times and the ratio append / full; the two Decembers are compared (must be equal).
Not a test: record the figures in docs/performance.md with the load average (`uptime`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.33)
    ap.add_argument("--kommuner", default="all", help="'all' or comma-separated codes")
    ap.add_argument("--out", type=Path, default=None, help="scratch directory (kept if given)")
    args = ap.parse_args()

    import pyarrow.compute as pc

    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.increment import append_week, full_months, read_months, rebuild_state
    from indsats.domain.kommuner import all_kommuner
    from indsats.register import generator, weeks
    from indsats.register.store import read_register as read_arrow
    from indsats.register.store import write_register

    codes = (
        [k.kode for k in all_kommuner()]
        if args.kommuner == "all"
        else [int(c) for c in args.kommuner.split(",")]
    )
    scratch = args.out or Path(tempfile.mkdtemp(prefix="bench-increment-"))
    gen = scratch / "year"
    a, b = weeks.parse_week("2023W01"), weeks.parse_week("2023W52")
    t0 = time.perf_counter()
    if not gen.exists():
        generator.generate_register(gen, codes, a, b, seed=0, scale=args.scale)
    year = read_arrow(gen)
    print(
        f"register: {year.num_rows:,} person-weeks, {len(codes)} municipalities "
        f"(generated/read in {time.perf_counter() - t0:.1f} s)"
    )
    reg_dir = scratch / "reg"
    shutil.rmtree(reg_dir, ignore_errors=True)
    write_register(year.filter(pc.less(year["week_index"], b)), reg_dir)
    last_week = year.filter(pc.equal(year["week_index"], b))
    del year
    t0 = time.perf_counter()
    rebuild_state(reg_dir)
    print(f"state for 2023W01-W51 built once in {time.perf_counter() - t0:.1f} s (untimed below)")

    t0 = time.perf_counter()
    marks = []
    append_week(reg_dir, last_week, progress=lambda m: marks.append((m, time.perf_counter())))
    t_append = time.perf_counter() - t0
    for (m, t), nxt in zip(marks, [*marks[1:], ("", t0 + t_append)], strict=True):
        print(f"  {m}: {nxt[1] - t:.2f} s")

    con = connect("duckdb", threads=2)
    t0 = time.perf_counter()
    full = full_months(read_register(con, reg_dir), (a, b))
    t_full = time.perf_counter() - t0

    kept = read_months(reg_dir)["2023-12"]
    same = sorted(map(str, kept.to_pylist())) == sorted(map(str, full["2023-12"].to_pylist()))
    load = os.getloadavg()
    print(f"full recompute (12 months, {len(full)} tables): {t_full:.2f} s")
    print(f"append 2023W52 + update 2023-12:              {t_append:.2f} s")
    print(f"ratio append / full: {t_append / t_full:.3f}  (December equal: {same})")
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.out is None:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
