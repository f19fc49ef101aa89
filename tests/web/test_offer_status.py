"""Offers on the citizen page and the worklist (issue 13): an offer that has not started is
"Planlagt"; once an offer that meets ret og pligt is registered after the deadline, the overdue
line says it is met late (and leaves the worklist), as the rules see it; an offer the rules do
not count leaves the line overdue and says so."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indsats.web.citizens.models import TilbudsForloeb
from indsats.web.citizens.obligations import sag_status

RET_OG_PLIGT = "LAB.102.ret_og_pligt"


@pytest.fixture
def overdue_case(make_case):
    """Aktivitetsparat kontanthjælp for 300 days: the first ret og pligt offer is overdue."""
    return make_case(cpr="1505891234", fornavn="Camilla", efternavn="Nielsen", days_ago=300)


def _duty(sag):
    return next(
        o
        for o in sag_status(sag, as_of=timezone.localdate()).obligations
        if o.rule_id == RET_OG_PLIGT
    )


def _on_worklist(client) -> set[str]:
    w = client.get(reverse("citizens:worklist")).context["w"]
    return {item.obligation.rule_id for item in w.overdue}


def _register(client, sag, *, start, days, ttype="virksomhedspraktik"):
    return client.post(
        reverse("citizens:tilbud_create", args=[sag.pk]),
        {
            "tilbudstype": ttype,
            "start": f"{start:%d.%m.%Y}",
            "slut": f"{start + timedelta(days=days - 1):%d.%m.%Y}",
            "timer_pr_uge": "20",
        },
        follow=True,
    )


def test_a_late_offer_that_meets_ret_og_pligt_turns_the_overdue_line(users, overdue_case, login):
    client = login(users["jobraadgiver"])
    today = timezone.localdate()
    due = _duty(overdue_case).due_by
    assert _duty(overdue_case).state == "overdue" and RET_OG_PLIGT in _on_worklist(client)

    # Too short (the rules ask for 14 days): registered, but the duty stays overdue and the
    # caseworker is told so.
    short = _register(client, overdue_case, start=today - timedelta(days=3), days=7)
    text = short.content.decode()
    assert "opfylder ikke ret og pligt" in text and f"{due:%d.%m.%Y} er stadig overskredet" in text
    assert _duty(overdue_case).state == "overdue" and RET_OG_PLIGT in _on_worklist(client)

    # Four weeks of virksomhedspraktik starting next week: met late, as of its start.
    start = today + timedelta(days=7)
    done = _register(client, overdue_case, start=start, days=28)
    text = done.content.decode()
    assert "opfylder ret og pligt, men for sent" in text
    assert f"fristen var {due:%d.%m.%Y}, og tilbuddet starter {start:%d.%m.%Y}" in text
    duty = _duty(overdue_case)
    assert duty.state == "late" and duty.met_on == start
    assert RET_OG_PLIGT not in _on_worklist(client)

    page = client.get(reverse("citizens:detail", args=[overdue_case.borger.pk])).content.decode()
    assert f"Tilbud starter {start:%d.%m.%Y} (efter fristen)" in page
    rows = {t.start: t.status_vist for t in TilbudsForloeb.objects.filter(sag=overdue_case)}
    assert rows == {start: "Planlagt", today - timedelta(days=3): "I gang"}
    assert "<td>Planlagt</td>" in page


def test_an_offer_the_rules_do_not_count_does_not_meet_the_duty_late(users, overdue_case):
    """Before, any later offer (an ØVO in 2023-26, a one-week course) marked the duty as met
    late; now only one of the kind and length the rule asks for."""
    today = timezone.localdate()
    TilbudsForloeb.objects.create(
        sag=overdue_case,
        tilbudstype="virksomhedspraktik",
        start=today - timedelta(days=10),
        slut=today - timedelta(days=4),
        timer_pr_uge=20,
    )
    assert _duty(overdue_case).state == "overdue"


def test_an_offer_started_late_reads_opfyldt_for_sent(users, overdue_case, login):
    client = login(users["jobraadgiver"])
    start = timezone.localdate() - timedelta(days=2)
    response = _register(client, overdue_case, start=start, days=28)
    assert f"og tilbuddet startede {start:%d.%m.%Y}" in response.content.decode()
    page = client.get(reverse("citizens:detail", args=[overdue_case.borger.pk])).content.decode()
    assert f"Opfyldt for sent {start:%d.%m.%Y}" in page
