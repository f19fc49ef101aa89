"""Aggregate tables as published: Statistics Denmark (Statbank) and STAR's Jobindsats.

An aggregate table counts a group of benefit recipients by municipality and period (for example
DST AUK01: full-time recipients by area, benefit type, sex, age and quarter). The importer takes
the file as the publisher delivers it:

- DST's column names and labels (`OMRÅDE;YDELSESTYPE;KØN;ALDER;TID;INDHOLD`, "Hele landet",
  "Nettoledige kontanthjælpsmodtagere", "2024K1"), in Danish or English, and Jobindsats' (`Area`,
  `Periode`, `Ydelsesgrupper`), and the older portal-shaped files (`Område;Periode;Ydelse;...`);
- rows that are not one of the 98 municipalities (all Denmark, regions, provinces, Christiansø,
  abroad, not stated) are skipped and counted, never errors;
- rows broken down by sex or age are skipped and counted (only totals are imported);
- text columns (names, labels) are ignored with a warning; a measure column with a stray text
  cell is an error naming the line.

Each benefit label maps to an **aggregate group** (`AGGREGATE_GROUPS`), never to a wider group:
DST's "Nettoledige kontanthjælpsmodtagere" is `nettoledige_kontanthjaelp`, not `kontanthjaelp`
(all recipients of kontanthjælp are about four times as many). The accepted labels are listed in
errors and in docs/register.md.

Output: one Parquet file, long: `kommune, periode, ydelse, measure, vaerdi` (`ydelse` is the group
code, `periode` is `2023`, `2023-01` or `2023Q1`), with the import's provenance in the file's
metadata (`indsats.aggregate`, JSON; a fetched table's `indsats.provenance` is carried over).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from indsats.domain.kommuner import all_kommuner
from indsats.register.reading import is_parquet, read_strings
from indsats.register.schema import RegisterImportError, ValidationReport
from indsats.register.store import Extent, atomic_file, replacement_refusal

AGGREGATE_SCHEMA = pa.schema(
    [
        pa.field("kommune", pa.int32()),
        pa.field("periode", pa.string()),
        pa.field("ydelse", pa.string()),
        pa.field("measure", pa.string()),
        pa.field("vaerdi", pa.float64()),
    ]
)
METADATA_KEY = b"indsats.aggregate"
PROVENANCE_KEY = b"indsats.provenance"  # set by indsats.publicdata on fetched tables


@dataclass(frozen=True, slots=True)
class AggregateGroup:
    """What a row of a public table counts."""

    code: str
    label_da: str  # the publisher's own label
    daekker: str  # what it covers, in plain Danish
    alle_ydelser: bool = False  # all public benefits (comparable with the ministry's scope)
    kilde: str = ""  # where the label comes from


AGGREGATE_GROUPS: dict[str, AggregateGroup] = {
    g.code: g
    for g in (
        # DST AUK01 (Offentligt forsørgede, fuldtidsmodtagere), YDELSESTYPE
        AggregateGroup(
            "i_alt",
            "I alt",
            "alle offentligt forsørgede (alle ydelser, også SU)",
            alle_ydelser=True,
            kilde="DST AUK01 (TOT)",
        ),
        AggregateGroup(
            "i_alt_uden_su",
            "I alt uden SU-modtagere",
            "alle offentligt forsørgede undtagen SU-modtagere",
            alle_ydelser=True,
            kilde="DST AUK01 (TOTUSU)",
        ),
        AggregateGroup("su", "SU-modtagere", "SU-modtagere", kilde="DST AUK01 (SU)"),
        AggregateGroup(
            "nettoledige_i_alt",
            "Nettoledige i alt",
            "nettoledige dagpenge- og kontanthjælpsmodtagere (ikke aktiverede)",
            kilde="DST AUK01 (TOTLE)",
        ),
        AggregateGroup(
            "nettoledige_dagpenge",
            "Nettoledige dagpengemodtagere",
            "ledige dagpengemodtagere, der ikke er i aktivering (en del af dagpengemodtagerne)",
            kilde="DST AUK01 (DP)",
        ),
        AggregateGroup(
            "nettoledige_kontanthjaelp",
            "Nettoledige kontanthjælpsmodtagere",
            "jobparate kontanthjælpsmodtagere, der ikke er i aktivering (omtrent hver fjerde "
            "kontanthjælpsmodtager)",
            kilde="DST AUK01",
        ),
        AggregateGroup(
            "sygedagpenge_mv",
            "Sygedagpenge mv.",
            "sygedagpenge mv.",
            kilde="DST AUK01 (SY); Jobindsats y30r21",
        ),
        AggregateGroup(
            "jobafklaringsforloeb", "Jobafklaringsforløb", "jobafklaringsforløb", kilde="DST AUK01"
        ),
        AggregateGroup("ressourceforloeb", "Ressourceforløb", "ressourceforløb", kilde="DST AUK01"),
        AggregateGroup("ledighedsydelse", "Ledighedsydelse", "ledighedsydelse", kilde="DST AUK01"),
        AggregateGroup(
            "revalidering_oevrig",
            "Revalideringsydelse i øvrigt",
            "revalideringsydelse i øvrigt",
            kilde="DST AUK01 (RE)",
        ),
        # Jobindsats ydelsesgrupper (the statistics portal and its API)
        AggregateGroup("dagpenge", "A-dagpenge", "alle a-dagpengemodtagere", kilde="Jobindsats"),
        AggregateGroup(
            "kontanthjaelp", "Kontanthjælp", "alle kontanthjælpsmodtagere", kilde="Jobindsats"
        ),
        AggregateGroup(
            "uddannelseshjaelp", "Uddannelseshjælp", "uddannelseshjælp", kilde="Jobindsats"
        ),
        AggregateGroup(
            "integrationsydelse", "Integrationsydelse", "integrationsydelse", kilde="Jobindsats"
        ),
        AggregateGroup(
            "sho_ydelse",
            "Selvforsørgelses- og hjemrejseydelse",
            "selvforsørgelses- og hjemrejseydelse",
            kilde="Jobindsats",
        ),
        AggregateGroup("overgangsydelse", "Overgangsydelse", "overgangsydelse", kilde="Jobindsats"),
        AggregateGroup("sygedagpenge", "Sygedagpenge", "sygedagpenge", kilde="Jobindsats"),
        AggregateGroup("fleksjob", "Fleksjob", "fleksjob", kilde="Jobindsats"),
        AggregateGroup("revalidering", "Revalidering", "revalidering", kilde="Jobindsats"),
        AggregateGroup("foertidspension", "Førtidspension", "førtidspension", kilde="Jobindsats"),
        AggregateGroup(
            "dagpenge_mv",
            "A-dagpenge mv.",
            "a-dagpengeområdet (ministeriets benchmark)",
            kilde="Jobindsats y30r21",
        ),
        AggregateGroup(
            "kontanthjaelp_mv",
            "Kontanthjælp mv.",
            "kontanthjælpsområdet (ministeriets benchmark)",
            kilde="Jobindsats y30r21",
        ),
        AggregateGroup(
            "benchmark_i_alt",
            "Ydelsesgrupper i alt",
            "dagpenge-, sygedagpenge- og kontanthjælpsområdet under ét (ministeriets benchmark)",
            alle_ydelser=True,
            kilde="Jobindsats y30r21",
        ),
    )
}

# Accepted labels (compared case-insensitively, spaces trimmed) -> group code.
_EXTRA_LABELS = {
    "net unemployed recipients of social assistance": "nettoledige_kontanthjaelp",  # AUK01, en
    "alle ydelser": "i_alt",
    "a-dagpengemodtagere": "dagpenge",
    "kontanthjælpsmodtagere": "kontanthjaelp",
}
AGGREGATE_LABELS: dict[str, str] = {
    **{g.label_da.lower(): g.code for g in AGGREGATE_GROUPS.values()},
    **{g.code: g.code for g in AGGREGATE_GROUPS.values()},
    **_EXTRA_LABELS,
}


def accepted_labels() -> list[str]:
    """The publishers' labels the importer accepts (for errors and docs)."""
    return [g.label_da for g in AGGREGATE_GROUPS.values()] + [
        "Net unemployed recipients of social assistance"
    ]


