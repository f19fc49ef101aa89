"""Backends for the evaluation tests: DuckDB always; PySpark (marked `spark`) in local mode."""

from __future__ import annotations

import logging

import pyarrow as pa
import pytest

from indsats.analytics.backend import connect, table_from_arrow


@pytest.fixture(scope="session")
def spark_session():
    pytest.importorskip("pyspark")
    from indsats.analytics.backend import spark_session as make

    spark = make(master="local[2]", shuffle_partitions=2)
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()
    logging.getLogger("py4j").setLevel(logging.WARNING)


BACKENDS = ["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)]


@pytest.fixture(scope="module", params=BACKENDS)
def con(request):
    if request.param == "duckdb":
        return connect("duckdb")
    return connect("pyspark", spark=request.getfixturevalue("spark_session"))


def on_backend(con, table: pa.Table, name: str = "register"):
    """A register table on the backend (a temporary table or view)."""
    return table_from_arrow(con, name, table)
