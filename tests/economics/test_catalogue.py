"""The catalogue's arithmetic against the Ringkøbing-Skjern minutes (seed 002, BEU 18.08.2022)."""

from decimal import Decimal

import pytest

from indsats.economics.catalogue import (
    KatalogTilbud,
    Pris,
    demo_price_list_path,
    forloebspris,
    merudgift,
    price_list_check,
    read_price_list,
)
from indsats.economics.numbers import EconomicsInputError

D = Decimal


@pytest.fixture(scope="module")
def offers():
    return {t.navn: t for t in read_price_list(demo_price_list_path())}


def test_the_demo_price_list_has_the_nine_offers_of_the_minutes(offers):
    assert len(offers) == 9
    # Every annual price the minutes state equals weekly × 52 (or monthly × 12): none differs.
    assert price_list_check(list(offers.values())) == []


@pytest.mark.parametrize(
    ("navn", "aarspris"),
    [
        ("Job-bro", D(57460)),  # 1.105 × 52 = 57.460
        ("Unge på Broen", D(119392)),  # 2.296 × 52 = 119.392
        ("Avanti (Conoscenza)", D(78000)),  # 1.500 × 52 = 78.000
        ("Fredensgade/Rosengården/Drosselvej", D(106808)),  # 2.054 × 52 = 106.808
        ("Genstart (Huset Venture)", D(57980)),  # 1.115 × 52 = 57.980
        ("Projekt Ny-Start - 30 timer", D(197600)),  # 3.800 × 52 = 197.600
        ("Projekt Ny-Start - 20 timer", D(130000)),  # 2.500 × 52 = 130.000
        ("Projekt Ny-Start - 10 timer", D(101400)),  # 1.950 × 52 = 101.400
        # Monthly price governs: 16.990 × 12 = 203.880 (not 3.920 × 52 = 203.840).
        ("Klar til start", D(203880)),
    ],
)
def test_annual_price(offers, navn, aarspris):
    assert offers[navn].pris.aarspris == aarspris


def test_course_of_twelve_months_of_klar_til_start(offers):
    # "Med et gennemsnitsforløb på 12 måneder, koster et samlet forløb 203.880 kr."
    cost = forloebspris(offers["Klar til start"].pris, antal=12, enhed="maaneder")
    assert cost.pris == D(203880)
    assert cost.formel == "12 måneder × 16.990 kr. = 203.880 kr."


def test_course_in_weeks_uses_the_weekly_price(offers):
    # 26 weeks of Job-bro: 26 × 1.105 = 28.730
    assert forloebspris(offers["Job-bro"].pris, antal=26, enhed="uger").pris == D(28730)
    # Klar til start has a weekly price too (3.920): 10 × 3.920 = 39.200
    assert forloebspris(offers["Klar til start"].pris, antal=10, enhed="uger").pris == D(39200)


def test_course_in_the_other_unit_goes_through_the_annual_price(offers):
    # 6 months of Job-bro: 57.460 × 6 / 12 = 28.730
    assert forloebspris(offers["Job-bro"].pris, antal=6, enhed="maaneder").pris == D("28730.00")
    # 3 weeks at 16.990 a month only: 203.880 × 3 / 52 = 11.762,307... -> 11.762,31
    only_monthly = Pris(pr_maaned=D(16990))
    assert forloebspris(only_monthly, antal=3, enhed="uger").pris == D("11762.31")
    assert only_monthly.ugepris_afledt == D("3920.77")  # 203.880 / 52; the minutes say 3.920


def test_extra_cost_against_the_alternatives_as_the_minutes_put_it(offers):
    # "den årlige merudgift i forhold til nuværende tilbud være 146.420 kr. (billigste tilbud)
    #  og 6.280 kr. (dyreste tilbud)": 203.880 - 57.460 = 146.420; 203.880 - 197.600 = 6.280
    s = merudgift(offers["Klar til start"], offers.values())
    assert len(s.raekker) == 8  # the offer itself is not an alternative
    assert s.billigste.alternativ == "Job-bro" and s.billigste.merudgift == D(146420)
    assert s.dyreste.alternativ == "Projekt Ny-Start - 30 timer"
    assert s.dyreste.merudgift == D(6280)
    assert "146.420 kr. (billigste tilbud: Job-bro) og 6.280 kr." in s.sammenfatning
    # For a course of 6 months: 6 × 16.990 = 101.940 against 57.460 × 6 / 12 = 28.730 -> 73.210
    s6 = merudgift(offers["Klar til start"], offers.values(), antal=6, enhed="maaneder")
    assert s6.billigste.merudgift == D(73210)
    assert s6.grundlag == "for et forløb på 6 måneder"


def test_a_cheaper_offer_has_a_negative_extra_cost(offers):
    s = merudgift(offers["Job-bro"], [offers["Avanti (Conoscenza)"]])
    assert s.raekker[0].merudgift == D(-20540)  # 57.460 - 78.000


def test_missing_price_is_an_error():
    with pytest.raises(EconomicsInputError, match="missing price"):
        Pris()


def test_negative_price_and_negative_weeks_are_errors():
    with pytest.raises(EconomicsInputError, match="must not be negative"):
        Pris(pr_uge=D(-1))
    with pytest.raises(EconomicsInputError, match="must not be negative"):
        forloebspris(Pris(pr_uge=D(100)), antal=-3, enhed="uger")
    with pytest.raises(EconomicsInputError, match="'abc' is not a number"):
        forloebspris(Pris(pr_uge=D(100)), antal="abc", enhed="uger")
    with pytest.raises(EconomicsInputError, match="'uger' or 'maaneder'"):
        forloebspris(Pris(pr_uge=D(100)), antal=3, enhed="dage")


def test_price_list_errors_name_file_line_and_column(tmp_path):
    header = (
        "leverandoer;leverandoer_type;tilbud;type;maalgrupper;pris_pr_uge;pris_pr_maaned;"
        "pris_pr_aar_oplyst;kapacitet;kilde"
    )
    path = tmp_path / "priser.csv"
    path.write_text(f"# comment\n{header}\nX;ekstern;Kursus;mentor;;abc;;;;\n", encoding="utf-8")
    with pytest.raises(
        EconomicsInputError, match=r"priser.csv line 3, column pris_pr_uge: 'abc' is not a number"
    ):
        read_price_list(path)
    path.write_text(f"{header}\nX;ekstern;Kursus;mentor;;;;;;\n", encoding="utf-8")
    with pytest.raises(EconomicsInputError, match=r"priser.csv line 2.*missing price"):
        read_price_list(path)
    path.write_text(f"{header}\nX;ekstern;Kursus;svømning;;100;;;;\n", encoding="utf-8")
    with pytest.raises(EconomicsInputError, match=r"line 2, column type: unknown tilbudstype"):
        read_price_list(path)


def test_stated_annual_price_that_is_wrong_is_reported():
    t = KatalogTilbud("Kursus", Pris(pr_uge=D(1000)), aarspris_oplyst=D(50000))
    (bad,) = price_list_check([t])
    assert bad.beregnet == D(52000) and bad.forskel == D(-2000)