# Areas that are not one of the 98 municipalities: skipped and counted.
_NOT_MUNICIPAL_EXACT = {
    "hele landet": "hele landet",
    "all denmark": "hele landet",
    "christiansø": "Christiansø",
    "udlandet": "udlandet eller uoplyst",
    "abroad": "udlandet eller uoplyst",
}
_NOT_MUNICIPAL_PREFIX = {
    "region ": "regioner",
    "landsdel ": "landsdele",
    "province ": "landsdele",
    "uoplyst": "udlandet eller uoplyst",
    "not stated": "udlandet eller uoplyst",
}
# Codes of the same kinds (DST: 000 all Denmark, 081-085 regions, 01-11 provinces, 411
# Christiansø, 997 not stated).
_NOT_MUNICIPAL_CODES = {0: "hele landet", 411: "Christiansø", 997: "udlandet eller uoplyst"}

_TOTALS = {
    "i alt",
    "total",
    "tot",
    "alder i alt",
    "age, total",
    "køn i alt",
    "men and women, total",
}

_AREA_COLUMNS = ("omraade", "area", "kommune", "kode", "kommunekode", "navn", "dst_area_label")
_PERIOD_COLUMNS = ("tid", "periode", "period", "aar", "year")
_YDELSE_COLUMNS = ("ydelsestype", "ydelse", "ydelsesgruppe", "ydelsesgrupper")
_BREAKDOWN_COLUMNS = ("koen", "kon", "alder")
_SUPPRESSED = {"..", "-", "x", ":"}
_AGG_PERIOD = re.compile(r"^(\d{4})(?:([MQK])(\d{1,2}))?$")


