"""The report on public figures: from an aggregate table (no register), and goals on public
figures next to the register's goals."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from indsats.cli.main import app
from indsats.goals.loader import load_goals

from .conftest import KOMMUNE, MONTH

RECORDED = Path(__file__).parents[1] / "publicdata" / "recorded" / "statbank_auk01_data.csv"
VARDE = 573

PUBLIC_GOALS_YAML = """
maal:
  - id: nettoledige-kh
    titel: Nettoledige kontanthjælpsmodtagere ned
    indikator: offentlige_tal
    filtre: {ydelse: [Nettoledige kontanthjælpsmodtagere]}
    baseline: {vaerdi: 63, periode: 2023K1}
    target: {vaerdi: 43, periode: 2025Q1}
    forloeb: lineaer
    retning: lavere
  - id: sdp
    titel: Helårspersoner på sygedagpenge
    indikator: fuldtidspersoner
    filtre: {ydelse: [sygedagpenge]}
    forloeb: maaned_mod_sidste_aar
    retning: lavere
"""


@pytest.fixture(scope="module")
def aggregate(tmp_path_factory):
    from indsats.register.aggregate import import_aggregate

    out = tmp_path_factory.mktemp("agg") / "auk01.parquet"
    import_aggregate(RECORDED, out)
    return out


@pytest.fixture(scope="module")
def public_report(tmp_path_factory, aggregate):
    from indsats.reports.build import build_report

    root = tmp_path_factory.mktemp("empty-cache")
    return build_report(
        kommune=VARDE,
        month=MONTH,
        register_dir=aggregate,
        public_root=root,
        out_dir=tmp_path_factory.mktemp("report"),
    )


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_report_from_an_aggregate_computes_the_public_goals(public_report):
    data = public_report.data
    [goal] = data["maal"]
    assert goal["grundlag"] == "offentlige_tal" and goal["indikator"] == "offentlige_tal"
    assert goal["periode"] == "2024Q2" and goal["maaned"] == MONTH
    assert goal["actual"] == 51 and goal["expected"] == 51  # AUK01 Varde 2024K2 and 2023K2
    assert goal["datagrundlag"]["kilde"] == "Danmarks Statistik, tabel AUK01"
    assert goal["datagrundlag"]["hvordan"] == "indlæst"
    assert goal["datagrundlag"]["seneste_periode"] == "2024Q4"
    # the series up to the report's quarter only, though the table runs to 2024K4
    assert [p["periode"] for p in goal["serie"]] == [
        "2023Q1",
        "2023Q2",
        "2023Q3",
        "2023Q4",
        "2024Q1",
        "2024Q2",
    ]
    assert data["friskhed"] is None and data["datakilde"]["offentlige_tal"]
    assert not data["datakilde"]["syntetisk"]


def test_goals_on_the_register_say_they_cannot_be_computed(public_report):
    from indsats.goals.loader import demo_goals

    data = public_report.data
    ids = [m["id"] for m in data["ikke_beregnet"]]
    assert {g.id for g in demo_goals(VARDE)} <= set(ids)
    assert all("ydelsesregister på personniveau" in m["grund"] for m in data["ikke_beregnet"])
    html = public_report.html.read_text(encoding="utf-8")
    text = _text(html)
    assert "Kan ikke beregnes ud fra offentlige tal" in text
    for m in data["ikke_beregnet"]:
        assert f'data-ikke-beregnet="{m["id"]}"' in html
        assert f'id="maal-{m["id"]}"' not in html  # no goal page, no figures
    assert "Intet ydelsesregister" in text and "ydelsesregister til og med" not in text
    assert '<p class="syntetisk"' not in html and '<span class="syntetisk-maerke"' not in html
    assert "Offentlige tal: Danmarks Statistik, tabel AUK01, indlæst" in text
    assert "Tal i 2. kvartal 2024" in text and "Kvartal for kvartal" in text
    assert public_report.pdf.read_bytes()[:5] == b"%PDF-" and public_report.pages >= 3


def test_quarterly_goal_from_a_goal_file_on_an_aggregate(tmp_path, aggregate):
    from indsats.reports.build import report_data

    path = tmp_path / "maal.yaml"
    path.write_text(PUBLIC_GOALS_YAML, encoding="utf-8")
    data = report_data(
        kommune=VARDE,
        month="2024-08",
        register_dir=aggregate,
        public_root=tmp_path / "cache",
        goals=load_goals(path),
    )
    [goal] = data["maal"]
    # the line from 63 in 2023K1 to 43 in 2025K1 falls 2.5 a quarter: 2024K2 expects 50.5
    assert goal["periode"] == "2024Q2" and goal["expected"] == pytest.approx(50.5)
    assert goal["actual"] == 51 and goal["status"] == "i_risiko"  # 0.5 behind, within 5 %
    assert goal["baseline"] == {"vaerdi": 63.0, "periode": "2023Q1"}
    assert [m["id"] for m in data["ikke_beregnet"]] == ["sdp"]


def test_public_goal_next_to_a_synthetic_register_is_real_and_flagged_when_small(
    tmp_path, small_register, goals
):
    from indsats.goals.loader import goal_from_dict
    from indsats.reports.build import build_report

    public = goal_from_dict(
        {
            "id": "nettoledige",
            "titel": "Nettoledige kontanthjælpsmodtagere (offentlige tal)",
            "indikator": "offentlige_tal",
            "filtre": {"ydelse": ["nettoledige_kontanthjaelp"]},
            "forloeb": "maaned_mod_sidste_aar",
            "retning": "lavere",
        }
    )
    result = build_report(
        kommune=KOMMUNE,
        month=MONTH,
        register_dir=small_register,
        public_root=tmp_path / "cache",
        out_dir=tmp_path / "out",
        goals=[goals[0], public],
        pdf=False,
    )
    by_id = {g["id"]: g for g in result.data["maal"]}
    assert by_id["sdp"]["grundlag"] == "register" and by_id["sdp"]["periode"] == MONTH
    g = by_id["nettoledige"]
    # the shipped AUK01 series: Læsø had 3 full-time recipients in 2024K2, fewer than 5
    assert g["periode"] == "2024Q2" and g["actual"] == 3
    assert g["status"] == "ikke_vurderbar" and "færre end 5" in g["text_da"]
    html = result.html.read_text(encoding="utf-8")
    section = html[html.index('id="maal-nettoledige"') :]
    section = section[: section.index("</section>")]
    assert 'data-grundlag="offentlige_tal"' in section
    assert 'data-syntetisk="maal"' not in section
    chart = (tmp_path / "out" / "charts" / "nettoledige.svg").read_text(encoding="utf-8")
    assert "offentlige tal" in chart and "syntetiske" not in chart
    assert 'data-felt="tal">&lt;5<' in section  # 3 persons: suppressed


def test_cli_report_on_an_aggregate_and_on_public_figures_only(tmp_path, monkeypatch, aggregate):
    monkeypatch.setenv("INDSATS_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("COLUMNS", "300")  # error messages on one line
    run = CliRunner().invoke
    base = ["report", "--kommune", str(VARDE), "--month", MONTH, "--no-pdf"]
    r = run(app, [*base, "--out", str(tmp_path / "a"), "--register", str(aggregate)])
    assert r.exit_code == 0, r.output
    assert "offentlige, aggregerede tal" in r.output and "Traceback" not in r.output
    data = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    assert data["maal"] and data["ikke_beregnet"] and data["friskhed"] is None
    r = run(app, [*base, "--out", str(tmp_path / "b"), "--public-only"])
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert data["maal"][0]["datagrundlag"]["hvordan"] == "leveret med indsats"
    r = run(app, [*base, "--out", str(tmp_path / "c"), "--public", str(RECORDED)])
    assert r.exit_code == 2 and "not an aggregate table" in r.output
    monkeypatch.chdir(tmp_path)
    r = run(app, [*base, "--out", str(tmp_path / "d")])  # no register at var/register/573
    assert r.exit_code == 2 and "--public-only" in r.output


def test_a_version_2_report_json_is_read_as_version_3(tmp_path, public_report):
    from indsats.reports.build import SCHEMA_VERSION, read_report_data

    v2 = json.loads(public_report.json.read_text(encoding="utf-8"))
    v2["version"] = 2
    for g in v2["maal"]:
        for new, old in (
            ("expected_by_period", "expected_by_month"),
            ("expected_personer_by_period", "expected_personer_by_month"),
            ("forecast_periods", "forecast_months"),
        ):
            g[old] = g.pop(new)
        g.pop("periode"), g.pop("grundlag")
        for p in g["serie"]:
            p["maaned"] = p.pop("periode")
    del v2["ikke_beregnet"]
    path = tmp_path / "report.json"
    path.write_text(json.dumps(v2), encoding="utf-8")
    data = read_report_data(path)
    assert data["version"] == SCHEMA_VERSION == 3
    g = data["maal"][0]
    assert "expected_by_period" in g and g["grundlag"] == "register" and g["periode"] == MONTH
    assert "periode" in g["serie"][0] and data["ikke_beregnet"] == []


def test_the_committee_item_says_the_report_rests_on_public_figures(public_report):
    from indsats.committee.drafting import maanedsrapport
    from indsats.reports.render import visning

    item = maanedsrapport(visning(public_report.data, skjul=True))
    text = " ".join(item.sektion("sagsfremstilling").tekst)
    assert "bygger alene på offentlige, aggregerede tal" in text
    assert "Fuldtidsmodtagere: nettoledige kontanthjælpsmodtagere" in text


def test_a_fetched_all_benefit_series_gives_a_goal_and_the_benchmark(tmp_path):
    """AUK01 with YDELSESTYPE TOT ("I alt") as `indsats data fetch statbank AUK01` caches it.
    The machine has no network, so the table is built in DST's shape; its figures are test
    values (the shipped net-unemployed series x 40), not DST's."""
    from indsats.domain.kommuner import all_kommuner
    from indsats.publicdata.cache import Provenance, cache_path, strings_table, write_cached
    from indsats.publicdata.offentlige_tal import shipped_series
    from indsats.publicdata.statbank import KREDITERING, LICENS, PRESETS, StatbankQuery
    from indsats.reports.build import report_data

    shipped = shipped_series()
    quarters = [f"{y}Q{q}" for y in (2023, 2024) for q in range(1, 5)]
    rows = [
        [k.navn, "I alt", "I alt", "Alder i alt", q.replace("Q", "K"), str(40 * v)]
        for k in all_kommuner()
        for q in quarters
        if (v := shipped.vaerdier[k.kode].get(q)) is not None
    ]
    table = strings_table(["OMRÅDE", "YDELSESTYPE", "KØN", "ALDER", "TID", "INDHOLD"], rows)
    query = StatbankQuery("AUK01", PRESETS["AUK01"])
    root = tmp_path / "publicdata"
    prov = Provenance(
        kilde="statbank",
        tabel="AUK01",
        forespoergsel=query.body(),
        url="https://api.statbank.dk/v1/data",
        hentet="2026-11-26T10:04:00+00:00",
        licens=LICENS,
        kreditering=KREDITERING,
        raekker=table.num_rows,
    )
    write_cached(table, prov, cache_path(root, "statbank", "AUK01", query.body()))
    data = report_data(kommune=VARDE, month=MONTH, register_dir=None, public_root=root)
    goals = {g["id"]: g for g in data["maal"]}
    g = goals["offentlige-tal-i-alt"]
    assert g["titel"] == "Fuldtidsmodtagere: alle offentligt forsørgede"
    assert g["actual"] == 40 * shipped.vaerdier[VARDE]["2024Q2"] and g["periode"] == "2024Q2"
    assert g["datagrundlag"]["hvordan"] == "hentet"
    assert g["datagrundlag"]["kilde"] == "Danmarks Statistik, Statistikbanken, tabel AUK01"
    assert "offentlige-tal-nettoledige-kontanthjaelp" in goals  # the shipped series too
    b = data["benchmark"]
    assert b["serie"] == "I alt" and b["alle_ydelser"]  # the benchmark prefers all benefits
