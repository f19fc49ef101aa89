from pathlib import Path

from typer.testing import CliRunner

from indsats.cli.main import app

DATA = Path(__file__).parents[2] / "src" / "indsats" / "economics" / "data"


def run(*args):
    return CliRunner().invoke(app, ["economics", *args], env={"COLUMNS": "160"})


def test_check_lists_the_cell_that_does_not_add_up_and_exits_1():
    result = run("check", str(DATA / "varde_2021_samlet_besparelse.csv"))
    assert result.exit_code == 1
    assert (
        "\u22125.840" in result.output
        and "\u22125.850" in result.output
        and "2021" in result.output
    )


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


def test_budget_from_csv_files(tmp_path):
    (tmp_path / "b.csv").write_text(
        "ydelse;aar;helaarspersoner;enhedspris\nsygedagpenge;2021;585;240.000\n", encoding="utf-8"
    )
    (tmp_path / "a.csv").write_text(
        "aar;maaned;ydelse;helaarspersoner\n2021;1;sygedagpenge;600\n", encoding="utf-8"
    )
    (tmp_path / "s.csv").write_text(
        "aar;maaned;ydelse;trin_1;trin_2;trin_3;trin_4\n2021;1;sygedagpenge;0,10;0,50;0,25;0,15\n",
        encoding="utf-8",
    )
    result = run(
        "budget",
        str(tmp_path / "b.csv"),
        "--actuals",
        str(tmp_path / "a.csv"),
        "--split",
        str(tmp_path / "s.csv"),
    )
    assert result.exit_code == 0, result.output
    # January: 600 × 240.000 / 12 = 12.000.000 gross, × 0,615 = 7.380.000 net
    assert "12.000.000" in result.output and "7.380.000" in result.output
    (tmp_path / "a.csv").write_text(
        "aar;maaned;ydelse;helaarspersoner\n2021;1;sygedagpenge;seks\n", encoding="utf-8"
    )
    bad = run("budget", str(tmp_path / "b.csv"), "--actuals", str(tmp_path / "a.csv"))
    assert bad.exit_code == 2
    assert "a.csv line 2, column helaarspersoner: 'seks' is not a number" in bad.output


def test_budget_from_a_register_directory(tmp_path):
    from indsats.register.store import write_register
    from tests.analytics.handmade import handmade_register

    write_register(handmade_register(), tmp_path / "register")
    (tmp_path / "b.csv").write_text(
        "ydelse;aar;helaarspersoner;enhedspris\nsygedagpenge;2020;1;240.000\n", encoding="utf-8"
    )
    result = run(
        "budget",
        str(tmp_path / "b.csv"),
        "--register",
        str(tmp_path / "register"),
        "--kommune",
        "573",
    )
    assert result.exit_code == 0, result.output
    # January 2020 (tests/economics/test_fra_register.py): 1,0 helårsperson, 20.000 kr. gross,
    # municipal share 0,28 -> 5.600 kr. net
    assert "20.000" in result.output and "5.600" in result.output
