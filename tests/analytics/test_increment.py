"""Weekly increments: appending week by week gives the same monthly indicators as a full
recompute (on the hand-made register, a generated one and hypothesis-generated histories); a
week already there, a gap and several weeks are refused; a failed append leaves the register
as it was."""

import math

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from indsats.analytics.backend import connect, read_register
from indsats.analytics.increment import append_week, full_months, read_months
from indsats.register import generator, weeks
from indsats.register.store import AppendError, to_canonical, write_register
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


# Histories for the property test: each person goes through runs of weeks in one state (a
# benefit or self-support, None) and one kommune. Long runs (20-80 weeks) give sygedagpenge over
# 26 and jobafklaring over 52 weeks; short ones (1-4) give entries, exits and zapper switches.
HISTORY_FIRST = weeks.week_index(2019, 10)
STATES = [
    None,
    "dagpenge",
    "sygedagpenge",
    "kontanthjaelp",
    "jobafklaringsforloeb",
    "uddannelseshjaelp",
]
runs = st.lists(
    st.tuples(
        st.sampled_from(STATES),
        st.one_of(st.integers(1, 4), st.integers(20, 80)),
        st.sampled_from([573, 390]),
    ),
    min_size=1,
    max_size=12,
)


def _history(persons: list[list[tuple]], last: int) -> pa.Table:
    # person 0 is on fleksjob every week, so no week of the register is empty
    pid = [0] * (last - HISTORY_FIRST + 1)
    week = list(range(HISTORY_FIRST, last + 1))
    yd = ["fleksjob"] * len(pid)
    kom = [573] * len(pid)
    for p, person_runs in enumerate(persons, start=1):
        w = HISTORY_FIRST
        for state, length, kommune in person_runs:
            for v in range(w, min(w + length, last + 1)):
                if state is not None:
                    pid.append(p)
                    week.append(v)
                    yd.append(state)
                    kom.append(kommune)
            w += length
    return to_canonical(person_id=pid, week_index=week, ydelse=yd, kommune=kom)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    persons=st.lists(runs, min_size=1, max_size=6),
    # the last week: 2020W48 to 2021W06, so the appends cross months, ISO week 53 (2020) and
    # the turn of the year
    last=st.integers(weeks.week_index(2020, 48), weeks.week_index(2021, 6)),
    appended=st.integers(1, 7),
    replace_person=st.one_of(st.none(), st.integers(1, 6)),
)
# always run: spells past 26 and 52 weeks, an exit and an entry, and a zapper's second switch
# (2020W50) in the appended weeks 2020W49-2021W01
@example(
    persons=[
        [(None, 40, 573), ("sygedagpenge", 60, 573)],
        [("jobafklaringsforloeb", 95, 390), (None, 1, 390), ("jobafklaringsforloeb", 3, 390)],
        [(None, 88, 573), ("dagpenge", 2, 573), ("sygedagpenge", 2, 390), ("dagpenge", 9, 390)],
    ],
    last=weeks.week_index(2021, 1),
    appended=6,
    replace_person=3,
)
def test_appends_equal_full_recompute_on_generated_histories(
    tmp_path_factory, persons, last, appended, replace_person
):
    t = _history(persons, last)
    d = tmp_path_factory.mktemp("reg") / "reg"
    base_last = last - appended
    write_register(t.filter(pc.less_equal(t["week_index"], base_last)), d)
    for w in range(base_last + 1, last + 1):
        append_week(d, _week(t, w))
    if replace_person is not None:
        # the last week again without one person: an exit, a spell or a switch less
        week = _week(t, last)
        append_week(d, week.filter(pc.not_equal(week["person_id"], replace_person)), replace=True)
    _check_against_full(d)


@pytest.mark.spark
def test_appends_on_pyspark_equal_full_recompute(tmp_path, spark_session):
    """The same append on PySpark (local mode): the state's start and each week's piece run as
    Ibis on Spark; the kept months equal the full recompute (on DuckDB)."""
    t = _recent()
    d = tmp_path / "reg"
    # 2020W40-W41: W40 opens October; a zapper switch (person 2, W41) counted with the one of
    # W36 carried; spells running across the month boundary
    base_last = weeks.week_index(2020, 39)
    write_register(t.filter(pc.less_equal(t["week_index"], base_last)), d)
    con = connect("pyspark", spark=spark_session)
    for w in range(base_last + 1, weeks.week_index(2020, 41) + 1):
        append_week(d, _week(t, w), con=con)
    _check_against_full(d)
