"""Ranking the candidates of a vacancy in the database: one SQL query over the candidate scope.

`matching.score` explains one candidate; ranking a municipality (up to 100,000 citizens) with it
reads every candidate into Python. Here the database scores them all with the same rules:
`matching.opslag` turns the distinct values found among the candidates (job-target titles and
codes, placement codes, the profiles' codes, competences and postal codes) into points for this
vacancy, and the query joins each candidate's job targets, placements, offers, latest open case
and profile and adds the points up. Only the best `limit` come back; the selector then explains
them with `matching.score` (tests/web/test_matching_sql.py checks that the two give the same
points and order for every candidate).

Plain SQL that PostgreSQL and SQLite both run (CTEs, window functions, CASE); no casts or
functions of one database only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from indsats.companyservice import matching
from indsats.web.citizens.models import Borger, Jobmaal, Plan, Sag, TilbudsForloeb
from indsats.web.companies.models import Kandidatprofil, Placering, Virksomhed


@dataclass(frozen=True)
class Rangeret:
    borger_id: Any
    score: int
    mangler_krav: int


def _in(column: str, values: Iterable[Any], params: list[Any]) -> str:
    values = sorted(set(values))
    if not values:
        return "1 = 0"
    params.extend(values)
    return f"{column} IN ({', '.join(['%s'] * len(values))})"


def _case(column: str, points: dict[str, int], params: list[Any], default: str = "0") -> str:
    """CASE over a column's values grouped by their points."""
    by_points: dict[int, list[str]] = {}
    for value, p in points.items():
        by_points.setdefault(p, []).append(value)
    whens = [f"WHEN {_in(column, vs, params)} THEN {p}" for p, vs in sorted(by_points.items())]
    return f"(CASE {' '.join(whens)} ELSE {default} END)" if whens else default


