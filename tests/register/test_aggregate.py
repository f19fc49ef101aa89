"""The aggregate importer takes public tables as DST and Jobindsats publish them."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from indsats.register.aggregate import (
    AGGREGATE_GROUPS,
    accepted_labels,
    aggregate_info,
    import_aggregate,
    is_aggregate,
    read_aggregate,
)
from indsats.register.schema import RegisterImportError

RECORDED = Path(__file__).parents[1] / "publicdata" / "recorded" / "statbank_auk01_data.csv"
SHARED_AUK01 = (
    Path(__file__).parents[2]
    / "src/indsats/register/data/dst_auk01_nettoledige_kontanthjaelp_quarterly.csv"
)


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_dst_danish_csv_as_published(tmp_path):
    report = import_aggregate(RECORDED, tmp_path / "a.parquet")
    rows = pq.read_table(tmp_path / "a.parquet").to_pylist()
    assert {r["kommune"] for r in rows} == {573, 665, 390, 760}
    varde = [r for r in rows if r["kommune"] == 573 and r["periode"] == "2023Q1"]
    assert varde == [
        {
            "kommune": 573,
            "periode": "2023Q1",
            "ydelse": "nettoledige_kontanthjaelp",
            "measure": "fuldtidspersoner",
            "vaerdi": 63.0,
        }
    ]
    skipped = {str(w.message) for w in report.warnings}
    assert skipped == {
        "skipped 8 rows: hele landet",
        "skipped 8 rows: regioner",
        "skipped 8 rows: landsdele",
        "skipped 8 rows: udlandet eller uoplyst",
    }
    assert report.rows_written == 32 and not report.errors


def test_net_unemployed_is_never_stored_as_all_kontanthjaelp(tmp_path):
    import_aggregate(RECORDED, tmp_path / "a.parquet")
    groups = set(pq.read_table(tmp_path / "a.parquet").column("ydelse").to_pylist())
    assert groups == {"nettoledige_kontanthjaelp"}
    assert AGGREGATE_GROUPS["nettoledige_kontanthjaelp"].label_da != "Kontanthjælp"
    assert not AGGREGATE_GROUPS["nettoledige_kontanthjaelp"].alle_ydelser


def test_dst_english_labels(tmp_path):
    src = write(
        tmp_path,
        "auk01_en.csv",
        "OMRÅDE;YDELSESTYPE;KØN;ALDER;TID;INDHOLD\n"
        "All Denmark;Net unemployed recipients of social assistance;Total;Age, total;2019Q1;16834\n"
        "Province Byen København;Net unemployed recipients of social assistance;Total;Age, total;"
        "2019Q1;3000\n"
        "Copenhagen;Net unemployed recipients of social assistance;Total;Age, total;2019Q1;1600\n"
        "Christiansø;Net unemployed recipients of social assistance;Total;Age, total;2019Q1;0\n",
    )
    report = import_aggregate(src, tmp_path / "a.parquet")
    rows = pq.read_table(tmp_path / "a.parquet").to_pylist()
    assert rows == [
        {
            "kommune": 101,
            "periode": "2019Q1",
            "ydelse": "nettoledige_kontanthjaelp",
            "measure": "fuldtidspersoner",
            "vaerdi": 1600.0,
        }
    ]
    assert {str(w.message) for w in report.warnings} == {
        "skipped 1 rows: hele landet",
        "skipped 1 rows: landsdele",
        "skipped 1 rows: Christiansø",
    }


def test_the_project_s_own_auk01_copy_with_text_columns_and_ydelse_argument(tmp_path):
    report = import_aggregate(
        SHARED_AUK01, tmp_path / "a.parquet", ydelse="Nettoledige kontanthjælpsmodtagere"
    )
    t = read_aggregate(tmp_path / "a.parquet")
    assert t.num_rows == 98 * 76  # 98 municipalities, 2007Q1-2025Q4
    assert not report.errors
    # national, regional, provincial and "not stated" rows are counted, not errors
    assert sum(int(str(w.message).split()[1]) for w in report.warnings) == 8892 - 98 * 76
    info = aggregate_info(tmp_path / "a.parquet")
    assert info["grupper"] == ["nettoledige_kontanthjaelp"] and is_aggregate(tmp_path / "a.parquet")


def test_a_text_column_is_ignored_with_a_warning(tmp_path):
    src = write(
        tmp_path,
        "a.csv",
        "OMRÅDE;navn_tekst;YDELSESTYPE;TID;INDHOLD\n"
        "Varde;Varde Kommune;Nettoledige kontanthjælpsmodtagere;2024K1;70\n"
        "Lemvig;Lemvig Kommune;Nettoledige kontanthjælpsmodtagere;2024K1;16\n",
    )
    report = import_aggregate(src, tmp_path / "a.parquet")
    assert [(w.field, w.message) for w in report.warnings] == [
        ("navn_tekst", "text column, ignored")
    ]
    assert report.rows_written == 2


def test_rows_broken_down_by_sex_or_age_are_skipped_and_counted(tmp_path):
    src = write(
        tmp_path,
        "a.csv",
        "OMRÅDE;YDELSESTYPE;KØN;ALDER;TID;INDHOLD\n"
        "Varde;I alt;I alt;Alder i alt;2024K1;3000\n"
        "Varde;I alt;Mænd;Alder i alt;2024K1;1500\n"
        "Varde;I alt;I alt;16-24 år;2024K1;300\n",
    )
    report = import_aggregate(src, tmp_path / "a.parquet")
    rows = pq.read_table(tmp_path / "a.parquet").to_pylist()
    assert [(r["ydelse"], r["vaerdi"]) for r in rows] == [("i_alt", 3000.0)]
    assert "skipped 2 rows: opdelt på køn eller alder" in {str(w.message) for w in report.warnings}


def test_unknown_label_error_lists_accepted_labels_once_per_value(tmp_path):
    lines = "".join(f"Varde;Nettoledige;2024K{q};70\n" for q in (1, 2, 3, 4))
    src = write(tmp_path, "a.csv", "OMRÅDE;YDELSESTYPE;TID;INDHOLD\n" + lines)
    with pytest.raises(RegisterImportError) as exc:
        import_aggregate(src, tmp_path / "a.parquet")
    [err] = exc.value.report.errors
    assert err.line == 2 and err.field == "YDELSESTYPE" and err.value == "Nettoledige"
    assert "lines 2, 3, 4, 5" in err.message
    for label in accepted_labels():
        assert label in err.message


def test_conflicting_duplicate_is_an_error(tmp_path):
    src = write(
        tmp_path,
        "a.csv",
        "OMRÅDE;YDELSESTYPE;TID;INDHOLD\nVarde;I alt;2024K1;3000\n573;I alt;2024K1;3100\n",
    )
    with pytest.raises(RegisterImportError, match="conflicting duplicate of line 2"):
        import_aggregate(src, tmp_path / "a.parquet")


def test_jobindsats_shape(tmp_path):
    src = write(
        tmp_path,
        "y30r21.csv",
        "Area;Periode;Ydelsesgrupper;Faktisk antal\n"
        "Gladsaxe;2018;Ydelsesgrupper i alt;2.980\n"
        "Hele landet;2018;Ydelsesgrupper i alt;500.000\n",
    )
    import_aggregate(src, tmp_path / "a.parquet")
    [row] = pq.read_table(tmp_path / "a.parquet").to_pylist()
    assert row == {
        "kommune": 159,
        "periode": "2018",
        "ydelse": "benchmark_i_alt",
        "measure": "faktisk antal",
        "vaerdi": 2980.0,
    }
