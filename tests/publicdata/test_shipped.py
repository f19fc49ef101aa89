"""The shipped public tables load for all 98 municipalities and match their sources."""

from __future__ import annotations

import pytest

from indsats.domain.kommuner import all_kommuner
from indsats.publicdata.offentlige_tal import benchmark_series, shipped_series
from indsats.publicdata.rammevilkaar import (
    COVARIATES,
    SNAPSHOTS,
    covariate_values,
    kommune_code,
    published_benchmark,
    snapshot_year,
    structural_inputs,
)


@pytest.mark.parametrize("snapshot", SNAPSHOTS)
@pytest.mark.parametrize("cov", [c.name for c in COVARIATES])
def test_every_covariate_has_all_98(cov, snapshot):
    values = covariate_values(cov, snapshot)
    assert set(values) == {k.kode for k in all_kommuner()}


def test_values_as_in_the_source_files():
    # spot checks against the source rows (PROVENANCE.md)
    assert covariate_values("indvandrere_efterkommere_pct", 2022)[390] == 8.23  # Vordingborg
    assert covariate_values("pendlingsafstand_km", 2019)[101] == 12.7  # Copenhagen
    assert covariate_values("andel_65plus_pct", 2022)[573] == 23.7  # Varde
    assert covariate_values("videregaaende_uddannelse_pct", 2019)[665] == 21.8  # Lemvig


def test_snapshots_and_names():
    assert snapshot_year(2018) == 2019 and snapshot_year(2023) == 2022
    assert kommune_code("Copenhagen") == 101 and kommune_code("København") == 101
    with pytest.raises(LookupError):
        kommune_code("Atlantis")
    assert set(structural_inputs(573, 2023)) == {
        "ledighed_pct",
        "log_befolkning",
        *(c.name for c in COVARIATES),
    }


def test_published_benchmark_excerpts():
    ranks = published_benchmark()
    top_2024 = [r.navn for r in ranks if r.offentliggjort == "2024-03"]
    assert top_2024[:3] == ["Billund", "Ballerup", "Solrød"] and len(top_2024) == 10
    gladsaxe = [r for r in ranks if r.navn == "Gladsaxe" and r.offentliggjort == "2018-11"][0]
    assert (gladsaxe.faktisk, gladsaxe.forventet, gladsaxe.kommune) == (2980, 3400, 159)


def test_shipped_series_is_the_net_unemployed_subset(tmp_path):
    s = shipped_series()
    assert s.gruppe == "nettoledige_kontanthjaelp" and not s.alle_ydelser
    assert s.vaerdier[573]["2023Q1"] == 63.0 and len(s.vaerdier) == 98
    assert benchmark_series(tmp_path).gruppe == "nettoledige_kontanthjaelp"  # nothing fetched
    t = s.as_aggregate(573)
    assert set(t.column("kommune").to_pylist()) == {573} and t.num_rows == 76


def test_a_fetched_all_benefit_series_is_preferred(tmp_path):
    """The selection logic with a small made-up TOT table (test values, not real figures)."""
    from indsats.publicdata.cache import Provenance, cache_path, strings_table, write_cached
    from indsats.publicdata.statbank import StatbankQuery

    query = StatbankQuery.build("AUK01")
    table = strings_table(
        ["OMRÅDE", "YDELSESTYPE", "KØN", "ALDER", "TID", "INDHOLD"],
        [["Varde", "I alt", "I alt", "Alder i alt", "2024K1", "100"]],
    )
    prov = Provenance(
        "statbank", "AUK01", query.body(), "u", "2026-01-01T00:00:00+00:00", "l", "k", 1
    )
    write_cached(table, prov, cache_path(tmp_path, "statbank", "AUK01", query.body()))
    s = benchmark_series(tmp_path)
    assert s.gruppe == "i_alt" and s.alle_ydelser and s.vaerdier == {573: {"2024Q1": 100.0}}
    assert "hentet 2026-01-01 00:00 UTC" in s.kilde