def _distinct(qs: QuerySet, field: str) -> list[str]:
    # order_by(): a model's default ordering would join the DISTINCT (and sort every row)
    return [v for v in qs.order_by().values_list(field, flat=True).distinct() if v is not None]


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
    scope_sql, scope_params = scope.order_by().values("pk").query.sql_with_params()
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
    start = stilling.start or idag
    n_krav = len(stilling.krav)
    t = {
        "borger": Borger._meta.db_table,
        "jobmaal": Jobmaal._meta.db_table,
        "plan": Plan._meta.db_table,
        "placering": Placering._meta.db_table,
        "virksomhed": Virksomhed._meta.db_table,
        "tilbud": TilbudsForloeb._meta.db_table,
        "sag": Sag._meta.db_table,
        "profil": Kandidatprofil._meta.db_table,
    }
    p: list[Any] = list(scope_params)  # in the order the %s appear in the text below

    def kategori_points(half: bool) -> str:
        pts = {k: (v // 2 if half else v) for k, v in matching.JOBMAAL_POINTS.items()}
        whens = " ".join(f"WHEN '{k}' THEN {v}" for k, v in pts.items())
        return f"(CASE UPPER(j.kategori) {whens} ELSE 0 END)"

    sql = f"WITH sc(id) AS ({scope_sql}), "
    jm_full = (
        f"({_in('j.branche', ops.brancher_fuld, p)} OR {_in('j.stilling', ops.titler_fuld, p)})"
    )
    jm_half = _in("j.branche", ops.brancher_halv, p)
    sql += (
        f"jm AS (SELECT pl.borger_id AS borger_id, MAX(CASE WHEN {jm_full} THEN "
        f"{kategori_points(False)} WHEN {jm_half} THEN {kategori_points(True)} ELSE 0 END) AS pts "
        f"FROM {t['jobmaal']} j JOIN {t['plan']} pl ON pl.id = j.plan_id "
        "JOIN sc ON sc.id = pl.borger_id GROUP BY pl.borger_id), "
    )
    erf_case = _case("v.db07", ops.erfaring_koder, p)
    p.extend([idag, idag, start])
    sql += (
        f"pl AS (SELECT x.borger_id AS borger_id, MAX({erf_case}) AS erf, "
        "MAX(CASE WHEN x.start <= %s AND (x.slut IS NULL OR x.slut >= %s) "
        "AND (x.slut IS NULL OR x.slut >= %s) THEN 1 ELSE 0 END) AS busy "
        f"FROM {t['placering']} x JOIN {t['virksomhed']} v ON v.id = x.virksomhed_id "
        "JOIN sc ON sc.id = x.borger_id GROUP BY x.borger_id), "
    )
    p.extend([idag, start])
    sql += (
        f"tb AS (SELECT DISTINCT s.borger_id AS borger_id FROM {t['tilbud']} o "
        f"JOIN {t['sag']} s ON s.id = o.sag_id JOIN sc ON sc.id = s.borger_id "
        "WHERE o.resultat = 'igang' AND o.slut >= %s AND o.slut >= %s), "
    )
    sql += (
        "sg AS (SELECT borger_id, visitation, ydelse FROM (SELECT s.borger_id AS borger_id, "
        "s.visitation AS visitation, s.ydelse AS ydelse, ROW_NUMBER() OVER (PARTITION BY "
        "s.borger_id ORDER BY s.foerste_henvendelse DESC, s.id DESC) AS rn "
        f"FROM {t['sag']} s JOIN sc ON sc.id = s.borger_id WHERE s.slut IS NULL) z "
        "WHERE rn = 1), "
    )
    prof_erf = _case("k.erfaring", ops.erfaring_tekster, p)
    har = _case("k.kompetencer", ops.kompetencer_har, p)
    afstand = _case("k.postnummer", ops.afstand, p)
    p.append(start)
    mg = matching.MAALGRUPPE_POINTS
    sql += (
        "c AS (SELECT b.id AS borger_id, b.fornavn || ' ' || b.efternavn AS navn, "
        f"COALESCE(jm.pts, 0) AS jm, COALESCE(pl.erf, 0) AS erf_pl, {prof_erf} AS erf_profil, "
        f"{har} AS har, {afstand} AS afstand, "
        "CASE WHEN COALESCE(pl.busy, 0) = 1 OR tb.borger_id IS NOT NULL "
        f"OR k.tilgaengelig_fra > %s THEN 0 ELSE {matching.MAX_TILGAENGELIG} END AS tilg, "
        f"CASE WHEN sg.visitation = 'jobparat' THEN {mg['jobparat']} "
        f"WHEN sg.visitation = 'aktivitetsparat' THEN {mg['aktivitetsparat']} "
        f"WHEN sg.ydelse = 'dagpenge' THEN {mg['dagpenge']} ELSE 0 END AS mg "
        f"FROM {t['borger']} b JOIN sc ON sc.id = b.id "
        "LEFT JOIN jm ON jm.borger_id = b.id LEFT JOIN pl ON pl.borger_id = b.id "
        "LEFT JOIN tb ON tb.borger_id = b.id LEFT JOIN sg ON sg.borger_id = b.id "
        f"LEFT JOIN {t['profil']} k ON k.borger_id = b.id), "
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
    sql += (
        "d AS (SELECT borger_id, navn, har, jm, afstand, tilg, mg, "
        "CASE WHEN erf_pl > erf_profil THEN erf_pl ELSE erf_profil END AS erf FROM c) "
    )
    total = (
        f"(jm + erf + {komp} + afstand + tilg + mg - {matching.KRAV_MANGLER} * ({n_krav} - har))"
    )
    p.append(limit)
    sql += (
        f"SELECT borger_id, CASE WHEN {total} > 0 THEN {total} ELSE 0 END AS score, "
        f"{n_krav} - har AS mangler FROM d "
        f"WHERE jm > 0 OR erf > 0 OR {komp} > 0 "
        f"ORDER BY CASE WHEN har < {n_krav} THEN 1 ELSE 0 END, score DESC, navn, borger_id "
        "LIMIT %s"
    )
    with connection.cursor() as cur:
        cur.execute(sql, p)
        rows = cur.fetchall()
    pk = Borger._meta.pk
    assert pk is not None
    return [Rangeret(pk.to_python(r[0]), int(r[1]), int(r[2])) for r in rows]
