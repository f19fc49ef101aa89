"""Load benchmark of the caseworker's worklist on PostgreSQL, through `indsats serve`.

    .venv/bin/python benchmarks/bench_worklist.py [--citizens 100000] [--samtaler 1000000]
        [--users 50] [--seconds 60] [--db postgres://postgres@127.0.0.1:5432/indsats_bench]

1. Creates (once) a PostgreSQL database with one municipality: --citizens citizens with one
   open case each, about 70 per caseworker, and --samtaler held samtaler spread over the cases.
2. In-process, for one caseworker: the worklist selector at the first look of the day (the
   rules run for the stale cases and store their deadlines) and at a second look (the stored
   deadlines: one indexed query), median of 10 each.
3. Serves the app with `indsats serve` (gunicorn, one worker per core unless --workers, DEBUG
   off) on 127.0.0.1.
4. Runs locust headless on loopback twice with the same load (--users concurrent users, each a
   different caseworker): first the start page (the baseline: login, session, one template),
   then "Mine opgaver" (the worklist: the stored deadlines of the caseworker's open cases, and
   one audit row per citizen shown). Each is preceded by a 10 s warm-up that is not measured.
   Each caseworker's first look of the day (the rules for every open case, deadlines stored) is
   made in-process before the load, one after the other; its cost is the in-process figure.
   Then, in-process, each page as one caseworker's request through Django (median of 10: wall,
   Python CPU, queries): what one page costs a worker before any queueing.
   Prints p50/p95/p99, requests/s, failures, the ratio of the worklist to the baseline and the
   load average before and after.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PASSWORD = "bench-password"
CASES_PER_CASEWORKER = 70
PORT = 8799
TARGET_P95_MS = 250


def _env(db_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": db_url,
            "DJANGO_SETTINGS_MODULE": "indsats.web.config.settings.local",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def ensure_database(db_url: str) -> None:
    import psycopg

    name = db_url.rsplit("/", 1)[1]
    admin = db_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seed(citizens: int, samtaler: int, rng: random.Random) -> None:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from indsats.domain.cpr import Cpr
    from indsats.web.accounts.models import Team, User
    from indsats.web.accounts.roles import Rolle
    from indsats.web.citizens.models import Borger, Sag, Samtale

    call_command("migrate", verbosity=0)
    if Borger.objects.count() >= citizens:
        print(f"database already seeded ({Borger.objects.count():,} citizens)")
        return
    t0 = time.perf_counter()
    n_cw = max(1, citizens // CASES_PER_CASEWORKER)
    n_teams = max(1, n_cw // 25)
    teams = Team.objects.bulk_create(
        [Team(kommune_kode=573, navn=f"Team {i:03d}") for i in range(n_teams)]
    )
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                username=f"cw{i:05d}",
                password=password,
                kommune_kode=573,
                team=teams[(i - 1) % n_teams],
                first_name=f"Sagsbehandler {i}",
            )
            for i in range(1, n_cw + 1)
        ]
    )
    Group.objects.get(name=Rolle.JOBRAADGIVER).user_set.add(*users)
    today = date.today()
    tz = ZoneInfo("Europe/Copenhagen")
    mix = [
        ("kontanthjaelp", "jobparat"),
        ("kontanthjaelp", "aktivitetsparat"),
        ("dagpenge", ""),
        ("sygedagpenge", ""),
        ("jobafklaringsforloeb", ""),
        ("ledighedsydelse", ""),
    ]
    batch = 10_000
    made_cases = []
    for lo in range(0, citizens, batch):
        borgere, sager = [], []
        for i in range(lo, min(lo + batch, citizens)):
            cw = users[i % n_cw]
            born = date(1960, 1, 1) + timedelta(days=i % 12000)
            serial = 1000 + (i // 12000) % 9000
            cpr = Cpr.parse(
                f"{born:%d%m%y}{(serial if born.year < 2000 else 4000 + serial % 1000):04d}"
            )
            b = Borger(
                cpr=cpr.digits,
                fornavn="Borger",
                efternavn=f"{i:06d}",
                kommune_kode=573,
                team=cw.team,
                sagsbehandler=cw,
                har_erhvervsuddannelse=True,
            )
            ydelse, visitation = mix[i % len(mix)]
            borgere.append(b)
            sager.append(
                Sag(
                    borger=b,
                    ydelse=ydelse,
                    visitation=visitation,
                    sygedagpenge_kategori="2" if ydelse == "sygedagpenge" else "",
                    foerste_henvendelse=today - timedelta(days=rng.randrange(10, 700)),
                    team=cw.team,
                    sagsbehandler=cw,
                )
            )
        Borger.objects.bulk_create(borgere)
        made_cases += Sag.objects.bulk_create(sager)
    rows = []
    for k in range(samtaler):
        sag = made_cases[k % len(made_cases)]
        span = max(1, (today - sag.foerste_henvendelse).days)
        day = sag.foerste_henvendelse + timedelta(days=rng.randrange(span))
        rows.append(
            Samtale(
                sag=sag,
                tidspunkt=datetime.combine(day, dtime(10), tzinfo=tz),
                status="afholdt",
                type="opfoelgning" if sag.ydelse == "sygedagpenge" else "jobsamtale",
            )
        )
        if len(rows) == batch:
            Samtale.objects.bulk_create(rows)
            rows = []
    Samtale.objects.bulk_create(rows)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(
        f"seeded {citizens:,} citizens, {len(made_cases):,} cases, {samtaler:,} samtaler, "
        f"{n_cw:,} caseworkers in {time.perf_counter() - t0:.0f} s"
    )


def sessions_for(users: int) -> list[str]:
    """One logged-in session per simulated caseworker (cw00001, cw00002, ...)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from indsats.web.accounts.models import User

    keys = []
    for user in User.objects.filter(username__startswith="cw").order_by("username")[:users]:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def inprocess_timings(rounds: int = 10) -> dict[str, float]:
    """The worklist selector for one caseworker: first look of the day vs. stored, in ms."""
    from django.db.models import Q
    from django.utils import timezone

    from indsats.web.accounts.models import User
    from indsats.web.citizens.models import Sag
    from indsats.web.citizens.selectors import worklist_get

    user = User.objects.get(username="cw00001")
    today = timezone.localdate()
    first, stored = [], []
    for _ in range(rounds):
        Sag.objects.filter(Q(sagsbehandler=user)).update(frister_noegle="")
        t0 = time.perf_counter()
        worklist_get(actor=user, as_of=today)
        first.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        w = worklist_get(actor=user, as_of=today)
        stored.append((time.perf_counter() - t0) * 1000)
    return {
        "first look ms": statistics.median(first),
        "stored ms": statistics.median(stored),
        "rows": len(w.items),
        "cases": Sag.objects.filter(sagsbehandler=user).count(),
    }