def _fold(name: str) -> str:
    return name.strip().lower().replace("å", "aa").replace("ø", "oe").replace("æ", "ae")


def aggregate_period(text: str) -> str | None:
    """'2023' -> '2023'; '2023M01' -> '2023-01'; '2023K1' / '2023Q1' -> '2023Q1'."""
    m = _AGG_PERIOD.match(text.strip().upper())
    if not m:
        return None
    y, kind, n = m.groups()
    if kind is None:
        return str(y)
    k = int(n)
    if kind == "M" and 1 <= k <= 12:
        return f"{y}-{k:02d}"
    if kind in "QK" and 1 <= k <= 4:
        return f"{y}Q{k}"
    return None


MAX_DIGITS = 15  # more significant digits than a float keeps exactly: a typo, not a count


def danish_number(text: str) -> float | None:
    """'1.234,5' -> 1234.5; '1234.5' -> 1234.5; '3,5' -> 3.5; anything else None (also '1e9',
    'NaN', 'inf' and numbers of more than 15 digits, which no published count has)."""
    s = text.strip().replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    if re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?", s) or re.fullmatch(
        r"-?[0-9]+,[0-9]+", s
    ):
        s = s.replace(".", "").replace(",", ".")
    if (
        not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", s)
        or len(s.replace("-", "").replace(".", "")) > MAX_DIGITS
    ):
        return None
    return float(s)


@cache
def _municipality_by_name() -> dict[str, int]:
    out: dict[str, int] = {}
    for k in all_kommuner():
        out[k.navn.lower()] = k.kode
        out[k.navn_en.lower()] = k.kode
    return out


def _area(value: str) -> tuple[int | None, str | None]:
    """(kommune, None) for a municipality; (None, kind) for a row to skip; (None, None) unknown."""
    v = value.strip()
    low = v.lower()
    if v.isdigit():
        code = int(v)
        if code in _NOT_MUNICIPAL_CODES:
            return None, _NOT_MUNICIPAL_CODES[code]
        if code in {k.kode for k in all_kommuner()}:
            return code, None
        if 81 <= code <= 85:
            return None, "regioner"
        if 1 <= code <= 11:
            return None, "landsdele"
        return None, None
    if low in _NOT_MUNICIPAL_EXACT:
        return None, _NOT_MUNICIPAL_EXACT[low]
    for prefix, kind in _NOT_MUNICIPAL_PREFIX.items():
        if low.startswith(prefix):
            return None, kind
    return _municipality_by_name().get(low), None


