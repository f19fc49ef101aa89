"""Ibis backends for the analytics: DuckDB (embedded default) and PySpark (national scale).

Both run the same expressions. Stay in the portable subset (docs/register.md, "One code path"):
no asof_join, no iso_year (use the integer week_index), no partitioned writes, NULL not NaN.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis

from indsats.register.store import register_files

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import SparkSession

KINDS = ("duckdb", "pyspark")


def spark_session(master: str = "local[2]", shuffle_partitions: int = 2) -> SparkSession:
    """A small local SparkSession (UI off, few shuffle partitions), created once per process."""
    import tempfile

    from pyspark.sql import SparkSession

    # Managed tables would otherwise land in ./spark-warehouse; keep them out of the project.
    warehouse = tempfile.mkdtemp(prefix="indsats-spark-warehouse-")
    return (
        SparkSession.builder.master(master)
        .config("spark.sql.warehouse.dir", warehouse)
        .appName("indsats-analytics")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.default.parallelism", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )


def connect(
    kind: str = "duckdb",
    *,
    threads: int | None = None,
    spark: SparkSession | None = None,
    **kwargs: Any,
) -> ibis.BaseBackend:
    """An Ibis connection: `kind="duckdb"` (in-memory) or `kind="pyspark"` (local session)."""
    if kind == "duckdb":
        con = ibis.duckdb.connect(**kwargs)
        if threads:
            con.raw_sql(f"SET threads = {int(threads)}")
        return con
    if kind == "pyspark":
        return ibis.pyspark.connect(spark if spark is not None else spark_session(**kwargs))
    raise ValueError(f"unknown backend {kind!r}; known: {', '.join(KINDS)}")


def read_register(
    con: ibis.BaseBackend, directory: Path | str, *, table_name: str | None = None
) -> ibis.Table:
    """The register under `directory` as an Ibis table on `con`."""
    files = register_files(directory)
    if con.name == "duckdb":
        paths = [str(f) for f in files]
        return con.read_parquet(paths if len(paths) > 1 else paths[0], table_name=table_name)
    # PySpark reads a directory (or a single file) of Parquet parts.
    target = str(files[0]) if len(files) == 1 else str(Path(directory))
    return con.read_parquet(target, table_name=table_name)


def table_from_arrow(con: ibis.BaseBackend, name: str, table: pa.Table) -> ibis.Table:
    """Put a (small) Arrow table on the backend as a session-scoped table and return it.

    DuckDB: a temporary table. PySpark: a temporary view over a DataFrame built from Arrow
    (Ibis 12 has no temporary tables on PySpark, and managed tables would write files)."""
    if con.name == "duckdb":
        return con.create_table(name, table, temp=True, overwrite=True)
    session = con._session
    session.createDataFrame(table).createOrReplaceTempView(name)
    return con.table(name)