def inprocess_pages(rounds: int = 10) -> dict[str, dict[str, float]]:
    """Both pages as a request through Django (middleware, session, permissions, selectors, the
    audit rows, the template) for one caseworker whose deadlines are stored, on a kept database
    connection: wall and Python CPU in ms (median of `rounds`) and the queries per request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from indsats.web.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")  # the server's ALLOWED_HOSTS
    client.force_login(User.objects.get(username="cw00001"))
    pages = {}
    for label, page in (("start page", "/"), ("worklist", "/mine-opgaver/")):
        for _ in range(3):  # the first requests of a process import and warm caches
            client.get(page)
        with CaptureQueriesContext(connection) as queries:
            client.get(page)
        n_queries = len(queries)  # now: every request clears the connection's query log
        wall, cpu = [], []
        for _ in range(rounds):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(page)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, response.status_code
        pages[label] = {
            "wall ms": statistics.median(wall),
            "cpu ms": statistics.median(cpu),
            "queries": n_queries,
        }
    connection.close()
    return pages


def prime_first_looks(users: int) -> float:
    """Every simulated caseworker's first look of the day, in-process; returns the seconds."""
    from django.db import connections
    from django.utils import timezone

    from indsats.web.accounts.models import User
    from indsats.web.citizens.selectors import worklist_get

    t0 = time.perf_counter()
    today = timezone.localdate()
    for user in User.objects.filter(username__startswith="cw").order_by("username")[:users]:
        worklist_get(actor=user, as_of=today)
    connections.close_all()
    return time.perf_counter() - t0


