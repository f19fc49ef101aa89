"""The Statbank and Jobindsats clients against recorded answers on a local server."""

from __future__ import annotations

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from indsats.publicdata.cache import list_cached, read_cached
from indsats.publicdata.http import Offline, PublicDataError
from indsats.publicdata.jobindsats import JobindsatsClient, MissingToken
from indsats.publicdata.statbank import StatbankClient, StatbankQuery
from tests.publicdata.conftest import TOKEN


def test_statbank_query_sends_table_variables_municipalities_periods(api_server, tmp_path):
    query = StatbankQuery.build(
        "auk01",
        {"YDELSESTYPE": ["TOT"]},
        kommuner=[573, 665],
        perioder=["2024K1", "2024K2"],
    )
    fetched = StatbankClient(api_server.url + "/v1").fetch(query, cache_root=str(tmp_path))
    sent = api_server.requests[-1]
    assert sent["method"] == "POST" and sent["path"] == "/v1/data"
    assert sent["body"] == {
        "table": "AUK01",
        "format": "CSV",
        "lang": "da",
        "variables": [
            {"code": "OMRÅDE", "values": ["573", "665"]},
            {"code": "YDELSESTYPE", "values": ["TOT"]},
            {"code": "KØN", "values": ["TOT"]},
            {"code": "ALDER", "values": ["TOT"]},
            {"code": "Tid", "values": ["2024K1", "2024K2"]},
        ],
    }
    t = fetched.table
    # as published: DST's variable codes as headers, Danish labels, no BOM left in the header
    assert t.column_names == ["OMRÅDE", "YDELSESTYPE", "KØN", "ALDER", "TID", "INDHOLD"]
    first = t.slice(0, 1).to_pylist()[0]
    assert first == {
        "OMRÅDE": "Hele landet",
        "YDELSESTYPE": "Nettoledige kontanthjælpsmodtagere",
        "KØN": "I alt",
        "ALDER": "Alder i alt",
        "TID": "2023K1",
        "INDHOLD": "10881",
    }
    assert not fetched.cached


def test_fetched_table_is_cached_as_parquet_with_provenance(api_server, tmp_path):
    query = StatbankQuery.build("AUK01")
    StatbankClient(api_server.url + "/v1").fetch(query, cache_root=str(tmp_path))
    [entry] = list_cached(tmp_path)
    table, prov = read_cached(entry.path)
    assert entry.path.parent.name == "statbank" and entry.path.suffix == ".parquet"
    assert table.num_rows == 64 and prov.raekker == 64
    assert prov.kilde == "statbank" and prov.tabel == "AUK01"
    assert prov.forespoergsel == query.body()
    assert "CC 4.0 BY" in prov.licens and prov.kreditering.startswith("Kilde: Danmarks Statistik")
    assert prov.hentet.endswith("+00:00") and prov.url.endswith("/v1/data")


def test_without_network_the_cached_copy_and_its_date(api_server, closed_port_url, tmp_path):
    query = StatbankQuery.build("AUK01", kommuner=[573])
    online = StatbankClient(api_server.url + "/v1").fetch(query, cache_root=str(tmp_path))
    offline = StatbankClient(closed_port_url + "/v1").fetch(query, cache_root=str(tmp_path))
    assert offline.cached and "could not be reached" in offline.offline_reason
    assert offline.provenance.hentet == online.provenance.hentet
    assert offline.table.equals(online.table)


def test_without_network_and_without_cache_a_clear_error(closed_port_url, tmp_path):
    with pytest.raises(Offline) as exc:
        StatbankClient(closed_port_url + "/v1").fetch(
            StatbankQuery.build("AUK01"), cache_root=str(tmp_path)
        )
    msg = str(exc.value)
    assert "could not be reached" in msg and "no cached copy" in msg and "indsats data list" in msg


def test_statbank_error_message_is_dst_s_own(api_server, tmp_path):
    with pytest.raises(PublicDataError, match="400: Tabellen NOPE01 findes ikke"):
        StatbankClient(api_server.url + "/v1").data(StatbankQuery.build("NOPE01", {"Tid": ["*"]}))


def test_statbank_tableinfo(api_server):
    info = StatbankClient(api_server.url + "/v1").tableinfo("AUK01")
    codes = {v["id"]: [x["id"] for x in v["values"]] for v in info["variables"]}
    assert "TOT" in codes["YDELSESTYPE"] and codes["Tid"][-1] == "2024K4"
    assert api_server.requests[-1]["body"] == {"table": "AUK01", "format": "JSON", "lang": "da"}


def test_a_table_without_preset_needs_variables():
    with pytest.raises(ValueError, match="no variables"):
        StatbankQuery.build("BEF5")


def test_jobindsats_needs_a_personal_token(monkeypatch, api_server):
    monkeypatch.delenv("JOBINDSATS_API_TOKEN", raising=False)
    with pytest.raises(MissingToken, match="JOBINDSATS_API_TOKEN"):
        JobindsatsClient(base_url=api_server.url + "/v2").periods("y30r21")