def _read(
    source: Path | pa.Table, report: ValidationReport, label: str
) -> tuple[pa.Table, list[int], dict[bytes, bytes]]:
    """The table as strings, the line of each row and the table's metadata."""
    if isinstance(source, pa.Table):
        t, meta = source, dict(source.schema.metadata or {})
        lines = list(range(1, t.num_rows + 1))
    else:
        t, line_array = read_strings(source, report, label)
        meta = dict(pq.read_schema(source).metadata or {}) if is_parquet(source) else {}
        lines = line_array.tolist()
    t = pa.table({c: pc.cast(t.column(c), pa.string()).fill_null("") for c in t.column_names})
    return t, lines, meta


def has_benefit_columns(column_names: list[str]) -> bool:
    """Whether a table has the area, period and benefit columns an aggregate table of benefit
    recipients needs without `ydelse` (the schema is enough: no rows are read)."""
    folded = {_fold(c): c for c in column_names}
    return all(_find(folded, cols) for cols in (_AREA_COLUMNS, _PERIOD_COLUMNS, _YDELSE_COLUMNS))


def _find(columns: dict[str, str], candidates: tuple[str, ...]) -> list[str]:
    return [columns[c] for c in candidates if c in columns]


def _is_text_column(values: list[str]) -> bool:
    """No cell is a number (ignoring empty and suppressed cells): a name or label column."""
    cells = [v.strip() for v in values if v.strip() and v.strip() not in _SUPPRESSED]
    return all(danish_number(v) is None for v in cells)


def _lines(lines: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(n) for n in lines[:limit])
    return shown + (f" and {len(lines) - limit} more" if len(lines) > limit else "")


