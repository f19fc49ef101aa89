"""Issue 12 #8: a header-only or much shorter file must not silently empty or shrink a register.

Less than half the rows or weeks (aggregates: periods) of what the target holds, or no data rows
at all, is refused unless `--replace-with-less`; the target keeps its data."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from indsats.cli.main import app
from indsats.register.importers import import_aggregate, import_dream_wide, import_long
from indsats.register.schema import RegisterImportError
from indsats.register.store import read_register

runner = CliRunner()
HEADER = "person_id,week,ydelse,kommune\n"


def long_file(tmp_path, name, weeks):
    p = tmp_path / name
    rows = [f"{i},2020W{w:02d},dagpenge,573\n" for w in weeks for i in (1, 2)]
    p.write_text(HEADER + "".join(rows), encoding="utf-8")
    return p


def run(*args):
    return runner.invoke(app, ["register", "import", *map(str, args)], env={"COLUMNS": "200"})


def test_a_header_only_csv_does_not_empty_a_register(tmp_path):
    reg = tmp_path / "reg"
    assert run("long", long_file(tmp_path, "full.csv", range(1, 11)), "--out", reg).exit_code == 0
    empty = tmp_path / "empty.csv"
    empty.write_text(HEADER, encoding="utf-8")
    r = run("long", empty, "--out", reg)
    assert r.exit_code == 1, r.output
    assert "no data rows" in r.output and "20 rows over 10 weeks" in r.output
    assert "--replace-with-less" in r.output and "nothing written" in r.output
    assert read_register(reg).num_rows == 20
    r = run("long", empty, "--out", reg, "--replace-with-less")
    assert r.exit_code == 0, r.output
    assert read_register(reg).num_rows == 0


def test_a_header_only_csv_into_a_new_register_is_refused_too(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text(HEADER + "\n\n", encoding="utf-8")
    r = run("long", empty, "--out", tmp_path / "reg")
    assert r.exit_code == 1 and "no data rows" in r.output, r.output
    assert not (tmp_path / "reg").exists()


def test_less_than_half_the_weeks_or_rows_is_refused_half_or_more_is_not(tmp_path):
    reg = tmp_path / "reg"
    import_long(long_file(tmp_path, "a.csv", range(1, 11)), reg)  # 10 weeks, 20 rows
    with pytest.raises(RegisterImportError) as exc:
        import_long(long_file(tmp_path, "b.csv", range(1, 5)), reg)  # 4 weeks: 40 %
    assert "4 weeks" in str(exc.value) and "less than 50%" in str(exc.value)
    assert read_register(reg).num_rows == 20
    # Fewer rows, same weeks: 1 person instead of 2 is exactly half, allowed; less is not.
    one = tmp_path / "one.csv"
    one.write_text(
        HEADER + "".join(f"1,2020W{w:02d},dagpenge,573\n" for w in range(1, 11)), encoding="utf-8"
    )
    assert import_long(one, reg).rows_written == 10
    nine = tmp_path / "nine.csv"
    nine.write_text(
        HEADER + "".join(f"1,2020W{w:02d},dagpenge,573\n" for w in range(1, 5)), encoding="utf-8"
    )
    with pytest.raises(RegisterImportError):
        import_long(nine, reg)
    assert import_long(nine, reg, replace_with_less=True).rows_written == 4
    assert read_register(reg).num_rows == 4
    # Half the weeks is enough.
    assert import_long(long_file(tmp_path, "c.csv", range(1, 3)), reg).rows_written == 4


def test_a_dream_file_where_everyone_is_self_supporting_does_not_empty_a_register(tmp_path):
    reg = tmp_path / "reg"
    import_long(long_file(tmp_path, "a.csv", range(1, 3)), reg)
    dream = tmp_path / "dream.csv"
    dream.write_text("person_id,kommune,y_2005,y_2006\n1,573,,\n", encoding="utf-8")
    with pytest.raises(RegisterImportError) as exc:
        import_dream_wide(dream, reg)
    assert "no data rows" in str(exc.value)
    assert read_register(reg).num_rows == 4


def test_an_aggregate_table_is_not_replaced_by_a_header_or_a_fragment(tmp_path):
    out = tmp_path / "agg.parquet"
    full = tmp_path / "full.csv"
    full.write_text(
        "Område;Tid;Ydelse;Personer\n"
        + "".join(f"Varde;2023M{m:02d};Kontanthjælp;{100 + m}\n" for m in range(1, 13)),
        encoding="utf-8",
    )
    assert run("aggregate", full, "--out", out).exit_code == 0
    header = tmp_path / "header.csv"
    header.write_text("Område;Tid;Ydelse;Personer\n", encoding="utf-8")
    r = run("aggregate", header, "--out", out)
    assert r.exit_code == 1 and "no data rows" in r.output, r.output
    assert "12 rows over 12 periods" in r.output
    part = tmp_path / "part.csv"
    part.write_text("Område;Tid;Ydelse;Personer\nVarde;2024M01;Kontanthjælp;90\n", encoding="utf-8")
    with pytest.raises(RegisterImportError):
        import_aggregate(part, out)
    assert pq.read_table(out).num_rows == 12
    assert import_aggregate(part, out, replace_with_less=True).rows_written == 1
    assert pq.read_table(out).num_rows == 1


def test_an_import_never_replaces_a_folder_or_file_that_is_not_a_register(tmp_path):
    src = long_file(tmp_path, "a.csv", range(1, 3))
    documents = tmp_path / "Dokumenter"
    documents.mkdir()
    (documents / "budget.xlsx").write_bytes(b"precious")
    r = run("long", src, "--out", documents)
    assert r.exit_code == 1 and "not a register" in r.output and "budget.xlsx" in r.output
    assert (documents / "budget.xlsx").read_bytes() == b"precious"
    note = tmp_path / "note.txt"
    note.write_text("x", encoding="utf-8")
    with pytest.raises(RegisterImportError, match="is a file, not a register folder"):
        import_long(src, note)
    assert note.read_text(encoding="utf-8") == "x"
    # An aggregate never replaces a folder or a Parquet file of another kind.
    agg = tmp_path / "agg.csv"
    agg.write_text("Område;Tid;Ydelse;Personer\nVarde;2023M01;Kontanthjælp;12\n", encoding="utf-8")
    with pytest.raises(RegisterImportError, match="is a folder"):
        import_aggregate(agg, documents)
    import_long(src, tmp_path / "reg")
    other = next((tmp_path / "reg").glob("*.parquet"))
    with pytest.raises(RegisterImportError, match="not an aggregate table"):
        import_aggregate(agg, other)
    # A register's own folder (with its source note) is replaced as before.
    (tmp_path / "reg" / "kilde.json").write_text("{}", encoding="utf-8")
    (tmp_path / "reg" / "_inkrement").mkdir()  # the weekly increments' state
    assert import_long(long_file(tmp_path, "b.csv", range(1, 4)), tmp_path / "reg").ok
