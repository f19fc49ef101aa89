"""Benchmark: obligations for 800,000 generated cases, vectorised versus the per-case loop.

    .venv/bin/python benchmarks/bench_rules.py [--cases 800000] [--loop-cases 50000] [--as-of 2026-03-01] [--reps 2]

Both paths run in the same process on the same generated caseload (deterministic seed). The
per-case loop is timed on the first --loop-cases cases and extrapolated linearly to all cases
(the output says so). Before timing, the vectorised rows of those cases are checked to be
identical to the per-case rows. Not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import date

from rich.console import Console
from rich.table import Table


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=800_000)
    ap.add_argument("--loop-cases", type=int, default=50_000)
    ap.add_argument("--as-of", default="2026-03-01")
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument(
        "--reps", type=int, default=2, help="vectorised runs per variant (best is reported)"
    )
    args = ap.parse_args()
    as_of = date.fromisoformat(args.as_of)
    console = Console()

    from indsats.rules.obligations import obligations
    from indsats.rules.parameters import all_parameters
    from indsats.rules.synthetic import generate_frames
    from indsats.rules.vectorised import frame_to_dicts, frames_to_sager, obligations_frame

    all_parameters()  # load parameters outside the timings
    t0 = time.perf_counter()
    frames = generate_frames(args.cases, seed=args.seed)
    t_gen = time.perf_counter() - t0
    console.print(
        f"generated {args.cases:,} cases in {t_gen:.1f} s "
        f"({len(frames.samtaler):,} samtaler, {len(frames.tilbud):,} tilbud)"
    )

    # warm-up (holiday table, text cache, numpy paths) on a small slice, not timed
    small = generate_frames(2_000, seed=1)
    obligations_frame(small, as_of)
    for s in frames_to_sager(small)[:200]:
        obligations(s, as_of)

    variants = {  # label -> keyword arguments
        "vectorised, case order, with text_da (default)": {"text": True, "sort": True},
        "vectorised, case order, without text_da": {"text": False, "sort": True},
        "vectorised, rule order (sort=False), with text_da": {"text": True, "sort": False},
    }
    runs: dict[str, list[float]] = {k: [] for k in variants}
    df = None
    for _ in range(args.reps):
        for label, kwargs in variants.items():
            t0 = time.perf_counter()
            result = obligations_frame(frames, as_of, **kwargs)
            runs[label].append(time.perf_counter() - t0)
            if df is None:
                df = result
            del result
    console.print(f"vectorised: {len(df):,} obligations")
    for label, times in runs.items():
        console.print(f"  {label}: runs {', '.join(f'{x:.2f}' for x in times)} s (best used)")

    m = min(args.loop_cases, args.cases)
    sub = frames_to_sager(frames, list(range(m)))
    t0 = time.perf_counter()
    loop_rows = [o for s in sub for o in obligations(s, as_of)]
    t_loop_sub = time.perf_counter() - t0
    t_loop = t_loop_sub * args.cases / m

    # identical results on the loop subset
    ids = {s.sag_id for s in sub}
    vec_sub = frame_to_dicts(df[df["sag_id"].isin(ids)])
    same = vec_sub == [o.to_dict() for o in loop_rows]

    table = Table(title=f"Rules: obligations for {args.cases:,} cases, as of {as_of.isoformat()}")
    table.add_column("path")
    table.add_column("seconds", justify="right")
    table.add_column("ratio (loop / path)", justify="right")
    table.add_row(
        f"per-case loop ({m:,} cases timed, extrapolated x{args.cases / m:.0f})",
        f"{t_loop:.1f}",
        "1.0",
    )
    for label, times in runs.items():
        best = min(times)
        table.add_row(label, f"{best:.2f}", f"{t_loop / best:.1f}x")
    console.print(table)
    console.print(
        f"per-case loop measured: {t_loop_sub:.2f} s for {m:,} cases "
        f"({t_loop_sub / m * 1e6:.0f} µs/case); results identical on those cases: {same}"
    )
    console.print(
        f"python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
        f"date {date.today().isoformat()}"
    )


if __name__ == "__main__":
    main()
