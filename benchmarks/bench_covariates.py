"""Benchmark: the benchmark's covariates with fetched Statbank answers of full size (issue 19).

    .venv/bin/python benchmarks/bench_covariates.py [--repeat 5]

Data: answers in the shape of the FOLK1A-65 and HFUDD11 presets over every period DST has
(FOLK1A: 105 areas x 76 quarters 2008K1-2026K4 x (all + 61 ages) = 494,760 rows; HFUDD11:
105 areas x 19 years x 6 levels), with made-up counts (the timing does not depend on them),
written to a temporary cache as `indsats data fetch statbank` writes them. Measures, each the
median of `--repeat` runs in this process:

  A. `covariates_for_year(2024)` with nothing fetched (the shipped snapshots): the baseline,
  B. the same with both answers cached, first call in the process (read + derive),
  C. the same again (the derivation kept per file and modification time),
  D. deriving the share 65+ from the FOLK1A answer alone,
  D0. the same, reading the rows as dicts (`Table.to_pylist()`, the first version),
  E. `offentlige_tal.fetched_sources()` with both answers cached (every report asks it): the
     tables without a benefit column are left out from their Parquet schema,
  E0. the same by reading each table and trying the aggregate importer (the first version).

Prints seconds and ratios; not a test (never asserted). Record in docs/performance.md with the
load average: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path


def _answers(root: Path) -> None:
    from indsats.domain.kommuner import all_kommuner
    from indsats.publicdata.cache import Provenance, cache_path, strings_table, write_cached
    from indsats.publicdata.statbank import StatbankQuery

    rnd = random.Random(0)
    areas = ["Hele landet", *(f"Region {i}" for i in range(5)), "Christiansø"]
    areas += [k.navn for k in all_kommuner()]
    quarters = [f"{y}K{q}" for y in range(2008, 2027) for q in range(1, 5)]
    folk1a = []
    for area in areas:
        for tid in quarters:
            folk1a.append([area, "I alt", "Alder i alt", "I alt", tid, str(rnd.randint(2e3, 6e5))])
            folk1a += [
                [area, "I alt", f"{age} år", "I alt", tid, str(rnd.randint(0, 9000))]
                for age in range(65, 126)
            ]
    levels = ["I alt", "H40 KVU", "H50 MVU", "H60 BACH", "H70 LVU", "H80 Ph.d."]
    hfudd = [
        [area, "I alt", level, "Alder i alt", "I alt", str(year), str(rnd.randint(10, 9000))]
        for area in areas
        for year in range(2008, 2027)
        for level in levels
    ]
    for preset, header, rows in (
        ("FOLK1A-65", ["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"], folk1a),
        ("HFUDD11", ["BOPOMR", "HERKOMST", "HFUDD", "ALDER", "KØN", "TID", "INDHOLD"], hfudd),
    ):
        q = StatbankQuery.build(preset)
        prov = Provenance(
            "statbank", q.table, q.body(), "u", "2026-12-04T19:00:00+00:00", "l", "k", len(rows)
        )
        write_cached(
            strings_table(header, rows), prov, cache_path(root, "statbank", q.table, q.body())
        )


def _share_as_dicts(table) -> dict:
    """The first version of the derivation: every row as a dict."""
    from indsats.publicdata.rammevilkaar import _number, kommune_code

    parts: dict = {}
    for row in table.to_pylist():
        period = str(row["TID"])
        if period[4:] not in ("K1", "Q1"):
            continue
        try:
            kode = kommune_code(str(row["OMRÅDE"]))
        except LookupError:
            continue
        value = _number(str(row["INDHOLD"]))
        if value is None:
            continue
        label = str(row["ALDER"]).strip().lower()
        acc = parts.setdefault((int(period[:4]), kode), [0.0, 0.0])
        if label == "alder i alt":
            acc[0] += value
        elif (age := label.split(" ", 1)[0]).isdigit() and int(age) >= 65:
            acc[1] += value
    out: dict = {}
    for (year, kode), (total, part) in parts.items():
        if total > 0:
            out.setdefault(year, {})[kode] = round(part / total * 100, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from indsats.publicdata import rammevilkaar
    from indsats.publicdata.cache import list_cached, read_cached

    tmp = Path(tempfile.mkdtemp(prefix="bench-covariates-"))
    fetched, empty = tmp / "fetched", tmp / "empty"
    empty.mkdir()
    t0 = time.perf_counter()
    _answers(fetched)
    print(f"answers written in {time.perf_counter() - t0:.1f} s")
    folk1a = next(e for e in list_cached(fetched) if e.provenance.tabel == "FOLK1A")
    table, _ = read_cached(folk1a.path)
    print(f"FOLK1A-65 answer: {table.num_rows:,} rows")

    def timed(fn) -> float:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t

    med = {
        "A snapshots only": statistics.median(
            timed(lambda: rammevilkaar.covariates_for_year(2024, empty)) for _ in range(args.repeat)
        )
    }
    med["B fetched, first call"] = timed(lambda: rammevilkaar.covariates_for_year(2024, fetched))
    used = rammevilkaar.covariates_for_year(2024, fetched)
    assert used["andel_65plus_pct"].hentet and used["videregaaende_uddannelse_pct"].hentet
    med["C fetched, again"] = statistics.median(
        timed(lambda: rammevilkaar.covariates_for_year(2024, fetched)) for _ in range(args.repeat)
    )
    med["D derive share 65+"] = statistics.median(
        timed(lambda: rammevilkaar._folk1a_65plus_share(table)) for _ in range(args.repeat)
    )
    med["D0 derive, rows as dicts"] = statistics.median(
        timed(lambda: _share_as_dicts(table)) for _ in range(args.repeat)
    )
    assert _share_as_dicts(table) == rammevilkaar._folk1a_65plus_share(table)

    from indsats.publicdata.offentlige_tal import fetched_sources
    from indsats.register.aggregate import RegisterImportError, parse_aggregate

    def sources_by_reading() -> int:
        found = 0
        for entry in list_cached(fetched):
            t, _ = read_cached(entry.path)
            try:
                parse_aggregate(t, name=entry.path.name)
                found += 1
            except RegisterImportError:
                pass
        return found

    assert fetched_sources(fetched) == [] and sources_by_reading() == 0
    med["E fetched_sources"] = statistics.median(
        timed(lambda: fetched_sources(fetched)) for _ in range(args.repeat)
    )
    med["E0 fetched_sources, reading"] = statistics.median(
        timed(sources_by_reading) for _ in range(args.repeat)
    )
    base = med["A snapshots only"]
    for name, s in med.items():
        print(f"{name:28s} {s:8.4f} s   x{s / base:8.2f} of A")
    print(f"D0 / D: {med['D0 derive, rows as dicts'] / med['D derive share 65+']:.2f}")
    print(f"E0 / E: {med['E0 fetched_sources, reading'] / med['E fetched_sources']:.1f}")
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
