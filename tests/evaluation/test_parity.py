"""DuckDB and PySpark give the same matched sample and the same estimates (one code path)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from indsats.analytics.backend import connect, table_from_arrow
from indsats.evaluation import Deltager, Design, evaluate
from indsats.register import generator, weeks
from indsats.register.plant import Plantning, plant_effect

FIRST, LAST = weeks.parse_week("2019W01"), weeks.parse_week("2021W26")


@pytest.mark.spark
def test_duckdb_and_pyspark_agree(spark_session):
    table = pa.concat_tables(generator.generate([665], FIRST, LAST, seed=11))
    planted = plant_effect(
        table,
        Plantning(
            "sygedagpenge",
            weeks.parse_week("2020W01"),
            weeks.parse_week("2020W26"),
            30,
            0.3,
        ),
        seed=11,
    )
    deltagere = [
        Deltager(int(p), int(s))
        for p, s in zip(
            planted.deltagere.column("person_id").to_pylist(),
            planted.deltagere.column("start_uge").to_pylist(),
            strict=True,
        )
    ]
    design = Design(seed=11, min_deltagere=10, enhedspriser={"sygedagpenge": 240_000.0})
    results = {}
    for kind in ("duckdb", "pyspark"):
        con = connect(kind) if kind == "duckdb" else connect(kind, spark=spark_session)
        reg = table_from_arrow(con, f"register_{kind}", planted.register)
        results[kind] = evaluate(reg, deltagere, design)
    d, s = results["duckdb"], results["pyspark"]
    assert d.stikproeve.tabel.equals(s.stikproeve.tabel)
    assert d.deltagere_matchet >= 25
    assert d.estimater == s.estimater
    assert d.uger_pr_ydelse == s.uger_pr_ydelse
    assert d.kurve == s.kurve
    assert d.foer_tjek == s.foer_tjek
    assert d.matching.balance == s.matching.balance
    assert d.kroner == s.kroner
    assert d.forbehold == s.forbehold
