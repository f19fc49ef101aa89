"""Ranking the candidates of a vacancy in the database: one SQL query over the candidate scope.

`matching.score` explains one candidate; ranking a municipality (up to 100,000 citizens) with it
reads every candidate into Python. Here the database scores them all with the same rules:
`matching.opslag` turns the distinct values found among the candidates (job-target titles and
codes, placement codes, the profiles' codes, competences and postal codes) into points for this
vacancy; the query reads only the job targets and placements worth points, joins them, the
running offers and the profile (through small tables of points per value) to the scope, and adds
the points up. The target group (from the latest open case, at most 5 points) is read last, and
only for the candidates who can still reach the top `limit` with it. Only the best `limit` come
back; the selector then explains them with `matching.score`. tests/web/test_matching_sql.py and
tests/web/test_matching_sql_generated.py (hypothesis) check that the two give the same
candidates, points and order.

Plain SQL that PostgreSQL and SQLite both run (CTEs, VALUES, CASE, correlated subqueries); no
casts or functions of one database only. Figures: docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from indsats.companyservice import matching
from indsats.web.citizens.models import Borger, Jobmaal, Plan, Sag, TilbudsForloeb
from indsats.web.companies.models import Kandidatprofil, Placering, Virksomhed


@dataclass(frozen=True)
class Rangeret:
    borger_id: Any
    score: int
    mangler_krav: int


class _Sql:
    """SQL text with its parameters in the order their %s appear, built piece by piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, text: str, *params: Any) -> _Sql:
        self.parts.append(text)
        self.params.extend(params)
        return self

    def text(self) -> str:
        return "".join(self.parts)


def _in(column: str, values: Iterable[Any]) -> tuple[str, list[Any]]:
    values = sorted(set(values))
    if not values:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def _case(column: str, points: dict[str, int], default: str = "0") -> tuple[str, list[Any]]:
    """CASE over a column's values grouped by their points."""
    by_points: dict[int, list[str]] = {}
    for value, pts in points.items():
        by_points.setdefault(pts, []).append(value)
    if not by_points:
        return default, []
    whens, params = [], []
    for pts, vs in sorted(by_points.items()):
        cond, ps = _in(column, vs)
        whens.append(f"WHEN {cond} THEN {pts}")
        params += ps
    return f"(CASE {' '.join(whens)} ELSE {default} END)", params


def _lookup(name: str, columns: str, points: dict[str, int]) -> tuple[str, list[Any]]:
    """A small table of a vacancy's points per value, `name(columns) AS (VALUES ...)`: joined
    to 100,000 profiles it is one hash probe a row, where a CASE over the values would compare
    strings for every use of the column."""
    rows = sorted(points.items())
    params = [x for row in rows for x in row]
    return f"{name}({columns}) AS (VALUES {', '.join(['(%s, %s)'] * len(rows))}), ", params


def _distinct(qs: QuerySet, field: str) -> list[str]:
    # order_by(): a model's default ordering would join the DISTINCT (and sort every row)
    return [v for v in qs.order_by().values_list(field, flat=True).distinct() if v is not None]


