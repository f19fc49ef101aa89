"""The worklist from stored deadlines (citizens/frister.py) is the worklist the rules give.

The reference is the rules run directly for every open case (`_direct`, how the worklist was
computed before it was stored); the stored path must give the same items on every day, after
every kind of change, whoever writes it (a service or plain ORM).
"""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indsats.web.citizens import frister
from indsats.web.citizens.models import Borger, Frist, Fritagelse, Sag, Samtale, TilbudsForloeb
from indsats.web.citizens.obligations import sag_statuses
from indsats.web.citizens.selectors import (
    ALL_TEAMS,
    _open_sager_of,
    team_overview_get,
    worklist_get,
)

TODAY = timezone.localdate()


@pytest.fixture(autouse=True, params=["per case", "in columns"])
def engine(request, monkeypatch):
    """Every test runs twice: the stored deadlines computed case by case (a few cases, the
    worklist's usual refresh) and in columns (many cases: the nightly job, Teamoverblik)."""
    monkeypatch.setattr(frister, "VECTORISED_FROM", 10**9 if request.param == "per case" else 1)
    return request.param


def _direct(actor, as_of, horizon_days=14):
    """The worklist computed the old way: the rules for every open case, then filtered."""
    horizon = as_of + timedelta(days=horizon_days)
    items, errors = [], []
    for status in sag_statuses(_open_sager_of(actor, as_of), as_of=as_of):
        if status.error:
            errors.append((status.sag.pk, status.error))
            continue
        for ob in status.obligations:
            if not ob.personal_duty or ob.state in ("met", "info", "late"):
                continue
            if ob.holder != "jobcenter":
                continue
            if ob.state == "overdue" or (ob.due_by is not None and ob.due_by <= horizon):
                items.append((status.sag.borger_id, ob))
    return sorted(items, key=_order), sorted(errors)


def _order(item):
    borger_id, ob = item
    return (ob.due_by or date.max, str(borger_id), ob.rule_id, ob.nr)


def _stored(actor, as_of):
    w = worklist_get(actor=actor, as_of=as_of)
    items = sorted(((i.borger.pk, i.obligation) for i in w.items), key=_order)
    return items, sorted((s.sag.pk, s.error) for s in w.errors)


def _assert_same(actor, as_of):
    stored, direct = _stored(actor, as_of), _direct(actor, as_of)
    assert stored == direct
    return stored


def _borger(teams, user, cpr, navn):
    return Borger.objects.create(
        cpr=cpr,
        fornavn=navn,
        efternavn="Test",
        kommune_kode=573,
        team=teams["job"],
        sagsbehandler=user,
        har_erhvervsuddannelse=True,
    )


def _sag(borger, user, teams, ydelse, start, **extra):
    return Sag.objects.create(
        borger=borger,
        ydelse=ydelse,
        foerste_henvendelse=start,
        team=teams["job"],
        sagsbehandler=user,
        **extra,
    )


def _held(sag, day, **extra):
    return Samtale.objects.create(
        sag=sag,
        tidspunkt=timezone.make_aware(datetime.combine(day, time(10))),
        status="afholdt",
        **extra,
    )


@pytest.fixture
def caseload(users, teams):
    mette = users["jobraadgiver"]
    b = [
        _borger(teams, mette, f"{d:02d}0585{1230 + d}", n)
        for d, n in [(1, "Anna"), (2, "Bo"), (3, "Carl"), (4, "Dina"), (5, "Eva"), (6, "Finn")]
    ]
    cases = {
        "kh_aktivitetsparat": _sag(
            b[0], mette, teams, "kontanthjaelp", TODAY - timedelta(days=60),
            visitation="aktivitetsparat",
        ),
        "kh_jobparat": _sag(
            b[1], mette, teams, "kontanthjaelp", TODAY - timedelta(days=200),
            visitation="jobparat",
        ),
        "dagpenge": _sag(b[2], mette, teams, "dagpenge", TODAY - timedelta(days=30)),
        "sygedagpenge": _sag(
            b[3], mette, teams, "sygedagpenge", TODAY - timedelta(days=10),
            sygedagpenge_kategori="2",
        ),
        "before_the_rules": _sag(
            b[4], mette, teams, "kontanthjaelp", date(2015, 1, 5), visitation="jobparat"
        ),
        "ended": _sag(
            b[5], mette, teams, "dagpenge", TODAY - timedelta(days=300),
            slut=TODAY - timedelta(days=100),
        ),
    }  # fmt: skip
    _held(cases["kh_jobparat"], TODAY - timedelta(days=195))
    _held(cases["kh_jobparat"], TODAY - timedelta(days=120))
    return cases


