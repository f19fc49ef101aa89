"""The committee app: items drafted from the data, the agenda check, decisions that act on what
they decide, roles, the public version, optimistic locking and the demo's meetings."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from indsats.web.accounts.roles import Rolle
from indsats.web.committee import services
from indsats.web.committee.models import Beslutning, Moede, Organ, Punkt
from indsats.web.offers.models import Investeringscase, Tilbud
from indsats.web.offers.services import demo_economics_build


@pytest.fixture
def udvalg_setup(db, users, make_user):
    demo_economics_build(kommune_kode=573)
    Tilbud.objects.filter(navn="Klar til start").update(status="foreslaaet", gyldig_fra=None)
    sekretaer = make_user("birgit", Rolle.UDVALGSSEKRETAER, team=None)
    organ = services.organ_create(
        actor=users["leder"],
        navn="Beskæftigelsesudvalget",
        medlemmer=[("Henrik Bach", "formand"), ("Peter Vinther", "")],
    )
    organ.medlemmer.filter(navn="Peter Vinther").update(bruger=users["udvalg"])
    moede = services.moede_create(
        actor=sekretaer,
        organ=organ,
        tidspunkt=timezone.make_aware(datetime(2026, 11, 19, 15, 0)),
        sted="Mødelokale 1",
    )
    return {"organ": organ, "moede": moede, "sekretaer": sekretaer, **users}


def _draft_offer(client, organ):
    klar = Tilbud.objects.get(navn="Klar til start")
    response = client.post(
        reverse("committee:punkt_new"),
        {"art": "nyt_tilbud", "organ": organ.pk, "tilbud": klar.pk, "forloeb": "12"},
    )
    assert response.status_code == 302, response.content.decode()
    return Punkt.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_analyst_drafts_an_offer_item_with_the_minutes_figures(udvalg_setup, login):
    client = login(udvalg_setup["analytiker"])
    punkt = _draft_offer(client, udvalg_setup["organ"])
    body = client.get(reverse("committee:punkt", args=[punkt.pk])).content.decode()
    assert "203.880 kr." in body and "146.420 kr." in body and "6.280 kr." in body
    assert "Før punktet kan udsendes" not in body  # tables add up, text fit for the committee
    assert punkt.genstand == Tilbud.objects.get(navn="Klar til start")


def test_the_secretary_records_the_decision_and_the_offer_joins_the_catalogue(udvalg_setup, login):
    s = udvalg_setup
    punkt = _draft_offer(login(s["analytiker"]), s["organ"])
    services.punkt_place(actor=s["analytiker"], punkt_id=punkt.pk, moede=s["moede"])
    assert "Klar til start" not in [
        t.navn for t in Tilbud.objects.filter(status="aktiv")
    ]  # proposed only
    client = login(s["udvalg"])
    url = reverse("committee:beslutning", args=[punkt.pk])
    assert client.get(url).status_code == 403  # a member reads, the secretary records
    client = login(s["sekretaer"])
    punkt.refresh_from_db()
    response = client.post(
        url,
        {
            "version": punkt.version,
            "udfald": "godkendt",
            "tekst": "Administrationens indstilling godkendes.",
            "dato": "2026-11-19",
        },
    )
    assert response.status_code == 302
    klar = Tilbud.objects.get(navn="Klar til start")
    assert klar.status == "aktiv" and klar.gyldig_fra == date(2026, 11, 19)
    assert klar.godkendt_ved == Beslutning.objects.get(punkt=punkt)
    page = login(s["leder"]).get(reverse("offers:detail", args=[klar.pk])).content.decode()
    assert reverse("committee:punkt", args=[punkt.pk]) in page
    assert "godkendt af Beskæftigelsesudvalget 19.11.2026" in page
    moede = Moede.objects.get(pk=s["moede"].pk)
    assert moede.status == "afholdt"


def test_approving_an_investment_case_starts_its_follow_up(udvalg_setup, login):
    s = udvalg_setup
    case = Investeringscase.objects.get(kommune_kode=573)
    Investeringscase.objects.filter(pk=case.pk).update(opfoelgning_fra=None)
    page = reverse("oekonomi:case_detail", args=[case.pk])
    assert "Opfølgningen starter, når udvalget" in login(s["leder"]).get(page).content.decode()
    punkt = services.punkt_draft_investeringscase(
        actor=s["analytiker"], case_id=case.pk, organ=s["organ"]
    )
    services.punkt_place(actor=s["analytiker"], punkt_id=punkt.pk, moede=s["moede"])
    punkt.refresh_from_db()
    services.beslutning_record(
        actor=s["sekretaer"],
        punkt_id=punkt.pk,
        version=punkt.version,
        udfald="godkendt",
        tekst="Godkendt.",
        dato=date(2019, 11, 20),
    )
    case.refresh_from_db()
    assert case.opfoelgning_fra == date(2019, 11, 20)
    assert case.godkendt_ved == Beslutning.objects.get(punkt=punkt)
    body = login(s["leder"]).get(page).content.decode()
    assert "Opfølgningen startede 20.11.2019" in body and "01.2020" in body
    # the case shows the decision that approved it, with a link to the item
    assert reverse("committee:punkt", args=[punkt.pk]) in body
    assert "godkendt af Beskæftigelsesudvalget 20.11.2019" in body


def test_a_rejected_item_changes_nothing(udvalg_setup):
    s = udvalg_setup
    klar = Tilbud.objects.get(navn="Klar til start")
    punkt = services.punkt_draft_nyt_tilbud(
        actor=s["analytiker"],
        tilbud_id=klar.pk,
        forloeb=Decimal(12),
        enhed="maaneder",
        organ=s["organ"],
    )
    services.punkt_place(actor=s["analytiker"], punkt_id=punkt.pk, moede=s["moede"])
    punkt.refresh_from_db()
    services.beslutning_record(
        actor=s["sekretaer"],
        punkt_id=punkt.pk,
        version=punkt.version,
        udfald="forkastet",
        tekst="Forkastet.",
        dato=date(2026, 11, 19),
    )
    assert Tilbud.objects.get(pk=klar.pk).status == "foreslaaet"


def test_the_agenda_is_not_sent_while_a_table_does_not_add_up(udvalg_setup, login):
    s = udvalg_setup
    punkt = services.punkt_draft_fri(actor=s["analytiker"], titel="Samlet økonomibesparelse")
    punkt.sektioner = {
        "oekonomi": {
            "tekst": ["Tabellen er fra planen."],
            "kilder": [],
            "tabeller": [
                {
                    "titel": "Samlet økonomibesparelse (1.000 kr.)",
                    "kolonner": ["Post", "2020", "2021", "2022", "2023"],
                    "raekker": [
                        ["Besparelse sygedagpenge", "−1.150", "−3.450", "−3.450", "−3.450"],
                        ["Besparelse sygedagpenge", "−600", "−600", "", ""],
                        ["Besparelse jobafklaring", "", "−1.200", "−1.200", "−1.200"],
                        ["Besparelse jobafklaring", "−300", "−300", "", ""],
                        ["Besparelse ledighedsydelse", "−300", "−300", "", ""],
                        ["I alt budgetteret årsværk", "−2.350", "−5.840", "−4.650", "−4.650"],
                    ],
                    "noter": [],
                }
            ],
        }
    }
    punkt.save()
    services.punkt_place(actor=s["analytiker"], punkt_id=punkt.pk, moede=s["moede"])
    client = login(s["analytiker"])
    moede = Moede.objects.get(pk=s["moede"].pk)
    response = client.post(
        reverse("committee:moede_send", args=[moede.pk]), {"version": moede.version}, follow=True
    )
    body = response.content.decode()
    assert "Dagsordenen er ikke udsendt" in body
    assert "I alt budgetteret årsværk / 2021: der står −5.840" in body
    assert Moede.objects.get(pk=moede.pk).status == "planlagt"


def test_two_editors_of_one_item_the_second_gets_the_conflict(udvalg_setup, login):
    s = udvalg_setup
    punkt = services.punkt_draft_fri(actor=s["analytiker"], titel="Orientering")
    url = reverse("committee:punkt_edit", args=[punkt.pk])
    form = {
        "version": punkt.version,
        "titel": "Orientering",
        "sagsnr": "",
        "indstilling_indledning": "Administrationen indstiller, at udvalget",
        "indstilling": "tager punktet til orientering",
        "sagsfremstilling": "Første udgave.",
        "lovgrundlag": "",
        "oekonomi": "",
        "effektvurdering": "",
    }
    first = login(s["analytiker"]).post(url, form)
    assert first.status_code == 302
    second = login(s["leder"]).post(url, {**form, "sagsfremstilling": "Anden udgave."})
    body = second.content.decode()
    assert second.status_code == 200 and "ændret af en anden" in body and "Anden udgave." in body
    punkt.refresh_from_db()
    assert punkt.sektion("sagsfremstilling").tekst == ("Første udgave.",)
    assert LogEntry.objects.get_for_object(punkt).exists()  # changes are audited


def test_members_see_their_own_bodys_sent_agendas_only(udvalg_setup, login):
    s = udvalg_setup
    client = login(s["udvalg"])
    assert client.get(reverse("committee:moede", args=[s["moede"].pk])).status_code == 404
    moede = Moede.objects.get(pk=s["moede"].pk)
    services.moede_send_dagsorden(actor=s["analytiker"], moede_id=moede.pk, version=moede.version)
    assert client.get(reverse("committee:moede", args=[moede.pk])).status_code == 200
    other = Organ.objects.create(kommune_kode=573, navn="Økonomiudvalget")
    m2 = Moede.objects.create(
        organ=other, tidspunkt=timezone.now(), sted="x", status="dagsorden_udsendt"
    )
    assert client.get(reverse("committee:moede", args=[m2.pk])).status_code == 404
    assert client.get(reverse("committee:punkt_new")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.punkt_draft_fri(actor=s["udvalg"], titel="x")


def test_public_minutes_leave_out_closed_items_and_need_public_access(udvalg_setup, client):
    s = udvalg_setup
    lukket = services.punkt_draft_fri(
        actor=s["analytiker"], titel="Klage fra Hans Hansen", lukket=True
    )
    aaben = services.punkt_draft_fri(actor=s["analytiker"], titel="Orientering om ledigheden")
    for p in (aaben, lukket):
        services.punkt_place(actor=s["analytiker"], punkt_id=p.pk, moede=s["moede"])
    moede = Moede.objects.get(pk=s["moede"].pk)
    services.moede_send_dagsorden(actor=s["analytiker"], moede_id=moede.pk, version=moede.version)
    url = reverse("offentlig:dokument", args=[573, moede.pk, "dagsorden", "html"])
    assert client.get(url).status_code == 404  # public access is off
    Organ.objects.filter(pk=s["organ"].pk).update(offentlig_adgang=True)
    body = client.get(url).content.decode()
    assert "Orientering om ledigheden" in body and "Lukket punkt" in body
    assert "Hans Hansen" not in body
    pdf = client.get(reverse("offentlig:dokument", args=[573, moede.pk, "dagsorden", "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    full = client.get(reverse("offentlig:dokument", args=[573, moede.pk, "referat", "html"]))
    assert full.status_code == 404  # no minutes before the meeting


@pytest.mark.django_db
def test_the_demo_committee(users, make_user):
    from indsats.web.committee.demo import demo_committee_build

    demo_economics_build(kommune_kode=573)
    make_user("birgit", Rolle.UDVALGSSEKRETAER, team=None)
    make_user("lars", Rolle.LEDER)
    today = date(2026, 12, 3)
    assert demo_committee_build(kommune_kode=573, today=today) == 3
    assert demo_committee_build(kommune_kode=573, today=today) == 0  # built once
    klar = Tilbud.objects.get(navn="Klar til start")
    assert klar.status == "aktiv" and klar.godkendt_ved is not None
    case = Investeringscase.objects.get(kommune_kode=573)
    assert case.godkendt_ved is not None and case.opfoelgning_fra.year == case.start_aar - 1
    recent = Moede.objects.filter(status="referat_godkendt").get()
    assert recent.tidspunkt.date() < today
    assert all(hasattr(p, "beslutning") for p in recent.punkter.all())
    assert recent.punkter.filter(lukket=True).count() == 1
    naeste = Moede.objects.filter(status="planlagt").get()
    assert naeste.tidspunkt.date() > today and naeste.punkter.count() == 1


def test_approving_a_plan_version_through_the_committee_freezes_it(udvalg_setup, login):
    from indsats.plan import bundled_plan
    from indsats.web.plans import services as plan_services
    from indsats.web.plans.models import PlanVersion

    s = udvalg_setup
    old = plan_services.plan_import(
        actor=s["analytiker"], core=bundled_plan("varde_2020_2023_revideret_2021.yaml")
    )
    new = plan_services.plan_version_revise(
        actor=s["analytiker"], version_id=old.pk, betegnelse="Revideret 2022"
    )
    new = plan_services.plan_version_send(actor=s["analytiker"], version_id=new.pk, laas=new.laas)
    punkt = services.punkt_draft_plan(actor=s["analytiker"], version_id=new.pk, organ=s["organ"])
    text = " ".join(punkt.sektion("sagsfremstilling").tekst)
    assert "Beskæftigelsesplan 2020-2023, revideret 2022" in punkt.titel
    assert "revideret 2021" in text  # what changed since the version it revises
    services.punkt_place(actor=s["analytiker"], punkt_id=punkt.pk, moede=s["moede"])
    punkt.refresh_from_db()
    services.beslutning_record(
        actor=s["sekretaer"],
        punkt_id=punkt.pk,
        version=punkt.version,
        udfald="godkendt",
        tekst="Planen blev godkendt.",
        dato=date(2026, 11, 19),
    )
    v = PlanVersion.objects.get(pk=new.pk)
    assert v.status == "godkendt" and v.snapshot is not None
    assert v.beslutning == Beslutning.objects.get(punkt=punkt)
    page = login(s["udvalg"]).get(f"/planer/version/{v.pk}/").content.decode()
    assert reverse("committee:punkt", args=[punkt.pk]) in page