def parse_aggregate(
    source: Path | str | pa.Table,
    *,
    ydelse: str | None = None,
    measure: str | None = None,
    name: str | None = None,
) -> tuple[pa.Table, ValidationReport, dict[bytes, bytes]]:
    """Read and validate an aggregate table (file or Arrow table); write nothing.

    `ydelse`: the benefit label for a file without a benefit column. `measure`: the measure's name
    for DST's `INDHOLD` column (default `fuldtidspersoner` for AUK01-shaped tables with a
    YDELSESTYPE column, else `indhold`). Raises `RegisterImportError` on any error.
    """
    src = source if isinstance(source, pa.Table) else Path(source)
    label = name or (str(src) if not isinstance(src, pa.Table) else "<table>")
    report = ValidationReport()
    t, row_lines, meta = _read(src, report, label)
    report.rows_read = t.num_rows
    folded = {_fold(c): c for c in t.column_names}
    area_cols = _find(folded, _AREA_COLUMNS)
    period_cols = _find(folded, _PERIOD_COLUMNS)
    ydelse_cols = _find(folded, _YDELSE_COLUMNS)
    breakdown_cols = _find(folded, _BREAKDOWN_COLUMNS)
    accepted = "; ".join(accepted_labels())
    if not area_cols:
        report.error(label, 1, "Område", "missing column (OMRÅDE, Område, Area or kommune)")
    if not period_cols:
        report.error(label, 1, "Tid", "missing column (TID, Periode or år)")
    fixed_ydelse: str | None = None
    if ydelse is not None:
        fixed_ydelse = AGGREGATE_LABELS.get(ydelse.strip().lower())
        if fixed_ydelse is None:
            report.error(
                label, None, "ydelse", f"unknown ydelse label; accepted: {accepted}", ydelse
            )
    elif not ydelse_cols:
        report.error(
            label,
            1,
            "YDELSESTYPE",
            "missing column (YDELSESTYPE, Ydelse or Ydelsesgrupper), or name the benefit of the "
            f"whole file (--ydelse); accepted labels: {accepted}",
        )
    used = set(area_cols) | set(period_cols[:1]) | set(ydelse_cols[:1]) | set(breakdown_cols)
    candidates = [c for c in t.column_names if c not in used]
    measures: list[str] = []
    for c in candidates:
        # Without rows nothing tells a text column from a measure (the import is then refused
        # as having no data rows, not for a missing measure).
        if t.num_rows and _is_text_column(t.column(c).to_pylist()):
            report.warn(label, None, c, "text column, ignored")
        else:
            measures.append(c)
    if not measures:
        report.error(label, 1, None, "no measure column (e.g. INDHOLD or Fuldtidspersoner)")
    if not report.ok:
        raise RegisterImportError(report)

    def measure_name(col: str) -> str:
        f = _fold(col)
        if f == "indhold":
            return measure or ("fuldtidspersoner" if ydelse_cols else "indhold")
        return "fuldtidspersoner" if f == "fuldtidsmodtagere" else f

    areas = [t.column(c).to_pylist() for c in area_cols]
    periods = t.column(period_cols[0]).to_pylist()
    ydelser = t.column(ydelse_cols[0]).to_pylist() if fixed_ydelse is None else None
    breakdowns = {c: t.column(c).to_pylist() for c in breakdown_cols}
    values = {m: t.column(m).to_pylist() for m in measures}
    skipped: Counter[str] = Counter()
    unknown_area: dict[str, list[int]] = {}
    unknown_ydelse: dict[str, list[int]] = {}
    bad_period: dict[str, list[int]] = {}
    out: dict[str, list[object]] = {k: [] for k in AGGREGATE_SCHEMA.names}
    lines: list[int] = []
    for i in range(t.num_rows):
        line = row_lines[i]
        raw_area = next((a[i].strip() for a in areas if a[i].strip()), "")
        kode, skip = _area(raw_area) if raw_area else (None, None)
        if skip:
            skipped[skip] += 1
            continue
        if kode is None:
            unknown_area.setdefault(raw_area, []).append(line)
        elif any(v[i].strip().lower() not in _TOTALS for v in breakdowns.values()):
            skipped["opdelt på køn eller alder"] += 1
            continue
        per = aggregate_period(periods[i])
        if per is None:
            bad_period.setdefault(periods[i], []).append(line)
        if ydelser is not None:
            yd = AGGREGATE_LABELS.get(ydelser[i].strip().lower())
            if yd is None:
                unknown_ydelse.setdefault(ydelser[i], []).append(line)
        else:
            yd = fixed_ydelse
        if kode is None:
            continue  # reported above; its other fields are still checked
        for m in measures:
            cell = values[m][i].strip()
            v: float | None
            if cell in _SUPPRESSED or cell == "":
                report.warn(label, line, m, "suppressed or empty cell, stored as NULL", cell)
                v = None
            else:
                v = danish_number(cell)
                if v is None:
                    report.error(
                        label, line, m, f"not a number (at most {MAX_DIGITS} digits)", cell
                    )
                elif v < 0:
                    report.error(label, line, m, "a count cannot be negative", cell)
                    v = None
            out["kommune"].append(kode)
            out["periode"].append(per)
            out["ydelse"].append(yd)
            out["measure"].append(measure_name(m))
            out["vaerdi"].append(v)
            lines.append(line)
    area_field = area_cols[0] if area_cols else "Område"
    for value, ls in unknown_area.items():
        report.error(
            label,
            ls[0],
            area_field,
            f"not one of the 98 municipalities nor a national, regional or provincial row "
            f"(lines {_lines(ls)})",
            value,
        )
    for value, ls in bad_period.items():
        report.error(
            label,
            ls[0],
            period_cols[0],
            f"not a period: 2023, 2023M01, 2023K1 or 2023Q1 (lines {_lines(ls)})",
            value,
        )
    for value, ls in unknown_ydelse.items():
        report.error(
            label,
            ls[0],
            ydelse_cols[0],
            f"unknown ydelse label (lines {_lines(ls)}); accepted: {accepted}",
            value,
        )
    # Two rows for the same municipality, period, group and measure.
    seen: dict[tuple[object, ...], int] = {}
    keep = [True] * len(lines)
    for j, key in enumerate(
        zip(out["kommune"], out["periode"], out["ydelse"], out["measure"], strict=True)
    ):
        if key in seen:
            k = seen[key]
            if out["vaerdi"][k] == out["vaerdi"][j]:
                keep[j] = False
                report.warn(label, lines[j], None, f"exact duplicate of line {lines[k]}; dropped")
            else:
                report.error(
                    label,
                    lines[j],
                    None,
                    f"conflicting duplicate of line {lines[k]} (same municipality, period, "
                    "benefit and measure, another value)",
                )
        else:
            seen[key] = j
    for kind, n in sorted(skipped.items()):
        report.warn(label, None, area_field, f"skipped {n} rows: {kind}")
    if not report.ok:
        raise RegisterImportError(report)
    table = pa.table(
        {k: [v for v, keep_it in zip(out[k], keep, strict=True) if keep_it] for k in out},
        schema=AGGREGATE_SCHEMA,
    )
    return table, report, meta


