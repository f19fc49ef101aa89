"""Benchmark: Teamoverblik for a whole municipality (issue 18), on PostgreSQL.

    .venv/bin/python benchmarks/bench_team.py [--citizens 100000] [--samtaler 1000000]
        [--sample 5000] [--db postgres://postgres@127.0.0.1:5432/indsats_bench]

Uses (and creates and seeds once, then keeps) the database of benchmarks/bench_worklist.py: one
municipality with --citizens citizens, one case each, about 70 per caseworker, --samtaler held
samtaler. Then, in one process and one run:

1. The nightly refresh (`indsats manage frister_refresh`: `frister_refresh_stale` over
   `frister_scope`, the rules in columns, 5,000 cases per transaction), after clearing every
   case's key: the stored deadlines and each case's part in the compliance (`Overholdelse`).
2. Teamoverblik for all teams (the municipality's figures) and for one team, with today's rows
   stored: the whole selector, and its parts (the look for stale cases; the case load from the
   stored deadlines; the compliance from the stored `Overholdelse` rows). Best of --reps.
3. The baselines, the same run: (a) what the page did before the compliance was stored: read
   the window's cases and their facts, run the rules in columns and count in memory (one run;
   its figures must equal the stored ones, the output says whether they do); (b) the per-case
   path (`sag_statuses`) on the first --sample cases, extrapolated linearly to all cases.
4. What storing the compliance costs a refresh: a refresh of --sample cases, and the
   compliance rows computed alone for them.

Prints the load average before and after. Not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_worklist  # the database and its seed are shared


def best(fn, reps: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--citizens", type=int, default=100_000)
    ap.add_argument("--samtaler", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=5_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--db", default="postgres://postgres@127.0.0.1:5432/indsats_bench")
    args = ap.parse_args()

    bench_worklist.ensure_database(args.db)
    os.environ.update(bench_worklist._env(args.db))
    bench_worklist.seed(args.citizens, args.samtaler, random.Random(573))

    from collections import Counter

    import numpy as np
    from django.utils import timezone

    from indsats.rules.maalsaetning import maal_pr_sag
    from indsats.rules.parameters import all_parameters
    from indsats.web.accounts.models import Team, User
    from indsats.web.accounts.roles import Rolle
    from indsats.web.accounts.services import user_create
    from indsats.web.citizens import selectors
    from indsats.web.citizens.frister import (
        COMPLIANCE_FIGURES,
        COMPLIANCE_LOOKBACK_DAYS,
        compliance_rows,
        frister_key,
        frister_refresh,
        frister_refresh_stale,
        frister_scope,
    )
    from indsats.web.citizens.models import Sag
    from indsats.web.citizens.obligations import caseload_obligations, sag_statuses

    all_parameters()
    today = timezone.localdate()
    leder = User.objects.filter(username="bench-leder").first() or user_create(
        username="bench-leder",
        password=bench_worklist.PASSWORD,
        kommune_kode=573,
        roller=[Rolle.LEDER],
        team=Team.objects.filter(kommune_kode=573).order_by("navn").first(),
        first_name="Leder",
    )
    load_before = os.getloadavg()
    print(f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
    n_cases = Sag.objects.count()

    # warm-up (imports, parameter caches, holiday tables), not timed
    warm = Sag.objects.order_by("pk")[:200]
    caseload_obligations(Sag.objects.filter(pk__in=warm.values("pk")), as_of=today)

    # 1. the nightly refresh, from scratch
    Sag.objects.update(frister_noegle="")
    t0 = time.perf_counter()
    stale = frister_refresh_stale(sager=frister_scope(Sag.objects.all(), as_of=today), as_of=today)
    t_refresh = time.perf_counter() - t0
    print(f"nightly refresh of {stale:,} cases (rules in columns, stored): {t_refresh:.2f} s")
    # The refresh rewrote every stored row: give the planner the statistics that autovacuum
    # would gather a minute later (not timed), so the plans below do not depend on when it ran.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE citizens_sag, citizens_frist, citizens_overholdelse")

    # 2. Teamoverblik, all teams and one team
    window_from = today - timedelta(days=selectors.SIX_MONTHS_DAYS)
    t_all, overview = best(
        lambda: selectors.team_overview_get(actor=leder, as_of=today, team=selectors.ALL_TEAMS),
        args.reps,
    )
    scope = selectors._team_scope(actor=leder, team=None)
    t_stale, _ = best(
        lambda: frister_refresh_stale(sager=frister_scope(scope, as_of=today), as_of=today),
        args.reps,
    )
    t_caseload, _ = best(
        lambda: selectors._caseload(sager=scope, as_of=today, all_teams=True), args.reps
    )
    t_compliance, _ = best(
        lambda: selectors._compliance(sager=scope, as_of=today, window_from=window_from),
        args.reps,
    )
    team = leder.team
    t_team, team_view = best(
        lambda: selectors.team_overview_get(actor=leder, as_of=today, team=team), args.reps
    )
    n_team = selectors._team_scope(actor=leder, team=team).count()

    # 3a. baseline: the compliance as the page computed it before it was stored
    recent = scope.filter(
        foerste_henvendelse__gte=window_from - timedelta(days=COMPLIANCE_LOOKBACK_DAYS)
    )

    def in_memory():
        co = caseload_obligations(recent, as_of=today)
        df = co.obligations
        rows = compliance_rows(
            sag_ids=co.sag_ids,
            start=co.start,
            case=df["sag_id"].cat.codes.to_numpy(np.int64),
            obligations=df,
            targets=maal_pr_sag(df, today),
        )
        shown = [r for r in rows if window_from <= r.dato <= today]
        return (
            len(co.sag_ids),
            Counter((r.maal, r.pligt) for r in shown),
            Counter((r.maal, r.pligt) for r in shown if r.opfyldt),
        )

    t_in_memory, (n_recent, cases_mem, met_mem) = best(in_memory, 1)
    stored = {
        (COMPLIANCE_FIGURES[c.kind, c.holder], True): (c.cases, c.met) for c in overview.compliance
    }
    stored |= {
        (COMPLIANCE_FIGURES[c.kind, c.holder], False): (c.cases, c.met) for c in overview.targets
    }
    from_memory = {key: (cases_mem[key], met_mem[key]) for key in stored}

    # 3b. baseline: the per-case path on a sample
    sample_ids = list(Sag.objects.order_by("pk").values_list("pk", flat=True)[: args.sample])
    sample = Sag.objects.filter(pk__in=sample_ids)

    def per_case():
        statuses = sag_statuses(sample.select_related("borger", "sagsbehandler"), as_of=today)
        overdue = 0
        for s in statuses:
            overdue += sum(1 for o in s.obligations if o.state == "overdue" and o.personal_duty)
        return overdue

    t_per_case_sample, _ = best(per_case, 1)
    t_per_case_all = t_per_case_sample * n_cases / len(sample_ids)

    # 4. what the stored compliance costs a refresh
    t_refresh_sample, _ = best(lambda: frister_refresh(sag_ids=sample_ids, as_of=today), 1)
    co = caseload_obligations(sample, as_of=today)
    t_rows_sample, _ = best(
        lambda: compliance_rows(
            sag_ids=co.sag_ids,
            start=co.start,
            case=co.obligations["sag_id"].cat.codes.to_numpy(np.int64),
            obligations=co.obligations,
            targets=maal_pr_sag(co.obligations, today),
        ),
        args.reps,
    )
    assert not sample.exclude(frister_noegle=frister_key(today)).exists()

    load_after = os.getloadavg()
    rows = [
        ("nightly refresh, every case in frister_scope (one run)", stale, t_refresh),
        ("Teamoverblik, all teams (whole selector)", n_cases, t_all),
        ("  look for stale cases (none)", n_cases, t_stale),
        ("  case load (stored deadlines, grouped counts)", n_cases, t_caseload),
        ("  compliance (stored Overholdelse, one grouped count)", n_recent, t_compliance),
        ("Teamoverblik, one team", n_team, t_team),
        ("baseline: compliance in memory, rules in columns (one run)", n_recent, t_in_memory),
        (
            f"baseline: per-case path on {len(sample_ids):,} cases (one run)",
            len(sample_ids),
            t_per_case_sample,
        ),
        (f"  per-case path extrapolated to {n_cases:,} cases", n_cases, t_per_case_all),
        (f"refresh of {len(sample_ids):,} cases (one run)", len(sample_ids), t_refresh_sample),
        ("  of which: compliance rows computed", len(sample_ids), t_rows_sample),
    ]
    print(f"{'what':62} {'rows/cases':>12} {'seconds':>9}")
    for label, n, t in rows:
        print(f"{label:62} {n:>12,} {t:>9.3f}")
    print(
        f"ratios: compliance in memory / stored compliance {t_in_memory / t_compliance:.1f}x; "
        f"in memory / whole selector {t_in_memory / t_all:.1f}x; per-case (extrapolated) / "
        f"whole selector {t_per_case_all / t_all:.1f}x; compliance rows / refresh of the sample "
        f"{t_rows_sample / t_refresh_sample:.2f}"
    )
    print(
        f"stored figures equal the in-memory ones: {stored == from_memory} ({len(stored)} figures)"
    )
    print(
        f"all teams: {sum(r.borgere for r in overview.caseload):,} citizens with an open case, "
        f"{sum(r.overskredne for r in overview.caseload):,} overdue duties; compliance "
        + ", ".join(f"{c.label} {c.met}/{c.cases}" for c in overview.compliance)
        + "; targets "
        + ", ".join(f"{c.label} {c.met}/{c.cases}" for c in overview.targets)
    )
    print(f"one team: {len(team_view.caseload)} caseworkers")
    print(f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")


if __name__ == "__main__":
    main()
