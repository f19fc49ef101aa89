import csv
from datetime import date
from pathlib import Path

import pytest

from indsats.domain.kommuner import UnknownKommune, all_kommuner, get_kommune, regions
from indsats.domain.maalgrupper import (
    MAALGRUPPER,
    Maalgruppe,
    NoMaalgruppe,
    Visitation,
    maalgruppe_for,
    maalgrupper_for,
)
from indsats.domain.tilbud import TILBUDSTYPER, TilbudType, parse_tilbudstype
from indsats.domain.validity import Gyldighed
from indsats.domain.ydelser import YDELSER, Ydelse, parse_ydelse, ydelser_on

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "municipalities.csv"


def test_98_municipalities_in_5_regions():
    kommuner = all_kommuner()
    assert len(kommuner) == 98
    assert len({k.kode for k in kommuner}) == 98
    assert sorted(regions()) == [81, 82, 83, 84, 85]


def test_lookup_by_code_in_every_spelling():
    varde = get_kommune(573)
    assert varde.navn == "Varde"
    assert varde.kommunekode == "0573"
    assert get_kommune("0573") is varde
    assert varde.region_navn == "Region Syddanmark"
    with pytest.raises(UnknownKommune):
        get_kommune(411)  # Christiansø is not a municipality


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ is not beside the project")
def test_project_copy_matches_the_shared_data():
    with SHARED.open(encoding="utf-8") as f:
        shared = {int(r["kode"]): r for r in csv.DictReader(f)}
    for k in all_kommuner():
        assert shared[k.kode]["navn"] == k.navn
        assert int(shared[k.kode]["folk_2024M01"]) == k.population["2024-01-01"]


def test_benefits_have_validity_and_sources():
    assert set(YDELSER) == set(Ydelse)
    assert Ydelse.UDDANNELSESHJAELP in ydelser_on(date(2025, 6, 30))
    assert Ydelse.UDDANNELSESHJAELP not in ydelser_on(date(2025, 7, 1))
    assert Ydelse.KONTANTHJAELP in ydelser_on(date(2025, 7, 1))
    assert all(info.kilde for info in YDELSER.values())
    assert YDELSER[Ydelse.DAGPENGE].medfinansiering
    assert not YDELSER[Ydelse.KONTANTHJAELP].medfinansiering
    with pytest.raises(ValueError, match="unknown ydelse 'dagpengar'"):
        parse_ydelse("dagpengar")


def test_target_groups_are_the_lab_6_numbers():
    assert sorted(m.lab6_nr for m in MAALGRUPPER.values()) == list(range(1, 12))


@pytest.mark.parametrize(
    ("ydelse", "day", "visitation", "under_30", "expected"),
    [
        (Ydelse.DAGPENGE, date(2022, 3, 1), None, False, Maalgruppe.DAGPENGE),
        (
            Ydelse.KONTANTHJAELP,
            date(2022, 3, 1),
            Visitation.JOBPARAT,
            False,
            Maalgruppe.JOBPARAT_KONTANTHJAELP,
        ),
        (
            Ydelse.KONTANTHJAELP,
            date(2022, 3, 1),
            Visitation.AKTIVITETSPARAT,
            False,
            Maalgruppe.AKTIVITETSPARAT_KONTANTHJAELP,
        ),
        (
            Ydelse.UDDANNELSESHJAELP,
            date(2025, 6, 30),
            Visitation.AABENLYST_UDDANNELSESPARAT,
            True,
            Maalgruppe.UDDANNELSESPARAT,
        ),
        # After the 2025 reform young people without education are on kontanthjælp.
        (
            Ydelse.KONTANTHJAELP,
            date(2025, 7, 1),
            Visitation.UDDANNELSESPARAT,
            True,
            Maalgruppe.UDDANNELSESPARAT,
        ),
        (Ydelse.SYGEDAGPENGE, date(2024, 1, 1), None, False, Maalgruppe.SYGEDAGPENGE),
    ],
)
def test_benefit_to_target_group(ydelse, day, visitation, under_30, expected):
    found = maalgruppe_for(ydelse, day, visitation=visitation, under_30_uden_uddannelse=under_30)
    assert found.maalgruppe == expected


def test_reform_mapping_is_marked_unverified():
    after = maalgrupper_for(Ydelse.KONTANTHJAELP, date(2025, 7, 1))
    assert any(not m.verified for m in after)


def test_no_uddannelseshjaelp_after_the_reform():
    assert maalgrupper_for(Ydelse.UDDANNELSESHJAELP, date(2025, 7, 1)) == []
    with pytest.raises(NoMaalgruppe):
        maalgruppe_for(
            Ydelse.UDDANNELSESHJAELP,
            date(2025, 7, 1),
            visitation=Visitation.UDDANNELSESPARAT,
            under_30_uden_uddannelse=True,
        )


def test_offer_types():
    assert set(TILBUDSTYPER) == set(TilbudType)
    assert TILBUDSTYPER[TilbudType.VIRKSOMHEDSPRAKTIK].virksomhedsrettet
    assert not TILBUDSTYPER[TilbudType.MENTOR].virksomhedsrettet
    with pytest.raises(ValueError, match="unknown tilbudstype"):
        parse_tilbudstype("kaffe")


def test_validity_period():
    g = Gyldighed(date(2020, 1, 1), date(2020, 12, 31))
    assert g.covers(date(2020, 12, 31)) and not g.covers(date(2021, 1, 1))
    assert g.overlaps(date(2020, 12, 31), None)
    with pytest.raises(ValueError):
        Gyldighed(date(2021, 1, 1), date(2020, 1, 1))
