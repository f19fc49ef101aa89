"""`indsats rules obligations` and `indsats rules refusion` through Typer's CliRunner."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from indsats.cli.rules import app

runner = CliRunner()


def output(res) -> str:
    text = res.output
    with contextlib.suppress(ValueError, AttributeError):
        text += res.stderr
    return text


def test_obligations_json(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(
        json.dumps(
            {
                "sag_id": "A1",
                "ydelse": "kontanthjaelp",
                "visitation": "jobparat",
                "foedselsdato": "1980-01-01",
                "start": "2024-05-06",
            }
        ),
        encoding="utf-8",
    )
    res = runner.invoke(app, ["obligations", str(case), "--as-of", "2024-05-07"])
    assert res.exit_code == 0, output(res)
    data = json.loads(res.stdout)
    first = [o for o in data if o["rule_id"] == "LAB.31.jobsamtale" and o["nr"] == 1][0]
    assert first["due_by"] == "2024-05-13"
    assert first["parameter_version"] == {"from": "2024-01-01", "to": "2026-06-30"}
    assert "13.05.2024" in first["text_da"]


def test_obligations_list_of_cases(tmp_path: Path) -> None:
    case = tmp_path / "cases.json"
    case.write_text(
        json.dumps(
            [
                {"sag_id": "A", "ydelse": "dagpenge", "start": "2024-03-04"},
                {"sag_id": "B", "ydelse": "ledighedsydelse", "start": "2024-03-04"},
            ]
        )
    )
    res = runner.invoke(app, ["obligations", str(case), "--as-of", "2024-04-01"])
    assert res.exit_code == 0, output(res)
    assert {o["sag_id"] for o in json.loads(res.stdout)} == {"A", "B"}


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"sag_id": "A", "ydelse": "boligstoette", "start": "2024-03-04"}, "ydelse"),
        (
            {"sag_id": "A", "ydelse": "dagpenge", "start": "2024-03-04", "slut": "2024-03-01"},
            "slut",
        ),
        ({"sag_id": "A", "ydelse": "dagpenge"}, "start"),
        ({"sag_id": "A", "ydelse": "dagpenge", "start": "04-03-2024"}, "start"),
        (
            {
                "sag_id": "A",
                "ydelse": "dagpenge",
                "start": "2024-03-04",
                "tilbud": [
                    {"type": "virksomhedspraktik", "start": "2024-05-01", "slut": "2024-04-01"}
                ],
            },
            "tilbud[0].slut",
        ),
        (
            {
                "sag_id": "A",
                "ydelse": "dagpenge",
                "start": "2024-03-04",
                "samtaler": [{"holder": "akasse"}],
            },
            "samtaler[0].dato",
        ),
        ({"sag_id": "A", "ydelse": "kontanthjaelp", "start": "2024-03-04"}, "alder"),
        (
            {"sag_id": "A", "ydelse": "kontanthjaelp", "start": "2024-03-04", "alder": 40},
            "visitation",
        ),
        (
            {
                "sag_id": "A",
                "ydelse": "kontanthjaelp",
                "start": "2024-03-04",
                "alder": 40,
                "visitation": "klar",
            },
            "visitation",
        ),
        (
            {
                "sag_id": "A",
                "ydelse": "sygedagpenge",
                "start": "2024-03-04",
                "sygedagpenge": {"ansaettelse": "ledig"},
            },
            "sygedagpenge.kategori",
        ),
        ({"sag_id": "A", "ydelse": "sygedagpenge", "start": "2024-03-04"}, "sygedagpenge"),
        (
            {
                "sag_id": "A",
                "ydelse": "sygedagpenge",
                "start": "2025-03-01",
                "sygedagpenge": {"foerste_fravaersdag": "2025-03-01", "kategori": "3"},
            },
            "sygedagpenge.kategori",
        ),
        ({"sag_id": "A", "ydelse": "dagpenge", "start": "2024-03-04", "farve": "blaa"}, "farve"),
    ],
)
def test_malformed_case_names_the_field(tmp_path: Path, case: dict, field: str) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    res = runner.invoke(app, ["obligations", str(path), "--as-of", "2025-04-01"])
    assert res.exit_code != 0
    assert f"field {field}" in output(res), output(res)


def test_bad_as_of_and_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text("{not json", encoding="utf-8")
    res = runner.invoke(app, ["obligations", str(path), "--as-of", "2025-04-01"])
    assert res.exit_code != 0 and "not valid JSON" in output(res)
    res = runner.invoke(app, ["obligations", str(path), "--as-of", "1.4.2025"])
    assert res.exit_code != 0 and "--as-of" in output(res)


def test_case_before_2020_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(
        json.dumps(
            {"sag_id": "A", "ydelse": "dagpenge", "maalgruppe": "dagpenge", "start": "2019-06-03"}
        )
    )
    res = runner.invoke(app, ["obligations", str(path), "--as-of", "2020-02-01"])
    assert res.exit_code != 0 and "before 2020-01-01" in output(res)


def test_refusion_csv(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    lines = ["person_id,week,ydelse"] + [f"p1,2024-W{w:02d},kontanthjaelp" for w in range(1, 7)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["refusion", str(path)])
    assert res.exit_code == 0, output(res)
    data = json.loads(res.stdout)
    assert [r["tier"] for r in data] == [1, 1, 1, 1, 2, 2]
    assert data[4]["rate"] == 0.4 and data[4]["rate_pct"] == 40  # numbers as numbers
    res = runner.invoke(app, ["refusion", str(path), "--format", "table"])
    assert res.exit_code == 0 and "2024-W05" in res.stdout


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("person_id,week,ydelse\np1,2024-W05,boligstoette\n", "field ydelse"),
        ("person_id,week,ydelse\np1,2024-13,dagpenge\n", "field week"),
        ("person_id,week,ydelse\np1,,dagpenge\n", "field week"),
    ],
)
def test_refusion_malformed(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "history.csv"
    path.write_text(text, encoding="utf-8")
    res = runner.invoke(app, ["refusion", str(path)])
    assert res.exit_code != 0
    assert field in output(res) and "line 2" in output(res)


def test_main_app_has_rules_group() -> None:
    from indsats.cli.main import app as main_app

    res = runner.invoke(main_app, ["rules", "--help"])
    assert res.exit_code == 0 and "obligations" in res.stdout


def test_refusion_history_lines_count_blank_lines_and_other_encodings(tmp_path: Path) -> None:
    """Issue 12: blank lines do not shift the reported line; Windows-1252 and UTF-16 files are
    read; a broken quote or a binary file is a message with the line, not a traceback."""
    history = tmp_path / "historik.csv"
    text = "\nperson_id,week,ydelse\n\np1,2024-W01,kontanthjaelp\n\np1,2024-W02,pizza\n"
    history.write_bytes(text.encode("cp1252"))
    res = runner.invoke(app, ["refusion", str(history)])
    assert res.exit_code == 2 and "historik.csv line 6, field ydelse" in output(res)
    history.write_bytes(text.replace("pizza", "kontanthjaelp").encode("utf-16"))
    res = runner.invoke(app, ["refusion", str(history)])
    assert res.exit_code == 0, output(res)
    history.write_text('person_id,week,ydelse\np1,2024-W01,kontanthjaelp\n\n"p1,2024-W02\n')
    res = runner.invoke(app, ["refusion", str(history)])
    assert res.exit_code == 2 and "historik.csv line 4" in output(res), output(res)
    history.write_bytes(b"person_id,week,ydelse\n\x00\x01\n")
    res = runner.invoke(app, ["refusion", str(history)])
    assert res.exit_code == 2 and "historik.csv line 2: not a text file" in output(res)
    case = tmp_path / "sag.json"
    case.write_bytes(
        '{"sag_id": "Æ", "ydelse": "dagpenge",\n "start": "2024-03-04",}'.encode("cp1252")
    )
    res = runner.invoke(app, ["obligations", str(case), "--as-of", "2024-04-01"])
    assert res.exit_code == 2 and "sag.json line 2, column" in output(res), output(res)


def test_dates_no_deadline_can_follow_are_refused_not_raised(tmp_path: Path) -> None:
    """Found by the fuzz test (issue 12): a case starting in 9999 made `summary` raise
    'year 10000 is out of range'."""
    case = tmp_path / "sag.json"
    case.write_text(json.dumps({"sag_id": "A", "ydelse": "dagpenge", "start": "9999-10-01"}))
    for command in ("summary", "obligations"):
        res = runner.invoke(app, [command, str(case), "--as-of", "2024-04-01"])
        assert res.exit_code == 2 and "field start: 9999-10-01 is outside 1900-2199" in output(res)
    case.write_text(json.dumps({"sag_id": "A", "ydelse": "dagpenge", "start": "2024-03-04"}))
    res = runner.invoke(app, ["summary", str(case), "--as-of", "9999-12-31"])
    assert res.exit_code == 2 and "--as-of: 9999-12-31 is outside 1900-2199" in output(res)
