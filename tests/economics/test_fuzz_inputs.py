"""Fuzz every economics input the CLI reads: a valid file, mutated the ways real files go wrong
(other encodings and separators, blank lines, random bytes, huge or odd numbers, cut short).
Whatever comes in: never a traceback, exit 0/1 for a readable file and 2 with the file's name for
a bad one."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from indsats.cli.main import app
from tests.fuzzing import mutated_file

DATA = Path(__file__).parents[2] / "src" / "indsats" / "economics" / "data"

BUDGET = "ydelse;aar;helaarspersoner;enhedspris\nsygedagpenge;2021;585;240.000\n"
ACTUALS = "aar;maaned;ydelse;helaarspersoner\n2021;1;sygedagpenge;600\n2021;2;sygedagpenge;590\n"
SPLIT = "aar;maaned;ydelse;trin_1;trin_2;trin_3;trin_4\n2021;1;sygedagpenge;0,10;0,50;0,25;0,15\n"

# name -> (valid text, the command line with {f} for the mutated file, {d} for the data folder)
INPUTS = {
    "check": (
        (DATA / "varde_2021_jobafklaring_investering.csv").read_text(encoding="utf-8"),
        ["check", "{f}"],
    ),
    "price-list": (
        (DATA / "ringkobing_skjern_2022_tilbudspriser.csv").read_text(encoding="utf-8"),
        ["price-list", "{f}"],
    ),
    "course-cost": (
        (DATA / "ringkobing_skjern_2022_tilbudspriser.csv").read_text(encoding="utf-8"),
        ["course-cost", "Klar til start", "--length", "12", "--price-list", "{f}"],
    ),
    "business-case": (
        (DATA / "varde_2021_jobafklaring_investering.yaml").read_text(encoding="utf-8"),
        ["business-case", "{f}"],
    ),
    "budget": (BUDGET, ["budget", "{f}"]),
    "budget --actuals": (ACTUALS, ["budget", "{d}/budget.csv", "--actuals", "{f}"]),
    "budget --split": (
        SPLIT,
        ["budget", "{d}/budget.csv", "--actuals", "{d}/actuals.csv", "--split", "{f}"],
    ),
}

_odd = st.sampled_from(
    [
        "9" * 400,
        "-0",
        "1e9",
        "NaN",
        "1.5",
        "1,5",
        "−3",
        "",
        '"',
        "\x00",
        "ø",
        "\t",
        "#",
        "- 2",
        "1.234.567,89",
        "12 %",
    ]
)


def mutated(text: str) -> st.SearchStrategy[bytes]:
    return mutated_file(
        text,
        sep=";",
        odd=_odd,
        blanks=("", "   ", "# note"),
        separators=(",", "\t", ";;"),
    )


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_fuzz_economics_inputs_never_traceback(tmp_path, name):
    text, argv = INPUTS[name]
    (tmp_path / "budget.csv").write_text(BUDGET, encoding="utf-8")
    (tmp_path / "actuals.csv").write_text(ACTUALS, encoding="utf-8")

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=mutated(text))
    def run(data: bytes) -> None:
        f = tmp_path / "input.file"
        f.write_bytes(data)
        args = [a.format(f=f, d=tmp_path) for a in argv]
        result = CliRunner().invoke(app, ["economics", *args], env={"COLUMNS": "200"})
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code in (0, 1, 2), result.output
        if result.exit_code == 2:
            assert "input.file" in result.output, result.output

    run()
