"""Benchmark: the refusion split in the engine against the indicator suite, same data, same run.

    .venv/bin/python benchmarks/bench_refusion.py [--sizes 4] [--reps 2] [--history-scale 0.1]
        [--spark-size 0]

Data: the national synthetic year of `bench_analytics.py` (all 98 municipalities, 2023W01-W52,
target levels x 1.33: about 40 M person-weeks at full size; 1/8, 1/4, 1/2 and all persons).
Engines, each in its own subprocess (peak = its own ru_maxrss), DuckDB with 2 threads and a 3 GB
memory limit:

- `suite`: the 11-indicator suite of bench_analytics (Ibis on DuckDB) - the baseline;
- `engine`: `refusion_fordeling` through `run_indicators` (the anciennitet as window
  expressions on the backend: `indsats.analytics.refusion`);
- `rules`: the same split with the anciennitet from the rules' arrays on the driver
  (`per_week_by_rules`, in chunks of 4 M person-weeks) - the path the engine replaced, and the
  cross-check: the two must give the same person-weeks per municipality, benefit and tier.

`--history-scale S` adds a register with history (2016W01-2023W52, all municipalities, levels x
S), where counts restart (§ 6) and weeks from 2016 feed the anciennitet of 2023; the engine and
the rules are compared there as well. `--spark-size I` runs the engine on PySpark local[2] on
size I and compares it with DuckDB. Not a test: prints ratios; record them in
docs/performance.md with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_analytics as ba  # noqa: E402

OUT = ba.DATA / "refusion"
HISTORY = ba.DATA / "history"


def _con():
    from indsats.analytics.backend import connect

    con = connect("duckdb", threads=2)
    con.raw_sql(ba.DUCKDB_SETTINGS)
    return con


def _load(con, path: Path):
    return con.create_table("reg", con.read_parquet(str(path)).select(ba.COLUMNS))


def _context(period: str = ba.PERIOD):
    from indsats.analytics.kontekst import Kontekst
    from indsats.register.weeks import parse_periode

    p = parse_periode(period)
    return Kontekst(p, daekning=(p.first, p.last))


def run_suite(path: Path, out: Path) -> dict:
    return ba.run_ibis(path, out)


def _save_per_week(out: Path, table) -> None:
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, out / "per_week.parquet")


def run_engine(path: Path, out: Path) -> dict:
    from indsats.analytics.refusion import per_week
    from indsats.analytics.suite import run_indicators

    con = _con()
    t0 = time.perf_counter()
    reg = _load(con, path)
    load = time.perf_counter() - t0
    # Warm-up on 10,000 rows (imports and first compilation, as for the suite).
    run_indicators(con.create_table("warm", reg.limit(10_000)), _context(), ["refusion_fordeling"])
    t0 = time.perf_counter()
    res = run_indicators(reg, _context(), ["refusion_fordeling"])
    suite = time.perf_counter() - t0
    ba._save(out, res)
    # The per-week table for the comparison with the rules (not timed).
    _save_per_week(out, per_week(reg, _context()))
    return {"load_s": load, "suite_s": suite}


def run_rules(path: Path, out: Path) -> dict:
    from indsats.analytics.refusion import per_week_by_rules

    con = _con()
    t0 = time.perf_counter()
    reg = _load(con, path)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    table = per_week_by_rules(reg, _context())
    suite = time.perf_counter() - t0
    _save_per_week(out, table)
    return {"load_s": load, "suite_s": suite}


def run_spark(path: Path, out: Path) -> dict:
    from indsats.analytics.backend import connect, spark_session
    from indsats.analytics.refusion import per_week

    spark = spark_session(master="local[2]", shuffle_partitions=8)
    spark.sparkContext.setLogLevel("ERROR")
    con = connect("pyspark", spark=spark)
    t0 = time.perf_counter()
    reg = con.read_parquet(str(path)).select(ba.COLUMNS).cache()
    reg.count().to_pyarrow()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    table = per_week(reg, _context())
    suite = time.perf_counter() - t0
    _save_per_week(out, table)
    spark.stop()
    return {"load_s": load, "suite_s": suite}


ENGINES = {"suite": run_suite, "engine": run_engine, "rules": run_rules, "spark": run_spark}


def child(engine: str, path: Path, out: Path) -> None:
    stats = ENGINES[engine](path, out)
    stats["peak_rss_mb"] = ba.peak_rss_mb()
    stats["loadavg_1min"] = os.getloadavg()[0]
    print("RESULT " + json.dumps(stats))


def _run_child(engine: str, path: Path, out: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--engine", engine, "--data", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
    if proc.returncode or not line:
        print(proc.stdout[-2000:], proc.stderr[-4000:])
        raise SystemExit(f"{engine} failed on {path.name}")
    return json.loads(line[0][7:])


def compare(a: Path, b: Path) -> str:
    """'equal' or what differs, between two per-week tables: every key, then the totals per
    municipality and benefit (the figure the issue asks for)."""
    import pyarrow.parquet as pq

    from indsats.analytics.refusion import GROUP, totals

    x = pq.read_table(a / "per_week.parquet")
    y = pq.read_table(b / "per_week.parquet")
    order = [(k, "ascending") for k in GROUP]
    if x.sort_by(order).to_pylist() == y.select(x.column_names).sort_by(order).to_pylist():
        tx = totals(x, ("kommune", "ydelse"))
        return f"equal ({len(tx)} municipality x benefit totals, {x.num_rows} rows)"
    tx, ty = totals(x, ("kommune", "ydelse")), totals(y, ("kommune", "ydelse"))
    diff = [k for k in tx.keys() | ty.keys() if tx.get(k) != ty.get(k)]
    return f"DIFFERENT: {len(diff)} municipality x benefit totals differ, e.g. {sorted(diff)[:3]}"


def prepare_history(scale: float, seed: int) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from indsats.register import generator, weeks

    path = HISTORY / f"register_2016_2023_scale{scale}.parquet"
    if path.exists():
        return path
    HISTORY.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    first, last = weeks.parse_week("2016W01"), weeks.parse_week("2023W52")
    schema = pa.schema(
        [
            ("person_id", pa.int64()),
            ("week_index", pa.int32()),
            ("ydelse", pa.string()),
            ("kommune", pa.int32()),
        ]
    )
    rows = 0
    with pq.ParquetWriter(path.with_suffix(".tmp"), schema) as w:
        for t in generator.generate(None, first, last, seed=seed, scale=scale):
            w.write_table(t.select(ba.COLUMNS).cast(schema))
            rows += t.num_rows
    path.with_suffix(".tmp").rename(path)
    print(
        f"generated the history register: {rows:,} person-weeks in {time.perf_counter() - t0:.0f} s"
    )
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, default=4)
    ap.add_argument("--only-size", type=int, help="run one size (0 = 1/8 ... sizes-1 = all)")
    ap.add_argument("--reps", type=int, default=2, help="runs of suite and engine; best kept")
    ap.add_argument("--history-scale", type=float, default=0.0)
    ap.add_argument("--spark-size", type=int, default=-1)
    ap.add_argument("--engine")
    ap.add_argument("--data")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.engine:
        child(args.engine, Path(args.data), Path(args.out))
        return
    import pyarrow.parquet as pq

    print(f"load average at start: {os.getloadavg()}")
    paths = ba.prepare(1.33, args.sizes, 2023)
    sizes = range(len(paths)) if args.only_size is None else [args.only_size]
    for i in sizes:
        path = paths[i]
        rows = pq.ParquetFile(path).metadata.num_rows
        best: dict[str, dict] = {}
        for rep in range(args.reps):
            for engine in ("suite", "engine", "rules"):
                if engine == "rules" and rep > 0:
                    continue
                stats = _run_child(engine, path, OUT / f"size{i}" / engine)
                print(
                    f"size {i} ({rows:>11,} rows) run {rep + 1} {engine:7s} "
                    f"{stats['suite_s']:7.2f} s  peak {stats['peak_rss_mb']:6.0f} MB  "
                    f"load avg {stats['loadavg_1min']:.1f}",
                    flush=True,
                )
                old = best.get(engine)
                if old is None or stats["suite_s"] < old["suite_s"]:
                    best[engine] = {
                        **stats,
                        "peak_rss_mb": max(stats["peak_rss_mb"], (old or {}).get("peak_rss_mb", 0)),
                    }
        s, e, r = best["suite"], best["engine"], best["rules"]
        print(
            f"SIZE {i}: {rows:,} person-weeks | suite {s['suite_s']:.2f} s / "
            f"{s['peak_rss_mb'] / 1024:.2f} GB | engine {e['suite_s']:.2f} s / "
            f"{e['peak_rss_mb'] / 1024:.2f} GB | rules on the driver {r['suite_s']:.2f} s / "
            f"{r['peak_rss_mb'] / 1024:.2f} GB | engine / suite {e['suite_s'] / s['suite_s']:.2f} | "
            f"rules / engine {r['suite_s'] / e['suite_s']:.2f} | engine vs rules: "
            f"{compare(OUT / f'size{i}' / 'engine', OUT / f'size{i}' / 'rules')}",
            flush=True,
        )
    if args.spark_size >= 0:
        path = paths[args.spark_size]
        rows = pq.ParquetFile(path).metadata.num_rows
        sp = _run_child("spark", path, OUT / f"size{args.spark_size}" / "spark")
        eng = OUT / f"size{args.spark_size}" / "engine"
        if not (eng / "per_week.parquet").exists():
            _run_child("engine", path, eng)
        print(
            f"SPARK size {args.spark_size}: {rows:,} person-weeks | engine on PySpark local[2] "
            f"{sp['suite_s']:.2f} s (driver peak {sp['peak_rss_mb'] / 1024:.2f} GB, load avg "
            f"{sp['loadavg_1min']:.1f}) | PySpark vs DuckDB: {compare(OUT / f'size{args.spark_size}' / 'spark', eng)}",
            flush=True,
        )
    if args.history_scale:
        path = prepare_history(args.history_scale, 2023)
        rows = pq.ParquetFile(path).metadata.num_rows
        e = _run_child("engine", path, OUT / "history" / "engine")
        r = _run_child("rules", path, OUT / "history" / "rules")
        print(
            f"HISTORY 2016-2023 x {args.history_scale}: {rows:,} person-weeks | engine "
            f"{e['suite_s']:.2f} s | rules on the driver {r['suite_s']:.2f} s | engine vs rules: "
            f"{compare(OUT / 'history' / 'engine', OUT / 'history' / 'rules')}",
            flush=True,
        )
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
