"""The company service section of the monthly report, with the job barometer."""

from datetime import date

from indsats.companyservice.barometer import Signal, barometer_compute
from indsats.companyservice.measures import service_measures
from indsats.reports.sections import companyservice_section

FRA, TIL = date(2024, 1, 1), date(2024, 6, 30)


def test_section_has_the_barometer_with_small_person_counts_suppressed():
    signals = [Signal("jobordre", "4711", date(2024, 3, 1), antal=6)]  # retail: 6 positions
    signals += [Signal("placering_job", "4941", date(2024, 4, 1)) for _ in range(2)]  # transport
    barometer = barometer_compute(signals=signals, fra=FRA, til=TIL)
    m = service_measures(
        fra=FRA, til=TIL, kontakter=[], hotline=[], placeringer=[], virksomheder_i_alt=10
    )
    section = companyservice_section(m, barometer=barometer)
    tables = {t.titel: t for t in section.tabeller}
    table = tables["Jobbarometer 01.01.2024–30.06.2024"]
    assert len(table.raekker) == 10  # the ten industry groups
    retail = next(r for r in table.raekker if r[1] == "6")  # 6 positions in a vacancy
    assert retail[4] == "Stort behov"  # the highest score of the ten groups
    # Two placements that became jobs are persons: shown as "<5", never as 2.
    assert all(r[2] != "2" for r in table.raekker)
    assert any(r[2] == "<5" for r in table.raekker)


def test_section_without_barometer_keeps_its_two_tables():
    m = service_measures(
        fra=FRA, til=TIL, kontakter=[], hotline=[], placeringer=[], virksomheder_i_alt=0
    )
    assert [t.titel.split()[0] for t in companyservice_section(m).tabeller] == [
        "Virksomhedskontakter",
        "Nøgletal",
    ]
