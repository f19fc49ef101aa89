"""Benchmark: building the monthly report for one municipality (issue 5).

    .venv/bin/python benchmarks/bench_report.py [--kommune 573] [--month 2024-06] [--repeat 3]

Data: the municipality's synthetic register, ISO weeks 2021W01-2024W52 (as the demo), written to
a temporary directory. Measures, each as the median of `--repeat` runs in this process:

  A. the goals' indicators alone (analytics on DuckDB: `indsats.goals.series.indicator_tables`),
  B. the report without charts and PDF (analytics + status + benchmark + HTML),
  C. the full report (B + SVG charts + WeasyPrint PDF),
  D. the full report, the first run in the process (imports, the benchmark on DST's figures),
  E. the benchmark alone (`real_benchmark`: 98 municipalities' shares, the OLS fit, prediction
     intervals, ranks), and within it E1, the statsmodels OLS fit alone,
  F. the report on public figures only (no register; without charts and PDF), the shipped
     AUK01 series and no fetched tables.

Prints seconds and ratios; not a test (never asserted). Record in docs/performance.md with the
load average (`uptime`): the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kommune", type=int, default=573)
    ap.add_argument("--month", default="2024-06")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.suite import register_coverage
    from indsats.goals.benchmark import benchmark_quarters, fit, real_benchmark, real_shares
    from indsats.goals.loader import demo_goals, ministermaal_goals
    from indsats.goals.series import indicator_tables
    from indsats.publicdata.offentlige_tal import shipped_series
    from indsats.register import generator, weeks
    from indsats.reports.build import build_report

    tmp = Path(tempfile.mkdtemp(prefix="bench-report-"))
    reg = tmp / "register"
    t0 = time.perf_counter()
    rows = generator.generate_register(
        reg, [args.kommune], weeks.parse_week("2021W01"), weeks.parse_week("2024W52"), seed=0
    )
    gen = time.perf_counter() - t0
    print(f"register: {rows:,} person-weeks for {args.kommune}, generated in {gen:.1f} s")
    year = int(args.month[:4])
    goals = [*demo_goals(args.kommune), *ministermaal_goals(year)]

    timings_d: list[dict] = []

    def run_d() -> float:
        t = time.perf_counter()
        res = build_report(
            kommune=args.kommune,
            month=args.month,
            register_dir=reg,
            out_dir=tmp / "cold",
        )
        timings_d.append(res.timings)
        return time.perf_counter() - t

    cold = run_d()  # the first run: imports and first reads

    def run_a() -> float:
        t = time.perf_counter()
        r = read_register(connect(), reg)
        indicator_tables(
            r,
            args.kommune,
            [g.indikator for g in goals],
            f"{year - 1}-01",
            args.month,
            daekning=register_coverage(r),
        )
        return time.perf_counter() - t

    def run_b() -> float:
        t = time.perf_counter()
        build_report(
            kommune=args.kommune,
            month=args.month,
            register_dir=reg,
            out_dir=tmp / "b",
            charts=False,
            pdf=False,
        )
        return time.perf_counter() - t

    timings_c: list[dict] = []

    def run_c() -> float:
        t = time.perf_counter()
        res = build_report(
            kommune=args.kommune,
            month=args.month,
            register_dir=reg,
            out_dir=tmp / "c",
        )
        timings_c.append(res.timings)
        return time.perf_counter() - t

    serie = shipped_series()
    quarters = benchmark_quarters(serie.quarters(), args.month)
    shares = real_shares(serie, quarters)

    def run_e() -> float:
        t = time.perf_counter()
        real_benchmark(args.kommune, args.month, serie=serie)
        return time.perf_counter() - t

    def run_e1() -> float:
        t = time.perf_counter()
        fit(shares, int(quarters[-1][:4]))
        return time.perf_counter() - t

    def run_f() -> float:
        t = time.perf_counter()
        build_report(
            kommune=args.kommune,
            month=args.month,
            register_dir=None,
            public_root=tmp / "no-fetched-tables",
            out_dir=tmp / "f",
            charts=False,
            pdf=False,
        )
        return time.perf_counter() - t

    med = {}
    for name, fn in (
        ("A analytics only", run_a),
        ("B no charts/PDF", run_b),
        ("C full report", run_c),
        ("E benchmark alone", run_e),
        ("E1 OLS fit alone", run_e1),
        ("F public figures, no register", run_f),
    ):
        med[name] = statistics.median(fn() for _ in range(args.repeat))
    med["D full, cold benchmark cache"] = cold
    base = med["A analytics only"]
    for name, s in med.items():
        print(f"{name:32s} {s:8.3f} s   x{s / base:6.3f} of A")
    last = timings_c[-1]
    print("C by step: " + ", ".join(f"{k} {v:.2f} s" for k, v in last.items()))
    print("D by step: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings_d[0].items()))
    print(f"E: {len(shares)} municipalities, quarters {quarters[0]}-{quarters[-1]}")
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
