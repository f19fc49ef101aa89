"""Benchmark: Teamoverblik for a whole municipality (issue 18), on PostgreSQL.

    .venv/bin/python benchmarks/bench_team.py [--citizens 100000] [--samtaler 1000000]
        [--sample 5000] [--db postgres://postgres@127.0.0.1:5432/indsats_bench]

Uses (and creates once) the database of benchmarks/bench_worklist.py: one municipality with
--citizens citizens, one case each, about 70 per caseworker, --samtaler held samtaler. Then, in
one process and one run:

1. The nightly refresh of the stored deadlines for every open case (`frister_refresh_stale`,
   the rules in columns, 5,000 cases per transaction), after clearing every case's key.
2. Teamoverblik for all teams (the municipality's figures) and for one team, with today's
   deadlines stored: the whole selector, and its two parts (the case load from the stored
   deadlines; the compliance from the rules in columns: reading the cases, the rules, counting).
   Best of --reps.
3. The baseline, the same run: the per-case path the page used before (`sag_statuses` for every
   case, then counting in Python) on the first --sample cases, extrapolated linearly to all
   cases (the output says so), and the columns path on the same sample for a like-for-like ratio.

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

    from django.utils import timezone

    from indsats.rules.parameters import all_parameters
    from indsats.web.accounts.models import Team, User
    from indsats.web.accounts.roles import Rolle
    from indsats.web.accounts.services import user_create
    from indsats.web.citizens import selectors
    from indsats.web.citizens.frister import frister_refresh_stale
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
    stale = frister_refresh_stale(sager=Sag.objects.exclude(slut__lt=today), as_of=today)
    t_refresh = time.perf_counter() - t0
    print(f"nightly refresh of {stale:,} open cases (rules in columns, stored): {t_refresh:.2f} s")

    # 2. Teamoverblik, all teams and one team
    window_from = today - timedelta(days=selectors.SIX_MONTHS_DAYS)
    t_all, overview = best(
        lambda: selectors.team_overview(actor=leder, as_of=today, team=selectors.ALL_TEAMS),
        args.reps,
    )
    scope = selectors._team_scope(actor=leder, team=None)
    t_caseload, _ = best(
        lambda: selectors._caseload(sager=scope, as_of=today, all_teams=True), args.reps
    )
    t_compliance, _ = best(
        lambda: selectors._compliance(sager=scope, as_of=today, window_from=window_from),
        args.reps,
    )
    recent = scope.filter(foerste_henvendelse__gte=window_from - timedelta(days=366))
    t_read_rules, co = best(lambda: caseload_obligations(recent, as_of=today), args.reps)
    team = leder.team
    t_team, team_view = best(
        lambda: selectors.team_overview(actor=leder, as_of=today, team=team), args.reps
    )
    n_team = selectors._team_scope(actor=leder, team=team).count()

    # 3. baseline: the per-case path on a sample, and the columns path on the same sample
    sample_ids = list(Sag.objects.order_by("pk").values_list("pk", flat=True)[: args.sample])
    sample = Sag.objects.filter(pk__in=sample_ids)

    def per_case():
        statuses = sag_statuses(sample.select_related("borger", "sagsbehandler"), as_of=today)
        overdue = 0
        for s in statuses:
            overdue += sum(1 for o in s.obligations if o.state == "overdue" and o.personal_duty)
        return overdue

    t_per_case_sample, _ = best(per_case, 1)
    t_cols_sample, _ = best(lambda: caseload_obligations(sample, as_of=today), args.reps)
    t_per_case_all = t_per_case_sample * n_cases / len(sample_ids)

    load_after = os.getloadavg()
    rows = [
        ("Teamoverblik, all teams (whole selector)", n_cases, t_all),
        ("  case load (stored deadlines, one query each)", n_cases, t_caseload),
        ("  compliance (rules in columns + counting)", co.obligations.shape[0], t_compliance),
        ("    of which: read cases and facts + rules in columns", len(co.sag_ids), t_read_rules),
        ("Teamoverblik, one team", n_team, t_team),
        (f"columns path on {len(sample_ids):,} cases", len(sample_ids), t_cols_sample),
        (
            f"per-case path on {len(sample_ids):,} cases (baseline)",
            len(sample_ids),
            t_per_case_sample,
        ),
        (f"per-case path extrapolated to {n_cases:,} cases", n_cases, t_per_case_all),
    ]
    print(f"{'what':58} {'rows/cases':>12} {'seconds':>9}")
    for label, n, t in rows:
        print(f"{label:58} {n:>12,} {t:>9.3f}")
    print(
        f"ratio per-case / columns on the same {len(sample_ids):,} cases: "
        f"{t_per_case_sample / t_cols_sample:.1f}x; per-case (extrapolated) / whole selector: "
        f"{t_per_case_all / t_all:.1f}x"
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
