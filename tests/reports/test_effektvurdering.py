"""The Effektvurdering documents (JSON, HTML, PDF) and `indsats evaluation run|mde`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from indsats.analytics.backend import connect, read_register
from indsats.cli.main import app
from indsats.evaluation import Design, evaluate, read_participants
from indsats.register import weeks
from indsats.register.plant import Plantning, generate_register_with_effects
from indsats.reports.effektvurdering import build_effektvurdering


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    d = tmp_path_factory.mktemp("effekt")
    results = generate_register_with_effects(
        d / "register",
        [573],
        weeks.parse_week("2019W01"),
        weeks.parse_week("2022W52"),
        [
            Plantning(
                "sygedagpenge",
                weeks.parse_week("2020W01"),
                weeks.parse_week("2021W26"),
                80,
                0.4,
                koen="M",
            )
        ],
        seed=2,
    )
    r = results[0]
    lines = ["person_id;start_uge"] + [
        f"{p};{weeks.label(s)}"
        for p, s in zip(
            r.deltagere.column("person_id").to_pylist(),
            r.deltagere.column("start_uge").to_pylist(),
            strict=True,
        )
    ]
    (d / "plus.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def test_documents_hold_the_figures_and_no_person_ids(planted, tmp_path):
    reg = read_register(connect(), planted / "register")
    people = read_participants(planted / "plus.csv")
    v = evaluate(reg, people, Design(enhedspriser={"sygedagpenge": 240_000.0}), navn="PLUS")
    files = build_effektvurdering(
        v, tmp_path, kommune=573, datakilde={"syntetisk": True, "tekst": "Syntetiske tal."}
    )
    assert files.sider >= 2 and files.pdf is not None and files.pdf.read_bytes()[:4] == b"%PDF"
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert data["kommune_navn"] == "Varde"
    assert data["tal"]["matchet"] == v.deltagere_matchet
    assert data["sammenfatning"]["tekst"][0].startswith("Et halvt år (26 uger) efter start")
    text = files.json.read_text(encoding="utf-8") + files.html.read_text(encoding="utf-8")
    for p in people[:20]:
        assert str(p.person_id) not in text  # aggregates only
    html = files.html.read_text(encoding="utf-8")
    assert "Effektvurdering: PLUS" in html
    assert "data:image/svg+xml;base64," in html  # the curves, inlined
    assert 'data-syntetisk="effektvurdering"' in html
    assert "Før og efter uden sammenligning" in html
    assert "Sammenligningsgruppen: ligner den deltagerne?" in html
    assert data["kroner"]["ydelser"][0]["ydelse"] in ("sygedagpenge",)
    # JSON is strict (no NaN)
    json.loads(files.json.read_text(encoding="utf-8"), parse_constant=pytest.fail)


def test_a_warning_is_shown_when_the_groups_were_not_parallel(planted, tmp_path):
    """The pre-period check decides the warning: the same evaluation, once with groups that moved
    in parallel before the start and once with groups that did not (the check's verdict replaced,
    its figures kept), rendered as the committee reads it."""
    from dataclasses import replace

    from indsats.evaluation.tekst import forbehold
    from indsats.reports.effektvurdering import effektvurdering_data, render_effektvurdering_html

    reg = read_register(connect(), planted / "register")
    people = read_participants(planted / "plus.csv")
    v = evaluate(reg, people, Design(), navn="PLUS")
    assert v.foer_tjek.vurderet
    parallel = replace(v, foer_tjek=replace(v.foer_tjek, parallel=True))
    skaev = replace(
        v, foer_tjek=replace(v.foer_tjek, forskel=0.12, nedre=0.05, oevre=0.19, parallel=False)
    )
    for x in (parallel, skaev):
        x.forbehold = forbehold(x)  # the caveats, as `evaluate` writes them from the check
    warning = "Deltagerne og sammenligningsgruppen udviklede sig ikke ens i året før start"

    html = render_effektvurdering_html(effektvurdering_data(skaev, kommune=573))
    assert "data-advarsel" in html and f"Advarsel: {warning} (+12,0" in html
    assert skaev.forbehold[0].startswith(f"Advarsel: {warning}")  # the first caveat, too

    html = render_effektvurdering_html(effektvurdering_data(parallel, kommune=573))
    assert "data-advarsel" not in html and warning not in html


def test_small_start_years_are_hidden():
    from indsats.reports.effektvurdering import visning

    data = {
        "navn": "x",
        "bygget": "2026-12-03T10:00:00+00:00",
        "sammenfatning": {"tekst": ["a", "b", "c"]},
        "tal": {
            "deltagere_i_alt": 30,
            "matchet": 30,
            "uden_match": 0,
            "uden_historik": 0,
            "sammenligningspersoner": 30,
            "kandidater": 900,
            "startuger": ["2021W01", "2022W02"],
            "daekning": ["2019W01", "2023W52"],
            "ydelse_ved_start": {"sygedagpenge": 30},
        },
        "design": {
            "naboer": 1,
            "eksakt": ["ydelse", "koen"],
            "caliper": 0.2,
            "bootstrap": 999,
            "kommuner": None,
            "hovedmaal_uge": 26,
        },
        "estimater": [],
        "foer_efter": [],
        "balance": [],
        "foer_tjek": {
            "vurderet": False,
            "parallel": True,
            "forskel": None,
            "nedre": None,
            "oevre": None,
            "n": 0,
        },
        "helaarspersoner": [
            {"aar": 2021, "deltagere": 27, "faerre": 2.0, "nedre": 0.5, "oevre": 3.5},
            {"aar": 2022, "deltagere": 3, "faerre": 0.2, "nedre": 0.0, "oevre": 0.4},
            {"aar": None, "deltagere": 30, "faerre": 2.2, "nedre": 0.6, "oevre": 3.8},
        ],
        "kroner": None,
        "forbehold": [],
    }
    rows = visning(data)["helaarspersoner"]
    assert rows[0]["faerre"] == "2,0" and rows[1]["faerre"] == "<5" and rows[1]["deltagere"] == "<5"
    assert rows[2]["aar"] == "Alle deltagere"


def test_cli_run_writes_the_documents_and_prints_the_sentence(planted, tmp_path):
    out = tmp_path / "ud"
    result = CliRunner().invoke(
        app,
        [
            "evaluation",
            "run",
            "--register",
            str(planted / "register"),
            "--deltagere",
            str(planted / "plus.csv"),
            "--out",
            str(out),
            "--navn",
            "PLUS-forløb",
            "--kommune",
            "573",
            "--no-pdf",
            "--enhedspris",
            "sygedagpenge=240.000",
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "efter start var" in result.output and "Skrevet:" in result.output
    assert (out / "effektvurdering.json").exists() and not (out / "effektvurdering.pdf").exists()


def test_cli_run_names_the_bad_line_and_writes_nothing(planted, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("person_id;start_uge\n573000000001;2020W99\n", encoding="utf-8")
    out = tmp_path / "ud"
    result = CliRunner().invoke(
        app,
        [
            "evaluation",
            "run",
            "--register",
            str(planted / "register"),
            "--deltagere",
            str(bad),
            "--out",
            str(out),
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 1
    assert "bad.csv, line 2, field 'start_uge'" in result.output
    assert not out.exists()


def test_cli_target_group_and_mde(planted, tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "evaluation",
            "mde",
            "--register",
            str(planted / "register"),
            "--ydelse",
            "sygedagpenge",
            "--deltagere",
            "100",
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "Med 100 deltagere" in result.output
    # A target group whose whole municipality is in the project needs comparison municipalities.
    result = CliRunner().invoke(
        app,
        [
            "evaluation",
            "run",
            "--register",
            str(planted / "register"),
            "--out",
            str(tmp_path / "m"),
            "--maalgruppe",
            "jobafklaringsforloeb",
            "--kommune",
            "573",
            "--fra",
            "2020W01",
            "--til",
            "2020W52",
            "--min-varighed",
            "26",
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 1
    assert "comparison pool is too small" in result.output
