"""One code path: the whole indicator suite on DuckDB and on PySpark over the same small
synthetic register gives identical tables."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from indsats.analytics import INDICATORS, Kontekst, run_indicators
from indsats.analytics.backend import connect, table_from_arrow
from indsats.register import generator, weeks

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def small_register() -> pa.Table:
    # Lemvig, 2019W40-2021W10: crosses two year boundaries, one of them after a 53-week year.
    first, last = weeks.parse_week("2019W40"), weeks.parse_week("2021W10")
    return pa.concat_tables(generator.generate([665], first, last, seed=11))


def _frame(t: pa.Table) -> pd.DataFrame:
    df = t.to_pandas()
    keys = [
        c
        for c in df.columns
        if df[c].dtype == object
        or str(df[c].dtype) in ("string", "str")
        or c in ("kommune", "trin", "sats_pct")
    ]
    return df.sort_values(keys or list(df.columns)).reset_index(drop=True)


def test_suite_identical_on_duckdb_and_pyspark(small_register, spark_session):
    prices = pa.table(
        {
            "ydelse": ["dagpenge", "kontanthjaelp", "sygedagpenge"],
            "kr_pr_uge": [4500.0, 3000.0, 4200.0],
        }
    )
    events = pa.table(
        {
            "person_id": small_register.column("person_id").slice(0, 50),
            "week_index": small_register.column("week_index").slice(0, 50),
        }
    )
    active = pa.table(
        {
            "person_id": small_register.column("person_id").slice(0, 2000),
            "week_index": small_register.column("week_index").slice(0, 2000),
        }
    )
    results = {}
    for kind in ("duckdb", "pyspark"):
        con = connect(kind, spark=spark_session) if kind == "pyspark" else connect(kind)
        reg = table_from_arrow(con, "parity_register", small_register)
        base = dict(
            daekning=(weeks.parse_week("2019W40"), weeks.parse_week("2021W10")),
            niveau="kvartal",
            enhedspriser=prices,
            aktiviteter=active,
        )
        ctx = Kontekst(weeks.parse_periode("2020Q1:2021Q1"), **base)
        res = run_indicators(reg, ctx, list(INDICATORS))
        ctx_events = Kontekst(weeks.parse_periode("2020"), haendelser=events, k_uger=13, **base)
        res["status_efter_k_uger_haendelser"] = run_indicators(
            reg, ctx_events, ["status_efter_k_uger"]
        )["status_efter_k_uger"]
        results[kind] = res
    duck, spark = results["duckdb"], results["pyspark"]
    assert set(duck) == set(spark) == set(INDICATORS) | {"status_efter_k_uger_haendelser"}
    for name in duck:
        assert duck[name].num_rows > 0, name
        assert [(f.name, f.type) for f in duck[name].schema] == [
            (f.name, f.type) for f in spark[name].schema
        ], name
        a, b = _frame(duck[name]), _frame(spark[name])
        assert list(a.columns) == list(b.columns), name
        pd.testing.assert_frame_equal(
            a, b, check_dtype=False, check_exact=False, rtol=1e-12, obj=name
        )
