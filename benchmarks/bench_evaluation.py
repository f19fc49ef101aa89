"""Benchmark: an effect evaluation of 1,000 participants against the national comparison pool.

    .venv/bin/python benchmarks/bench_evaluation.py [--scale 1.33] [--participants 1000]
        [--backend duckdb|pyspark]

Data: all 98 municipalities, ISO weeks 2023W01-2023W52, from the calibrated generator with every
target level multiplied by `--scale` (1.33 gives ~40 M person-weeks, ~770,000 persons on a benefit
a week: the national synthetic year of docs/performance.md). A project is planted in it
(`indsats.register.plant`): 1,000 participants on sygedagpenge starting in 2023W14-2023W26 (13
weeks of start, 26 weeks of follow-up inside the year), selected on their weeks on benefit, helped
in 30 % of the cases. Preparation runs once and is not timed.

Timed, each in its own subprocess (wall time after imports, the process's peak RSS):
1. baseline: the indicator suite's `fuldtidspersoner` for the year on the same register and
   backend (one pass over all person-weeks);
2. the evaluation: features for every candidate in the start weeks (the whole nation on
   sygedagpenge), propensity score, matching, outcomes, the bootstrap (999 resamples), helårspersoner
   and kroner after refusion (with a unit price), the caveats.
DuckDB uses 2 threads (the machine has 2 cores). Targets (issue 16): < 60 s and < 4 GB. Not a
test: prints ratios; record them in docs/performance.md with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATA = ROOT / "var" / "bench_evaluation"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def prepare(scale: float, participants: int, seed: int) -> tuple[Path, Path]:
    """The national year with the project planted, and the participant list (once).

    Memory-light: the generator streams the year to Parquet; only the persons on sygedagpenge in
    the start weeks are loaded for planting, and DuckDB writes the rest back unchanged."""
    reg = DATA / f"register_scale{scale}_seed{seed}"
    lst = DATA / f"deltagere_scale{scale}_seed{seed}_{participants}.csv"
    if reg.exists() and lst.exists():
        return reg, lst
    import duckdb

    from indsats.register import generator, weeks
    from indsats.register.plant import Plantning, plant_effect
    from indsats.register.store import write_register

    t0 = time.perf_counter()
    first, last = weeks.parse_week("2023W01"), weeks.parse_week("2023W52")
    raw = DATA / f"raw_scale{scale}_seed{seed}"
    if not raw.exists():
        generator.generate_register(raw, None, first, last, seed=seed, scale=scale)
    t1 = time.perf_counter()
    lo, hi = weeks.parse_week("2023W14"), weeks.parse_week("2023W26")
    con = duckdb.connect()
    con.execute(
        f"SET threads = 2; SET memory_limit = '3GB'; SET temp_directory = '{DATA / 'spill'}'"
    )
    con.execute(f"CREATE VIEW r AS SELECT * FROM read_parquet('{raw}/*.parquet')")
    con.execute(
        "CREATE TEMP TABLE who AS SELECT DISTINCT person_id FROM r "
        f"WHERE ydelse = 'sygedagpenge' AND week_index BETWEEN {lo} AND {hi}"
    )
    sub = con.execute("SELECT r.* FROM r SEMI JOIN who USING (person_id)").to_arrow_table()
    p = Plantning("sygedagpenge", lo, hi, participants, 0.3)
    planted = plant_effect(sub, p, seed=seed)
    del sub
    n = write_register(planted.register, reg)
    # everyone else is unchanged: DuckDB copies them beside the planted part (no round trip)
    con.execute(
        "COPY (SELECT r.* FROM r ANTI JOIN who USING (person_id) ORDER BY person_id, week_index) "
        f"TO '{reg / 'part-00001.parquet'}' (FORMAT parquet, ROW_GROUP_SIZE 1048576)"
    )
    n += con.execute(
        f"SELECT count(*) FROM read_parquet('{reg / 'part-00001.parquet'}')"
    ).fetchone()[0]
    rows = zip(
        planted.deltagere.column("person_id").to_pylist(),
        planted.deltagere.column("start_uge").to_pylist(),
        strict=True,
    )
    lst.write_text(
        "person_id;start_uge\n" + "".join(f"{a};{weeks.label(b)}\n" for a, b in rows),
        encoding="utf-8",
    )
    truth = {"sand_26": planted.sand_andel_selvforsoergende(26), "rows": n}
    (DATA / f"truth_scale{scale}_seed{seed}.json").write_text(json.dumps(truth))
    print(
        f"prepared {n:,} person-weeks in {t1 - t0:.0f} s (generation) + "
        f"{time.perf_counter() - t1:.0f} s (planting, writing); true effect at 26 weeks "
        f"{truth['sand_26']:.3f}",
        flush=True,
    )
    return reg, lst


def _connect(backend: str):
    from indsats.analytics.backend import connect

    if backend == "duckdb":
        con = connect("duckdb", threads=2)
        con.raw_sql(f"SET temp_directory = '{DATA / 'spill'}'")
        return con
    return connect("pyspark")


def run_baseline(reg: Path, backend: str) -> dict:
    from indsats.analytics.backend import read_register
    from indsats.analytics.kontekst import Kontekst
    from indsats.analytics.suite import run_indicators
    from indsats.register.weeks import parse_periode

    con = _connect(backend)
    register = read_register(con, reg)
    t0 = time.perf_counter()
    ctx = Kontekst(periode=parse_periode("2023"), niveau="aar")
    out = run_indicators(register, ctx, ["fuldtidspersoner"])
    return {"sekunder": time.perf_counter() - t0, "raekker": out["fuldtidspersoner"].num_rows}


def run_evaluation(reg: Path, lst: Path, backend: str) -> dict:
    from indsats.analytics.backend import read_register
    from indsats.evaluation import Design, evaluate, read_participants

    con = _connect(backend)
    register = read_register(con, reg)
    people = read_participants(lst)
    # sklearn, scipy and the first Ibis compilation are a one-off cost of a Python process
    import sklearn.linear_model  # noqa: F401

    t0 = time.perf_counter()
    v = evaluate(
        register,
        people,
        Design(enhedspriser={"sygedagpenge": 240_000.0}, efter_uger=52, opfoelgning=(13, 26)),
        navn="benchmark",
    )
    elapsed = time.perf_counter() - t0
    h = v.hovedestimat
    return {
        "sekunder": elapsed,
        "tider": v.tider,
        "matchet": v.deltagere_matchet,
        "kandidater": v.kandidater,
        "effekt_26": h.effekt,
        "interval": [h.nedre, h.oevre],
    }


def child(args: argparse.Namespace) -> None:
    reg, lst = Path(args.reg), Path(args.lst)
    result = (
        run_baseline(reg, args.backend)
        if args.what == "baseline"
        else run_evaluation(reg, lst, args.backend)
    )
    result["peak_rss_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.33)
    ap.add_argument("--participants", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--backend", default="duckdb", choices=["duckdb", "pyspark"])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--what", default="", help=argparse.SUPPRESS)
    ap.add_argument("--reg", default="", help=argparse.SUPPRESS)
    ap.add_argument("--lst", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "spill").mkdir(exist_ok=True)
    reg, lst = prepare(args.scale, args.participants, args.seed)
    truth = json.loads((DATA / f"truth_scale{args.scale}_seed{args.seed}.json").read_text())
    print(f"load average before: {os.getloadavg()}", flush=True)
    results = {}
    for what in ("baseline", "evaluation"):
        cmd = [
            sys.executable,
            __file__,
            "--child",
            "--what",
            what,
            "--reg",
            str(reg),
            "--lst",
            str(lst),
            "--backend",
            args.backend,
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")), None)
        if line is None:
            print(out.stdout[-3000:], out.stderr[-3000:])
            raise SystemExit(f"{what} failed")
        results[what] = json.loads(line[len("RESULT ") :])
        r = results[what]
        print(f"{what}: {r['sekunder']:.1f} s, peak {r['peak_rss_mb']:.0f} MB", flush=True)
    b, e = results["baseline"], results["evaluation"]
    print(f"load average after: {os.getloadavg()}")
    print(
        f"\nregister: {truth['rows']:,} person-weeks (scale {args.scale}), backend {args.backend}\n"
        f"evaluation: {e['matchet']} of {args.participants} participants matched among "
        f"{e['kandidater']:,} candidate person-weeks; effect at 26 weeks {e['effekt_26']:+.3f} "
        f"[{e['interval'][0]:+.3f}, {e['interval'][1]:+.3f}], true {truth['sand_26']:+.3f}\n"
        f"steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in e["tider"].items()) + "\n"
        f"evaluation {e['sekunder']:.1f} s ({e['sekunder'] / b['sekunder']:.1f}x the "
        f"fuldtidspersoner baseline {b['sekunder']:.1f} s), peak {e['peak_rss_mb']:.0f} MB "
        f"(baseline {b['peak_rss_mb']:.0f} MB); target < 60 s and < 4096 MB: "
        f"{'met' if e['sekunder'] < 60 and e['peak_rss_mb'] < 4096 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
