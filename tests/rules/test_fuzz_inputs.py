"""Fuzz every file the rules CLI reads (issue 12, keep it found): case JSON for `obligations` and
`summary`, benefit histories (weeks or periods) for `refusion`; valid inputs mutated the ways
real files go wrong (encodings, blank lines, random bytes, huge numbers, cut short, odd JSON
values). Whatever comes in: never a traceback; exit 0, or exit 2 with a message naming the file
(and line or field where there is one)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from indsats.cli.main import app
from tests.fuzzing import mutated_file

CASES = [
    {
        "sag_id": "A1",
        "ydelse": "kontanthjaelp",
        "visitation": "jobparat",
        "foedselsdato": "1980-01-01",
        "start": "2024-05-06",
        "samtaler": [{"dato": "2024-05-08"}],
        "tilbud": [{"type": "virksomhedspraktik", "start": "2024-06-03", "slut": "2024-06-28"}],
    },
    {
        "sag_id": 2,
        "ydelse": "sygedagpenge",
        "sygedagpenge": {"foerste_fravaersdag": "2025-03-01", "kategori": "2"},
    },
]
WEEKS = "person_id,week,ydelse\n" + "".join(
    f"p1,2024-W{w:02d},kontanthjaelp\n" for w in range(1, 9)
)
PERIODS = "person_id,fra,til,ydelse\np1,2023-01-02,2023-06-30,dagpenge\np2,2024-01-01,2024-03-31,kontanthjaelp\n"

INPUTS = {
    "obligations": (json.dumps(CASES, indent=1), ["obligations", "{f}", "--as-of", "2025-04-01"]),
    "summary": (json.dumps(CASES[0], indent=1), ["summary", "{f}", "--as-of", "2024-06-01"]),
    "refusion weeks": (WEEKS, ["refusion", "{f}"]),
    "refusion periods": (PERIODS, ["refusion", "{f}", "--format", "table"]),
}

_odd = st.sampled_from(
    ["9" * 400, "-1", "1e999", "NaN", "", '"', "\x00", "ø", " ", "2024-02-30", "2024-W53", "#"]
)
_json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2024-05-06", "1980-01-01", "kontanthjaelp", "jobparat", "9999-12-31"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def mutated_text(text: str) -> st.SearchStrategy[bytes]:
    return mutated_file(text, sep=",", odd=_odd, blanks=("", "   ", ",,"))


@st.composite
def mutated_case(draw, text: str) -> bytes:
    """Valid JSON with odd values in odd places, or the text mutated as any file."""
    if draw(st.booleans()):
        return draw(mutated_text(text))
    data = json.loads(text)
    for _ in range(draw(st.integers(1, 3))):
        target = data[draw(st.integers(0, len(data) - 1))] if isinstance(data, list) else data
        key = draw(st.sampled_from([*target, "samtaler", "tilbud", "sygedagpenge", "ukendt"]))
        target[key] = draw(_json_value)
    return json.dumps(data).encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])), "replace")


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_fuzz_rules_inputs_never_traceback(tmp_path, name):
    text, argv = INPUTS[name]
    strategy = mutated_case(text) if text.startswith(("[", "{")) else mutated_text(text)

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=strategy)
    def run(data: bytes) -> None:
        f = tmp_path / "input.file"
        f.write_bytes(data)
        args = [a.format(f=f) for a in argv]
        result = CliRunner().invoke(app, ["rules", *args], env={"COLUMNS": "200"})
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:
            assert "input.file" in result.output, result.output
            # where: a line, a field, a list item or the header
            assert re.search(
                r"line \d+|field |\[\d+\]|header|empty|not a text file", result.output
            ), result.output

    run()
