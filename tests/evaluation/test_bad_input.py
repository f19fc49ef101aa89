"""Bad input gets a clear message naming the problem, and no result."""

from __future__ import annotations

import pytest

from indsats.analytics.backend import connect
from indsats.evaluation import Deltager, Design, EvalueringsFejl, evaluate, read_participants
from indsats.evaluation.deltagere import parse_start, read_participants_text
from indsats.register.weeks import parse_week
from tests.evaluation.conftest import on_backend
from tests.evaluation.handmade import S, handmade_register


@pytest.fixture(scope="module")
def reg():
    return on_backend(connect("duckdb"), handmade_register())


def test_a_good_file_reads_ids_weeks_and_dates(tmp_path):
    f = tmp_path / "plus.csv"
    f.write_text(
        "# Projekt PLUS, deltagerliste\nperson_id;start_uge;navn ignoreres\n"
        "1;2020W10;a\n2;2020-03-04;b\n3;04.03.2020;c\n4;2020-W10;d\n",
        encoding="utf-8",
    )
    got = read_participants(f)
    assert [(d.person_id, d.start_uge) for d in got] == [(i, S) for i in (1, 2, 3, 4)]
    assert got[1].kilde == "plus.csv, line 4"


def test_every_problem_in_a_file_is_named_with_line_and_field():
    text = (
        "person_id,start\n"
        "1,2020W10\n"
        ",2020W10\n"  # line 3: no id
        "3,2021W53\n"  # line 4: no such week
        "4,31.02.2020\n"  # line 5: no such date
        "5,\n"  # line 6: no start
        "1,2020W12\n"  # line 7: person 1 again
        "6,next week\n"  # line 8: not a week
    )
    with pytest.raises(EvalueringsFejl) as exc:
        read_participants_text(text, name="liste.csv")
    msg = str(exc.value)
    assert "liste.csv: 6 problem(s), nothing was evaluated" in msg
    assert "liste.csv, line 3, field 'person_id': missing person id" in msg
    assert "liste.csv, line 4, field 'start': 2021-W53 does not exist (value '2021W53')" in msg
    assert "liste.csv, line 5, field 'start'" in msg and "'31.02.2020'" in msg
    assert "liste.csv, line 6, field 'start': missing start week" in msg
    assert (
        "liste.csv, line 7, field 'person_id': the person is already a participant (line 2)" in msg
    )
    assert "liste.csv, line 8, field 'start': not an ISO week (2021W05) or a date" in msg


def test_missing_columns_empty_and_absent_files(tmp_path):
    with pytest.raises(
        EvalueringsFejl,
        match=r"x.csv, line 1, field 'start_uge': missing column \(found: person_id, uge_nr\)",
    ):
        read_participants_text("person_id;uge_nr\n1;2020W10\n", name="x.csv")
    with pytest.raises(EvalueringsFejl, match="tom.csv: the file is empty"):
        read_participants_text("# kun en kommentar\n\n", name="tom.csv")
    with pytest.raises(EvalueringsFejl, match="no participants after the header"):
        read_participants_text("person_id;start_uge\n", name="kun_header.csv")
    with pytest.raises(EvalueringsFejl, match="findes_ikke.csv: no such file"):
        read_participants(tmp_path / "findes_ikke.csv")
    with pytest.raises(ValueError):
        parse_start("uge 10")


def test_participants_not_in_the_register_are_named(reg):
    with pytest.raises(EvalueringsFejl) as exc:
        evaluate(
            reg,
            [Deltager(1, S, "l.csv, line 2"), Deltager(777, S, "l.csv, line 3")],
            Design(min_deltagere=1),
        )
    assert "1 of 2 participants are not in the register" in str(exc.value)
    assert "l.csv, line 3: person 777" in str(exc.value)


def test_start_weeks_outside_the_register_are_named(reg):
    with pytest.raises(EvalueringsFejl) as exc:
        evaluate(reg, [Deltager(1, parse_week("2023W05"), "l.csv, line 2")], Design())
    assert "l.csv, line 2: start week 2023W05 lies outside the register (2019W01 to 2021W52)" in (
        str(exc.value)
    )


def test_a_pool_too_small_for_the_design_is_refused(reg):
    # Two participants in one cell with four candidates, none within a tight caliper.
    with pytest.raises(EvalueringsFejl) as exc:
        evaluate(
            reg,
            [Deltager(1, S), Deltager(2, S)],
            Design(naboer=1, caliper=0.001, min_deltagere=1, max_uden_match=0.0),
        )
    msg = str(exc.value)
    assert "The comparison pool is too small for the requested matching" in msg
    assert "week 2020W10, ydelse sygedagpenge, koen M: 2 participant(s), 4 candidate(s)" in msg


def test_too_few_matched_and_no_follow_up_yet(reg):
    with pytest.raises(
        EvalueringsFejl, match="only 2 participants could be matched; an estimate needs at least 20"
    ):
        evaluate(reg, [Deltager(1, S), Deltager(2, S)], Design(naboer=1, caliper=None))
    with pytest.raises(EvalueringsFejl, match="before any participant can be followed 26 weeks"):
        evaluate(
            reg,
            [Deltager(11, parse_week("2021W45"))],
            Design(naboer=1, caliper=None, min_deltagere=1),
        )


def test_a_bad_design_is_refused():
    with pytest.raises(EvalueringsFejl, match="unknown key variable"):
        Design(eksakt=("ydelse", "postnummer"))
    with pytest.raises(EvalueringsFejl, match="naboer"):
        Design(naboer=0)
    with pytest.raises(EvalueringsFejl, match="hovedmaal_uge"):
        Design(hovedmaal_uge=200)
