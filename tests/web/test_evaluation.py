"""Effektvurderinger in the web app: create from a file, from referrals with a project mark and
for an investment case; compute on the register; pages by role; aggregates only."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from indsats.economics.business_case import read_case_yaml
from indsats.economics.catalogue import demo_price_list_path
from indsats.register import weeks
from indsats.register.plant import Plantning, generate_register_with_effects
from indsats.web.citizens.models import Borger, Sag, TilbudsForloeb
from indsats.web.evaluation import services
from indsats.web.evaluation.models import Evaluering
from indsats.web.offers.models import Investeringscase

START, END = weeks.parse_week("2020W01"), weeks.parse_week("2021W26")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    d = tmp_path_factory.mktemp("var")
    results = generate_register_with_effects(
        d / "register" / "573",
        [573],
        weeks.parse_week("2019W01"),
        weeks.parse_week("2022W52"),
        [
            Plantning("sygedagpenge", START, END, 70, 0.5),
            Plantning("jobafklaringsforloeb", START, END, 40, 0.4, selektion=0.5),
        ],
        seed=8,
    )
    return d, results


def _csv(result) -> str:
    rows = zip(
        result.deltagere.column("person_id").to_pylist(),
        result.deltagere.column("start_uge").to_pylist(),
        strict=True,
    )
    return "person_id;start_uge\n" + "".join(f"{p};{weeks.label(s)}\n" for p, s in rows)


@pytest.fixture
def var_dir(planted, settings):
    settings.VAR_DIR = planted[0]
    return planted[0]


def test_a_file_evaluation_is_computed_and_shown_without_person_ids(var_dir, planted, users, login):
    fil = _csv(planted[1][0])
    c = login(users["analytiker"])
    r = c.post(
        "/effekt/ny/",
        {
            "navn": "PLUS-forløb",
            "kilde": "fil",
            "fil": SimpleUploadedFile("plus.csv", fil.encode()),
            "naboer": "1",
            "hovedmaal_uge": "26",
            "min_varighed": "1",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    e = Evaluering.objects.get(navn="PLUS-forløb")
    assert e.status == Evaluering.Status.KLAR, e.fejl
    assert e.deltagere.count() == 70 and e.kommune_kode == 573
    page = c.get(r["Location"]).content.decode()
    assert "Et halvt år (26 uger) efter start var" in page
    assert "<svg" in page and "Før og efter uden sammenligning" in page
    assert 'data-syntetisk="effektvurdering"' in page
    stored = str(e.resultat)
    for p in planted[1][0].deltagere.column("person_id").to_pylist()[:10]:
        assert str(p) not in stored and str(p) not in page
    pdf = c.get(f"/effekt/{e.pk}/effektvurdering.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    assert c.get(f"/effekt/{e.pk}/effektvurdering.exe").status_code == 404
    # the committee reads it, a caseworker may not; another municipality does not see it
    assert login(users["udvalg"]).get(f"/effekt/{e.pk}/").status_code == 200
    assert login(users["udvalg"]).get("/effekt/ny/").status_code == 403
    assert login(users["jobraadgiver"]).get("/effekt/").status_code == 403
    assert login(users["other_kommune"]).get(f"/effekt/{e.pk}/").status_code == 404
    # the pre-period check's verdict decides the visible warning on the page
    warning = "Deltagerne og sammenligningsgruppen udviklede sig ikke ens i året før start"
    tjek = e.resultat["foer_tjek"]
    assert tjek["vurderet"]
    c = login(users["analytiker"])
    for parallel in (True, False):
        e.resultat["foer_tjek"] = {**tjek, "parallel": parallel}
        e.save(update_fields=["resultat"])
        page = c.get(f"/effekt/{e.pk}/").content.decode()
        assert (warning in page and 'role="alert" data-advarsel' in page) is not parallel, page


def test_a_bad_file_names_the_line_and_stores_nothing(var_dir, users, login):
    c = login(users["analytiker"])
    r = c.post(
        "/effekt/ny/",
        {
            "navn": "Forkert liste",
            "kilde": "fil",
            "fil": SimpleUploadedFile("liste.csv", b"person_id;start_uge\n1;2020W10\n2;2021W53\n"),
            "naboer": "1",
            "hovedmaal_uge": "26",
        },
    )
    assert r.status_code == 200
    assert (
        "liste.csv, line 3, field &#x27;start_uge&#x27;: 2021-W53 does not exist"
        in r.content.decode()
    )
    assert not Evaluering.objects.exists()


def test_referrals_with_a_project_mark_are_participants_and_the_reads_are_audited(
    var_dir, planted, teams, users, login
):
    r = planted[1][0]
    pairs = list(
        zip(
            r.deltagere.column("person_id").to_pylist(),
            r.deltagere.column("start_uge").to_pylist(),
            strict=True,
        )
    )
    for i, (pid, start) in enumerate(pairs):
        b = Borger.objects.create(
            cpr=f"01018{i:05d}"[:10],
            fornavn="Deltager",
            efternavn=str(i),
            kommune_kode=573,
            team=teams["job"],
            register_id=pid,
        )
        day = weeks.monday(start)
        sag = Sag.objects.create(
            borger=b, ydelse="sygedagpenge", foerste_henvendelse=day, team=teams["job"]
        )
        TilbudsForloeb.objects.create(
            sag=sag,
            tilbudstype="vejledning_og_opkvalificering",
            beskrivelse="Natur og bevægelse",
            projektmaerke="PLUS",
            start=day + timedelta(days=2),
            slut=day + timedelta(weeks=30),
            timer_pr_uge=Decimal(10),
        )
    # one referred citizen without a register id is counted, not guessed
    Borger.objects.create(
        cpr="0202021234", fornavn="Uden", efternavn="Id", kommune_kode=573, team=teams["job"]
    )
    b = Borger.objects.get(efternavn="Id")
    s = Sag.objects.create(
        borger=b, ydelse="sygedagpenge", foerste_henvendelse=weeks.monday(START), team=teams["job"]
    )
    TilbudsForloeb.objects.create(
        sag=s,
        tilbudstype="mentor",
        beskrivelse="Mentor",
        projektmaerke="plus",  # the same mark, whatever its case
        start=weeks.monday(START),
        slut=weeks.monday(START) + timedelta(weeks=4),
        timer_pr_uge=Decimal(5),
    )
    # a referral whose free text mentions the word but which carries no mark is no participant
    decoy = Borger.objects.create(
        cpr="0303031234",
        fornavn="Ikke",
        efternavn="Deltager",
        kommune_kode=573,
        team=teams["job"],
        register_id=pairs[0][0] + 10_000_000,
    )
    TilbudsForloeb.objects.create(
        sag=Sag.objects.create(
            borger=decoy,
            ydelse="sygedagpenge",
            foerste_henvendelse=weeks.monday(START),
            team=teams["job"],
        ),
        tilbudstype="mentor",
        beskrivelse="Ikke med i PLUS-forløbet",
        start=weeks.monday(START),
        slut=weeks.monday(START) + timedelta(weeks=4),
        timer_pr_uge=Decimal(5),
    )
    actor = users["analytiker"]
    # the form offers the marks in use (one per mark, whatever its case) and nothing else
    c = login(actor)
    page = c.get("/effekt/ny/").content.decode()
    assert '<option value="PLUS">PLUS</option>' in page and 'value="plus"' not in page
    r = c.post(
        "/effekt/ny/",
        {
            "navn": "Ukendt",
            "kilde": "tilbud",
            "projektmaerke": "Ikke med",
            "naboer": "1",
            "hovedmaal_uge": "26",
        },
    )
    assert r.status_code == 200 and "Ikke med er ikke en af de tilgængelige" in r.content.decode()
    e = services.evaluering_create(
        actor=actor, navn="PLUS fra tilbud", kilde="tilbud", projektmaerke="PLUS"
    )
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    e = services.evaluering_run(actor=actor, evaluering=e)
    assert e.status == Evaluering.Status.KLAR, e.fejl
    assert e.resultat["tal"]["deltagere_i_alt"] == 70
    assert any(
        "1 henviste borgere har intet id i ydelsesregistret" in f for f in e.resultat["forbehold"]
    )
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)[:1000]
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == before + 71
    assert all(
        x.additional_data["purpose"] == "evaluering" for x in reads if x.actor_id == actor.pk
    )
    with pytest.raises(PermissionDenied):
        services.evaluering_run(actor=users["udvalg"], evaluering=e)

    # everyone referred to an offer type: the 70 in "vejledning og opkvalificering", whatever
    # their mark; the mentor referrals (one without a register id) are not participants
    r = c.post(
        "/effekt/ny/",
        {"navn": "Uden type", "kilde": "tilbudstype", "naboer": "1", "hovedmaal_uge": "26"},
    )
    assert r.status_code == 200 and "Vælg tilbudstypen." in r.content.decode()
    by_type = services.evaluering_create(
        actor=actor,
        navn="Alle i vejledning og opkvalificering",
        kilde="tilbudstype",
        tilbudstype="vejledning_og_opkvalificering",
    )
    by_type = services.evaluering_run(actor=actor, evaluering=by_type)
    assert by_type.status == Evaluering.Status.KLAR, by_type.fejl
    assert by_type.resultat["tal"]["deltagere_i_alt"] == 70
    assert not any("intet id" in f for f in by_type.resultat["forbehold"])
    nobody = services.evaluering_create(
        actor=actor, navn="Løntilskud", kilde="tilbudstype", tilbudstype="loentilskud_privat"
    )
    nobody = services.evaluering_run(actor=actor, evaluering=nobody)
    assert nobody.status == Evaluering.Status.FEJL
    assert "ingen borgere med et id i ydelsesregistret" in nobody.fejl


def test_an_investment_case_shows_the_measured_effect(var_dir, planted, users, login):
    case = read_case_yaml(
        demo_price_list_path().parent / "varde_2021_jobafklaring_investering.yaml"
    )
    from dataclasses import replace

    row = Investeringscase.from_core(replace(case, start_aar=2020), kommune_kode=573)
    row.full_clean()
    row.save()
    actor = users["leder"]
    e = services.evaluering_create(
        actor=actor,
        navn="Intensivt jobafklaringsforløb",
        kilde="fil",
        fil_tekst=_csv(planted[1][1]),
        investeringscase=row,
    )
    e = services.evaluering_run(actor=actor, evaluering=e)
    assert e.status == Evaluering.Status.KLAR, e.fejl
    years = [r["aar"] for r in e.resultat["realiseret_effekt"]]
    assert years == [2020, 2021]
    page = login(actor).get(f"/oekonomi/investeringer/{row.pk}/").content.decode()
    assert "Målt effekt: effektvurdering mod en sammenligningsgruppe" in page
    assert "data-effekt-opfoelgning" in page and "Intensivt jobafklaringsforløb" in page
    assert "Ingen måling endnu" in page  # 2022-2024: no participants started then
    # a case from another municipality cannot be linked
    other = Investeringscase.from_core(case, kommune_kode=665)
    other.save()
    with pytest.raises(ValidationError):
        services.evaluering_create(
            actor=actor,
            navn="x",
            kilde="fil",
            fil_tekst=_csv(planted[1][1]),
            investeringscase=other,
        )


def test_a_pool_too_small_is_stored_as_the_reason(var_dir, planted, users, login):
    actor = users["analytiker"]
    e = services.evaluering_create(
        actor=actor,
        navn="Hele målgruppen",
        kilde="maalgruppe",
        maalgruppe_ydelse="jobafklaringsforloeb",
        fra_uge="2020W01",
        til_uge="2020W52",
        min_varighed=26,
    )
    e = services.evaluering_run(actor=actor, evaluering=e)
    assert e.status == Evaluering.Status.FEJL
    assert e.fejl.startswith(
        "Effektvurderingen kan ikke beregnes: The comparison pool is too small"
    )
    page = login(actor).get(f"/effekt/{e.pk}/").content.decode()
    assert "data-fejl" in page


def test_minimum_detectable_effect_page(var_dir, users, login):
    c = login(users["analytiker"])
    page = c.get(
        "/effekt/styrke/?ydelse=sygedagpenge&deltagere=100&naboer=1&uge=26"
    ).content.decode()
    assert "Med 100 deltagere og 1 sammenligningspersoner" in page
    assert c.get("/effekt/styrke/").status_code == 200


def test_the_follow_up_table_hides_small_groups_by_the_small_cell_rules():
    """Issue 15's rules on the investment case's follow-up: the participants are a count of
    persons ("<5" for 1-4, a true zero is 0); the measured effect and its interval are figures
    computed from them, hidden as "skjult", never "<5"."""
    from django.template.loader import render_to_string

    from indsats.economics.business_case import EffektOpfoelgningAar, RealiseretEffekt

    def row(aar: int, deltagere: int) -> EffektOpfoelgningAar:
        measured = RealiseretEffekt(
            aar=aar,
            fuldtidspersoner=Decimal("1.5"),
            nedre=Decimal("0.5"),
            oevre=Decimal("2.5"),
            deltagere=deltagere,
            kilde="test",
        )
        return EffektOpfoelgningAar(aar, Decimal(2), measured, Decimal(100_000))

    html = render_to_string(
        "evaluation/_opfoelgning.html", {"rows": [row(2021, 3), row(2022, 0), row(2023, 40)]}
    )
    cells = {
        aar: [c.strip() for c in cols.split("</td>")[1:4]]  # measured, interval, participants
        for aar, cols in re.findall(r'<th scope="row">(\d{4})</th>\s*(.*?)</tr>', html, re.DOTALL)
    }
    cells = {k: [re.sub(r"<[^>]+>", "", c).strip() for c in v] for k, v in cells.items()}
    assert cells["2021"] == ["skjult", "skjult", "&lt;5"]
    assert cells["2022"][2] == "0"
    assert cells["2023"] == ["1,5", "0,5 til 2,5", "40"]


def test_the_migration_marks_the_referrals_an_existing_evaluation_found(teams, users):
    """evaluation 0002: an evaluation made when participants were found by a word in the
    referral's description keeps its participants: those referrals in its municipality get the
    mark; others (another municipality, another description) do not."""
    import importlib

    from django.apps import apps

    step = importlib.import_module(
        "indsats.web.evaluation.migrations.0002_projektmaerke_on_the_referral"
    )
    Evaluering.objects.create(
        kommune_kode=573,
        navn="PLUS",
        kilde=Evaluering.Kilde.TILBUD,
        projektmaerke="PLUS",
        oprettet_af=users["analytiker"],
    )
    day = weeks.monday(START)

    def referral(cpr: str, kommune: int, beskrivelse: str) -> TilbudsForloeb:
        b = Borger.objects.create(
            cpr=cpr, fornavn="A", efternavn="B", kommune_kode=kommune, team=teams["job"]
        )
        sag = Sag.objects.create(
            borger=b, ydelse="sygedagpenge", foerste_henvendelse=day, team=teams["job"]
        )
        return TilbudsForloeb.objects.create(
            sag=sag,
            tilbudstype="mentor",
            beskrivelse=beskrivelse,
            start=day,
            slut=day + timedelta(weeks=4),
            timer_pr_uge=Decimal(5),
        )

    found = referral("0101011111", 573, "PLUS-forløb (natur)")
    elsewhere = referral("0101012222", 665, "PLUS-forløb (natur)")
    other = referral("0101013333", 573, "Jobværksted")
    step.mark_the_referrals_existing_evaluations_found(apps, None)
    marks = dict(TilbudsForloeb.objects.values_list("pk", "projektmaerke"))
    assert marks == {found.pk: "PLUS", elsewhere.pk: "", other.pk: ""}
