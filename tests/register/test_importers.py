"""Importers: good files land in the canonical register; bad lines are all reported with file,
line and field, and nothing is written."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from indsats.register import weeks
from indsats.register.importers import (
    import_aggregate,
    import_dream_wide,
    import_long,
    load_dream_mapping,
)
from indsats.register.schema import SCHEMA, RegisterImportError
from indsats.register.store import read_register


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_long_csv_with_iso_weeks(tmp_path):
    src = write(
        tmp_path,
        "long.csv",
        "person_id,iso_year,iso_week,ydelse,kommune,birth_year,sex\n"
        "1,2020,53,dagpenge,573,1980,K\n"
        "1,2021,1,sygedagpenge,573,1980,K\n"
        "2,2021,1,kontanthjaelp,390,,\n",
    )
    report = import_long(src, tmp_path / "reg")
    assert report.ok and report.rows_written == 3
    t = read_register(tmp_path / "reg")
    assert t.schema.equals(SCHEMA, check_metadata=False)
    assert t.column("week_index").to_pylist() == [
        weeks.week_index(2020, 53),
        weeks.week_index(2021, 1),
        weeks.week_index(2021, 1),
    ]
    assert t.column("birth_year").to_pylist() == [1980, 1980, None]
    assert t.column("sex").to_pylist() == ["K", "K", None]


def test_long_bad_lines_are_all_reported_and_nothing_is_written(tmp_path):
    src = write(
        tmp_path,
        "bad.csv",
        "person_id,week,ydelse,kommune\n"
        "1,2020W05,dagpenge,573\n"  # line 2 fine
        "2,2021W53,dagpenge,573\n"  # line 3: 2021 has 52 weeks
        "3,2020W06,pizza,573\n"  # line 4: unknown code
        "4,2020W06,dagpenge,9999\n"  # line 5: unknown kommune
        "1,2020W05,sygedagpenge,573\n"  # line 6: conflicts with line 2
        "5,2020W07,dagpenge,573\n",
    )  # line 7 fine
    out = tmp_path / "reg"
    with pytest.raises(RegisterImportError) as exc:
        import_long(src, out)
    errors = [str(p) for p in exc.value.report.errors]
    assert any("bad.csv, line 3, field 'week'" in e and "2021W53" in e for e in errors)
    assert any("line 4, field 'ydelse'" in e and "pizza" in e for e in errors)
    assert any("line 5, field 'kommune'" in e and "9999" in e for e in errors)
    assert any(
        "line 6, field 'ydelse'" in e and "conflicting duplicate" in e and "line 2" in e
        for e in errors
    )
    assert len(errors) == 4
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]  # no temporary leftovers


def test_exact_duplicate_is_a_warning_and_dropped(tmp_path):
    src = write(
        tmp_path,
        "dup.csv",
        "person_id,week,ydelse,kommune\n1,2020W05,dagpenge,573\n1,2020W05,dagpenge,573\n",
    )
    report = import_long(src, tmp_path / "reg")
    assert report.rows_written == 1
    assert [str(w) for w in report.warnings] == [
        f"{src}, line 3: exact duplicate of line 2 (same person, week and ydelse); dropped"
    ]


def test_missing_column_names_the_header(tmp_path):
    src = write(tmp_path, "m.csv", "person_id,week,kommune\n1,2020W05,573\n")
    with pytest.raises(RegisterImportError) as exc:
        import_long(src, tmp_path / "reg")
    assert str(exc.value.report.errors[0]) == f"{src}, line 1, field 'ydelse': missing column"


def test_failed_import_keeps_the_previous_register(tmp_path):
    good = write(tmp_path, "good.csv", "person_id,week,ydelse,kommune\n1,2020W05,dagpenge,573\n")
    bad = write(tmp_path, "bad.csv", "person_id,week,ydelse,kommune\n1,2020W05,nope,573\n")
    import_long(good, tmp_path / "reg")
    with pytest.raises(RegisterImportError):
        import_long(bad, tmp_path / "reg")
    assert read_register(tmp_path / "reg").num_rows == 1


def test_long_parquet_rows_are_numbered_from_one(tmp_path):
    p = tmp_path / "long.parquet"
    pq.write_table(
        pa.table(
            {
                "person_id": [1, 2],
                "week_index": [1000, 1000],
                "ydelse": ["dagpenge", "xx"],
                "kommune": [573, 573],
            }
        ),
        p,
    )
    with pytest.raises(RegisterImportError) as exc:
        import_long(p, tmp_path / "reg")
    assert str(exc.value.report.errors[0]).startswith(f"{p}, line 2, field 'ydelse'")


def test_string_person_ids_are_hashed_consistently(tmp_path):
    src = write(
        tmp_path,
        "s.csv",
        "person_id,week,ydelse,kommune\n"
        "abc,2020W05,dagpenge,573\nabc,2020W06,dagpenge,573\nxyz,2020W05,dagpenge,573\n",
    )
    import_long(src, tmp_path / "reg")
    ids = read_register(tmp_path / "reg").column("person_id").to_pylist()
    assert len(set(ids)) == 2 and all(i >= 0 for i in ids)
    assert sorted(ids.count(i) for i in set(ids)) == [1, 2]  # abc twice, xyz once


def test_dream_wide(tmp_path):
    src = write(
        tmp_path,
        "dream.csv",
        "pnr;kommune;y_2052;y_2053;y_2101;y_2102\na;573;111;890;;881\nb;390;130;130;130;997\n",
    )
    report = import_dream_wide(src, tmp_path / "reg")
    t = read_register(tmp_path / "reg").to_pylist()
    got = [(r["kommune"], r["iso_year"], r["iso_week"], r["ydelse"]) for r in t]
    assert sorted(got) == sorted(
        [
            (573, 2020, 52, "dagpenge"),
            (573, 2020, 53, "sygedagpenge"),
            (390, 2020, 52, "kontanthjaelp"),
            (390, 2020, 53, "kontanthjaelp"),
            (390, 2021, 1, "kontanthjaelp"),
        ]
    )
    assert any("ASSUMED" in str(w) for w in report.warnings)


def test_dream_unknown_code_and_impossible_week_column(tmp_path):
    src = write(tmp_path, "d.csv", "pnr,kommune,y_2101,y_2153\na,573,424242,111\n")
    with pytest.raises(RegisterImportError) as exc:
        import_dream_wide(src, tmp_path / "reg")
    assert str(exc.value.report.errors[0]).startswith(f"{src}, line 1, field 'y_2153'")
    src2 = write(tmp_path, "d2.csv", "pnr,kommune,y_2101\na,573,424242\nb,573,111\n")
    with pytest.raises(RegisterImportError) as exc:
        import_dream_wide(src2, tmp_path / "reg2")
    (err,) = exc.value.report.errors
    assert str(err) == (
        f"{src2}, line 2, field 'y_2101': unknown DREAM code (add it to the "
        "DREAM mapping) (value '424242')"
    )
    assert not (tmp_path / "reg2").exists()


def test_dream_mapping_marks_sources_and_assumptions():
    m = load_dream_mapping()
    assert m["881"].status == "source" and m["881"].ydelse == "selvforsoergelse"
    assert m[""].ydelse == "selvforsoergelse"
    assert m["890"].status == "assumed"
    assert all(c.status in ("source", "assumed") for c in m.values())


def test_aggregate_table(tmp_path):
    src = write(
        tmp_path,
        "agg.csv",
        "Område;Periode;Ydelse;Fuldtidspersoner;Personer\n"
        "Varde;2023M01;Kontanthjælp;1.234,5;1.400\n"
        "573;2023K1;Sygedagpenge;..;600\n",
    )
    report = import_aggregate(src, tmp_path / "agg.parquet")
    t = pq.read_table(tmp_path / "agg.parquet").to_pylist()
    assert t[0] == {
        "kommune": 573,
        "periode": "2023-01",
        "ydelse": "kontanthjaelp",
        "measure": "fuldtidspersoner",
        "vaerdi": 1234.5,
    }
    assert t[2]["vaerdi"] is None and t[2]["periode"] == "2023Q1"
    assert [str(w) for w in report.warnings] == [
        f"{src}, line 3, field 'Fuldtidspersoner': suppressed or empty cell, stored as NULL "
        "(value '..')"
    ]


def test_aggregate_errors(tmp_path):
    src = write(
        tmp_path,
        "agg.csv",
        "Område;Periode;Ydelse;Personer\nAtlantis;2023M13;Pizza;12\nVarde;2023M01;A-dagpenge;abc\n",
    )
    with pytest.raises(RegisterImportError) as exc:
        import_aggregate(src, tmp_path / "agg.parquet")
    fields = sorted(p.field for p in exc.value.report.errors)
    assert fields == ["Område", "Periode", "Personer", "Ydelse"]
    # the accepted labels are named in the error
    assert "Nettoledige kontanthjælpsmodtagere" in str(exc.value)
    assert not (tmp_path / "agg.parquet").exists()