def _kategori_points(half: bool) -> str:
    pts = {k: (v // 2 if half else v) for k, v in matching.JOBMAAL_POINTS.items()}
    whens = " ".join(f"WHEN '{k}' THEN {v}" for k, v in pts.items())
    return f"(CASE UPPER(j.kategori) {whens} ELSE 0 END)"


def kandidater_rangeret(
    *,
    scope: QuerySet[Borger],
    stilling: matching.Stilling,
    idag: date,
    limit: int,
) -> list[Rangeret]:
    """The best `limit` candidates of `scope` for the vacancy, ranked as
    `matching.candidates_for_vacancy` ranks them (those meeting every requirement first, then
    the score; ties by name and id). Only candidates with a trade fit."""
    if limit < 1:
        return []
    # The scope with the names the tie-break needs: the citizens are read once.
    scope_sql, scope_params = (
        scope.order_by().values("pk", "fornavn", "efternavn").query.sql_with_params()
    )
    # The distinct values of the whole tables (a superset of the scope's: a value no candidate
    # has only adds an unused line to a CASE, and only values worth points are kept), read
    # without joining the citizens or running the scope's subquery.
    jobmaal = Jobmaal.objects.all()
    profiler = Kandidatprofil.objects.all()
    ops = matching.opslag(
        stilling,
        titler=_distinct(jobmaal, "stilling"),
        brancher=_distinct(jobmaal, "branche"),
        placering_koder=_distinct(Virksomhed.objects.filter(placeringer__isnull=False), "db07"),
        erfaring_tekster=_distinct(profiler, "erfaring"),
        kompetence_tekster=_distinct(profiler, "kompetencer"),
        postnumre=_distinct(profiler, "postnummer"),
    )
    # Busy at the start: in an offer or placement that has not ended today or by the start.
    optaget_efter = max(idag, stilling.start or idag)
    start = stilling.start or idag
    n_krav = len(stilling.krav)
    t = {
        "jobmaal": Jobmaal._meta.db_table,
        "plan": Plan._meta.db_table,
        "placering": Placering._meta.db_table,
        "virksomhed": Virksomhed._meta.db_table,
        "tilbud": TilbudsForloeb._meta.db_table,
        "sag": Sag._meta.db_table,
        "profil": Kandidatprofil._meta.db_table,
    }
    q = _Sql().add(f"WITH sc(id, fornavn, efternavn) AS ({scope_sql}), ", *scope_params)

    # Job targets: only the rows worth points reach the aggregate.
    fuld_branche, p1 = _in("j.branche", ops.brancher_fuld)
    fuld_titel, p2 = _in("j.stilling", ops.titler_fuld)
    halv, p3 = _in("j.branche", ops.brancher_halv)
    fuld = f"({fuld_branche} OR {fuld_titel})"
    q.add(
        f"jm AS (SELECT pl.borger_id AS borger_id, MAX(CASE WHEN {fuld} "
        f"THEN {_kategori_points(False)} ELSE {_kategori_points(True)} END) AS pts "
        f"FROM {t['jobmaal']} j JOIN {t['plan']} pl ON pl.id = j.plan_id ",
        *p1,
        *p2,
    )
    q.add(f"WHERE {fuld} OR {halv} GROUP BY pl.borger_id), ", *p1, *p2, *p3)

    # Placements: experience from the company's trade; busy if running at the start.
    erf_case, p4 = _case("v.db07", ops.erfaring_koder)
    erf_in, p5 = _in("v.db07", ops.erfaring_koder)
    running = "(x.start <= %s AND (x.slut IS NULL OR x.slut >= %s))"
    q.add(
        f"pl AS (SELECT x.borger_id AS borger_id, MAX({erf_case}) AS erf, "
        f"MAX(CASE WHEN {running} THEN 1 ELSE 0 END) AS busy "
        f"FROM {t['placering']} x JOIN {t['virksomhed']} v ON v.id = x.virksomhed_id "
        f"WHERE {erf_in} OR {running} GROUP BY x.borger_id), ",
        *p4,
        idag,
        optaget_efter,
        *p5,
        idag,
        optaget_efter,
    )
    # Offers running at the start.
    q.add(
        f"tb AS (SELECT DISTINCT s.borger_id AS borger_id FROM {t['tilbud']} o "
        f"JOIN {t['sag']} s ON s.id = o.sag_id WHERE o.resultat = 'igang' AND o.slut >= %s), ",
        optaget_efter,
    )
    # Every candidate's components; the profile's from small tables of points per value
    # (name, the profile's field, the component).
    lookups = [
        ("ke", "erfaring", "erf_profil", ops.erfaring_tekster),
        ("kh", "kompetencer", "har", ops.kompetencer_har),
        ("ka", "postnummer", "afstand", ops.afstand),
    ]
    components = []
    joins = ""
    for name, field, component, points in lookups:
        if points:
            text, params = _lookup(name, f"tekst, {component}", points)
            q.add(text, *params)
            joins += f"LEFT JOIN {name} ON {name}.tekst = k.{field} "
            components.append(f"COALESCE({name}.{component}, 0) AS {component}")
        else:
            components.append(f"0 AS {component}")
    q.add(
        "c AS (SELECT sc.id AS borger_id, sc.fornavn || ' ' || sc.efternavn AS navn, "
        f"COALESCE(jm.pts, 0) AS jm, COALESCE(pl.erf, 0) AS erf_pl, {', '.join(components)}, "
    )
    q.add(
        "CASE WHEN pl.busy = 1 OR tb.borger_id IS NOT NULL OR k.tilgaengelig_fra > %s "
        f"THEN 0 ELSE {matching.MAX_TILGAENGELIG} END AS tilg "
        f"FROM sc LEFT JOIN {t['profil']} k ON k.borger_id = sc.id {joins}"
        "LEFT JOIN jm ON jm.borger_id = sc.id LEFT JOIN pl ON pl.borger_id = sc.id "
        "LEFT JOIN tb ON tb.borger_id = sc.id), ",
        start,
    )
    komp = (
        "(CASE "
        + " ".join(
            f"WHEN har = {h} THEN {matching.kompetence_point(h, stilling)}"
            for h in range(1, n_krav + 1)
        )
        + " ELSE 0 END)"
        if n_krav
        else "0"
    )
    erf = "(CASE WHEN erf_pl > erf_profil THEN erf_pl ELSE erf_profil END)"
    # The candidates with a trade fit and their score without the target group (`delvis`):
    # the score is that plus 0 to MAX_MAALGRUPPE points.
    q.add(
        "d AS (SELECT borger_id, navn, har, "
        f"CASE WHEN har < {n_krav} THEN 1 ELSE 0 END AS mangler, "
        f"jm + {erf} + {komp} + afstand + tilg - {matching.KRAV_MANGLER} * ({n_krav} - har) "
        f"AS delvis FROM c WHERE jm > 0 OR {erf} > 0 OR {komp} > 0), "
    )
    # The target group needs each candidate's latest open case, the dearest part to read for a
    # whole municipality, so it is read only for the candidates who can still reach the top
    # `limit`. The `limit`-th best candidate by `delvis` (g) has at least `limit` candidates
    # ranked at or above it with scores of at least its `delvis` (`lav`, the score floored at
    # 0 as the score is); a candidate whose `delvis` plus the most a target group gives stays
    # below `lav` ranks below all of them. With `lav` 0 nobody stays below it: scores under 0
    # count as 0 and tie.
    maks_mg = max(matching.MAALGRUPPE_POINTS.values())
    q.add(
        "g AS (SELECT mangler, CASE WHEN delvis > 0 THEN delvis ELSE 0 END AS lav FROM d "
        "ORDER BY mangler, delvis DESC LIMIT 1 OFFSET %s), ",
        limit - 1,
    )
    mg = matching.MAALGRUPPE_POINTS
    q.add(
        "r AS (SELECT borger_id, navn, har, mangler, delvis + COALESCE((SELECT "
        f"CASE WHEN s.visitation = 'jobparat' THEN {mg['jobparat']} "
        f"WHEN s.visitation = 'aktivitetsparat' THEN {mg['aktivitetsparat']} "
        f"WHEN s.ydelse = 'dagpenge' THEN {mg['dagpenge']} ELSE 0 END "
        f"FROM {t['sag']} s WHERE s.borger_id = d.borger_id AND s.slut IS NULL "
        "ORDER BY s.foerste_henvendelse DESC, s.id DESC LIMIT 1), 0) AS total FROM d "
        "WHERE NOT EXISTS (SELECT 1 FROM g WHERE d.mangler > g.mangler "
        f"OR (d.mangler = g.mangler AND g.lav > 0 AND d.delvis + {maks_mg} < g.lav))) "
    )
    q.add(
        "SELECT borger_id, CASE WHEN total > 0 THEN total ELSE 0 END AS score, "
        f"{n_krav} - har FROM r ORDER BY mangler, score DESC, navn, borger_id LIMIT %s",
        limit,
    )
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # The plan's cost estimate passes the JIT thresholds, and compiling its CASE
            # expressions takes longer than running the query (2 of 4.7 s at 100,000 citizens,
            # docs/performance.md); the sort and hashes of 100,000 rows fit in memory.
            cur.execute("SET LOCAL jit = off")
            cur.execute("SET LOCAL work_mem = '32MB'")
        cur.execute(q.text(), q.params)
        rows = cur.fetchall()
    pk = Borger._meta.pk
    assert pk is not None
    return [Rangeret(pk.to_python(r[0]), int(r[1]), int(r[2])) for r in rows]
