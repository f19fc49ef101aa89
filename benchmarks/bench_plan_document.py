"""Benchmark: the document of a 4-year plan in HTML, PDF and DOCX (issue 14; target < 20 s).

    .venv/bin/python benchmarks/bench_plan_document.py [--repeat 3]

Data: the Varde plan 2020-2023, revideret 2021 (src/indsats/plan/data/), with a labour-market
situation drafted from a synthetic register (2021W01-2024W52: two tables and a 72-point chart)
and the evaluation of 2021 on that register, so the document has every section. Measures, each
the median of `--repeat` runs in this process:

  A. layout (text, tables, the chart as SVG and PNG)       — the baseline
  B. HTML, C. PDF (WeasyPrint), D. DOCX (python-docx), and A+B+C+D = the three formats.

Prints seconds and ratios to A; not a test (never asserted). Record in docs/performance.md with
the load average (`uptime`) of the run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from indsats.plan import bundled_plan
    from indsats.plan.document import dokument, render_docx, render_html, render_pdf
    from indsats.plan.evaluation import (
        evaluering_to_dict,
        maal_serier,
        maanedstal_fra_register,
        plan_evaluation,
    )
    from indsats.plan.situation import situation_draft
    from indsats.plan.validation import kendte_maal
    from indsats.register import generator, weeks

    print("load average at start:", os.getloadavg())
    tmp = Path(tempfile.mkdtemp(prefix="bench-plan-"))
    reg = tmp / "573"
    generator.generate_register(
        reg, [573], weeks.parse_week("2021W01"), weeks.parse_week("2024W52"), seed=0
    )
    v = bundled_plan("varde_2020_2023_revideret_2021.yaml")
    goals = kendte_maal(v)
    today = date(2026, 12, 3)
    v = replace(v, situation=situation_draft(kommune=573, aar=2025, i_dag=today, register_dir=reg))
    used = [goals[m.goal_id] for m in v.alle_maal() if m.goal_id in goals]
    serier, kilde = maal_serier(reg, 573, used, 2021)
    ev = plan_evaluation(
        v,
        2021,
        goals=goals,
        serier=serier,
        maanedstal=maanedstal_fra_register(reg, 573, 2021),
        i_dag=today,
        datagrundlag=kilde,
    )
    ev_data = evaluering_to_dict(ev)

    times: dict[str, list[float]] = {"layout": [], "html": [], "pdf": [], "docx": []}
    pages = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        d = dokument(v, goals=goals, i_dag=today, evaluering=ev_data)
        times["layout"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        (tmp / "plan.html").write_text(render_html(d), encoding="utf-8")
        times["html"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        pages = render_pdf(d, tmp / "plan.pdf")
        times["pdf"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        render_docx(d, tmp / "plan.docx")
        times["docx"].append(time.perf_counter() - t0)
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med["layout"]
    for k, t in med.items():
        print(f"{k:7s} {t:6.2f} s   ×{t / base:5.1f}")
    total = sum(med.values())
    print(f"all three formats: {total:.2f} s (target < 20 s); PDF {pages} pages")
    print("load average at end:", os.getloadavg())


if __name__ == "__main__":
    main()
