"""The monthly pipeline on PySpark (local mode) equals the one on DuckDB, for several
municipalities on one register; the Spark settings come from the environment or the CLI."""

import json
import math

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from indsats.analytics.backend import SparkSettings, parse_spark_conf
from indsats.register import generator, weeks
from indsats.register.kilde import SYNTETISK, write_source

MONTH = "2024-06"
KOMMUNER = [825, 741]  # Læsø and Samsø: small, so small cells and empty months occur


@pytest.fixture(scope="module")
def two_register(tmp_path_factory):
    d = tmp_path_factory.mktemp("national") / "register"
    generator.generate_register(
        d, KOMMUNER, weeks.parse_week("2022W40"), weeks.parse_week("2024W30"), seed=3
    )
    write_source(d, SYNTETISK, generator="test")
    return d


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    from indsats.analytics.backend import spark_session

    s = spark_session(master="local[2]", shuffle_partitions=2)
    s.sparkContext.setLogLevel("ERROR")
    yield s


def _figures(report: dict) -> list:
    """What the committee reads: each goal's status, actual, expected, forecast and series."""
    out = []
    for g in report["maal"]:
        out.append(
            (
                g["id"],
                g["status"],
                g["actual"],
                g["expected"],
                g["forecast"],
                g["personer"],
                [(p["periode"], p["vaerdi"], p["personer"]) for p in g["serie"]],
            )
        )
    return sorted(out, key=lambda r: r[0])


def _close(a, b):
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _long_rows(path):
    t = pq.read_table(path).to_pylist()
    key = lambda r: tuple(str(r[c]) for c in sorted(r) if c != "vaerdi")  # noqa: E731
    return sorted(t, key=key)


@pytest.mark.spark
def test_pyspark_reports_equal_duckdb(tmp_path, two_register, spark):
    from indsats.analytics.backend import connect
    from indsats.reports.build import INDIKATOR_FIL, build_reports

    outs = {}
    for kind in ("duckdb", "pyspark"):
        con = connect("duckdb") if kind == "duckdb" else connect("pyspark", spark=spark)
        outs[kind] = tmp_path / kind
        res = build_reports(
            kommuner=KOMMUNER,
            month=MONTH,
            register_dir=two_register,
            out_root=outs[kind],
            con=con,
            pdf=False,
            charts=False,
        )
        assert sorted(res) == sorted(KOMMUNER)
    for k in KOMMUNER:
        d = json.loads((outs["duckdb"] / str(k) / MONTH / "report.json").read_text())
        s = json.loads((outs["pyspark"] / str(k) / MONTH / "report.json").read_text())
        fd, fs = _figures(d), _figures(s)
        assert fd and any(row[6] for row in fd)  # goals with monthly figures
        assert _close(fd, fs), (k, fd, fs)
        assert d["friskhed"]["sidste_uge"] == s["friskhed"]["sidste_uge"] == "2024W30"
        assert d["datakilde"]["syntetisk"] and s["datakilde"]["syntetisk"]
        ld = _long_rows(outs["duckdb"] / str(k) / MONTH / INDIKATOR_FIL)
        ls = _long_rows(outs["pyspark"] / str(k) / MONTH / INDIKATOR_FIL)
        assert {r["indikator"] for r in ld} >= {"refusion_fordeling", "fuldtidspersoner"}
        assert {r["kommune"] for r in ld} == {k}
        assert len(ld) == len(ls)
        for a, b in zip(ld, ls, strict=True):
            assert {c: v for c, v in a.items() if c != "vaerdi"} == {
                c: v for c, v in b.items() if c != "vaerdi"
            }
            assert _close(a["vaerdi"], b["vaerdi"]), (a, b)


@pytest.mark.spark
def test_cli_pyspark_on_a_uri(tmp_path, two_register, spark, monkeypatch):
    """The national command on Spark, the register given as a URL (as on object storage)."""
    from indsats.cli.main import app

    monkeypatch.setenv("INDSATS_SPARK_CONF", "spark.sql.shuffle.partitions=2")
    out = tmp_path / "rapporter"
    uri = two_register.resolve().as_uri()  # file:///..., read by Spark, not by Path
    r = CliRunner().invoke(
        app,
        [
            "report",
            "--kommune",
            "825",
            "--kommune",
            "741",
            "--month",
            MONTH,
            "--out",
            str(out),
            "--register",
            uri,
            "--backend",
            "pyspark",
            "--no-pdf",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "2 månedsrapporter" in r.output
    for k in KOMMUNER:
        data = json.loads((out / str(k) / MONTH / "report.json").read_text())
        assert data["friskhed"]["register"] == uri
        assert data["datakilde"]["syntetisk"]  # kilde.json read through Spark
        assert (out / str(k) / MONTH / "report.html").exists()


def test_uri_needs_spark_and_several_need_a_register(tmp_path):
    from indsats.cli.main import app

    r = CliRunner().invoke(
        app,
        ["report", "-k", "825", "-m", MONTH, "--out", str(tmp_path), "--register", "s3a://b/r"],
    )
    assert r.exit_code == 2 and "--backend pyspark" in r.output
    r = CliRunner().invoke(app, ["report", "-k", "825", "-k", "741", "-m", MONTH, "--out", "x"])
    assert r.exit_code == 2 and "need --register" in r.output
    r = CliRunner().invoke(app, ["report", "-m", MONTH, "--out", "x"])
    assert r.exit_code == 2 and "--alle-kommuner" in r.output
    r = CliRunner().invoke(
        app, ["report", "-k", "825", "-m", MONTH, "--out", "x", "--spark-master", "yarn"]
    )
    assert r.exit_code == 2 and "need --backend pyspark" in r.output


def test_spark_settings_from_environment_and_options():
    env = {
        "INDSATS_SPARK_MASTER": "spark://head:7077",
        "INDSATS_SPARK_CONF": "spark.hadoop.fs.s3a.endpoint=http://minio:9000; a=b",
    }
    s = SparkSettings.from_env(env)
    assert s.master == "spark://head:7077" and s.remote is None and not s.local
    assert s.conf == {"spark.hadoop.fs.s3a.endpoint": "http://minio:9000", "a": "b"}
    s = SparkSettings.from_env(env, remote="sc://spark:15002", conf=["a=c"])
    assert s.remote == "sc://spark:15002" and s.conf["a"] == "c"
    assert s.describe() == "Spark Connect sc://spark:15002"
    assert SparkSettings.from_env({}).local and SparkSettings.from_env({}).master == "local[2]"
    with pytest.raises(ValueError, match="not key=value"):
        parse_spark_conf(["spark.executor.memory"])
