"""Weekly increments: appending week by week gives the same monthly indicators as a full
recompute; a week already there, a gap and several weeks are refused; a failed append leaves
the register as it was."""

import math

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from typer.testing import CliRunner

from indsats.analytics.backend import connect, read_register
from indsats.analytics.increment import append_week, full_months, read_months
from indsats.register import generator, weeks
from indsats.register.store import AppendError, write_register
from indsats.register.store import read_register as read_arrow

from .handmade import handmade_register


def _rows(t: pa.Table) -> list[tuple]:
    d = t.to_pylist()
    out = []
    for r in d:
        key = tuple((c, str(r[c])) for c in sorted(r) if c != "vaerdi")
        out.append((key, r["vaerdi"]))
    return sorted(out, key=lambda x: x[0])


def _assert_equal(a: pa.Table, b: pa.Table, month: str) -> None:
    ra, rb = _rows(a), _rows(b)
    assert [k for k, _ in ra] == [k for k, _ in rb], month
    for (k, x), (_, y) in zip(ra, rb, strict=True):
        if x is None or y is None or (isinstance(x, float) and math.isnan(x)):
            assert (x is None or math.isnan(x)) == (y is None or math.isnan(y)), (month, k)
        else:
            assert math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12), (month, k, x, y)


def _recent() -> pa.Table:
    """The hand-made register from 2020W20 (a shorter register: fewer week files)."""
    t = handmade_register()
    return t.filter(pc.greater_equal(t["week_index"], weeks.week_index(2020, 20)))


def _week(table: pa.Table, w: int) -> pa.Table:
    return table.filter(pc.equal(table["week_index"], w))


def _append_all(directory, table, first_new, last_new):
    for w in range(first_new, last_new + 1):
        append_week(directory, _week(table, w))


def _check_against_full(directory):
    reg = read_register(connect("duckdb"), directory)
    cov = pc.min_max(reg.select("week_index").to_pyarrow()["week_index"]).as_py()
    full = full_months(reg, (cov["min"], cov["max"]))
    kept = read_months(directory)
    assert sorted(kept) == sorted(full)
    for m in full:
        _assert_equal(kept[m], full[m], m)
    return full


def test_handmade_week_by_week_equals_full_recompute(tmp_path):
    t = handmade_register()
    base_last = weeks.week_index(2020, 37)
    d = tmp_path / "reg"
    write_register(t.filter(pc.less_equal(t["week_index"], base_last)), d)
    # 2020W38..2021W02: a zapper switch (person 2, W41) counted with the one of W36 carried,
    # spells running across the month boundaries, ISO week 53 and the turn of the year
    _append_all(d, t, base_last + 1, weeks.week_index(2021, 2))
    full = _check_against_full(d)
    zap = full["2020-10"].filter(pc.equal(full["2020-10"]["indikator"], "zappere"))
    assert "zappere" in zap.column("measure").to_pylist()
    # the first append partitioned the register by year and week: one file per week
    files = sorted(p.name for p in d.glob("*.parquet"))
    assert files[0] == "uge-2015W01.parquet" and "uge-2020W53.parquet" in files
    last = weeks.week_index(2021, 2)
    assert len(files) == len({w for w in t.column("week_index").to_pylist() if w <= last})


def test_generated_week_by_week_equals_full_recompute(tmp_path):
    d0 = tmp_path / "gen"
    generator.generate_register(
        d0, [825, 741], weeks.parse_week("2021W01"), weeks.parse_week("2023W12"), seed=5
    )
    t = read_arrow(d0)
    base_last = weeks.parse_week("2023W02")
    d = tmp_path / "reg"
    write_register(t.filter(pc.less_equal(t["week_index"], base_last)), d)
    _append_all(d, t, base_last + 1, weeks.parse_week("2023W12"))
    _check_against_full(d)


def test_refusals_leave_the_register_as_it_was(tmp_path):
    t = _recent()
    d = tmp_path / "reg"
    last = weeks.week_index(2020, 30)
    write_register(t.filter(pc.less_equal(t["week_index"], last)), d)
    append_week(d, _week(t, last + 1))
    before = sorted((p.relative_to(d), p.stat().st_ino) for p in d.rglob("*") if p.is_file())
    with pytest.raises(AppendError, match="already in reg.*--replace"):
        append_week(d, _week(t, last + 1))
    with pytest.raises(AppendError, match="so 2020W32 would be missing"):
        append_week(d, _week(t, last + 3))
    with pytest.raises(AppendError, match="2020W32 to 2020W33 would be missing"):
        append_week(d, _week(t, last + 4))
    with pytest.raises(AppendError, match="only the last week"):
        append_week(d, _week(t, last), replace=True)
    with pytest.raises(AppendError, match="exactly one week"):
        two = t.filter(pc.greater(t["week_index"], last + 1))
        append_week(d, two.filter(pc.less_equal(two["week_index"], last + 3)))
    after = sorted((p.relative_to(d), p.stat().st_ino) for p in d.rglob("*") if p.is_file())
    assert before == after  # not a file touched
    # replacing the last week with other rows: the month follows the new rows
    w = last + 1
    changed = _week(t, w).filter(pc.not_equal(_week(t, w)["person_id"], 5))
    append_week(d, changed, replace=True)
    _check_against_full(d)


def test_a_failed_write_keeps_the_old_register(tmp_path, monkeypatch):
    import indsats.analytics.increment as inc

    t = _recent()
    d = tmp_path / "reg"
    last = weeks.week_index(2020, 30)
    write_register(t.filter(pc.less_equal(t["week_index"], last)), d)
    append_week(d, _week(t, last + 1))
    months_before = read_months(d)

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(inc, "_write_month", boom)
    with pytest.raises(OSError, match="disk full"):
        append_week(d, _week(t, last + 2))
    assert not (d / "uge-2020W33.parquet").exists()
    assert sorted(read_months(d)) == sorted(months_before)
    assert not [p for p in d.parent.iterdir() if p.name.startswith(".")]


def test_cli_append(tmp_path):
    import pyarrow.csv as pacsv

    from indsats.cli.main import app

    t = _recent()
    d = tmp_path / "reg"
    last = weeks.week_index(2020, 30)
    write_register(t.filter(pc.less_equal(t["week_index"], last)), d)
    f = tmp_path / "uge.csv"
    pacsv.write_csv(_week(t, last + 1).select(["person_id", "week_index", "ydelse", "kommune"]), f)
    args = ["register", "import", "long", str(f), "--out", str(d), "--append"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "2020W31 appended" in r.output and "2020-07" in r.output
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 1 and "already in reg" in r.output and "--replace" in r.output
    r = CliRunner().invoke(app, [*args, "--replace"])
    assert r.exit_code == 0 and "2020W31 replaced" in r.output
    out = tmp_path / "maaneder.parquet"
    r = CliRunner().invoke(app, ["register", "maaneder", "--register", str(d), "--out", str(out)])
    assert r.exit_code == 0, r.output
    import pyarrow.parquet as pq

    kept = pq.read_table(out)
    assert "2020-07" in kept.column("periode").to_pylist()
    assert set(kept.column("indikator").to_pylist()) >= {"fuldtidspersoner", "afgang"}
