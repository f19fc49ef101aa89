"""Ibis backends for the analytics: DuckDB (embedded default) and PySpark (national scale).

Both run the same expressions. Stay in the portable subset (docs/register.md, "One code path"):
no asof_join, no iso_year (use the integer week_index), no partitioned writes, NULL not NaN.

Where Spark runs is configuration, not code (`SparkSettings`, docs/register.md "On a cluster"):
`INDSATS_SPARK_REMOTE` (a Spark Connect URL, `sc://host:15002`), else `INDSATS_SPARK_MASTER`
(`local[2]` by default; `spark://host:7077`, `yarn`, `k8s://...`), plus `INDSATS_SPARK_CONF`
(`key=value` pairs separated by `;`, e.g. the s3a endpoint); the CLI's `--spark-remote`,
`--spark-master` and `--spark-conf` override them. A register may then be an object-storage
path (`s3a://bucket/register`), read by Spark.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis

from indsats.register.store import is_uri, register_files

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import SparkSession

KINDS = ("duckdb", "pyspark")
DEFAULT_MASTER = "local[2]"
ENV_REMOTE = "INDSATS_SPARK_REMOTE"
ENV_MASTER = "INDSATS_SPARK_MASTER"
ENV_CONF = "INDSATS_SPARK_CONF"


def parse_spark_conf(items: Iterable[str]) -> dict[str, str]:
    """`key=value` items (each may hold several separated by `;`) as a dict; a clear error for
    an item without `=`."""
    conf: dict[str, str] = {}
    for item in items:
        for part in str(item).split(";"):
            part = part.strip()
            if not part:
                continue
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise ValueError(f"Spark setting {part!r} is not key=value")
            conf[key.strip()] = value.strip()
    return conf


@dataclass(frozen=True)
class SparkSettings:
    """Where and how Spark runs. `remote` (Spark Connect) wins over `master`."""

    master: str = DEFAULT_MASTER
    remote: str | None = None
    conf: Mapping[str, str] = field(default_factory=dict)
    shuffle_partitions: int | None = None

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        master: str | None = None,
        remote: str | None = None,
        conf: Iterable[str] = (),
    ) -> SparkSettings:
        """The environment's settings, overridden by the given ones (the CLI's options)."""
        env = os.environ if environ is None else environ
        merged = parse_spark_conf([env.get(ENV_CONF, "")])
        merged.update(parse_spark_conf(conf))
        return cls(
            master=master or env.get(ENV_MASTER) or DEFAULT_MASTER,
            remote=remote or env.get(ENV_REMOTE) or None,
            conf=merged,
        )

    @property
    def local(self) -> bool:
        return self.remote is None and self.master.startswith("local")

    def describe(self) -> str:
        return f"Spark Connect {self.remote}" if self.remote else f"Spark master {self.master}"


def spark_session(
    master: str = DEFAULT_MASTER,
    shuffle_partitions: int = 2,
    *,
    settings: SparkSettings | None = None,
) -> SparkSession:
    """A SparkSession, created once per process (later calls return the same one).

    Without `settings`: a small local session (UI off, few shuffle partitions). With settings
    for a cluster (`master` not local, or `remote`), the cluster's own defaults stand and only
    `settings.conf` is added; the local-only settings (driver memory, a temporary warehouse,
    2 shuffle partitions) apply to local masters only."""
    from pyspark.sql import SparkSession

    settings = settings or SparkSettings(master=master, shuffle_partitions=shuffle_partitions)
    if settings.remote:
        try:
            builder = SparkSession.builder.remote(settings.remote)
        except ImportError as exc:  # pyspark without the connect extras
            raise RuntimeError(
                f"Spark Connect ({settings.remote}) needs the connect extras: "
                f"pip install 'pyspark[connect]' ({exc})"
            ) from exc
    else:
        builder = SparkSession.builder.master(settings.master)
    builder = builder.appName("indsats-analytics").config("spark.sql.session.timeZone", "UTC")
    if settings.local:
        import tempfile

        parts = settings.shuffle_partitions or shuffle_partitions
        # Managed tables would otherwise land in ./spark-warehouse; keep them out of the project.
        warehouse = tempfile.mkdtemp(prefix="indsats-spark-warehouse-")
        builder = (
            builder.config("spark.sql.warehouse.dir", warehouse)
            .config("spark.sql.shuffle.partitions", str(parts))
            .config("spark.default.parallelism", str(parts))
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "2g")
        )
    elif settings.shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(settings.shuffle_partitions))
    for key, value in settings.conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def connect(
    kind: str = "duckdb",
    *,
    threads: int | None = None,
    spark: SparkSession | None = None,
    settings: SparkSettings | None = None,
    **kwargs: Any,
) -> ibis.BaseBackend:
    """An Ibis connection: `kind="duckdb"` (in-memory) or `kind="pyspark"`: the given session,
    else one from `settings` (default: `SparkSettings.from_env()`, a local session unless the
    environment names a cluster)."""
    if kind == "duckdb":
        con = ibis.duckdb.connect(**kwargs)
        if threads:
            con.raw_sql(f"SET threads = {int(threads)}")
        return con
    if kind == "pyspark":
        if spark is None:
            if settings is None and not kwargs:
                settings = SparkSettings.from_env()
            spark = spark_session(**kwargs, settings=settings)
        return ibis.pyspark.connect(spark)
    raise ValueError(f"unknown backend {kind!r}; known: {', '.join(KINDS)}")


def read_register(
    con: ibis.BaseBackend, directory: Path | str, *, table_name: str | None = None
) -> ibis.Table:
    """The register under `directory` as an Ibis table on `con`. On PySpark the directory may
    be an object-storage or HDFS path (`s3a://bucket/register`): Spark lists and reads it
    (files and folders whose names begin with `_` or `.` are not part of the register)."""
    if is_uri(directory):
        if con.name != "pyspark":
            raise ValueError(
                f"{directory}: an object-storage path is read by Spark; use --backend pyspark"
            )
        return con.read_parquet(str(directory), table_name=table_name, pathGlobFilter="*.parquet")
    files = register_files(directory)
    if con.name == "duckdb":
        paths = [str(f) for f in files]
        return con.read_parquet(paths if len(paths) > 1 else paths[0], table_name=table_name)
    # PySpark reads a directory (or a single file) of Parquet parts.
    # Only the Parquet parts: a register directory also holds kilde.json (its source note).
    target = str(files[0]) if len(files) == 1 else str(Path(directory))
    return con.read_parquet(target, table_name=table_name, pathGlobFilter="*.parquet")


def table_from_arrow(con: ibis.BaseBackend, name: str, table: pa.Table) -> ibis.Table:
    """Put a (small) Arrow table on the backend as a session-scoped table and return it.

    DuckDB: a temporary table. PySpark: a temporary view over a DataFrame built from Arrow
    (Ibis 12 has no temporary tables on PySpark, and managed tables would write files)."""
    if con.name == "duckdb":
        return con.create_table(name, table, temp=True, overwrite=True)
    session = con._session
    session.createDataFrame(table).createOrReplaceTempView(name)
    return con.table(name)


def drop_arrow_table(con: ibis.BaseBackend, name: str) -> None:
    """Drop a table put on the backend by `table_from_arrow` (a long-lived connection that
    takes many weeks' tables would otherwise keep them all)."""
    if con.name == "duckdb":
        con.drop_table(name, force=True)
    else:
        con._session.catalog.dropTempView(name)


def _spark(con: ibis.BaseBackend) -> Any:
    if con.name != "pyspark":
        raise ValueError(f"needs the PySpark backend, not {con.name}")
    return con._session


def read_text_file(con: ibis.BaseBackend, uri: str) -> str | None:
    """A small text file at `uri` read through Spark (object storage too); None if absent."""
    spark = _spark(con)
    try:
        rows = spark.read.text(uri, wholetext=True).collect()
    except Exception as exc:  # Spark raises AnalysisException for a missing path
        if "PATH_NOT_FOUND" in str(exc) or "does not exist" in str(exc):
            return None
        raise
    return str(rows[0][0]) if rows else None


def newest_modification(con: ibis.BaseBackend, uri: str) -> float | None:
    """The newest modification time (POSIX seconds) of the Parquet files under `uri`, listed
    by Spark (no content is read); None when there are none."""
    from pyspark.sql import functions as F

    spark = _spark(con)
    df = spark.read.format("binaryFile").option("pathGlobFilter", "*.parquet").load(uri)
    row = df.agg(F.max("modificationTime").alias("m")).collect()[0]
    return None if row["m"] is None else float(row["m"].timestamp())
