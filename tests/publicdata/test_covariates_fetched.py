"""Issue 19: the benchmark's covariates fetched from Statbank (FOLK1A-65, HFUDD11, FOLK1E,
AFSTB4) and used by year.

The recorded answers (`recorded/statbank_*_data.csv`) are built from the shipped snapshots in
DST's answer shape (`recorded/README.md`), so a fetched 2019/2022 must give exactly the snapshot
back; where they carry real DST figures (København's and Frederiksberg's ages, ten
municipalities' education levels), that checks indsats's definition of the covariate against the source's snapshot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from indsats.domain.kommuner import all_kommuner
from indsats.publicdata.cache import Provenance, cache_path, strings_table, write_cached
from indsats.publicdata.rammevilkaar import (
    COVARIATES,
    _folk1a_65plus_share,
    _hfudd11_share,
    covariate_for_year,
    covariate_values,
    fetched_covariate,
    structural_inputs_all,
)
from indsats.publicdata.statbank import (
    PRESETS,
    StatbankClient,
    StatbankQuery,
    parse_csv,
    preset_of,
    preset_table,
)

RECORDED = Path(__file__).parent / "recorded"
FETCHABLE = {
    "andel_65plus_pct": "FOLK1A-65",
    "videregaaende_uddannelse_pct": "HFUDD11",
    "indvandrere_efterkommere_pct": "FOLK1E",
    "pendlingsafstand_km": "AFSTB4",
}


def test_every_covariate_has_a_preset_query():
    assert {c.name: c.statbank for c in COVARIATES} == FETCHABLE
    assert PRESETS["AFSTB4"] == {"BOPOMR": ["*"], "SOCIO": ["02"], "KØN": ["TOT"], "Tid": ["*"]}
    assert PRESETS["FOLK1E"]["HERKOMST"] == ["TOT", "1", "24", "25", "34", "35"]
    assert PRESETS["FOLK1A-65"]["ALDER"] == ["IALT", *map(str, range(65, 126))]
    assert PRESETS["HFUDD11"]["HFUDD"] == ["TOT", "H40", "H50", "H60", "H70", "H80"]
    # AFSTB4's and HFUDD11's area variable is BOPOMR, so --kommune narrows that one
    for name in ("afstb4", "hfudd11"):
        q = StatbankQuery.build(name, kommuner=[573])
        assert q.variables["BOPOMR"] == ["573"] and "OMRÅDE" not in q.variables
    # a named preset asks its table; the table's own preset is another query
    q = StatbankQuery.build("folk1a-65", kommuner=[573])
    assert (q.table, q.variables["OMRÅDE"], q.variables["ALDER"][:2]) == (
        "FOLK1A",
        ["573"],
        ["IALT", "65"],
    )
    assert StatbankQuery.build("FOLK1A").variables["ALDER"][0] == "16"
    with pytest.raises(ValueError, match="no preset 'FOLK1A-99'; the presets are AUK01"):
        StatbankQuery.build("FOLK1A-99")


def _real_rows(file: str, area: str, names: set[str]):
    table = parse_csv((RECORDED / file).read_text(encoding="utf-8-sig"))
    rows = [r for r in table.to_pylist() if r[area] in names]
    return table.schema.names, rows


@pytest.mark.parametrize("year", [2019, 2022])
def test_the_definitions_give_the_snapshot_back_on_real_dst_figures(year):
    """DST's own counts (the source's raw pulls, recorded/README.md), not derived ones: the
    snapshot was rounded to 1 decimal from exactly these definitions."""
    from indsats.publicdata.cache import strings_table

    header, rows = _real_rows("statbank_folk1a_data.csv", "OMRÅDE", {"København", "Frederiksberg"})
    share = _folk1a_65plus_share(strings_table(header, [list(r.values()) for r in rows]))
    snapshot = covariate_values("andel_65plus_pct", year)
    assert share[year] == {101: snapshot[101], 147: snapshot[147]}
    ten = {
        "København",
        "Frederiksberg",
        "Dragør",
        "Tårnby",
        "Gentofte",
        "Gladsaxe",
        "Ishøj",
        "Bornholm",
        "Greve",
        "Roskilde",
    }
    header, rows = _real_rows("statbank_hfudd11_data.csv", "BOPOMR", ten)
    share = _hfudd11_share(strings_table(header, [list(r.values()) for r in rows]))
    snapshot = covariate_values("videregaaende_uddannelse_pct", year)
    assert len(share[year]) == 10
    assert share[year] == {k: snapshot[k] for k in share[year]}


@pytest.mark.parametrize("name,table", sorted(FETCHABLE.items()))
def test_fetched_covariate_reproduces_the_snapshot(api_server, tmp_path, name, table):
    fetched = StatbankClient(api_server.url + "/v1").fetch(
        StatbankQuery.build(table), cache_root=str(tmp_path)
    )
    assert api_server.requests[-1]["body"]["variables"] == [
        {"code": k, "values": v} for k, v in PRESETS[table].items()
    ]
    assert fetched.provenance.tabel == preset_table(table)
    assert "CC 4.0 BY" in fetched.provenance.licens
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
    edu = covariate_for_year("videregaaende_uddannelse_pct", 2024, tmp_path)
    assert (edu.aar, edu.hentet) == (2022, True)
    assert edu.kilde_da.startswith("DST HFUDD11, 2022, hentet ")
    age = covariate_for_year("andel_65plus_pct", 2019, tmp_path)
    assert (age.aar, age.hentet) == (2019, True)
    assert age.values == covariate_values("andel_65plus_pct", 2019)
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


def test_the_tables_own_preset_is_not_the_covariate(api_server, tmp_path):
    # FOLK1A's own preset asks ages 16-66, not 'IALT' and 65+: its answer is not the share 65+
    StatbankClient(api_server.url + "/v1").fetch(
        StatbankQuery.build("FOLK1A"), cache_root=str(tmp_path)
    )
    assert fetched_covariate("andel_65plus_pct", tmp_path) is None
    assert covariate_for_year("andel_65plus_pct", 2022, tmp_path).hentet is False


def test_cli_fetches_a_covariate_preset_into_the_cache(api_server, tmp_path, monkeypatch):
    from indsats.cli.main import app

    monkeypatch.setenv("INDSATS_STATBANK_URL", api_server.url + "/v1")
    r = CliRunner().invoke(app, ["data", "fetch", "statbank", "FOLK1E", "--cache", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "Kilde: Danmarks Statistik" in r.output and "FOLK1E: 400 rows" in r.output
    used = covariate_for_year("indvandrere_efterkommere_pct", 2022, tmp_path)
    assert used.hentet and used.values == covariate_values("indvandrere_efterkommere_pct", 2022)
    r = CliRunner().invoke(
        app, ["data", "fetch", "statbank", "FOLK1A-65", "--cache", str(tmp_path)]
    )
    assert r.exit_code == 0, r.output
    assert (
        "FOLK1A (preset FOLK1A-65): 12152 rows" in r.output
    )  # 98 municipalities x 2 years x (all + 61 ages)
    assert api_server.requests[-1]["body"]["table"] == "FOLK1A"
    used = covariate_for_year("andel_65plus_pct", 2022, tmp_path)
    assert used.hentet and used.values == covariate_values("andel_65plus_pct", 2022)
    listed = CliRunner().invoke(
        app, ["data", "list", "--cache", str(tmp_path)], env={"COLUMNS": "250"}
    )
    assert listed.exit_code == 0, listed.output
    assert "FOLK1A (preset FOLK1A-65)" in listed.output and "FOLK1E" in listed.output


def test_preset_of_a_sent_query():
    def sent(name, **kw):
        return StatbankQuery.build(name, **kw).body()["variables"]

    assert preset_of("FOLK1A", sent("FOLK1A")) == "FOLK1A"
    assert (
        preset_of("FOLK1A", sent("FOLK1A-65", kommuner=[573], perioder=["2024K1"])) == "FOLK1A-65"
    )
    assert preset_of("HFUDD11", sent("HFUDD11", kommuner=[573])) == "HFUDD11"
    # other sexes, or a variable the preset does not ask, is another query
    assert preset_of("FOLK1A", sent("FOLK1A-65", variables={"KØN": ["1"]})) is None
    assert preset_of("FOLK1E", sent("FOLK1E", variables={"CIVILSTAND": ["G"]})) is None
    assert preset_of("BEF5", [{"code": "OMRÅDE", "values": ["573"]}]) is None


def test_a_newer_fetch_of_one_year_does_not_hide_older_years(tmp_path):
    """Test values, not real figures: AFSTB4 fetched with 2023-2024, later with 2025 only."""

    def rows(year, km):
        return [[k.navn, "Beskæftigede i alt", "I alt", str(year), km] for k in all_kommuner()]

    def cache(query, table_rows, when):
        table = strings_table(["BOPOMR", "SOCIO", "KØN", "TID", "INDHOLD"], table_rows)
        prov = Provenance("statbank", "AFSTB4", query.body(), "u", when, "l", "k", len(table_rows))
        write_cached(table, prov, cache_path(tmp_path, "statbank", "AFSTB4", query.body()))

    cache(
        StatbankQuery.build("AFSTB4"),
        rows(2023, "20,0") + rows(2024, "21,0"),
        "2026-11-01T08:00:00+00:00",
    )
    cache(
        StatbankQuery.build("AFSTB4", perioder=["2025"]),
        rows(2025, "22,0"),
        "2026-12-01T08:00:00+00:00",
    )
    got = fetched_covariate("pendlingsafstand_km", tmp_path)
    assert got is not None and sorted(got.aar) == [2023, 2024, 2025]
    y2024 = covariate_for_year("pendlingsafstand_km", 2024, tmp_path)
    assert (y2024.aar, y2024.hentet, y2024.values[573]) == (2024, True, 21.0)
    assert y2024.kilde_da == "DST AFSTB4, 2024, hentet 2026-11-01 08:00 UTC"
    y2025 = covariate_for_year("pendlingsafstand_km", 2025, tmp_path)
    assert y2025.kilde_da == "DST AFSTB4, 2025, hentet 2026-12-01 08:00 UTC"


def test_fetched_covariate_tables_are_no_benefit_sources(api_server, tmp_path):
    from indsats.publicdata.offentlige_tal import fetched_sources
    from indsats.register.aggregate import has_benefit_columns

    client = StatbankClient(api_server.url + "/v1")
    for name in ("FOLK1A-65", "HFUDD11", "FOLK1E", "AFSTB4"):
        client.fetch(StatbankQuery.build(name), cache_root=str(tmp_path))
    assert fetched_sources(tmp_path) == []
    client.fetch(StatbankQuery.build("AUK01"), cache_root=str(tmp_path))
    assert [s.kilde for s in fetched_sources(tmp_path)] == [
        "Danmarks Statistik, Statistikbanken, tabel AUK01"
    ]
    assert has_benefit_columns(["OMRÅDE", "YDELSESTYPE", "KØN", "ALDER", "TID", "INDHOLD"])
    assert not has_benefit_columns(["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"])
