"""One first sick day (issue 17): a sygedagpenge case may give it as `start`, as
`sygedagpenge.foerste_fravaersdag` or as the first of `sygedagpenge.perioder`; any of them alone
is enough, several are accepted when they are the same day, and two different days are refused
naming both fields and both days — through the Python API and the CLI."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from indsats.cli.rules import app
from indsats.rules.model import InputError, Sag
from tests.rules.helpers import find

FIRST = "2024-03-04"
OTHER = "2024-03-06"
FIELDS = ("start", "foerste_fravaersdag", "perioder")
FULL_NAME = {
    "start": "start",
    "foerste_fravaersdag": "sygedagpenge.foerste_fravaersdag",
    "perioder": "sygedagpenge.perioder[0].fra",
}


def sick_case(**days: str) -> dict[str, Any]:
    """A sygedagpenge case with the first sick day in the fields given (`start`,
    `foerste_fravaersdag`, `perioder`)."""
    info: dict[str, Any] = {"kategori": "2"}
    raw: dict[str, Any] = {"sag_id": "S1", "ydelse": "sygedagpenge", "sygedagpenge": info}
    if "start" in days:
        raw["start"] = days["start"]
    if "foerste_fravaersdag" in days:
        info["foerste_fravaersdag"] = days["foerste_fravaersdag"]
    if "perioder" in days:
        info["perioder"] = [{"fra": days["perioder"], "til": "2024-04-30"}, {"fra": "2024-06-03"}]
    return raw


# every non-empty combination of the three fields
COMBINATIONS = [c for n in range(1, len(FIELDS) + 1) for c in itertools.combinations(FIELDS, n)]


@pytest.mark.parametrize("fields", COMBINATIONS, ids="+".join)
def test_the_first_sick_day_in_any_agreeing_fields(fields: tuple[str, ...]) -> None:
    sag = Sag.from_dict(sick_case(**dict.fromkeys(fields, FIRST)))
    assert sag.start == date(2024, 3, 4)
    assert sag.sygedagpenge is not None
    assert sag.sygedagpenge.foerste_fravaersdag == date(2024, 3, 4)
    # the deadlines run from that day: the first opfølgning by the end of week 8 (SDL § 13 b)
    ob = find(sick_case(**dict.fromkeys(fields, FIRST)), "2024-03-10", "SDL.13b.opfoelgning")
    assert ob is not None and ob.due_from == date(2024, 3, 4) and ob.due_by == date(2024, 4, 28)


def test_no_first_sick_day_at_all_is_an_error() -> None:
    with pytest.raises(InputError) as exc:
        Sag.from_dict(sick_case())
    assert exc.value.field == "sygedagpenge.foerste_fravaersdag"
    assert "missing" in str(exc.value)


DISAGREEMENTS = [
    # (fields with FIRST, fields with OTHER, the two fields named in the error, field reported)
    pytest.param(
        ("start",), ("foerste_fravaersdag",), "sygedagpenge.foerste_fravaersdag", id="start-vs-ffd"
    ),
    pytest.param(("start",), ("perioder",), "sygedagpenge.perioder[0].fra", id="start-vs-perioder"),
    pytest.param(
        ("foerste_fravaersdag",),
        ("perioder",),
        "sygedagpenge.perioder[0].fra",
        id="ffd-vs-perioder",
    ),
    pytest.param(
        ("perioder",),
        ("foerste_fravaersdag",),
        "sygedagpenge.perioder[0].fra",
        id="perioder-earlier",
    ),
    pytest.param(
        ("start", "foerste_fravaersdag"),
        ("perioder",),
        "sygedagpenge.perioder[0].fra",
        id="3-perioder-differs",
    ),
    pytest.param(
        ("start", "perioder"),
        ("foerste_fravaersdag",),
        "sygedagpenge.perioder[0].fra",
        id="3-ffd-differs",
    ),
    pytest.param(
        ("foerste_fravaersdag", "perioder"),
        ("start",),
        "sygedagpenge.foerste_fravaersdag",
        id="3-start-differs",
    ),
]


def _disagreeing(same: tuple[str, ...], other: tuple[str, ...]) -> dict[str, Any]:
    days = dict.fromkeys(same, FIRST) | dict.fromkeys(other, OTHER)
    if "perioder" in other:  # a later first absence must still be ordered before the second
        days["perioder"] = OTHER
    return sick_case(**days)


@pytest.mark.parametrize(("same", "other", "field"), DISAGREEMENTS)
def test_two_different_first_sick_days_are_refused(
    same: tuple[str, ...], other: tuple[str, ...], field: str
) -> None:
    with pytest.raises(InputError) as exc:
        Sag.from_dict(_disagreeing(same, other))
    assert exc.value.field == field
    message = str(exc.value)
    assert "two different first sick days" in message
    assert FIRST in message and OTHER in message
    assert FULL_NAME[other[0]] in message
    assert any(FULL_NAME[f] in message for f in same)


def test_perioder_earlier_than_foerste_fravaersdag_is_refused_too() -> None:
    """Before issue 17's mend only this direction was refused; a later first absence is refused
    the same way (the absences start on the first absence day)."""
    raw = sick_case(foerste_fravaersdag=OTHER, perioder=FIRST)
    with pytest.raises(InputError, match="two different first sick days"):
        Sag.from_dict(raw)


def test_another_benefit_keeps_its_own_start() -> None:
    """Only a sygedagpenge case's start is the first sick day; a jobafklaringsforløb after
    sygedagpenge starts on its own day."""
    raw = sick_case(start="2025-01-06", foerste_fravaersdag=FIRST)
    raw["ydelse"] = "jobafklaringsforloeb"
    sag = Sag.from_dict(raw)
    assert sag.start == date(2025, 1, 6)
    assert sag.sygedagpenge is not None
    assert sag.sygedagpenge.foerste_fravaersdag == date(2024, 3, 4)


runner = CliRunner()


@pytest.mark.parametrize(("same", "other", "field"), DISAGREEMENTS)
def test_cli_names_the_file_the_field_and_both_days(
    tmp_path: Path, same: tuple[str, ...], other: tuple[str, ...], field: str
) -> None:
    path = tmp_path / "CASE.json"
    path.write_text(json.dumps(_disagreeing(same, other)), encoding="utf-8")
    for command in ("obligations", "summary"):
        res = runner.invoke(app, [command, str(path), "--as-of", "2024-04-01"])
        assert res.exit_code == 2, res.output
        assert "Traceback" not in res.output
        assert f"CASE.json: field {field}: two different first sick days" in res.output, res.output
        assert FIRST in res.output and OTHER in res.output


def test_cli_summary_and_deadlines_follow_the_same_day(tmp_path: Path) -> None:
    path = tmp_path / "CASE.json"
    path.write_text(json.dumps(sick_case(start=FIRST, foerste_fravaersdag=FIRST)), encoding="utf-8")
    res = runner.invoke(app, ["summary", str(path), "--as-of", "2024-03-10", "--format", "text"])
    assert res.exit_code == 0, res.output
    assert "Sygedagpenge fra 04.03.2024" in res.output
    assert "senest 28.04.2024" in res.output
