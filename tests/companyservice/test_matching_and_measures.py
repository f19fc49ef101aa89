from datetime import date, datetime

from indsats.companyservice.matching import (
    Jobmaal,
    Kandidat,
    Stilling,
    candidates_for_vacancy,
    score,
    vacancies_for_candidate,
)
from indsats.companyservice.measures import (
    HotlineRow,
    KontaktRow,
    PlaceringRow,
    service_measures,
)

IDAG = date(2026, 11, 26)
LAGER = Stilling(
    id=1,
    titel="Lagermedarbejder",
    db07="5210",
    postnummer="6800",
    start=date(2026, 12, 1),
    krav=frozenset({"truckcertifikat"}),
)


def test_the_users_md_example_scores_by_hand():
    k = Kandidat(
        id="a",
        navn="Ali Hassan",
        jobmaal=(Jobmaal("A", "Lager", "52"),),
        erfaring=("4941",),
        kompetencer=frozenset({"truckcertifikat"}),
        postnummer="6800",
        maalgruppe="jobparat",
    )
    m = score(k, LAGER, idag=IDAG)
    # job target A 40 + experience in 49 (same 10-group as 52) 10 + competence 10 + same
    # postnummer 15 + available 10 + jobparat 5 = 90
    assert m.score == 90
    assert m.tekst == (
        "ønsker lager (jobmål A), erfaring fra beslægtet branche, "
        "har truckcertifikat, bor i samme postnummer (6800), kan starte, jobparat"
    )


def test_components_by_hand():
    # B target in related trade by group only (47 vs 52: both group 4): 30 // 2 = 15;
    # lacks the required truckcertifikat: -15 and "mangler"; 6840 Oksbøl to 6800 Varde 18 km
    # (up to 20 km: 9); busy until after start 0; aktivitetsparat 2. Total 11.
    k = Kandidat(
        id="b",
        navn="Bo",
        jobmaal=(Jobmaal("B", "Butiksassistent", "47"),),
        postnummer="6840",
        optaget_til=date(2026, 12, 31),
        maalgruppe="aktivitetsparat",
    )
    m = score(k, LAGER, idag=IDAG)
    assert [(b.komponent, b.point) for b in m.begrundelser] == [
        ("jobmaal", 15),
        ("kompetencer", -15),
        ("afstand", 9),
        ("tilgaengelig", 0),
        ("maalgruppe", 2),
    ]
    assert m.score == 11 and m.mangler_krav == 1
    assert "mangler truckcertifikat (krav)" in m.tekst and "optaget til 31.12.2026" in m.tekst
    assert "ca. 18 km i luftlinje (6840 til 6800)" in m.tekst


def test_ranking_is_by_score_then_name_and_needs_a_trade_fit():
    a = Kandidat(id=1, navn="Anna", jobmaal=(Jobmaal("C", "lagerarbejde"),), postnummer="6800")
    b = Kandidat(id=2, navn="Bent", jobmaal=(Jobmaal("C", "lagerarbejde"),), postnummer="6800")
    c = Kandidat(id=3, navn="Carl", jobmaal=(Jobmaal("A", "Lager", "52"),), postnummer="6800")
    no_fit = Kandidat(
        id=4,
        navn="Dorte",
        jobmaal=(Jobmaal("A", "Sygeplejerske", "86"),),
        postnummer="6800",
        maalgruppe="jobparat",
    )
    ranked = candidates_for_vacancy(stilling=LAGER, kandidater=[b, no_fit, a, c], idag=IDAG)
    assert [m.kandidat.navn for m in ranked] == ["Carl", "Anna", "Bent"]
    # each lacks the truckcertifikat the vacancy requires: -15 (A 40 / C 20, 6800 15, 10)
    assert [m.score for m in ranked] == [50, 30, 30]


def test_vacancies_for_a_citizen():
    # 6857 Blåvand has no usable centre (its area's centre lies in the sea): the band, 15
    k = Kandidat(id=1, navn="Anna", jobmaal=(Jobmaal("A", "Kok", "56"),), postnummer="6857")
    kok = Stilling(id=2, titel="Kok til sæsonen", db07="5610", postnummer="6857")
    tomrer = Stilling(id=3, titel="Tømrer", db07="4332", postnummer="6857")
    ranked = vacancies_for_candidate(kandidat=k, stillinger=[tomrer, kok], idag=IDAG)
    assert [m.stilling.id for m in ranked] == [2]
    assert ranked[0].score == 40 + 15 + 10


def test_service_measures_by_hand():
    kontakter = [
        KontaktRow(1, "besoeg", "kampagne", date(2026, 1, 5)),
        KontaktRow(1, "telefon", "rekruttering", date(2026, 1, 20)),
        KontaktRow(2, "besoeg", "kampagne", date(2026, 2, 2)),
        KontaktRow(3, "telefon", "kampagne", date(2026, 2, 3), afholdt=False),  # planned
        KontaktRow(4, "email", "kampagne", date(2025, 12, 31)),  # outside
    ]
    hotline = [
        HotlineRow(datetime(2026, 1, 5, 8), datetime(2026, 1, 5, 10)),  # 2 h
        HotlineRow(datetime(2026, 1, 6, 8), datetime(2026, 1, 7, 14)),  # 30 h
        HotlineRow(datetime(2026, 2, 6, 8), datetime(2026, 2, 6, 12)),  # 4 h
        HotlineRow(datetime(2026, 2, 7, 8), None),
    ]
    placeringer = [
        PlaceringRow("praktik", date(2026, 1, 31), True),
        PlaceringRow("loentilskud_privat", date(2026, 2, 28), False),
        PlaceringRow("praktik", date(2026, 2, 10), True),
        PlaceringRow("praktik", None, False),  # still running
    ]
    m = service_measures(
        fra=date(2026, 1, 1),
        til=date(2026, 2, 28),
        kontakter=kontakter,
        hotline=hotline,
        placeringer=placeringer,
        virksomheder_i_alt=8,
    )
    assert m.kontakter_pr_maaned == {
        "2026-01": {"besoeg": 1, "telefon": 1},
        "2026-02": {"besoeg": 1},
    }
    assert m.kontakter_i_alt == {"besoeg": 2, "telefon": 1}
    assert m.kampagne_virksomheder == 2 and m.kampagne_andel == 0.25
    assert m.hotline_besvaret == 3 and m.hotline_aabne == 1
    assert m.hotline_median_timer == 4
    assert m.hotline_gennemsnit_timer == 12
    assert m.hotline_andel_inden_24t == 2 / 3
    assert m.placeringer_afsluttet == 3 and m.placeringer_blev_job == 2
