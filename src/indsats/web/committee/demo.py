"""The demo municipality's committee: Beskæftigelsesudvalget with fictitious members, the meeting
that approved the demo investment case, a recent meeting with its minutes, and the next
meeting's draft agenda.

The recent meeting is modelled on Ringkøbing-Skjern Kommune, Beskæftigelsesudvalget, 18. august
2022: a project's final evaluation (here against a comparison group), a new offer's price against
the catalogue ("Klar til start"), the budget follow-up, and a closed item. Dates follow the day the demo is built.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from indsats.committee import model as core
from indsats.web.accounts.models import User
from indsats.web.committee import services
from indsats.web.committee.models import Medlem, Moede, Organ, Punkt

UDVALG = "Beskæftigelsesudvalget"
# Fictitious members (the demo municipality's committee is not a real one).
MEDLEMMER = [
    ("Henrik Bach", "formand"),
    ("Susanne Krogh", "næstformand"),
    ("Peter Vinther", ""),
    ("Marianne Dahl", ""),
    ("Jesper Munk", ""),
    ("Anja Friis", ""),
    ("Niels Skov", ""),
]
STED = "Mødelokale 1, Rådhuset"


def _at(day: date, hour: int = 15) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _weekday_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _decide(sekretaer: User, punkt: Punkt, udfald: core.Udfald, tekst: str, dato: date) -> None:
    punkt.refresh_from_db()
    services.beslutning_record(
        actor=sekretaer,
        punkt_id=punkt.pk,
        version=punkt.version,
        udfald=udfald.value,
        tekst=tekst,
        dato=dato,
    )


@transaction.atomic
def demo_committee_build(*, kommune_kode: int, today: date) -> int:
    """Build the demo committee once. Returns the number of meetings made."""
    if Organ.objects.filter(kommune_kode=kommune_kode, navn=UDVALG).exists():
        return 0
    from indsats.web.offers.models import Investeringscase, Tilbud

    analytiker = User.objects.get(username="sofie")
    sekretaer = User.objects.get(username="birgit")
    leder = User.objects.get(username="lars")
    organ = services.organ_create(
        actor=leder, navn=UDVALG, medlemmer=MEDLEMMER, offentlig_adgang=True
    )
    udvalg_user = User.objects.filter(username="udvalg").first()
    if udvalg_user is not None:
        Medlem.objects.filter(organ=organ, navn="Peter Vinther").update(bruger=udvalg_user)
    made = 0

    # The meeting that approved the demo investment case, before its first year.
    case = Investeringscase.objects.filter(kommune_kode=kommune_kode).order_by("start_aar").first()
    if case is not None:
        dag = _weekday_before(date(case.start_aar - 1, 11, 20))
        moede = services.moede_create(actor=sekretaer, organ=organ, tidspunkt=_at(dag), sted=STED)
        punkt = services.punkt_draft_investeringscase(
            actor=analytiker, case_id=case.pk, organ=organ
        )
        Punkt.objects.filter(pk=punkt.pk).update(sagsnr=f"{dag:%y}-014220")
        services.punkt_place(actor=analytiker, punkt_id=punkt.pk, moede=moede)
        _decide(
            sekretaer, punkt, core.Udfald.GODKENDT, "Administrationens indstilling godkendes.", dag
        )
        made += 1

    # A recent meeting with its minutes.
    dag = _weekday_before(today - timedelta(days=8))
    moede = services.moede_create(actor=sekretaer, organ=organ, tidspunkt=_at(dag), sted=STED)
    dagsorden = services.punkt_draft_fri(actor=analytiker, titel="Godkendelse af dagsorden")
    services.punkt_update(
        actor=analytiker,
        punkt_id=dagsorden.pk,
        version=dagsorden.version,
        indstilling=["godkender dagsordenen"],
        indstilling_indledning="Administrationen indstiller, at udvalget",
    )
    services.punkt_place(actor=analytiker, punkt_id=dagsorden.pk, moede=moede)
    effekt_punkt = None
    from indsats.web.evaluation.models import Evaluering

    ev = (
        Evaluering.objects.filter(kommune_kode=kommune_kode, resultat__isnull=False)
        .order_by("oprettet")
        .first()
    )
    if ev is not None and (ev.resultat or {}).get("sammenfatning"):
        # A project's final evaluation, as in the minutes (there before/after; here against a
        # comparison group).
        effekt_punkt = services.punkt_draft_effektvurdering(
            actor=analytiker, evaluering_id=ev.pk, organ=organ
        )
        Punkt.objects.filter(pk=effekt_punkt.pk).update(sagsnr=f"{dag:%y}-004875")
        services.punkt_place(actor=analytiker, punkt_id=effekt_punkt.pk, moede=moede)
    klar = Tilbud.objects.filter(
        leverandoer__kommune_kode=kommune_kode, navn="Klar til start"
    ).first()
    tilbud_punkt = None
    if klar is not None:
        # Proposed until the committee approves it (the approval below puts it in the catalogue).
        Tilbud.objects.filter(pk=klar.pk).update(status="foreslaaet", gyldig_fra=None)
        tilbud_punkt = services.punkt_draft_nyt_tilbud(
            actor=analytiker, tilbud_id=klar.pk, forloeb=Decimal(12), enhed="maaneder", organ=organ
        )
        Punkt.objects.filter(pk=tilbud_punkt.pk).update(sagsnr=f"{dag:%y}-016257")
        services.punkt_place(actor=analytiker, punkt_id=tilbud_punkt.pk, moede=moede)
    from indsats.web.offers.selectors import budget_aar_list

    budget_aar = max(budget_aar_list(actor=analytiker), default=None)
    budget_punkt = None
    if budget_aar is not None:
        budget_punkt = services.punkt_draft_budget(actor=analytiker, aar=budget_aar, organ=organ)
        Punkt.objects.filter(pk=budget_punkt.pk).update(sagsnr=f"{dag:%y}-003236")
        services.punkt_place(actor=analytiker, punkt_id=budget_punkt.pk, moede=moede)
    lukket = services.punkt_draft_fri(
        actor=analytiker,
        titel="Klage over afgørelse om ophør af sygedagpenge",
        lukket=True,
    )
    services.punkt_update(
        actor=analytiker,
        punkt_id=lukket.pk,
        version=lukket.version,
        sagsnr=f"{dag:%y}-019876",
        sektioner={
            "sagsfremstilling": [
                "Borgeren (navn oplyst i sagen) har klaget over jobcentrets afgørelse om ophør "
                "af sygedagpenge. Klagen er videresendt til Ankestyrelsen med jobcentrets "
                "bemærkninger."
            ]
        },
        indstilling=["tager orienteringen om klagen til efterretning"],
    )
    services.punkt_place(actor=analytiker, punkt_id=lukket.pk, moede=moede)
    moede.refresh_from_db()
    services.moede_send_dagsorden(actor=analytiker, moede_id=moede.pk, version=moede.version)
    _decide(sekretaer, dagsorden, core.Udfald.GODKENDT, "Dagsordenen blev godkendt.", dag)
    if effekt_punkt is not None:
        _decide(
            sekretaer,
            effekt_punkt,
            core.Udfald.TAGET_TIL_EFTERRETNING,
            "Effektvurderingen blev taget til efterretning.",
            dag,
        )
    if tilbud_punkt is not None:
        _decide(
            sekretaer,
            tilbud_punkt,
            core.Udfald.GODKENDT,
            "Udvalget godkendte, at forløbet optages i tilbudskataloget.",
            dag,
        )
    if budget_punkt is not None:
        _decide(
            sekretaer,
            budget_punkt,
            core.Udfald.TAGET_TIL_EFTERRETNING,
            "Budgetopfølgningen blev taget til efterretning.",
            dag,
        )
    _decide(sekretaer, lukket, core.Udfald.TAGET_TIL_EFTERRETNING, "Taget til efterretning.", dag)
    Moede.objects.filter(pk=moede.pk).update(status=core.MoedeStatus.REFERAT_GODKENDT.value)
    made += 1

    # The next meeting's draft agenda.
    dag = _weekday_before(today + timedelta(days=21))
    naeste = services.moede_create(actor=sekretaer, organ=organ, tidspunkt=_at(dag), sted=STED)
    if budget_aar is not None:
        p = services.punkt_draft_budget(actor=analytiker, aar=budget_aar, organ=organ)
        services.punkt_place(actor=analytiker, punkt_id=p.pk, moede=naeste)
    made += 1
    return made
