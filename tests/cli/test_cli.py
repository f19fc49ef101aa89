import os
import subprocess
import sys

from typer.testing import CliRunner

from indsats.cli.main import app


def test_help_lists_the_main_commands():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "serve", "manage"):
        assert command in result.output


def test_demo_builds_a_municipality_and_prints_logins(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update({"INDSATS_VAR_DIR": str(tmp_path), "COLUMNS": "120"})
    # Built for a fixed day (the demo lives on the day it is built for; tests fix it).
    cmd = [sys.executable, "-m", "indsats.cli.main", "demo", "--no-serve", "--today", "2025-03-15"]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Varde (573), bygget til 15.03.2025" in result.stdout
    # The report is for the last complete month, February 2025.
    assert (tmp_path / "reports" / "573" / "2025-02" / "report.pdf").exists()
    for username in ("mette", "jonas", "anne", "sofie", "udvalg", "admin"):
        assert username in result.stdout
    assert (tmp_path / "indsats.sqlite3").exists()
    # The committee's recent meeting has its minutes, with the demo's effect evaluation as an item.
    import sqlite3

    db = sqlite3.connect(tmp_path / "indsats.sqlite3")
    arts = {
        a
        for (a,) in db.execute(
            "select p.art from committee_punkt p join committee_moede m on p.moede_id = m.id "
            "where m.status = 'referat_godkendt'"
        )
    }
    assert {"effektvurdering", "nyt_tilbud", "budgetopfoelgning"} <= arts, arts
    db.close()
    # The demo remembers the day its data was built for.
    marker = tmp_path / "demo-573-dag.txt"
    assert marker.read_text(encoding="utf-8") == "2025-03-15"
    assert "Bemærk" not in result.stdout
    # A second run reuses what is there (idempotent), and still succeeds; had the data been built
    # for another day, it says so (the cases stay on that day) and keeps that day.
    marker.write_text("2025-03-01", encoding="utf-8")
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "bygget til 01.03.2025 og er beholdt" in " ".join(again.stdout.split())
    assert marker.read_text(encoding="utf-8") == "2025-03-01"


def test_unknown_municipality_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--kommune", "411"])
    assert result.exit_code != 0
    assert result.exit_code == 2
    assert "unknown kommunekode: 411" in result.output


def test_a_bad_demo_day_is_a_clear_error():
    runner = CliRunner()
    for day, message in [
        ("15.03.2025", "'15.03.2025' is not a date; write it as YYYY-MM-DD"),
        ("2023-12-31", "the earliest day is 2024-01-01"),
        ("2999-01-01", "the day lies after today"),
    ]:
        result = runner.invoke(app, ["demo", "--no-serve", "--today", day], env={"COLUMNS": "200"})
        assert result.exit_code == 2, result.output
        assert "Invalid value for '--today'" in result.output
        assert message in result.output, result.output
