"""Hand-labelled ranking cases (issue 18): who should rank above whom for a vacancy, and why.

The vacancy: a warehouse worker (DB07 5210, Varde 6800) starting 01.12.2026 that requires a
truck licence. Each pair below is how a consultant would order the two candidates; the test
checks the ranking puts them in that order, and says why in the assertion message.
"""

from datetime import date

import pytest

from indsats.companyservice.matching import Jobmaal, Kandidat, Stilling, candidates_for_vacancy

IDAG = date(2026, 11, 26)
LAGER = Stilling(
    id="lager",
    titel="Lagermedarbejder",
    db07="5210",
    postnummer="6800",
    start=date(2026, 12, 1),
    krav=frozenset({"truckcertifikat"}),
)
TRUCK = frozenset({"truckcertifikat"})


def _k(navn, **kw):
    kw.setdefault("maalgruppe", "jobparat")
    return Kandidat(id=navn, navn=navn, **kw)


CANDIDATES = {
    # The ideal: own trade (A), the licence, lives in Varde, free now.
    "Ideal": _k(
        "Ideal", jobmaal=(Jobmaal("A", "Lager", "52"),), kompetencer=TRUCK, postnummer="6800"
    ),
    # The same person without the licence the vacancy requires.
    "UdenTruck": _k("UdenTruck", jobmaal=(Jobmaal("A", "Lager", "52"),), postnummer="6800"),
    # A related target (B), the licence, lives in Outrup (about 11 km away).
    "Outrup": _k(
        "Outrup", jobmaal=(Jobmaal("B", "Lagerarbejde"),), kompetencer=TRUCK, postnummer="6855"
    ),
    # Only experience from transport (49: same 10-group as 52), the licence, Grindsted (26 km).
    "Grindsted": _k("Grindsted", erfaring=("4941",), kompetencer=TRUCK, postnummer="7200"),
    # As Ideal, but in a placement until after the start date.
    "Optaget": _k(
        "Optaget",
        jobmaal=(Jobmaal("A", "Lager", "52"),),
        kompetencer=TRUCK,
        postnummer="6800",
        optaget_til=date(2027, 2, 28),
    ),
    # As Ideal, but in a placement without an end date.
    "AabenPraktik": _k(
        "AabenPraktik",
        jobmaal=(Jobmaal("A", "Lager", "52"),),
        kompetencer=TRUCK,
        postnummer="6800",
        optaget_til=date.max,
    ),
    # As Ideal, but lives in Vordingborg (about 224 km away).
    "Vordingborg": _k(
        "Vordingborg", jobmaal=(Jobmaal("A", "Lager", "52"),), kompetencer=TRUCK, postnummer="4760"
    ),
    # Wants to be a nurse, no warehouse experience, no licence: no trade fit at all.
    "Sygeplejerske": _k(
        "Sygeplejerske", jobmaal=(Jobmaal("A", "Sygeplejerske", "86"),), postnummer="6800"
    ),
    # Wants to be a nurse too, but has the licence the vacancy asks for: a candidate.
    "SygeplejerskeTruck": _k(
        "SygeplejerskeTruck",
        jobmaal=(Jobmaal("A", "Sygeplejerske", "86"),),
        kompetencer=TRUCK,
        postnummer="6800",
    ),
}

ABOVE = [  # (higher, lower, why)
    ("Ideal", "UdenTruck", "the same person, but the vacancy requires the licence"),
    (
        "Outrup",
        "UdenTruck",
        "meets the requirement; a missing licence is not made up by a closer home",
    ),
    ("Grindsted", "UdenTruck", "meets the requirement, however weaker the trade fit"),
    ("Ideal", "Outrup", "own trade and in the same town beat a related target 11 km away"),
    (
        "Outrup",
        "Grindsted",
        "a job target in the trade and 11 km beat related experience and 26 km",
    ),
    ("Ideal", "Optaget", "the same person, but busy until after the start date"),
    ("Ideal", "AabenPraktik", "the same person, but in a placement without an end date"),
    ("Ideal", "Vordingborg", "the same person, 224 km away"),
    (
        "Outrup",
        "Vordingborg",
        "a related target nearby before an own-trade target across the country",
    ),
    ("SygeplejerskeTruck", "UdenTruck", "has what the vacancy requires, though another trade"),
]


@pytest.fixture(scope="module")
def ranked():
    matches = candidates_for_vacancy(
        stilling=LAGER, kandidater=list(CANDIDATES.values()), idag=IDAG, limit=100
    )
    return {m.kandidat.navn: (i, m) for i, m in enumerate(matches)}


@pytest.mark.parametrize(("higher", "lower", "why"), ABOVE)
def test_hand_labelled_pairs(ranked, higher, lower, why):
    assert ranked[higher][0] < ranked[lower][0], f"{higher} should rank above {lower}: {why}"


def test_a_missing_required_licence_never_scores_the_same(ranked):
    ideal, uden = ranked["Ideal"][1], ranked["UdenTruck"][1]
    assert ideal.score > uden.score
    assert uden.mangler_krav == 1 and "mangler truckcertifikat (krav)" in uden.tekst
    # everyone who meets the requirement comes first
    order = sorted(ranked.values(), key=lambda x: x[0])
    flags = [m.mangler_krav > 0 for _, m in order]
    assert flags == sorted(flags)


def test_no_trade_fit_is_not_proposed(ranked):
    assert "Sygeplejerske" not in ranked
    assert "SygeplejerskeTruck" in ranked  # the required licence is a fit of its own


def test_reasons_have_kilometres_and_no_placeholder_dates(ranked):
    assert "ca. 11 km i luftlinje (6855 til 6800)" in ranked["Outrup"][1].tekst
    assert "ca. 224 km i luftlinje (4760 til 6800)" in ranked["Vordingborg"][1].tekst
    assert "optaget til 28.02.2027" in ranked["Optaget"][1].tekst
    open_ended = ranked["AabenPraktik"][1].tekst
    assert "optaget i et forløb uden slutdato" in open_ended
    for _, m in ranked.values():
        assert "9999" not in m.tekst
