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
