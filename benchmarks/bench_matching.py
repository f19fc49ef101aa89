"""Benchmark: ranking the candidates of a vacancy for a whole municipality (issue 18), PostgreSQL.

    .venv/bin/python benchmarks/bench_matching.py [--citizens 100000] [--sample 20000]
        [--db postgres://postgres@127.0.0.1:5432/indsats_bench_matching]

Uses (and creates once) a database seeded as benchmarks/bench_worklist.py seeds its own (one
municipality, one open case per citizen) and adds, once, what matching reads: a candidate profile for every citizen
(postal code, earlier trades, competences, availability), a plan with job targets for about 70 %,
200 companies with placements for about 10 %, running offers for about 10 %. Then, in one run:

1. The consultant's page for a vacancy with a required certificate: `kandidat_match_list` (the
   database ranks the whole scope in one query, the best 15 are explained by `matching.score`,
   audited), and the ranking query alone, for that vacancy and for one without requirements.
   Best of --reps. Besides the wall time, the CPU time the PostgreSQL backend spent (from
   /proc, when the server runs on this machine): on a shared machine the wall time mostly
   measures the queue for the cores.
2. The baseline, the same run: the path the page used before (every candidate read into Python
   with `_kandidater` and scored with `matching.candidates_for_vacancy`) on --sample citizens,
   extrapolated linearly to the whole scope (the output says so), and the database ranking on
   the same sample for a like-for-like ratio; the two must return the same 15 candidates.

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

POSTNUMRE = ["6800"] * 6 + ["6818", "6823", "6830", "6840", "6855", "6862", "6870", "6880",
             "6700", "7200", "6851", "6852", "6854", "6857", "8000", ""]  # fmt: skip
TITLER = [("Lager", "52"), ("Lagermedarbejder", "5210"), ("Butiksassistent", "47"),
          ("Kok", "56"), ("Tømrer", "4332"), ("Social- og sundhedshjælper", "88"),
          ("Chauffør", "4941"), ("Rengøring", "81"), ("Pædagogmedhjælper", "88"),
          ("Landbrugsmedhjælper", "01"), ("Produktionsmedarbejder", "10")]  # fmt: skip
KOMPETENCER = ["truckcertifikat", "kørekort B", "truckcertifikat, kørekort B", "hygiejnebevis",
               "kørekort C", "svejsecertifikat", "førstehjælp", "", "", "kørekort B, førstehjælp",
               "Truckcertifikat, kørekort C", "engelsk"]  # fmt: skip
ERFARING = ["", "", "52", "47", "56", "4120", "4941", "88", "10, 47", "52, 4941", "01"]


def seed_matching(rng: random.Random) -> None:
    from indsats.web.citizens.models import Borger, Jobmaal, Plan, Sag, TilbudsForloeb
    from indsats.web.companies.models import Kandidatprofil, Placering, Virksomhed

    if Kandidatprofil.objects.exists():
        print(f"matching data already seeded ({Kandidatprofil.objects.count():,} profiles)")
        return
    t0 = time.perf_counter()
    ids = list(Borger.objects.order_by("pk").values_list("pk", flat=True))
    today = __import__("datetime").date.today()
    profiles, plans = [], []
    for pk in ids:
        profiles.append(
            Kandidatprofil(
                borger_id=pk,
                postnummer=rng.choice(POSTNUMRE),
                erfaring=rng.choice(ERFARING),
                kompetencer=rng.choice(KOMPETENCER),
                tilgaengelig_fra=rng.choice(
                    [None] * 4 + [today + timedelta(days=rng.randrange(60))]
                ),
            )
        )
        if rng.random() < 0.7:
            plans.append(Plan(borger_id=pk))
    Kandidatprofil.objects.bulk_create(profiles, batch_size=10_000)
    Plan.objects.bulk_create(plans, batch_size=10_000)
    jobmaal = []
    for plan in Plan.objects.only("pk"):
        for _ in range(rng.randrange(1, 3)):
            titel, branche = rng.choice(TITLER)
            jobmaal.append(
                Jobmaal(plan=plan, kategori=rng.choice("ABC"), stilling=titel, branche=branche)
            )
    Jobmaal.objects.bulk_create(jobmaal, batch_size=10_000)
    cvrs = ["24256790", "13585628", "27355021"]
    firmaer = Virksomhed.objects.bulk_create(
        [
            Virksomhed(
                kommune_kode=573, cvr=cvrs[i % 3], pnummer=f"{1000000000 + i}",
                navn=f"Virksomhed {i}", db07=rng.choice(["5210", "4711", "5610", "4120", "8810", "1011"]),
                postnummer=rng.choice(POSTNUMRE[:-1]),
            )
            for i in range(200)
        ]
    )  # fmt: skip
    placeringer = []
    for pk in rng.sample(ids, len(ids) // 10):
        start = today - timedelta(days=rng.randrange(400))
        placeringer.append(
            Placering(
                virksomhed=rng.choice(firmaer), borger_id=pk, type="praktik", timer_pr_uge=20,
                start=start, slut=rng.choice([None, start + timedelta(days=rng.randrange(20, 200))]),
            )
        )  # fmt: skip
    Placering.objects.bulk_create(placeringer, batch_size=10_000)
    sager = dict(Sag.objects.values_list("borger_id", "pk"))
    tilbud = []
    for pk in rng.sample(ids, len(ids) // 10):
        start = today - timedelta(days=rng.randrange(60))
        tilbud.append(
            TilbudsForloeb(
                sag_id=sager[pk], tilbudstype="virksomhedspraktik", start=start,
                slut=start + timedelta(days=rng.randrange(14, 120)), timer_pr_uge=20,
            )
        )  # fmt: skip
    TilbudsForloeb.objects.bulk_create(tilbud, batch_size=10_000)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(f"seeded matching data in {time.perf_counter() - t0:.0f} s")


def backend_cpu() -> float | None:
    """CPU seconds (user + system) the database backend of this connection has used, or None
    when its process cannot be read (a server on another machine)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def best(fn, reps: int):
    """Best wall time of `reps` runs, the backend's CPU time in that run, and the result."""
    runs, out = [], None
    for _ in range(reps):
        c0 = backend_cpu()
        t0 = time.perf_counter()
        out = fn()
        wall = time.perf_counter() - t0
        c1 = backend_cpu()
        runs.append((wall, None if c0 is None or c1 is None else c1 - c0))
    wall, cpu = min(runs, key=lambda r: r[0])
    return wall, cpu, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--citizens", type=int, default=100_000)
    ap.add_argument("--samtaler", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--db", default="postgres://postgres@127.0.0.1:5432/indsats_bench_matching")
    args = ap.parse_args()

    bench_worklist.ensure_database(args.db)
    os.environ.update(bench_worklist._env(args.db))
    bench_worklist.seed(args.citizens, args.samtaler, random.Random(573))
    seed_matching(random.Random(18))

    from django.utils import timezone

    from indsats.companyservice import matching
    from indsats.web.accounts.models import User
    from indsats.web.accounts.roles import Rolle
    from indsats.web.accounts.services import user_create
    from indsats.web.citizens.models import Borger
    from indsats.web.companies import ranking, selectors
    from indsats.web.companies.models import Jobordre, Virksomhed

    idag = timezone.localdate()
    konsulent = User.objects.filter(username="bench-konsulent").first() or user_create(
        username="bench-konsulent",
        password=bench_worklist.PASSWORD,
        kommune_kode=573,
        roller=[Rolle.VIRKSOMHEDSKONSULENT],
        team=None,
        first_name="Konsulent",
    )
    firma = Virksomhed.objects.filter(kommune_kode=573, db07="5210").first()
    jobordre = Jobordre.objects.filter(virksomhed=firma, titel="Lagermedarbejder").first()
    if jobordre is None:
        jobordre = Jobordre.objects.create(
            virksomhed=firma, titel="Lagermedarbejder", krav="truckcertifikat",
            start=idag + timedelta(days=14), modtaget=idag,
        )  # fmt: skip
    uden_krav = Jobordre.objects.filter(virksomhed=firma, titel="Lagerarbejder", krav="").first()
    if uden_krav is None:
        uden_krav = Jobordre.objects.create(
            virksomhed=firma, titel="Lagerarbejder", krav="", start=idag + timedelta(days=14),
            modtaget=idag,
        )  # fmt: skip
    stilling = selectors._stilling(jobordre)
    stilling_uden_krav = selectors._stilling(uden_krav)
    scope = selectors.kandidat_scope(actor=konsulent)
    n_scope = scope.count()
    load_before = os.getloadavg()
    print(f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")

    t_page, c_page, page = best(
        lambda: selectors.kandidat_match_list(actor=konsulent, jobordre=jobordre), args.reps
    )
    t_sql, c_sql, top = best(
        lambda: ranking.kandidater_rangeret(scope=scope, stilling=stilling, idag=idag, limit=15),
        args.reps,
    )
    t_page2, c_page2, _ = best(
        lambda: selectors.kandidat_match_list(actor=konsulent, jobordre=uden_krav), args.reps
    )
    t_sql2, c_sql2, _ = best(
        lambda: ranking.kandidater_rangeret(
            scope=scope, stilling=stilling_uden_krav, idag=idag, limit=15
        ),
        args.reps,
    )

    sample_ids = list(scope.order_by("pk").values_list("pk", flat=True)[: args.sample])
    sample = Borger.objects.filter(pk__in=sample_ids)

    def old_path():
        borgere = list(sample.select_related("kandidatprofil"))
        return matching.candidates_for_vacancy(
            stilling=stilling,
            kandidater=selectors._kandidater(borgere, idag=idag, scope=sample),
            idag=idag,
            limit=15,
        )

    t_old, _, old = best(old_path, 1)
    t_sql_sample, c_sql_sample, new = best(
        lambda: ranking.kandidater_rangeret(scope=sample, stilling=stilling, idag=idag, limit=15),
        args.reps,
    )
    same = [(m.kandidat.id, m.score) for m in old] == [(r.borger_id, r.score) for r in new]
    t_old_all = t_old * n_scope / len(sample_ids)
    load_after = os.getloadavg()
    print(f"{'what':62} {'citizens':>10} {'seconds':>9} {'db cpu s':>9}")
    for label, n, t, c in [
        ("the consultant's page: rank in the database + explain 15", n_scope, t_page, c_page),
        ("  the ranking query alone", n_scope, t_sql, c_sql),
        ("the page, a vacancy without requirements", n_scope, t_page2, c_page2),
        ("  the ranking query alone", n_scope, t_sql2, c_sql2),
        (
            f"database ranking on a sample of {len(sample_ids):,}",
            len(sample_ids),
            t_sql_sample,
            c_sql_sample,
        ),
        (
            f"baseline: Python path on the same {len(sample_ids):,} (one run)",
            len(sample_ids),
            t_old,
            None,
        ),
        (f"baseline extrapolated to {n_scope:,}", n_scope, t_old_all, None),
    ]:
        cpu = "" if c is None else f"{c:.2f}"
        print(f"{label:62} {n:>10,} {t:>9.3f} {cpu:>9}")
    print(
        f"ratio Python ÷ database on the same {len(sample_ids):,}: {t_old / t_sql_sample:.1f}x; "
        f"baseline (extrapolated) ÷ page for {n_scope:,}: {t_old_all / t_page:.1f}x"
    )
    print(f"the same 15 candidates and scores on the sample: {'yes' if same else 'NO'}")
    print("top 3: " + "; ".join(f"{k.match.score} {k.match.tekst}" for k in page[:3]))
    print(f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")


if __name__ == "__main__":
    main()
