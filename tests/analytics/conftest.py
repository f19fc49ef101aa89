"""Backend fixtures: DuckDB always; PySpark (marked `spark`) with one small shared session."""

from __future__ import annotations

import pytest

from indsats.analytics.backend import connect


@pytest.fixture(scope="session")
def spark_session():
    pytest.importorskip("pyspark")
    from indsats.analytics.backend import spark_session as make

    spark = make(master="local[2]", shuffle_partitions=2)
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


BACKENDS = ["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)]


@pytest.fixture(scope="module", params=BACKENDS)
def con(request):
    if request.param == "duckdb":
        return connect("duckdb")
    return connect("pyspark", spark=request.getfixturevalue("spark_session"))