@pytest.mark.parametrize("days", [0, 1, 7, 20, 45, 120])
def test_stored_worklist_equals_the_rules_on_every_day(users, caseload, days):
    items, errors = _assert_same(users["jobraadgiver"], TODAY + timedelta(days=days))
    if days == 0:
        assert items and any(ob.state == "overdue" for _, ob in items)
        assert [sag for sag, _ in errors] == [caseload["before_the_rules"].pk]


def test_every_kind_of_change_is_seen_without_the_services(users, teams, caseload):
    """Plain ORM writes (an admin, a demo builder, another app) clear the stored deadlines too."""
    mette = users["jobraadgiver"]
    _assert_same(mette, TODAY)
    aktiv = caseload["kh_aktivitetsparat"]
    changes = [
        lambda: _held(aktiv, TODAY - timedelta(days=2)),
        lambda: TilbudsForloeb.objects.create(
            sag=caseload["kh_jobparat"],
            tilbudstype="virksomhedspraktik",
            start=TODAY - timedelta(days=5),
            slut=TODAY + timedelta(days=20),
            timer_pr_uge=20,
        ),
        lambda: Fritagelse.objects.create(
            sag=caseload["dagpenge"], aarsag="sygdom", fra=TODAY - timedelta(days=20)
        ),
        lambda: Sag.objects.filter(pk=caseload["sygedagpenge"].pk).first().save(),
        lambda: Samtale.objects.filter(sag=aktiv).delete(),
    ]
    for change in changes:
        change()
        _assert_same(mette, TODAY)
    # A case handed to another caseworker leaves Mette's worklist at once.
    sag = Sag.objects.get(pk=caseload["kh_aktivitetsparat"].pk)
    sag.sagsbehandler = users["leder"]
    sag.save()
    items, _ = _assert_same(mette, TODAY)
    assert sag.borger_id not in {b for b, _ in items}


def test_a_second_look_the_same_day_is_one_query_on_stored_deadlines(users, caseload):
    mette = users["jobraadgiver"]
    worklist_get(actor=mette, as_of=TODAY)
    with CaptureQueriesContext(connection) as queries:
        w = worklist_get(actor=mette, as_of=TODAY)
    sql = [q["sql"] for q in queries.captured_queries]
    assert w.items
    assert sum("citizens_frist" in s for s in sql) == 1
    for fact_table in ("citizens_samtale", "citizens_tilbudsforloeb", "citizens_fritagelse"):
        assert not any(fact_table in s for s in sql), fact_table


def test_a_new_version_of_the_rules_recomputes_the_same_day(users, caseload, monkeypatch):
    mette = users["jobraadgiver"]
    worklist_get(actor=mette, as_of=TODAY)
    old = frister.frister_key(TODAY)
    assert set(Sag.objects.exclude(slut__lt=TODAY).values_list("frister_noegle", flat=True)) == {
        old
    }
    monkeypatch.setattr(frister, "rules_fingerprint", lambda: "a-new-version")
    _assert_same(mette, TODAY)
    assert set(Sag.objects.exclude(slut__lt=TODAY).values_list("frister_noegle", flat=True)) == {
        f"{TODAY.isoformat()}:a-new-version"
    }


def test_the_nightly_command_computes_every_open_case(users, caseload):
    """... and every closed case Teamoverblik counts today (its first 6 months can end in the
    window), so neither the first worklist nor the first Teamoverblik of the day reads the
    facts the rules read."""
    today = timezone.localdate()
    call_command("frister_refresh", verbosity=0)
    key = frister.frister_key(today)
    open_cases = Sag.objects.exclude(slut__lt=today)
    assert open_cases.exclude(frister_noegle=key).count() == 0
    assert caseload["ended"].slut < today
    assert Sag.objects.get(pk=caseload["ended"].pk).frister_noegle == key
    assert Frist.objects.exists()
    with CaptureQueriesContext(connection) as queries:
        worklist_get(actor=users["jobraadgiver"], as_of=today)
        team_overview_get(actor=users["leder"], as_of=today, team=ALL_TEAMS)
    assert not any("citizens_samtale" in q["sql"] for q in queries.captured_queries)
