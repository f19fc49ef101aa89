"""Issue 19: the benchmark's covariates fetched from Statbank (FOLK1E, AFSTB4) and used by year.

The recorded answers (`recorded/statbank_folk1e_data.csv`, `statbank_afstb4_data.csv`) are
built from the shipped snapshots in DST's answer shape (`recorded/README.md`), so a fetched
2019/2022 must give exactly the snapshot back.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from indsats.domain.kommuner import all_kommuner
from indsats.publicdata.cache import Provenance, cache_path, strings_table, write_cached
from indsats.publicdata.rammevilkaar import (
    COVARIATES,
    covariate_for_year,
    covariate_values,
    fetched_covariate,
    structural_inputs_all,
)
from indsats.publicdata.statbank import PRESETS, StatbankClient, StatbankQuery

FETCHABLE = {"indvandrere_efterkommere_pct": "FOLK1E", "pendlingsafstand_km": "AFSTB4"}


def test_presets_only_for_the_documented_queries():
    # PROVENANCE.md documents the queries of FOLK1E and AFSTB4 only; 65+ and education have none
    assert {c.name: c.statbank for c in COVARIATES} == {
        "andel_65plus_pct": None,
        "videregaaende_uddannelse_pct": None,
        **FETCHABLE,
    }
    assert PRESETS["AFSTB4"] == {"BOPOMR": ["*"], "SOCIO": ["02"], "KØN": ["TOT"], "Tid": ["*"]}
    assert PRESETS["FOLK1E"]["HERKOMST"] == ["TOT", "1", "24", "25", "34", "35"]
    # AFSTB4's area variable is BOPOMR, so --kommune narrows that one
    q = StatbankQuery.build("afstb4", kommuner=[573])
    assert q.variables["BOPOMR"] == ["573"] and "OMRÅDE" not in q.variables


@pytest.mark.parametrize("name,table", sorted(FETCHABLE.items()))
def test_fetched_covariate_reproduces_the_snapshot(api_server, tmp_path, name, table):
    fetched = StatbankClient(api_server.url + "/v1").fetch(
        StatbankQuery.build(table), cache_root=str(tmp_path)
    )
    assert api_server.requests[-1]["body"]["variables"] == [
        {"code": k, "values": v} for k, v in PRESETS[table].items()
    ]
    assert fetched.provenance.tabel == table and "CC 4.0 BY" in fetched.provenance.licens
    got = fetched_covariate(name, tmp_path)
    assert got is not None and sorted(got.aar) == [2019, 2022]
    for year in (2019, 2022):
        assert got.aar[year] == covariate_values(name, year)
        assert set(got.aar[year]) == {k.kode for k in all_kommuner()}  # areas skipped


def test_benchmark_year_uses_a_fetched_year_and_names_it(api_server, tmp_path):
    client = StatbankClient(api_server.url + "/v1")
    for table in FETCHABLE.values():
        client.fetch(StatbankQuery.build(table), cache_root=str(tmp_path))
    y2024 = covariate_for_year("pendlingsafstand_km", 2024, tmp_path)
    assert (y2024.aar, y2024.hentet) == (2022, True)
    assert y2024.kilde_da.startswith("DST AFSTB4, 2022, hentet ") and "UTC" in y2024.kilde_da
    # 2021: the newest fetched year before it is 2019, older than the 2022 snapshot it would use
    y2021 = covariate_for_year("pendlingsafstand_km", 2021, tmp_path)
    assert (y2021.aar, y2021.hentet, y2021.kilde_da) == (
        2022,
        False,
        "DST AFSTB4, 2022, kopi i indsats",
    )
    # no preset: always the snapshot, and the label says which year
    edu = covariate_for_year("videregaaende_uddannelse_pct", 2024, tmp_path)
    assert (edu.aar, edu.hentet, edu.kilde_da) == (2022, False, "DST HFUDD11, 2022, kopi i indsats")
    rows, labels = structural_inputs_all([573], 2024, tmp_path)
    assert labels["pendlingsafstand_km"].endswith(y2024.kilde_da + ")")
    assert rows[0]["pendlingsafstand_km"] == covariate_values("pendlingsafstand_km", 2022)[573]


def _cache_afstb4(root, rows, query=None):
    query = query or StatbankQuery.build("AFSTB4")
    table = strings_table(["BOPOMR", "SOCIO", "KØN", "TID", "INDHOLD"], rows)
    prov = Provenance(
        "statbank", "AFSTB4", query.body(), "u", "2026-12-01T08:00:00+00:00", "l", "k", len(rows)
    )
    write_cached(table, prov, cache_path(root, "statbank", "AFSTB4", query.body()))


def test_a_newer_complete_fetched_year_replaces_the_snapshot(tmp_path):
    """Selection logic with a hand-made 2024 table (test values, not real figures)."""
    made_up = {k.kode: 10.0 + k.kode / 1000 for k in all_kommuner()}
    rows = [
        [k.navn, "Beskæftigede i alt", "I alt", "2024", f"{made_up[k.kode]:.3f}".replace(".", ",")]
        for k in all_kommuner()
    ]
    _cache_afstb4(tmp_path, [["Hele landet", "Beskæftigede i alt", "I alt", "2024", "21,0"], *rows])
    used = covariate_for_year("pendlingsafstand_km", 2024, tmp_path)
    assert (used.aar, used.hentet) == (2024, True)
    assert used.values == {k: round(v, 2) for k, v in made_up.items()}
    assert used.kilde_da == "DST AFSTB4, 2024, hentet 2026-12-01 08:00 UTC"
    # a benchmark year before the fetched one still uses its snapshot
    assert covariate_for_year("pendlingsafstand_km", 2023, tmp_path).hentet is False


def test_an_incomplete_or_other_query_is_not_used(tmp_path):
    # one municipality only: the year does not cover the 98, so the snapshot is used
    _cache_afstb4(tmp_path, [["Varde", "Beskæftigede i alt", "I alt", "2024", "30,0"]])
    assert fetched_covariate("pendlingsafstand_km", tmp_path) is None
    assert covariate_for_year("pendlingsafstand_km", 2024, tmp_path).hentet is False
    # another SOCIO than the snapshot's (employed) is another figure: not used
    other = StatbankQuery.build("AFSTB4", {"SOCIO": ["*"]})
    rows = [[k.navn, "x", "I alt", "2024", "5,0"] for k in all_kommuner()]
    _cache_afstb4(tmp_path / "other", rows, other)
    assert fetched_covariate("pendlingsafstand_km", tmp_path / "other") is None


def test_cli_fetches_a_covariate_preset_into_the_cache(api_server, tmp_path, monkeypatch):
    from indsats.cli.main import app

    monkeypatch.setenv("INDSATS_STATBANK_URL", api_server.url + "/v1")
    r = CliRunner().invoke(app, ["data", "fetch", "statbank", "FOLK1E", "--cache", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "Kilde: Danmarks Statistik" in r.output and "FOLK1E: 400 rows" in r.output
    used = covariate_for_year("indvandrere_efterkommere_pct", 2022, tmp_path)
    assert used.hentet and used.values == covariate_values("indvandrere_efterkommere_pct", 2022)