def import_aggregate(
    path: Path | str,
    out_file: Path | str,
    *,
    ydelse: str | None = None,
    measure: str | None = None,
    replace_with_less: bool = False,
) -> ValidationReport:
    """Import an aggregate table (see the module doc) into one Parquet file, atomically.

    A table with no rows, or with less than half the rows or periods of the aggregate table
    already at `out_file`, is refused unless `replace_with_less`."""
    table, report, meta = parse_aggregate(path, ydelse=ydelse, measure=measure)
    new = Extent(table.num_rows, len(pc.unique(table.column("periode"))), "periods")
    out = Path(out_file)
    refusal = None
    if out.is_dir():
        refusal = (
            f"{out.name} is a folder; an aggregate table is one .parquet file; nothing written"
        )
    elif out.exists() and not is_aggregate(out):
        refusal = (
            f"{out.name} exists and is not an aggregate table (indsats register import aggregate "
            "writes one); nothing written; give a new file or an aggregate table as --out"
        )
    refusal = refusal or replacement_refusal(
        out_file, aggregate_extent(out_file), new, replace_with_less=replace_with_less
    )
    if refusal is not None:
        report.error(str(path), None, None, refusal)
        raise RegisterImportError(report)
    info = {
        "kilde_fil": Path(path).name,
        "importeret": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "raekker_laest": report.rows_read,
        "grupper": sorted({g for g in table.column("ydelse").to_pylist() if g}),
    }
    out_meta = {METADATA_KEY: json.dumps(info, ensure_ascii=False).encode()}
    if PROVENANCE_KEY in meta:
        out_meta[PROVENANCE_KEY] = meta[PROVENANCE_KEY]
    with atomic_file(out_file) as tmp:
        pq.write_table(table.replace_schema_metadata(out_meta), tmp)
    report.rows_written = table.num_rows
    return report


def aggregate_extent(path: Path | str) -> Extent | None:
    """Rows and distinct periods of the aggregate table at `path`; None if there is none."""
    if not is_aggregate(path):
        return None
    periods = pq.read_table(path, columns=["periode"]).column("periode")
    return Extent(len(periods), len(pc.unique(periods)), "periods")


def is_aggregate(path: Path | str) -> bool:
    """True for a Parquet file in the aggregate schema (not a register directory)."""
    p = Path(path)
    if not (p.is_file() and p.suffix.lower() == ".parquet"):
        return False
    try:
        names = set(pq.read_schema(p).names)
    except (OSError, pa.ArrowException, UnicodeError):
        return False
    return set(AGGREGATE_SCHEMA.names) <= names


def read_aggregate(path: Path | str) -> pa.Table:
    """An imported aggregate table (the schema above, metadata kept)."""
    if not is_aggregate(path):
        raise ValueError(
            f"{path}: not an aggregate table (indsats register import aggregate writes one)"
        )
    return pq.read_table(path)


def aggregate_info(path: Path | str) -> dict[str, object]:
    """The import's metadata and, for fetched tables, their provenance."""
    meta = pq.read_schema(path).metadata or {}
    info: dict[str, object] = json.loads(meta[METADATA_KEY]) if METADATA_KEY in meta else {}
    if PROVENANCE_KEY in meta:
        info["provenance"] = json.loads(meta[PROVENANCE_KEY])
    return info
