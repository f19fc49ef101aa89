"""The caseworker's day: worklist, recording samtaler and offers, plans, locking, booking."""

import threading
from datetime import datetime, time, timedelta

import pytest
from auditlog.models import LogEntry
from django.core import signing
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indsats.web.citizens import services
from indsats.web.citizens.models import Borger, Sag, Samtale, Tidsrum, TilbudsForloeb


def _today():
    return timezone.localdate()


@pytest.fixture
def case(make_case):
    """Aktivitetsparat kontanthjælp, 35 years old, first request 60 days ago: the first
    jobsamtale (within a week, LAB § 31) is overdue."""
    return make_case(cpr="1505891234", fornavn="Camilla", efternavn="Nielsen", days_ago=60)


def _worklist_texts(client):
    response = client.get(reverse("citizens:worklist"))
    assert response.status_code == 200
    return response.context["w"]


def test_overdue_samtale_is_on_the_worklist_and_leaves_when_recorded(users, case, login):
    client = login(users["jobraadgiver"])
    w = _worklist_texts(client)
    overdue = [i for i in w.overdue if i.obligation.kind == "samtale"]
    assert overdue, [i.obligation.text_da for i in w.items]
    first = overdue[0].obligation
    assert first.rule_id and first.legal_reference and "LAB § 31" in first.text_da
    assert LogEntry.objects.filter(
        additional_data__purpose="worklist", object_pk=str(case.borger.pk)
    ).exists()

    when = timezone.localtime() - timedelta(hours=1)
    response = client.post(
        reverse("citizens:samtale_create", args=[case.pk]) + "?tilbage=opgaver",
        {
            "tidspunkt": when.strftime("%Y-%m-%dT%H:%M"),
            "type": "jobsamtale",
            "form": "fysisk",
            "afholdt_af": "jobcenter",
            "journalnotat": "Første samtale.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("citizens:worklist")
    remaining = [
        i.obligation
        for i in _worklist_texts(client).items
        if i.obligation.rule_id == first.rule_id and i.obligation.nr == first.nr
    ]
    assert remaining == []
    assert Samtale.objects.get(sag=case).status == Samtale.Status.AFHOLDT


def test_worklist_shows_only_own_cases(users, case, login):
    w = _worklist_texts(login(users["jobraadgiver_unge"]))
    assert w.items == []


def test_a_samtale_in_the_future_cannot_be_recorded_as_held(users, case, login):
    client = login(users["jobraadgiver"])
    future = timezone.localtime() + timedelta(days=2)
    response = client.post(
        reverse("citizens:samtale_create", args=[case.pk]),
        {
            "tidspunkt": future.strftime("%Y-%m-%dT%H:%M"),
            "type": "jobsamtale",
            "form": "fysisk",
            "afholdt_af": "jobcenter",
        },
    )
    assert response.status_code == 200
    assert "En samtale i fremtiden" in response.content.decode()
    assert not Samtale.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {
                "tilbudstype": "virksomhedspraktik",
                "start": "2026-03-10",
                "slut": "2026-03-01",
                "timer_pr_uge": "20",
            },
            "slut",
            "kan ikke slutte",
        ),
        (
            {
                "tilbudstype": "kaffepause",
                "start": "2026-03-01",
                "slut": "2026-03-20",
                "timer_pr_uge": "20",
            },
            "tilbudstype",
            "gyldig valgmulighed",
        ),
        (
            {
                "tilbudstype": "virksomhedspraktik",
                "start": "",
                "slut": "2026-03-20",
                "timer_pr_uge": "20",
            },
            "start",
            "påkrævet",
        ),
    ],
)
def test_offer_form_rejects_bad_input(users, case, login, data, field, message):
    response = login(users["jobraadgiver"]).post(
        reverse("citizens:tilbud_create", args=[case.pk]), data
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not TilbudsForloeb.objects.exists()


def test_offer_counts_for_ret_og_pligt_by_the_rules_on_its_start_date(users, case, login):
    client = login(users["jobraadgiver"])
    start = case.foerste_henvendelse + timedelta(days=20)
    for ttype in ("virksomhedspraktik", "vejledning_og_opkvalificering"):
        response = client.post(
            reverse("citizens:tilbud_create", args=[case.pk]),
            {
                "tilbudstype": ttype,
                "start": start.isoformat(),
                "slut": (start + timedelta(weeks=4)).isoformat(),
                "timer_pr_uge": "20",
            },
        )
        assert response.status_code == 302
    counted = dict(TilbudsForloeb.objects.values_list("tilbudstype", "taeller_ret_og_pligt"))
    assert counted["virksomhedspraktik"] is True
    # ØVO does not count from 2023 until 2026-06-30, and counts again from 2026-07-01.
    assert counted["vejledning_og_opkvalificering"] is (start >= datetime(2026, 7, 1).date())


def test_a_referral_carries_its_project_mark(users, case, login):
    """The caseworker marks the referral with its project (issue 16: the effect evaluation takes
    its participants by the mark); stray spaces do not make another project."""
    client = login(users["jobraadgiver"])
    form = client.get(reverse("citizens:tilbud_create", args=[case.pk])).content.decode()
    assert 'name="projektmaerke"' in form and "Projektmærke" in form
    start = case.foerste_henvendelse + timedelta(days=20)
    response = client.post(
        reverse("citizens:tilbud_create", args=[case.pk]),
        {
            "tilbudstype": "vejledning_og_opkvalificering",
            "beskrivelse": "Natur og bevægelse",
            "projektmaerke": "  PLUS   2026 ",
            "start": start.isoformat(),
            "slut": (start + timedelta(weeks=4)).isoformat(),
            "timer_pr_uge": "10",
        },
    )
    assert response.status_code == 302
    assert TilbudsForloeb.objects.get().projektmaerke == "PLUS 2026"


def test_exemption_cannot_end_before_it_starts(users, case, login):
    response = login(users["jobraadgiver"]).post(
        reverse("citizens:fritagelse_create", args=[case.pk]),
        {"aarsag": "sygdom", "fra": "2026-05-10", "til": "2026-05-01"},
    )
    assert "kan ikke slutte" in response.content.decode()


def test_young_unskilled_cannot_be_visited_jobparat(users, teams, login):
    borger = Borger.objects.create(
        cpr="0101054234", fornavn="Ida", efternavn="Ung", kommune_kode=573, team=teams["job"]
    )
    response = login(users["jobraadgiver"]).post(
        reverse("citizens:sag_create", args=[borger.pk]),
        {
            "ydelse": "kontanthjaelp",
            "visitation": "jobparat",
            "foerste_henvendelse": (_today() - timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "uddannelsesparat eller aktivitetsparat" in response.content.decode()
    assert not Sag.objects.filter(borger=borger).exists()


def test_concurrent_edit_is_refused_and_nothing_is_lost(users, case):
    first, second = Client(), Client()
    first.force_login(users["jobraadgiver"])
    second.force_login(users["leder"])
    url = reverse("citizens:sag_edit", args=[case.pk])
    assert first.get(url).status_code == 200 and second.get(url).status_code == 200
    base = {
        "ydelse": "kontanthjaelp",
        "foerste_henvendelse": case.foerste_henvendelse.isoformat(),
        "version": case.version,
    }
    saved = first.post(
        url, {**base, "visitation": "aktivitetsparat", "cv_registreret": _today().isoformat()}
    )
    assert saved.status_code == 302
    refused = second.post(url, {**base, "visitation": "jobparat"})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "ændret af en anden" in body
    assert 'value="jobparat" selected' in body  # the second user's input is still in the form
    case.refresh_from_db()
    assert case.visitation == "aktivitetsparat" and case.cv_registreret == _today()
    assert case.version == 2
    # Saving again from the refreshed form works.
    again = second.post(url, {**base, "version": 2, "visitation": "jobparat"})
    assert again.status_code == 302
    case.refresh_from_db()
    assert case.visitation == "jobparat" and case.version == 3


def test_overview_shows_obligations_with_why_and_the_progression_chart(users, case, login):
    client = login(users["jobraadgiver"])
    url = reverse("citizens:progression_create", args=[case.borger.pk])
    for dato, score in ((_today() - timedelta(days=40), 3), (_today(), 5)):
        response = client.post(
            url,
            {
                "dato": dato.isoformat(),
                "tro_paa_egne_evner": score,
                "helbredsmestring": score,
                "arbejdsmarkedsidentitet": score,
                "samarbejde": score,
                "netvaerk": score,
            },
        )
        assert response.status_code == 302
    future = client.post(
        url,
        {
            "dato": (_today() + timedelta(days=3)).isoformat(),
            "tro_paa_egne_evner": 11,
            "helbredsmestring": 1,
            "arbejdsmarkedsidentitet": 1,
            "samarbejde": 1,
            "netvaerk": 1,
        },
    )
    errors = future.context["form"].errors
    assert "dato" in errors and "tro_paa_egne_evner" in errors
    body = client.get(reverse("citizens:detail", args=[case.borger.pk])).content.decode()
    assert "Hvorfor?" in body and "LAB § 31" in body
    assert "<svg" in body and "Tro på egne evner" in body and "2 målinger" in body


def test_plan_with_delmaal_and_abc_job_targets(users, case, login):
    client = login(users["jobraadgiver"])
    url = reverse("citizens:plan", args=[case.borger.pk])
    assert (
        client.post(url, {"del": "maal", "maal-maal": "Job som lagermedarbejder"}).status_code
        == 302
    )
    assert (
        client.post(
            url,
            {"del": "delmaal", "delmaal-tekst": "Truckcertifikat", "delmaal-frist": "2027-02-01"},
        ).status_code
        == 302
    )
    bad = client.post(
        url,
        {
            "del": "jobmaal",
            "jobmaal-kategori": "A",
            "jobmaal-stilling": "Lager",
            "jobmaal-branche": "lager",
        },
    )
    assert "DB07" in bad.content.decode()
    assert (
        client.post(
            url,
            {
                "del": "jobmaal",
                "jobmaal-kategori": "A",
                "jobmaal-stilling": "Lagermedarbejder",
                "jobmaal-branche": "52",
            },
        ).status_code
        == 302
    )
    page = client.get(url).content.decode()
    assert "jobbarometer:" in page  # the target's industry need level from company service
    plan = Borger.objects.get(pk=case.borger.pk).plan
    assert plan.maal == "Job som lagermedarbejder"
    assert [d.tekst for d in plan.delmaal.all()] == ["Truckcertifikat"]
    assert [(j.kategori, j.branche) for j in plan.jobmaal.all()] == [("A", "52")]


def test_team_overview_for_leaders_only(users, case, login, client):
    assert login(users["jobraadgiver"]).get(reverse("citizens:team")).status_code == 403
    client.force_login(users["leder"])
    response = client.get(reverse("citizens:team"))
    assert response.status_code == 200
    rows = {r.navn: r for r in response.context["t"].caseload}
    assert rows["Mette"].borgere == 1 and rows["Mette"].overskredne >= 1


# --------------------------------------------------------------------------- booking


def _slot(user, days_ahead, hour=10):
    day = _today() + timedelta(days=days_ahead)
    start = timezone.make_aware(datetime.combine(day, time(hour)))
    return Tidsrum.objects.create(
        sagsbehandler=user, start=start, slut=start + timedelta(minutes=45), form="fysisk"
    )


@pytest.fixture
def new_case(make_case):
    """A fresh aktivitetsparat case: the first jobsamtale is due within the coming week."""
    return make_case()


def test_citizen_books_and_rebooks_through_the_link(users, new_case, client):
    token = services.booking_token(sag=new_case)
    assert "1505891236" not in token and "150589" not in signing.b64_decode(
        token.split(":")[0].lstrip(".").encode() + b"=="
    ).decode("latin-1")
    slot1, slot2 = _slot(users["jobraadgiver"], 1), _slot(users["jobraadgiver"], 2)
    far = _slot(users["jobraadgiver"], 40)  # outside the due window: not offered
    url = reverse("booking:book", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "1505891236" not in body and "150589" not in body
    offered = [value for value, _ in page.context["form"].fields["tidsrum"].choices]
    assert slot1.pk in offered and slot2.pk in offered and far.pk not in offered

    assert client.post(url, {"tidsrum": slot1.pk}).status_code == 302
    booked = Samtale.objects.get(sag=new_case)
    assert booked.tidsrum == slot1 and booked.booket_af == "borger"
    assert client.post(url, {"tidsrum": slot2.pk}).status_code == 302  # rebook
    booked.refresh_from_db()
    assert booked.tidsrum == slot2 and Samtale.objects.filter(sag=new_case).count() == 1
    assert LogEntry.objects.filter(additional_data__purpose="booking").exists()
    # The citizen's own reads (no staff actor) show in the municipality's audit trail.
    client.force_login(users["admin"])
    trail = client.get(reverse("accounts:audit_trail"))
    assert "booking" in trail.content.decode()
    client.logout()
    assert client.get(reverse("booking:book", args=[token + "x"])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_bookings_of_one_slot_are_impossible(users, teams):
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency proof needs PostgreSQL's row locks")
    sager = []
    for i, cpr in enumerate(("0101901111", "0101901112", "0101901113", "0101901114")):
        borger = Borger.objects.create(
            cpr=cpr,
            fornavn=f"B{i}",
            efternavn="X",
            kommune_kode=573,
            team=teams["job"],
            sagsbehandler=users["jobraadgiver"],
        )
        sager.append(
            Sag.objects.create(
                borger=borger,
                ydelse="kontanthjaelp",
                visitation="aktivitetsparat",
                foerste_henvendelse=_today(),
                team=teams["job"],
                sagsbehandler=users["jobraadgiver"],
            )
        )
    slot = _slot(users["jobraadgiver"], 1)
    window = (_today(), _today() + timedelta(days=7))
    barrier = threading.Barrier(len(sager))
    outcomes = []

    def attempt(sag):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.booking_book(sag=sag, tidsrum_id=slot.pk, window=window)
            outcomes.append("booked")
        except services.SlotTaken:
            outcomes.append("taken")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=attempt, args=(s,)) for s in sager]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["booked", "taken", "taken", "taken"]
    assert Samtale.objects.filter(tidsrum=slot).count() == 1
