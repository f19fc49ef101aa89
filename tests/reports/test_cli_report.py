"""`indsats report`: writes report.html and report.pdf, and names a bad month or goal file."""

import shutil

from typer.testing import CliRunner

from indsats.cli.main import app

from .conftest import KOMMUNE, MONTH


def test_report_command_writes_html_and_pdf(tmp_path, monkeypatch, small_register, goals):
    monkeypatch.chdir(tmp_path)
    reg = tmp_path / "var" / "register" / str(KOMMUNE)
    shutil.copytree(small_register, reg)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["report", "--kommune", str(KOMMUNE), "--month", MONTH, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "report.html").exists() and (out / "report.pdf").exists()
    assert "Månedsrapport for Læsø (2024-06)" in result.output


def test_report_command_errors(tmp_path):
    r = CliRunner().invoke(
        app, ["report", "--kommune", "573", "--month", "2024-13", "--out", str(tmp_path)]
    )
    assert r.exit_code == 2 and "not a month" in r.output
    bad = tmp_path / "maal.yaml"
    bad.write_text("maal:\n  - id: a\n    titel: A\n    indikator: nej\n", encoding="utf-8")
    reg = tmp_path / "reg"
    reg.mkdir()
    r = CliRunner().invoke(
        app,
        [
            "report",
            "--kommune",
            "573",
            "--month",
            "2024-06",
            "--out",
            str(tmp_path),
            "--register",
            str(reg),
            "--goals",
            str(bad),
        ],
    )
    assert r.exit_code == 1
    assert str(bad) in r.output and "maal[0]" in r.output
