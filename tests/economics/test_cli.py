from pathlib import Path

from typer.testing import CliRunner

from indsats.cli.main import app

DATA = Path(__file__).parents[2] / "src" / "indsats" / "economics" / "data"


def run(*args):
    return CliRunner().invoke(app, ["economics", *args], env={"COLUMNS": "160"})


def test_check_lists_the_cell_that_does_not_add_up_and_exits_1():
    result = run("check", str(DATA / "varde_2021_samlet_besparelse.csv"))
    assert result.exit_code == 1
    assert "-5.840" in result.output and "-5.850" in result.output and "2021" in result.output


def test_check_exits_0_when_everything_adds_up():
    result = run("check", str(DATA / "varde_2021_kontanthjaelp_jobparate.csv"))
    assert result.exit_code == 0 and "add up" in result.output


def test_check_bad_cell_is_a_clear_error(tmp_path):
    p = tmp_path / "TABLE.csv"
    p.write_text("post;2023\na;1\nb;abc\nI alt;1\n", encoding="utf-8")
    result = run("check", str(p))
    assert result.exit_code == 2
    assert "TABLE.csv line 3, column 2023: 'abc' is not a number" in result.output


def test_course_cost_and_business_case():
    result = run("course-cost", "Klar til start", "--length", "12")
    assert result.exit_code == 0
    assert "203.880 kr." in result.output and "146.420" in result.output
    bad = run("course-cost", "Klar til start", "--length", "-3", "--unit", "uger")
    assert bad.exit_code == 2 and "must not be negative" in bad.output
    case = run("business-case", str(DATA / "varde_2021_jobafklaring_investering.yaml"))
    assert case.exit_code == 0 and "+765.000" in case.output
