"""`indsats plan`: check, diff and document from the command line."""

from pathlib import Path

from typer.testing import CliRunner

from indsats.cli.main import app

VARDE = Path(__file__).parents[2] / "src/indsats/plan/data/varde_2020_2023_revideret_2021.yaml"


def test_check_finds_the_tables_that_do_not_add_up():
    r = CliRunner().invoke(app, ["plan", "check", str(VARDE)])
    assert r.exit_code == 1
    assert "Samlet økonomibesparelse (1.000 kr.): 2021" in r.output
    assert "2 tabelcelle(r) regner ikke" in r.output


def test_bad_plan_file_exits_2_with_the_field(tmp_path):
    bad = tmp_path / "plan.yaml"
    bad.write_text(
        "kommune: 573\ntitel: X\nperiode: {fra: 2026, til: 2031}\nbetegnelse: Y\nudvalg: Z\n"
    )
    r = CliRunner().invoke(app, ["plan", "check", str(bad)])
    assert r.exit_code == 2
    assert "plan.yaml: periode.til: En beskæftigelsesplan dækker 1-4 år, ikke 6" in r.output


def test_document_html_only(tmp_path):
    r = CliRunner().invoke(
        app, ["plan", "document", str(VARDE), "--out", str(tmp_path), "--format", "html"]
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "beskaeftigelsesplan.html").exists()
    assert not (tmp_path / "beskaeftigelsesplan.pdf").exists()