def _process_cpu_ms(pid: int) -> float:
    """User + system CPU a process has used so far (Linux /proc), in ms; 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found += _descendants(int(child))
    return found


def cpu_ms(server_pid: int, db_url: str) -> dict[str, dict[int, float]]:
    """CPU used so far by `indsats serve` (gunicorn and its workers) and by the PostgreSQL
    backends connected to the benchmark's database, per process: the difference over a run,
    divided by the requests served, is what one request costs the two cores whatever else runs
    on the machine (the load generator is left out)."""
    import psycopg

    name = db_url.rsplit("/", 1)[1]
    admin = db_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        backends = [
            pid
            for (pid,) in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,)
            ).fetchall()
        ]
    return {
        "server": {pid: _process_cpu_ms(pid) for pid in _descendants(server_pid)},
        "postgres": {pid: _process_cpu_ms(pid) for pid in backends},
    }


def analyse(tables: tuple[str, ...]) -> None:
    from django.db import connection, connections

    with connection.cursor() as cur:
        for table in tables:
            cur.execute(f"ANALYZE {table}")
    connections.close_all()


def run_load(
    db_url: str,
    page: str,
    users: int,
    seconds: int,
    sessions: list[str],
    *,
    required: bool = True,
) -> dict[str, float]:
    env = _env(db_url) | {"BENCH_PAGE": page, "BENCH_SESSIONS": ",".join(sessions)}
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "stats"
        run = subprocess.run(
            [
                str(VENV_BIN / "locust"),
                "-f",
                str(ROOT / "benchmarks" / "locustfile_worklist.py"),
                "--headless",
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            check=False,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=seconds + 120,
        )
        if not Path(f"{prefix}_stats.csv").exists() and required:
            raise RuntimeError(f"locust failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
        if not Path(f"{prefix}_stats.csv").exists():
            return {}
        with open(f"{prefix}_stats.csv", newline="") as f:
            for row in csv.DictReader(f):
                if row["Name"] == page:
                    return {
                        "requests": int(row["Request Count"]),
                        "failures": int(row["Failure Count"]),
                        "p50": float(row["50%"]),
                        "p95": float(row["95%"]),
                        "p99": float(row["99%"]),
                        "rps": float(row["Requests/s"]),
                    }
    if not required:
        return {}
    raise RuntimeError(
        f"locust wrote no stats for {page}:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--samtaler", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="gunicorn sync workers (default: indsats serve's, one per core)",
    )
    parser.add_argument("--db", default="postgres://postgres@127.0.0.1:5432/indsats_bench")
    args = parser.parse_args()

    ensure_database(args.db)
    os.environ.update(_env(args.db))
    seed(args.citizens, args.samtaler, random.Random(573))
    inprocess = inprocess_timings()
    from django.db import connections

    connections.close_all()

    load_before = os.getloadavg()
    workers = args.workers or os.cpu_count() or 1
    server_log = tempfile.NamedTemporaryFile("w+", prefix="bench-serve-", suffix=".log")  # noqa: SIM115
    server = subprocess.Popen(
        [
            str(VENV_BIN / "indsats"),
            "serve",
            "--port",
            str(PORT),
            *(["--workers", str(args.workers)] if args.workers else []),
        ],
        env=_env(args.db),
        cwd=ROOT,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/sundhed/", timeout=2)
                break
            except OSError:
                time.sleep(1)
        else:
            raise RuntimeError(
                "indsats serve did not answer:\n" + Path(server_log.name).read_text()
            )
        sessions = sessions_for(args.users)
        # Each caseworker's first look of the day (the rules run for every open case and the
        # deadlines are stored) is made in-process, one after the other, before the load: 50 first
        # looks at once on 2 cores take longer than the warm-up, and the server would still be
        # working through them in the measured minute. Its cost is the in-process figure above.
        primed = prime_first_looks(args.users)
        # The first looks filled citizens_frist; the planner needs to know (a stale estimate
        # made it hash-join all 100,000 cases for 36 rows). A real server's autovacuum analyses
        # a table after this many changes; this machine's PostgreSQL runs with it off.
        analyse(("citizens_frist", "citizens_sag", "auditlog_logentry"))
        pages = inprocess_pages()
        results = {}
        for label, page in (("baseline (start page)", "/"), ("worklist", "/mine-opgaver/")):
            # Warm-up, not measured: every worker imports the rules' parameter files and opens
            # its database connection on its first requests.
            run_load(args.db, page, args.users, 10, sessions, required=False)
            before = cpu_ms(server.pid, args.db)
            results[label] = run_load(args.db, page, args.users, args.seconds, sessions)
            after = cpu_ms(server.pid, args.db)
            results[label]["cpu"] = {
                side: sum(
                    after[side].get(pid, 0.0) - before[side].get(pid, 0.0) for pid in after[side]
                )
                / max(1, results[label]["requests"])
                for side in after
            }
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        server_log.close()
    load_after = os.getloadavg()

    print(
        f"\nin-process, one caseworker ({inprocess['cases']} cases, {inprocess['rows']} rows): "
        f"worklist first look of the day {inprocess['first look ms']:.0f} ms, "
        f"stored {inprocess['stored ms']:.0f} ms (median of 10); the {args.users} users' first "
        f"looks one after the other before the load: {primed:.1f} s"
    )
    for label, p in pages.items():
        print(
            f"in-process, {label} of one caseworker through Django: {p['wall ms']:.1f} ms wall, "
            f"{p['cpu ms']:.1f} ms Python CPU, {p['queries']} queries (median of 10)"
        )
    print(
        f"\n{args.users} concurrent users, {args.seconds} s each, indsats serve ({workers} "
        f"workers), {args.citizens:,} citizens, {args.samtaler:,} samtaler (PostgreSQL), "
        f"{os.cpu_count()} cores shared by PostgreSQL, gunicorn and locust"
    )
    print(
        "load average (1/5/15 min) before: "
        + " ".join(f"{x:.2f}" for x in load_before)
        + ", after: "
        + " ".join(f"{x:.2f}" for x in load_after)
    )
    print(
        f"{'page':24} {'requests':>9} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'req/s':>6}"
    )
    for label, r in results.items():
        print(
            f"{label:24} {r['requests']:9d} {r['failures']:5d} {r['p50']:7.0f} {r['p95']:7.0f} "
            f"{r['p99']:7.0f} {r['rps']:6.1f}"
        )
    for label, r in results.items():
        print(
            f"CPU per request, {label}: server (gunicorn workers) {r['cpu']['server']:.1f} ms, "
            f"PostgreSQL {r['cpu']['postgres']:.1f} ms (all CPU the processes used in the run, "
            "locust's left out, divided by the requests served)"
        )
    base, work = results["baseline (start page)"], results["worklist"]
    print(
        f"ratio worklist/baseline: p50 {work['p50'] / base['p50']:.1f}x, "
        f"p95 {work['p95'] / base['p95']:.1f}x"
    )
    met = work["p95"] < TARGET_P95_MS and work["failures"] == 0
    print(f"target p95 < {TARGET_P95_MS} ms and no errors: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
