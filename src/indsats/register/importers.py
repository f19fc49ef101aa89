"""Importers into the canonical register: long CSV/Parquet, DREAM-style wide files, aggregates.

Every importer validates the whole file first and collects every problem in a
`ValidationReport` (file, line, field, value). If there is any error, nothing is written and
`RegisterImportError` is raised; otherwise the result is written atomically (temporary file or
directory, then rename). Warnings (e.g. exact duplicate rows, which are dropped) are reported,
never silent.

Files are read by `indsats.register.reading` (the encodings, binary and quoting checks of
`indsats.domain.textfiles`). Line numbers are an editor's: in a CSV file the header is usually
line 1, blank lines are skipped but counted, and a record with a quoted line break has the line
it starts on. In Parquet files "line" is the 1-based row number.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import ArrayLike

from indsats.domain.kommuner import all_kommuner
from indsats.domain.textfiles import InputFileError, csv_records
from indsats.register import weeks
from indsats.register.aggregate import import_aggregate
from indsats.register.reading import read_strings
from indsats.register.schema import (
    ORIGINS,
    SELVFORSOERGELSE,
    SEXES,
    YDELSE_CODES,
    RegisterImportError,
    ValidationReport,
)
from indsats.register.store import (
    Extent,
    not_a_register,
    register_extent,
    replacement_refusal,
    to_canonical,
    write_register,
)

MAX_PROBLEMS_PER_CHECK = 1000  # per check and field; the report says how many more there were
UDENFOR = "udenfor"  # a DREAM code meaning "outside the population" (died, emigrated): no row


def _kommune_codes() -> set[int]:
    return {k.kode for k in all_kommuner()}


def _report_rows(
    report: ValidationReport,
    name: str,
    lines: ArrayLike,
    field: str,
    message: str,
    values: Sequence[Any] | np.ndarray | None = None,
    *,
    warn: bool = False,
) -> None:
    add = report.warn if warn else report.error
    line_nos = np.asarray(lines)
    for i, line in enumerate(line_nos[:MAX_PROBLEMS_PER_CHECK]):
        add(name, int(line), field, message, None if values is None else str(values[i]))
    if len(line_nos) > MAX_PROBLEMS_PER_CHECK:
        add(name, None, field, f"{message}: {len(line_nos) - MAX_PROBLEMS_PER_CHECK} more lines")


def _stripped(col: pa.ChunkedArray) -> np.ndarray:
    return np.asarray(
        pc.utf8_trim_whitespace(col.fill_null("")).to_numpy(zero_copy_only=False), dtype=object
    )


def _parse_int(
    values: np.ndarray,
    report: ValidationReport,
    name: str,
    field: str,
    lines: np.ndarray,
    *,
    required: bool = True,
    lo: int | None = None,
    hi: int | None = None,
    what: str = "an integer",
) -> tuple[np.ndarray, np.ndarray]:
    """Parse a string array to int64; bad cells are errors. Returns (array, null mask).

    Only ASCII digits with an optional leading minus, at most 18 of them (anything longer is out
    of every range this register knows and would not fit 64 bits)."""
    s = values.astype(str)
    empty = s == ""
    ok_digits = _integers(s)
    bad = ~ok_digits & ~empty
    if bad.any():
        _report_rows(report, name, lines[bad], field, f"not {what}", s[bad])
    out = np.zeros(len(s), np.int64)
    good = ok_digits
    if good.any():
        out[good] = s[good].astype(np.int64)
    if required and empty.any():
        _report_rows(report, name, lines[empty], field, "missing value")
    if lo is not None and hi is not None:
        rng_bad = good & ((out < lo) | (out > hi))
        if rng_bad.any():
            _report_rows(report, name, lines[rng_bad], field, f"out of range {lo}-{hi}", s[rng_bad])
    return out, empty | bad


_INTEGER = r"^-?[0-9]{1,18}$"


def _integers(s: np.ndarray) -> np.ndarray:
    """Mask of the cells that are integers `_parse_int` accepts."""
    if not len(s):
        return np.zeros(0, bool)
    found = pc.match_substring_regex(pa.array(s.tolist(), pa.string()), _INTEGER)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)


def person_id_to_int(values: np.ndarray) -> np.ndarray:
    """Pseudonymous ids: integers are kept; other strings are hashed (BLAKE2b, 63 bits)."""
    s = values.astype(str)
    if len(s) and (_integers(s) & ~np.char.startswith(s, "-")).all():
        return s.astype(np.int64)
    uniq, inv = np.unique(s, return_inverse=True)
    hashed = np.array(
        [
            int.from_bytes(hashlib.blake2b(u.encode(), digest_size=8).digest(), "big") >> 1
            for u in uniq
        ],
        np.int64,
    )
    return hashed[inv]


@dataclass(frozen=True, slots=True)
class _Rows:
    line: np.ndarray
    person_id: np.ndarray
    week_index: np.ndarray
    ydelse: np.ndarray
    kommune: np.ndarray
    birth_year: np.ndarray | None = None
    sex: np.ndarray | None = None
    origin: np.ndarray | None = None


def _check_duplicates(rows: _Rows, report: ValidationReport, name: str) -> np.ndarray:
    """Report duplicates of (person, week): conflicting ones are errors, identical ones warnings.
    Returns a mask of rows to keep (the first of each identical group)."""
    n = len(rows.line)
    keep = np.ones(n, bool)
    if n == 0:
        return keep
    order = np.lexsort((rows.line, rows.week_index, rows.person_id))
    p, w = rows.person_id[order], rows.week_index[order]
    same = np.zeros(n, bool)
    same[1:] = (p[1:] == p[:-1]) & (w[1:] == w[:-1])
    if not same.any():
        return keep
    # index of the first row of each run, for every row
    run_start = np.maximum.accumulate(np.where(~same, np.arange(n), 0))
    dup = np.nonzero(same)[0]
    first = order[run_start[dup]]
    this = order[dup]
    conflict = rows.ydelse[this] != rows.ydelse[first]
    for i, j in zip(this[conflict][:MAX_PROBLEMS_PER_CHECK], first[conflict], strict=False):
        report.error(
            name,
            int(rows.line[i]),
            "ydelse",
            f"conflicting duplicate: person {rows.person_id[i]} week "
            f"{weeks.label(int(rows.week_index[i]))} is {rows.ydelse[j]!r} on line "
            f"{rows.line[j]}",
            str(rows.ydelse[i]),
        )
    for i, j in zip(this[~conflict][:MAX_PROBLEMS_PER_CHECK], first[~conflict], strict=False):
        report.warn(
            name,
            int(rows.line[i]),
            None,
            f"exact duplicate of line {rows.line[j]} (same person, week and ydelse); dropped",
        )
    keep[this[~conflict]] = False
    return keep


def _finish(
    rows: _Rows,
    report: ValidationReport,
    name: str,
    out_dir: Path | str,
    *,
    replace_with_less: bool = False,
) -> pa.Table:
    keep = _check_duplicates(rows, report, name)
    if not report.ok:
        raise RegisterImportError(report)
    order = np.lexsort((rows.week_index[keep], rows.person_id[keep]))

    def k(a: np.ndarray) -> np.ndarray:
        return np.asarray(a[keep][order])

    def opt(a: np.ndarray | None) -> list[Any] | None:
        if a is None:
            return None
        return [None if (v is None or v == "") else v for v in k(a).tolist()]

    by = None if rows.birth_year is None else k(rows.birth_year)
    table = to_canonical(
        person_id=k(rows.person_id),
        week_index=k(rows.week_index),
        ydelse=pa.array(k(rows.ydelse).tolist(), pa.string()),
        kommune=k(rows.kommune),
        birth_year=None if by is None else pa.array(by, pa.int32(), mask=by < 0),
        sex=opt(rows.sex),
        origin=opt(rows.origin),
    )
    new = Extent(table.num_rows, len(pc.unique(table.column("week_index"))))
    refusal = not_a_register(out_dir) or replacement_refusal(
        out_dir, register_extent(out_dir), new, replace_with_less=replace_with_less
    )
    if refusal is not None:
        report.error(name, None, None, refusal)
        raise RegisterImportError(report)
    report.rows_written = write_register(table, out_dir)
    return table


# ----------------------------------------------------------------------------------------------
# Long CSV / Parquet


def import_long(
    path: Path | str, out_dir: Path | str, *, replace_with_less: bool = False
) -> ValidationReport:
    """Import a long file: one row per person-week with benefit.

    An import that would empty `out_dir` or leave less than half its rows or weeks is refused
    unless `replace_with_less` (see `store.replacement_refusal`).

    Columns: person_id, ydelse, kommune and the week as `week_index`, or `iso_year` + `iso_week`,
    or `week` ('2020W05'); optional birth_year, sex (M/K), origin (dansk/indvandrer/efterkommer).
    """
    path = Path(path)
    name = str(path)
    report = ValidationReport()
    t, lines = read_strings(path, report, name)
    report.rows_read = t.num_rows
    cols = set(t.column_names)
    missing = [c for c in ("person_id", "ydelse", "kommune") if c not in cols]
    if not ({"week_index"} <= cols or {"iso_year", "iso_week"} <= cols or {"week"} <= cols):
        missing.append("week_index | iso_year+iso_week | week")
    for c in missing:
        report.error(name, 1, c, "missing column")
    if missing or not report.ok:
        raise RegisterImportError(report)

    pid_s = _stripped(t.column("person_id"))
    empty = pid_s == ""
    if empty.any():
        _report_rows(report, name, lines[empty], "person_id", "missing value")
    pid = person_id_to_int(pid_s)

    if "week_index" in cols:
        wk, _ = _parse_int(
            _stripped(t.column("week_index")),
            report,
            name,
            "week_index",
            lines,
            lo=0,
            hi=10_000,
            what="a week index",
        )
    elif "week" in cols:
        ws = _stripped(t.column("week"))
        uniq, inv = np.unique(ws.astype(str), return_inverse=True)
        parsed = np.zeros(len(uniq), np.int64)
        bad_u = np.zeros(len(uniq), bool)
        for i, u in enumerate(uniq):
            try:
                parsed[i] = weeks.parse_week(u)
            except ValueError:  # InvalidWeek, or a year no calendar has (0000W01)
                bad_u[i] = True
        bad = bad_u[inv]
        if bad.any():
            _report_rows(
                report, name, lines[bad], "week", "impossible or malformed ISO week", ws[bad]
            )
        wk = parsed[inv]
    else:
        iy, _ = _parse_int(
            _stripped(t.column("iso_year")), report, name, "iso_year", lines, lo=1991, hi=2100
        )
        iw, _ = _parse_int(
            _stripped(t.column("iso_week")), report, name, "iso_week", lines, lo=1, hi=53
        )
        wk = np.zeros(len(iy), np.int64)
        pairs, inv = np.unique(np.stack([iy, iw], 1), axis=0, return_inverse=True)
        inv = inv.reshape(-1)
        bad_u = np.zeros(len(pairs), bool)
        parsed = np.zeros(len(pairs), np.int64)
        for i, (y, w) in enumerate(pairs):
            try:
                parsed[i] = weeks.week_index(int(y), int(w))
            except (weeks.InvalidWeek, ValueError):
                bad_u[i] = True
        wk = parsed[inv]
        bad = bad_u[inv] & (iw >= 1) & (iw <= 53) & (iy >= 1991)
        if bad.any():
            _report_rows(
                report,
                name,
                lines[bad],
                "iso_week",
                "impossible week (the ISO year has no such week)",
                [f"{y}-W{w:02d}" for y, w in zip(iy[bad], iw[bad], strict=True)],
            )

    yd = _stripped(t.column("ydelse"))
    unknown = ~np.isin(yd, list(YDELSE_CODES))
    if unknown.any():
        _report_rows(
            report,
            name,
            lines[unknown],
            "ydelse",
            "unknown ydelse code (see indsats.domain.ydelser)",
            yd[unknown],
        )

    kom, _ = _parse_int(_stripped(t.column("kommune")), report, name, "kommune", lines)
    bad_k = ~np.isin(kom, list(_kommune_codes())) & (_stripped(t.column("kommune")) != "")
    bad_k &= _integers(_stripped(t.column("kommune")).astype(str))
    if bad_k.any():
        _report_rows(report, name, lines[bad_k], "kommune", "unknown kommunekode", kom[bad_k])

    by = sex = origin = None
    if "birth_year" in cols:
        by, null = _parse_int(
            _stripped(t.column("birth_year")),
            report,
            name,
            "birth_year",
            lines,
            required=False,
            lo=1900,
            hi=2030,
        )
        by = np.where(null, -1, by)
    if "sex" in cols:
        sex = _stripped(t.column("sex"))
        bad = ~np.isin(sex, list(SEXES) + [""])
        if bad.any():
            _report_rows(report, name, lines[bad], "sex", "sex must be M or K", sex[bad])
    if "origin" in cols:
        origin = _stripped(t.column("origin"))
        bad = ~np.isin(origin, list(ORIGINS) + [""])
        if bad.any():
            _report_rows(
                report,
                name,
                lines[bad],
                "origin",
                f"origin must be one of {sorted(ORIGINS)}",
                origin[bad],
            )

    rows = _Rows(lines, pid, wk, yd, kom, by, sex, origin)
    _finish(rows, report, name, out_dir, replace_with_less=replace_with_less)
    return report


# ----------------------------------------------------------------------------------------------
# DREAM-style wide files


@dataclass(frozen=True, slots=True)
class DreamCode:
    code: str
    ydelse: str  # a Ydelse value, "selvforsoergelse" or "udenfor"
    status: str  # "source" or "assumed"
    source: str
    note: str


def default_mapping_path() -> Path:
    return Path(str(resources.files("indsats.register") / "dream_mapping.csv"))


@cache
def _load_mapping_cached(path: str) -> dict[str, DreamCode]:
    out: dict[str, DreamCode] = {}
    allowed = YDELSE_CODES | {SELVFORSOERGELSE, UDENFOR}
    name = Path(path).name
    try:
        records = csv_records(path, delimiter=",", comments=False)
        header_record = next(records, None)
        if header_record is None:
            raise ValueError(f"{name}: empty DREAM mapping")
        header = [h.strip() for h in header_record.cells]
        for needed in ("dream_code", "ydelse", "status"):
            if needed not in header:
                raise ValueError(
                    f"{name}, line {header_record.line}, field {needed!r}: missing column"
                )
        for record in records:
            line = record.line
            row = dict(zip(header, [c.strip() for c in record.cells], strict=False))
            code, yd, status = (
                row.get("dream_code", ""),
                row.get("ydelse", ""),
                row.get("status", ""),
            )
            if yd not in allowed:
                raise ValueError(f"{name}, line {line}, field 'ydelse': unknown target {yd!r}")
            if status not in ("source", "assumed"):
                raise ValueError(
                    f"{name}, line {line}, field 'status': must be source or "
                    f"assumed, not {status!r}"
                )
            if code in out:
                raise ValueError(f"{name}, line {line}, field 'dream_code': {code!r} twice")
            out[code] = DreamCode(code, yd, status, row.get("source", ""), row.get("note", ""))
    except InputFileError as exc:
        raise ValueError(str(exc)) from None
    return out


def load_dream_mapping(path: Path | str | None = None) -> dict[str, DreamCode]:
    """The editable DREAM code -> ydelse table (default: register/dream_mapping.csv)."""
    return _load_mapping_cached(str(path or default_mapping_path()))


_DREAM_COL = re.compile(r"^[yY]_\d+$")


def import_dream_wide(
    path: Path | str,
    out_dir: Path | str,
    *,
    mapping: Path | str | None = None,
    kommune: int | None = None,
    id_column: str | None = None,
    replace_with_less: bool = False,
) -> ValidationReport:
    """Import a DREAM-style wide file: one row per person, `y_YYWW` columns of weekly codes.

    The person id column is `id_column`, else the first of person_id/pnr/id. The municipality
    comes from a `kommune` column or the `kommune` argument. Optional columns birth_year, sex,
    origin as in the long format. Codes map through the DREAM mapping; an unknown code is an
    error naming line and column; an impossible week column (e.g. y_2153) is an error naming
    the header field. `replace_with_less` as for `import_long`.
    """
    path = Path(path)
    name = str(path)
    report = ValidationReport()
    t, lines = read_strings(path, report, name)
    report.rows_read = t.num_rows
    cols = t.column_names
    mp = load_dream_mapping(mapping)
    idc = id_column or next((c for c in ("person_id", "pnr", "id") if c in cols), None)
    if idc is None or idc not in cols:
        report.error(name, 1, id_column or "person_id", "missing id column")
    if "kommune" not in cols and kommune is None:
        report.error(name, 1, "kommune", "missing column (or pass kommune=...)")
    week_cols: list[tuple[str, int]] = []
    for c in cols:
        if _DREAM_COL.match(c):
            try:
                week_cols.append((c, weeks.parse_dream_week(c)))
            except weeks.InvalidWeek as exc:
                report.error(name, 1, c, f"impossible week column: {exc}")
    if not week_cols:
        report.error(name, 1, "y_YYWW", "no week columns")
    if not report.ok:
        raise RegisterImportError(report)
    pid_s = _stripped(t.column(idc))
    if (pid_s == "").any():
        _report_rows(report, name, lines[pid_s == ""], str(idc), "missing value")
    pid_all = person_id_to_int(pid_s)
    if "kommune" in cols:
        ks = _stripped(t.column("kommune"))
        kom_all, _ = _parse_int(ks, report, name, "kommune", lines)
        bad = ~np.isin(kom_all, list(_kommune_codes())) & _integers(ks.astype(str))
        if bad.any():
            _report_rows(report, name, lines[bad], "kommune", "unknown kommunekode", ks[bad])
    else:
        kom_all = np.full(t.num_rows, int(kommune or 0), np.int64)  # kommune is given (above)
    by_all = sex_all = origin_all = None
    if "birth_year" in cols:
        by_all, null = _parse_int(
            _stripped(t.column("birth_year")),
            report,
            name,
            "birth_year",
            lines,
            required=False,
            lo=1900,
            hi=2030,
        )
        by_all = np.where(null, -1, by_all)
    if "sex" in cols:
        sex_all = _stripped(t.column("sex"))
    if "origin" in cols:
        origin_all = _stripped(t.column("origin"))

    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("row", "week", "ydelse")}
    target = {c: m.ydelse for c, m in mp.items()}
    for col, wk in week_cols:
        v = _stripped(t.column(col)).astype(str)
        uniq, inv = np.unique(v, return_inverse=True)
        mapped = np.array([target.get(u) for u in uniq], dtype=object)
        unknown_u = np.array([m is None for m in mapped])
        if unknown_u.any():
            bad = unknown_u[inv]
            _report_rows(
                report,
                name,
                lines[bad],
                col,
                "unknown DREAM code (add it to the DREAM mapping)",
                v[bad],
            )
        benefit_u = np.array([m is not None and m in YDELSE_CODES for m in mapped])
        sel = np.nonzero(benefit_u[inv])[0]
        parts["row"].append(sel)
        parts["week"].append(np.full(len(sel), wk, np.int64))
        parts["ydelse"].append(mapped[inv[sel]])
    row = np.concatenate(parts["row"]) if parts["row"] else np.zeros(0, np.int64)
    rows = _Rows(
        lines[row],
        pid_all[row],
        np.concatenate(parts["week"]),
        np.concatenate(parts["ydelse"]).astype(object),
        kom_all[row],
        None if by_all is None else by_all[row],
        None if sex_all is None else sex_all[row],
        None if origin_all is None else origin_all[row],
    )
    assumed = sorted({mp[c].code for c in mp if mp[c].status == "assumed"})
    if assumed:
        report.warn(
            name,
            None,
            None,
            f"the DREAM mapping has {len(assumed)} ASSUMED code(s); results depend on them",
        )
    _finish(rows, report, name, out_dir, replace_with_less=replace_with_less)
    return report


def import_file(kind: str, path: Path | str, out: Path | str, **kwargs: Any) -> ValidationReport:
    """Dispatch: kind is 'long', 'dream' or 'aggregate'."""
    importers: dict[str, Callable[..., ValidationReport]] = {
        "long": import_long,
        "dream": import_dream_wide,
        "aggregate": import_aggregate,
    }
    fn = importers.get(kind)
    if fn is None:
        raise ValueError(f"unknown import kind {kind!r}: long, dream or aggregate")
    return fn(path, out, **kwargs)


__all__ = (
    "import_long",
    "import_dream_wide",
    "import_aggregate",
    "import_file",
    "load_dream_mapping",
)
