"""`indsats register ...` through Typer's CliRunner."""

from __future__ import annotations

import pyarrow.parquet as pq
from typer.testing import CliRunner

from indsats.cli.main import app

runner = CliRunner()


def test_generate_then_indicators(tmp_path):
    reg = tmp_path / "reg"
    r = runner.invoke(
        app,
        [
            "register",
            "generate",
            "--kommune",
            "665",
            "--from",
            "2021W01",
            "--to",
            "2023W52",
            "--out",
            str(reg),
            "--seed",
            "4",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "person-weeks for 1 municipalities" in r.output
    assert "665 Lemvig" in r.output  # the generated-vs-real table
    out = tmp_path / "ind.parquet"
    r = runner.invoke(
        app,
        [
            "register",
            "indicators",
            "--register",
            str(reg),
            "--kommune",
            "665",
            "--period",
            "2023",
            "--out",
            str(out),
            "--csv",
        ],
    )
    assert r.exit_code == 0, r.output
    t = pq.read_table(out)
    assert t.column_names[:3] == ["indikator", "kommune", "periode"]
    names = set(t.column("indikator").to_pylist())
    assert {"fuldtidspersoner", "tilgang", "zappere", "refusion_fordeling"} <= names
    assert (tmp_path / "ind.csv").read_text(encoding="utf-8").startswith('"indikator"')


def test_import_error_lists_lines_and_writes_nothing(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text(
        "person_id,week,ydelse,kommune\n1,2021W53,dagpenge,573\n2,2021W01,x,573\n", encoding="utf-8"
    )
    r = runner.invoke(app, ["register", "import", "long", str(src), "--out", str(tmp_path / "r")])
    assert r.exit_code == 1
    assert "line 2, field 'week'" in r.output and "line 3, field 'ydelse'" in r.output
    assert not (tmp_path / "r").exists()


def test_bad_period_is_a_usage_error(tmp_path):
    r = runner.invoke(
        app,
        [
            "register",
            "indicators",
            "--register",
            str(tmp_path),
            "--period",
            "20x3",
            "--out",
            str(tmp_path / "o.parquet"),
        ],
    )
    assert r.exit_code == 2


def test_calibration_prints_headers_and_compares_the_same_quarters(tmp_path):
    from indsats.register import generator, weeks
    from indsats.register.calibration import auk01_level

    r = runner.invoke(
        app, ["register", "calibration", "--from", "2023W01", "--to", "2024W13", "-k", "573"]
    )
    assert r.exit_code == 0, r.output
    lines = [line for line in r.output.splitlines() if line.strip()]
    head = lines[0].split()
    assert head[0] == "kommune" and "2023" in head and "K1" in head, lines[0]
    assert lines[1].startswith("573 Varde")
    # 2024 K1 alone: the real level is AUK01's first quarter of 2024, not the year's mean.
    (row,) = [
        x
        for x in generator.calibration_report(
            [573], weeks.parse_week("2023W01"), weeks.parse_week("2024W13")
        )
        if x.year == 2024
    ]
    assert row.quarters == ("2024Q1",) and row.label == "2024 K1" and row.weeks == 13
    assert row.real_auk01 == auk01_level(573, "2024Q1")
    year_mean = sum(auk01_level(573, f"2024Q{q}") or 0 for q in range(1, 5)) / 4
    assert row.real_auk01 != year_mean
    assert f"{row.real_auk01:.0f} / {row.generated_auk01:.0f}" in lines[1]