def test_jobindsats_token_from_environment_periods_and_data(monkeypatch, api_server, tmp_path):
    monkeypatch.setenv("JOBINDSATS_API_TOKEN", TOKEN)
    client = JobindsatsClient(base_url=api_server.url + "/v2")
    assert client.periods("Y30R21")[-1] == "2023QMAT04"
    assert api_server.requests[-1]["headers"]["Authorization"] == TOKEN
    payload = client.payload("*", ["2018QMAT02"], {"ygrp_y30r21": ["Ydelsesgrupper i alt"]})
    fetched = client.fetch("y30r21", payload, cache_root=str(tmp_path))
    assert api_server.requests[-1]["body"] == {
        "area": "*",
        "period": ["2018QMAT02"],
        "_ygrp_y30r21": ["Ydelsesgrupper i alt"],
    }
    t = fetched.table
    assert t.column_names[:3] == ["Area", "Periode", "Ydelsesgrupper"]
    gladsaxe = [r for r in t.to_pylist() if r["Area"] == "Gladsaxe"][0]
    assert gladsaxe["Placering på benchmarkranglisten"] == "3"
    assert (
        fetched.provenance.kilde == "jobindsats" and "Jobindsats" in fetched.provenance.kreditering
    )


def test_jobindsats_wrong_token(api_server):
    client = JobindsatsClient("wrong", base_url=api_server.url + "/v2")
    with pytest.raises(PublicDataError, match="refused the key \\(401\\)"):
        client.periods("y30r21")


def test_cli_fetch_and_list(api_server, tmp_path, monkeypatch):
    from indsats.cli.main import app

    monkeypatch.setenv("INDSATS_STATBANK_URL", api_server.url + "/v1")
    runner = CliRunner()
    r = runner.invoke(
        app, ["data", "fetch", "statbank", "AUK01", "-k", "573", "--cache", str(tmp_path)]
    )
    assert r.exit_code == 0, r.output
    assert "Kilde: Danmarks Statistik" in r.output and "CC 4.0 BY" in r.output
    r = runner.invoke(app, ["data", "list", "--cache", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "Shipped with indsats" in r.output and "AUK01" in r.output and "statbank" in r.output


def test_cli_offline_uses_cache_and_says_so(api_server, closed_port_url, tmp_path, monkeypatch):
    from indsats.cli.main import app

    runner = CliRunner()
    args = ["data", "fetch", "statbank", "AUK01", "-k", "573", "--cache", str(tmp_path)]
    monkeypatch.setenv("INDSATS_STATBANK_URL", api_server.url + "/v1")
    assert runner.invoke(app, args).exit_code == 0
    monkeypatch.setenv("INDSATS_STATBANK_URL", closed_port_url + "/v1")
    r = runner.invoke(app, args)
    assert r.exit_code == 0 and "No network" in r.output and "cached copy fetched" in r.output
    r = runner.invoke(app, [*args[:-2], "--cache", str(tmp_path / "empty")])
    assert r.exit_code == 1 and "no cached copy" in r.output


def test_strings_table_shape():
    from indsats.publicdata.cache import strings_table

    t = strings_table(["a", "b"], [["1", "x"], ["2", "y"]])
    assert t.schema == pa.schema([("a", pa.string()), ("b", pa.string())])


def test_a_fetched_table_keeps_its_provenance(api_server, tmp_path):
    from indsats.publicdata.cache import list_cached
    from indsats.register.aggregate import aggregate_info, import_aggregate, read_aggregate

    StatbankClient(api_server.url + "/v1").fetch(
        StatbankQuery.build("AUK01"), cache_root=str(tmp_path / "cache")
    )
    [entry] = list_cached(tmp_path / "cache")
    import_aggregate(entry.path, tmp_path / "a.parquet")
    info = aggregate_info(tmp_path / "a.parquet")
    assert info["provenance"]["tabel"] == "AUK01"
    assert read_aggregate(tmp_path / "a.parquet").num_rows == 32


def test_sources_for_goals_name_the_table_and_when_it_was_fetched_or_imported(api_server, tmp_path):
    from pathlib import Path

    from indsats.publicdata.offentlige_tal import (
        FETCHED,
        IMPORTED,
        SHIPPED,
        fetched_sources,
        file_source,
        public_sources,
    )
    from indsats.register.aggregate import import_aggregate

    cache = tmp_path / "cache"
    StatbankClient(api_server.url + "/v1").fetch(StatbankQuery.build("AUK01"), cache_root=cache)
    [fetched] = fetched_sources(cache)
    assert fetched.hvordan == FETCHED and fetched.tidspunkt.endswith("+00:00")
    assert fetched.kilde == "Danmarks Statistik, Statistikbanken, tabel AUK01"
    assert fetched.groups_for(573) == ["nettoledige_kontanthjaelp"]
    assert fetched.groups_for(101) == []  # not in the recorded answer

    recorded = Path(__file__).parent / "recorded" / "statbank_auk01_data.csv"
    import_aggregate(recorded, tmp_path / "imported.parquet")
    own = file_source(tmp_path / "imported.parquet")
    assert own.hvordan == IMPORTED and own.kilde == "Danmarks Statistik, tabel AUK01"
    assert own.tidspunkt  # the import time

    order = public_sources([tmp_path / "imported.parquet"], root=cache)
    assert [s.hvordan for s in order] == [IMPORTED, FETCHED, SHIPPED]
    # a table imported under <root>/aggregat/ is read by every report; an imported copy of a
    # fetched table keeps its provenance and is not read twice as a fetched table
    import_aggregate(recorded, cache / "aggregat" / "auk01.parquet")
    [cached] = list_cached(cache)
    import_aggregate(cached.path, cache / "aggregat" / "fetched-copy.parquet")
    order = public_sources(root=cache)
    # newest first: the CSV imported now, then the copy of the table fetched before it
    assert [s.hvordan for s in order] == [IMPORTED, FETCHED, FETCHED, SHIPPED]
    assert order[1].kilde == order[2].kilde == "Danmarks Statistik, Statistikbanken, tabel AUK01"
    assert len(fetched_sources(cache)) == 1
    assert public_sources(root=tmp_path / "empty")[-1].groups_for(101)  # the shipped series
