"""Backend fixtures: DuckDB always; PySpark (marked `spark`) with one small shared session."""

from __future__ import annotations

import logging

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
    # py4j logs "Closing down clientserver connection" from a finaliser after pytest has closed
    # its capture streams, which prints a spurious "Logging error" at the end of the run.
    logging.getLogger("py4j").setLevel(logging.WARNING)


BACKENDS = ["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)]


@pytest.fixture(scope="module", params=BACKENDS)
def con(request):
    if request.param == "duckdb":
        return connect("duckdb")
    return connect("pyspark", spark=request.getfixturevalue("spark_session"))
