"""Issue 12: register importers read files as the economics readers do (indsats.domain.textfiles):
other encodings are read, broken and binary files are refused with file and line, blank lines do
not shift line numbers, and negative or absurd counts are refused with file, line and field."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from indsats.cli.main import app
from indsats.register.importers import (
    import_aggregate,
    import_dream_wide,
    import_long,
    load_dream_mapping,
)
from indsats.register.schema import RegisterImportError
from indsats.register.store import read_register

LONG = "person_id;week;ydelse;kommune\n1;2020W05;dagpenge;573\n2;2020W05;sygedagpenge;Ærø\n"


def refused(fn, *args, **kwargs):
    with pytest.raises(RegisterImportError) as exc:
        fn(*args, **kwargs)
    return exc.value.report.errors


def test_utf16_and_windows_1252_files_are_read(tmp_path):
    for encoding in ("utf-16", "cp1252", "utf-8-sig"):
        src = tmp_path / f"{encoding}.csv"
        src.write_bytes(
            "person_id;week;ydelse;kommune;origin\n1;2020W05;dagpenge;573;dansk\n"
            "2;2020W06;kontanthjaelp;573;indvandrer\n".encode(encoding)
        )
        assert import_long(src, tmp_path / encoding).rows_written == 2


def test_a_windows_1252_cell_is_reported_as_text_not_as_bytes(tmp_path):
    src = tmp_path / "latin.csv"
    src.write_bytes(LONG.encode("cp1252"))
    (err,) = refused(import_long, src, tmp_path / "reg")
    assert (err.line, err.field, err.value) == (3, "kommune", "Ærø")


def test_broken_bytes_and_binary_files_name_their_line(tmp_path):
    utf16 = tmp_path / "broken16.csv"
    utf16.write_bytes(
        "person_id,week,ydelse,kommune\n1,2020W05,dagpenge,573\n".encode("utf-16")[:-1]
    )
    (err,) = refused(import_long, utf16, tmp_path / "reg")
    assert err.file == str(utf16) and err.line == 2 and "UTF-16" in err.message
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"person_id,week,ydelse,kommune\n1,2020W05,dagpenge,573\n\x00\x01\x02\n")
    (err,) = refused(import_long, binary, tmp_path / "reg")
    assert err.line == 3 and "not a text file" in err.message
    assert not (tmp_path / "reg").exists()


def test_blank_lines_do_not_shift_line_numbers(tmp_path):
    src = tmp_path / "blank.csv"
    src.write_text(
        "\nperson_id,week,ydelse,kommune\n\n1,2020W05,dagpenge,573\n   \n\n2,2020W05,pizza,573\n",
        encoding="utf-8",
    )
    (err,) = refused(import_long, src, tmp_path / "reg")
    assert (err.line, err.field, err.value) == (7, "ydelse", "pizza")


def test_quoting_errors_and_wrong_cell_counts_name_their_line(tmp_path):
    quote = tmp_path / "quote.csv"
    quote.write_text(
        'person_id,week,ydelse,kommune\n1,2020W05,dagpenge,573\n2,"2020W05,dagpenge,573\n',
        encoding="utf-8",
    )
    (err,) = refused(import_long, quote, tmp_path / "reg")
    assert err.line == 3 and "never closed" in err.message
    width = tmp_path / "width.csv"
    width.write_text(
        "person_id,week,ydelse,kommune\n1,2020W05,dagpenge,573,x\n2,2020W05,dagpenge\n",
        encoding="utf-8",
    )
    errors = refused(import_long, width, tmp_path / "reg")
    assert [(e.line, e.message[:28]) for e in errors if e.field is None] == [
        (2, "5 cells but the header has 4"),
        (3, "3 cells but the header has 4"),
    ]


def test_a_quoted_line_break_keeps_the_line_of_its_record(tmp_path):
    src = tmp_path / "multi.csv"
    src.write_text(
        'person_id,week,ydelse,kommune,origin\n1,2020W05,dagpenge,573,"dansk\nx"\n'
        "2,2020W05,pizza,573,dansk\n",
        encoding="utf-8",
    )
    errors = refused(import_long, src, tmp_path / "reg")
    assert {(e.line, e.field) for e in errors} == {(2, "origin"), (4, "ydelse")}


def test_huge_and_non_ascii_numbers_are_reported_not_raised(tmp_path):
    src = tmp_path / "huge.csv"
    src.write_text(
        "person_id,week_index,ydelse,kommune,birth_year\n"
        f"{'9' * 400},1000,dagpenge,573,1980\n"
        f"2,{'9' * 40},dagpenge,573,1980\n"
        "3,1000,dagpenge,²,1980\n"
        "4,1000,dagpenge,573,--1980\n"
        "5,1000,dagpenge,573,١٩٨٠\n",
        encoding="utf-8",
    )
    errors = refused(import_long, src, tmp_path / "reg")
    assert {(e.line, e.field) for e in errors} == {
        (3, "week_index"),
        (4, "kommune"),
        (5, "birth_year"),
        (6, "birth_year"),
    }
    week = tmp_path / "week.csv"
    week.write_text("person_id,week,ydelse,kommune\n1,0000W01,dagpenge,573\n", encoding="utf-8")
    (err,) = refused(import_long, week, tmp_path / "reg")
    assert (err.line, err.field) == (2, "week")


def test_an_unreadable_parquet_file_is_named(tmp_path):
    src = tmp_path / "long.parquet"
    src.write_text(LONG, encoding="utf-8")
    (err,) = refused(import_long, src, tmp_path / "reg")
    assert err.file == str(src) and "not a readable Parquet file" in err.message


def test_an_empty_file_and_a_doubled_column(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    (err,) = refused(import_long, empty, tmp_path / "reg")
    assert "empty" in err.message
    twice = tmp_path / "twice.csv"
    twice.write_text("person_id,week,ydelse,ydelse,kommune\n", encoding="utf-8")
    (err,) = refused(import_long, twice, tmp_path / "reg")
    assert (err.line, err.field) == (1, "ydelse") and "twice" in err.message


def test_dream_files_and_mappings_in_other_encodings(tmp_path):
    src = tmp_path / "dream.csv"
    src.write_bytes("pnr;kommune;y_2005;y_2006\n1;573;;111\n".encode("utf-16"))
    assert import_dream_wide(src, tmp_path / "reg").rows_written == 1
    mapping = tmp_path / "mapping.csv"
    mapping.write_bytes(
        "dream_code,ydelse,status,source,note\n,selvforsoergelse,source,x,\n"
        "111,dagpenge,source,x,Første\n".encode("cp1252")
    )
    assert load_dream_mapping(mapping)["111"].note == "Første"
    bad = tmp_path / "bad_mapping.csv"
    bad.write_bytes(b"dream_code,ydelse,status\n\n111,dagpenge,\x00\n")
    with pytest.raises(ValueError, match=r"bad_mapping.csv line 3: not a text file"):
        load_dream_mapping(bad)
    r = CliRunner().invoke(
        app,
        [
            "register",
            "import",
            "dream",
            str(src),
            "--out",
            str(tmp_path / "r2"),
            "--mapping",
            str(bad),
        ],
    )
    assert r.exit_code == 2 and "bad_mapping.csv line 3" in r.output and r.exception is not None
    assert isinstance(r.exception, SystemExit)


def test_negative_and_absurd_counts_in_aggregates_are_refused(tmp_path):
    src = tmp_path / "agg.csv"
    src.write_text(
        "Område;Tid;Ydelse;Personer\n"
        "Varde;2023M01;Kontanthjælp;-12\n"
        "\n"
        "Varde;2023M02;Kontanthjælp;−3\n"
        f"Varde;2023M03;Kontanthjælp;{'9' * 400}\n"
        "Varde;2023M04;Kontanthjælp;NaN\n"
        "Varde;2023M05;Kontanthjælp;1e9\n"
        "Varde;2023M06;Kontanthjælp;1.234,5\n",
        encoding="utf-8",
    )
    errors = refused(import_aggregate, src, tmp_path / "agg.parquet")
    assert [(e.line, e.field, e.message.split(" (")[0]) for e in errors] == [
        (2, "Personer", "a count cannot be negative"),
        (4, "Personer", "a count cannot be negative"),
        (5, "Personer", "not a number"),
        (6, "Personer", "not a number"),
        (7, "Personer", "not a number"),
    ]
    assert not (tmp_path / "agg.parquet").exists()


def test_an_aggregate_in_windows_1252_with_blank_lines(tmp_path):
    src = tmp_path / "agg.csv"
    src.write_bytes(
        "Område;Tid;Ydelse;Personer\n\nVarde;2023M01;Kontanthjælp;12\n\nAtlantis;2023M01;Kontanthjælp;1\n".encode(
            "cp1252"
        )
    )
    (err,) = refused(import_aggregate, src, tmp_path / "agg.parquet")
    assert (err.line, err.field, err.value) == (5, "Område", "Atlantis")
    src.write_bytes(
        "Område;Tid;Ydelse;Personer\n\nVarde;2023M01;Kontanthjælp;12\n".encode("cp1252")
    )
    import_aggregate(src, tmp_path / "agg.parquet")
    assert pq.read_table(tmp_path / "agg.parquet").column("vaerdi").to_pylist() == [12.0]


def test_the_cli_prints_file_line_and_field_and_exits_1(tmp_path):
    src = tmp_path / "latin.csv"
    src.write_bytes(b"person_id,week,ydelse,kommune\n1,2020W05,dagpenge,573\n\xff\x00\n")
    r = CliRunner().invoke(
        app, ["register", "import", "long", str(src), "--out", str(tmp_path / "reg")]
    )
    assert r.exit_code == 1, r.output
    assert f"{src}, line 3: not a text file" in r.output
    assert not (tmp_path / "reg").exists()
    good = tmp_path / "good.csv"
    good.write_text("person_id,week,ydelse,kommune\n1,2020W05,dagpenge,573\n", encoding="utf-8")
    assert import_long(good, tmp_path / "reg").rows_written == 1
    assert read_register(tmp_path / "reg").num_rows == 1
