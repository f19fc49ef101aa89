"""The two pages every caseworker loads all day, "Mine opgaver" and the start page, cost a fixed
number of queries however many cases and samtaler the caseworker has (issue 12: 50 users through
`indsats serve` on PostgreSQL). A query per row (an N+1) would show here long before it shows in
the load benchmark. The audit trail stays whole: one read row per citizen shown, written in one
INSERT."""

from datetime import datetime, time

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indsats.web.accounts.audit import ReadPurpose
from indsats.web.citizens.models import Samtale

# Session, user, groups, permissions, the caseworker's open cases, the stored deadlines (or
# their counts), today's samtaler, the audit INSERT and the savepoint around it: measured 9-12
# on SQLite and PostgreSQL. A query per row would pass these limits at once.
WORKLIST_MAX_QUERIES = 14
START_PAGE_MAX_QUERIES = 14


def _caseload(make_case, n, *, first=0):
    """n cases of aktivitetsparat kontanthjælp, 90 days old: each has overdue or due duties."""
    return [
        make_case(
            cpr=f"{i + 1:02d}05851234", fornavn="Borger", efternavn=f"Nr{i:02d}", days_ago=90 + i
        )
        for i in range(first, first + n)
    ]


def _samtale_today(sag, hour):
    tz = timezone.get_current_timezone()
    return Samtale.objects.create(
        sag=sag,
        tidspunkt=datetime.combine(timezone.localdate(), time(hour), tzinfo=tz),
        type="jobsamtale",
        form="fysisk",
        afholdt_af="jobcenter",
        status=Samtale.Status.PLANLAGT,
    )


def _page_queries(client, url):
    client.get(url)  # today's deadlines computed once (the first look of the day)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def _audit_inserts(sql):
    return [s for s in sql if s.lstrip().upper().startswith("INSERT") and "auditlog_logentry" in s]


def test_the_worklist_is_a_fixed_number_of_queries_whatever_the_caseload(
    users, teams, login, make_case
):
    mette = users["jobraadgiver"]
    client = login(mette)
    _caseload(make_case, 2)
    few_response, few = _page_queries(client, reverse("citizens:worklist"))
    _caseload(make_case, 12, first=2)
    many_response, many = _page_queries(client, reverse("citizens:worklist"))

    shown = {i.borger.pk for i in many_response.context["w"].items}
    assert len(shown) == 14  # every case has a duty on the list
    assert len({i.borger.pk for i in few_response.context["w"].items}) == 2
    assert len(many) == len(few) <= WORKLIST_MAX_QUERIES, many
    assert len(_audit_inserts(many)) == 1


def test_the_worklist_still_writes_one_read_row_per_citizen_shown(users, teams, login, make_case):
    mette = users["jobraadgiver"]
    client = login(mette)
    _caseload(make_case, 5)
    client.get(reverse("citizens:worklist"))
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    response = client.get(reverse("citizens:worklist"))
    rows = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk")[before:]
    shown = {i.borger for i in response.context["w"].items}
    assert len(shown) == 5
    assert sorted(r.object_pk for r in rows) == sorted(str(b.pk) for b in shown)
    for row in rows:
        assert row.actor_id == mette.pk
        assert row.additional_data == {"purpose": str(ReadPurpose.WORKLIST), "kommune": 573}
        assert row.object_repr in {str(b) for b in shown}
        assert row.cid and row.cid == rows[0].cid  # the same request


def test_the_start_page_is_a_fixed_number_of_queries_whatever_the_day_holds(
    users, teams, login, make_case
):
    mette = users["jobraadgiver"]
    client = login(mette)
    sager = _caseload(make_case, 2)
    _samtale_today(sager[0], 9)
    few_response, few = _page_queries(client, reverse("core:start"))
    sager += _caseload(make_case, 10, first=2)
    for hour, sag in enumerate(sager[1:8], start=10):
        _samtale_today(sag, hour)
    many_response, many = _page_queries(client, reverse("core:start"))

    body = many_response.content.decode()
    assert body.count('class="tid"') == 8  # today's samtaler, each with its citizen
    assert "Borger Nr07" in body
    assert len(many) == len(few) <= START_PAGE_MAX_QUERIES, many
    # Today's samtaler name their citizens: read rows in one INSERT, one per citizen.
    assert len(_audit_inserts(many)) == 1


@pytest.mark.parametrize("url", ["citizens:worklist", "core:start"])
def test_the_pages_within_the_limit_with_pytest_django(
    users, teams, login, url, django_assert_max_num_queries, make_case
):
    mette = users["jobraadgiver"]
    client = login(mette)
    for i, sag in enumerate(_caseload(make_case, 20)):
        if i % 3 == 0:
            _samtale_today(sag, 8 + i // 3)
    client.get(reverse(url))
    limit = WORKLIST_MAX_QUERIES if url == "citizens:worklist" else START_PAGE_MAX_QUERIES
    with django_assert_max_num_queries(limit):
        assert client.get(reverse(url)).status_code == 200
