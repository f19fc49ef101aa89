"""From the collected chunks to the obligations frame: case order, categoricals, dates and the
Danish sentences (`text_da`), identical to the per-case `Obligation.to_dict()` rows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from indsats.rules.dates import _holiday_table
from indsats.rules.vectorised.arrays import DMIN, DSHIFT, EPOCH, NA, d64, day_number
from indsats.rules.vectorised.collect import Collector

ORDER_SPAN = 1 << 14  # rows of one case sort by `order` (0 .. ORDER_SPAN - 1) within the case

_COLUMNS = (
    "sag_id",
    "rule_id",
    "kind",
    "nr",
    "holder",
    "due_from",
    "due_by",
    "personal_duty",
    "met",
    "met_on",
    "state",
    "parameter",
    "parameter_from",
    "parameter_to",
    "legal_reference",
    "source_url",
    "status",
    "text_da",
    "due_by_non_working_day",
)


_NAT_INT = np.iinfo(np.int64).min  # NaT's integer value


def _to_dt(days: np.ndarray) -> np.ndarray:
    """int days (NA = missing) -> datetime64[s] (pandas keeps second resolution without a copy)."""
    return np.where(days == NA, _NAT_INT, days * 86400).view("datetime64[s]")


def _cat_from(values: list[str], codes: np.ndarray) -> pd.Categorical:
    uniq = sorted(set(values))
    pos = {u: i for i, u in enumerate(uniq)}
    mapping = np.array([pos[x] for x in values], dtype=np.int32)
    return pd.Categorical.from_codes(mapping[codes], categories=pd.Index(uniq, dtype=object))


def assemble(
    out: Collector, c: pd.DataFrame, slut: np.ndarray, A: int, text: bool, sort: bool = True
) -> pd.DataFrame:
    if not out.chunks:
        cols = [x for x in _COLUMNS if text or x != "text_da"]
        return pd.DataFrame({k: [] for k in cols})
    row = np.concatenate([ch["row"] for ch in out.chunks])
    order = np.concatenate([ch["order"] for ch in out.chunks])
    due_from_all = d64(np.concatenate([ch["due_from"] for ch in out.chunks]))
    # drop obligations that begin after the case ended; sort by (case, rule order)
    s = slut[row]
    keep = ~((s != NA) & (due_from_all != NA) & (due_from_all > s))
    if sort:
        sort_key = row * ORDER_SPAN + order
        sort_key = np.where(keep, sort_key, np.iinfo(np.int64).max)
        idx = np.argsort(sort_key, kind="stable")[: int(keep.sum())]
    else:
        idx = np.flatnonzero(keep)
    row = row[idx]

    def col(name: str) -> np.ndarray:
        return np.concatenate([ch[name] for ch in out.chunks])[idx]

    due_from, due_by, met, info = due_from_all[idx], d64(col("due_by")), col("met"), col("info")
    state_codes = np.where(
        info,
        4,
        np.where(
            met,
            0,
            np.where(
                (due_by != NA) & (due_by < A), 2, np.where((due_from != NA) & (due_from > A), 3, 1)
            ),
        ),
    )
    states = pd.Categorical.from_codes(
        state_codes,
        categories=pd.Index(["met", "open", "overdue", "upcoming", "info"], dtype=object),
    )
    rules = out.rules
    rcode = col("rule").astype(np.int32)
    pvs = out.pvs
    pcode = col("pv").astype(np.int32)
    ids = pd.Index(c["sag_id"])
    if ids.is_unique:
        sag_ids = pd.Categorical.from_codes(row, categories=ids)
    else:
        sag_ids = c["sag_id"].array.take(row)
    p_from_dt = _to_dt(np.array([day_number(p.valid_from) for p in pvs], dtype=np.int64))[pcode]
    p_to_dt = _to_dt(
        np.array([day_number(p.valid_to) if p.valid_to else NA for p in pvs], dtype=np.int64)
    )[pcode]
    # holiday/weekend names via a day-indexed table
    valid = due_by != NA
    nwd_codes = np.full(len(due_by), -1, dtype=np.int32)
    names: list[str] = []
    if valid.any():
        lo, hi = int(due_by[valid].min()), int(due_by[valid].max())
        table = np.full(hi - lo + 1, -1, dtype=np.int32)
        hol = _holiday_table()
        wd = ("lørdag", "søndag")
        for off in range(hi - lo + 1):
            d = EPOCH + timedelta(days=lo + off)
            name = hol.get(d)
            if name is None and d.weekday() >= 5:
                name = wd[d.weekday() - 5]
            if name is not None:
                if name not in names:
                    names.append(name)
                table[off] = names.index(name)
        nwd_codes[valid] = table[due_by[valid] - lo]
    data = {
        "sag_id": sag_ids,
        "rule_id": _cat_from([r[0] for r in rules], rcode),
        "kind": _cat_from([r[1] for r in rules], rcode),
        "nr": col("nr"),
        "holder": _cat_from([r[2] for r in rules], rcode),
        "due_from": _to_dt(due_from),
        "due_by": _to_dt(due_by),
        "personal_duty": col("personal"),
        "met": met,
        "met_on": _to_dt(d64(col("met_on"))),
        "state": states,
        "parameter": _cat_from([p.key for p in pvs], pcode),
        "parameter_from": p_from_dt,
        "parameter_to": p_to_dt,
        "legal_reference": _cat_from([p.reference for p in pvs], pcode),
        "source_url": _cat_from([p.source for p in pvs], pcode),
        "status": _cat_from([p.status for p in pvs], pcode),
    }
    if text:
        data["text_da"] = _texts_categorical(out, col("text"), due_from, due_by)
    data["due_by_non_working_day"] = pd.Categorical.from_codes(
        nwd_codes, categories=pd.Index(names, dtype=object)
    )
    return pd.DataFrame(data, copy=False)


def _texts_categorical(
    out: Collector, tcode: np.ndarray, due_from: np.ndarray, due_by: np.ndarray
) -> pd.Categorical:
    """Render each distinct (template, dates) once, then expand as a categorical column."""
    uses_from = np.array(
        [any(k in ("from", "from+14") for k in _template_parts(key)[1]) for key in out.text_keys],
        dtype=bool,
    )
    off_from = np.where(uses_from[tcode] & (due_from != NA), due_from - DMIN, DSHIFT - 1)
    off_by = np.where(due_by == NA, DSHIFT - 1, due_by - DMIN)
    comp = (tcode.astype(np.int64) * DSHIFT + off_from) * DSHIFT + off_by
    codes, uniq = pd.factorize(comp, sort=False)
    uniq = np.asarray(uniq, dtype=np.int64)
    ob = uniq % DSHIFT
    of = (uniq // DSHIFT) % DSHIFT
    tc = uniq // (DSHIFT * DSHIFT)
    u_from = np.where(of == DSHIFT - 1, NA, of + DMIN)
    u_by = np.where(ob == DSHIFT - 1, NA, ob + DMIN)
    texts = _render_texts(out, tc.astype(np.int32), u_from, u_by)
    text_codes, text_cats = pd.factorize(np.asarray(texts, dtype=object), sort=False)
    return pd.Categorical.from_codes(
        text_codes[codes], categories=pd.Index(text_cats, dtype=object)
    )


_S_FROM = date(1901, 1, 2)  # sentinels for locating the dates in a rendered template
_S_TO = date(1902, 2, 4)
_HELST = 14  # the integration template also shows due_from + 14 days


def _template_parts(key: tuple[Any, ...]) -> tuple[list[str], list[str]]:
    """Split the template text at the date placeholders: (literal parts, placeholder kinds)."""
    from indsats.rules.dates import fmt
    from indsats.rules.texts import _body

    text = _body(key, _S_FROM, _S_TO)
    marks = {
        fmt(_S_FROM): "from",
        fmt(_S_TO): "to",
        fmt(_S_FROM + timedelta(days=_HELST)): "from+14",
    }
    parts, kinds = [], []
    rest = text
    while True:
        hits = [(rest.find(m), m) for m in marks if rest.find(m) >= 0]
        if not hits:
            parts.append(rest)
            break
        pos, m = min(hits)
        parts.append(rest[:pos])
        kinds.append(marks[m])
        rest = rest[pos + len(m) :]
    return parts, kinds


def _render_texts(
    out: Collector, tcode: np.ndarray, due_from: np.ndarray, due_by: np.ndarray
) -> Any:
    """text_da for every row, built in Arrow from per-template literal parts and per-day date
    strings; identical to `texts.render` (checked by the equivalence tests)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from indsats.rules.dates import fmt, non_working_day_name

    templates = [_template_parts(k) for k in out.text_keys]
    width = max(len(k) for _, k in templates)
    valid = np.concatenate([due_from[due_from != NA], due_by[due_by != NA]])
    lo = int(valid.min()) if len(valid) else 0
    hi = int(valid.max()) + _HELST if len(valid) else 0
    day_strings = [fmt(EPOCH + timedelta(days=d)) for d in range(lo, hi + 1)] + ["ukendt dato", ""]
    unknown, empty = hi - lo + 1, hi - lo + 2
    day_dict = pa.array(day_strings, type=pa.string())

    def day_index(days: np.ndarray, plus: int = 0) -> np.ndarray:
        return np.where(days == NA, unknown, days + plus - lo).astype(np.int32)

    pieces = []
    for j in range(width + 1):
        lit = [t[0][j] if j < len(t[0]) else "" for t in templates]
        pieces.append(
            pa.DictionaryArray.from_arrays(
                pa.array(tcode, type=pa.int32()), pa.array(lit, type=pa.string())
            )
        )
        if j == width:
            break
        kinds = [t[1][j] if j < len(t[1]) else "" for t in templates]
        kind_of_row = np.array(
            [{"from": 0, "to": 1, "from+14": 2, "": 3}[k] for k in kinds], dtype=np.int8
        )[tcode]
        idx = np.full(len(tcode), empty, dtype=np.int32)
        for code, arr, plus in ((0, due_from, 0), (1, due_by, 0), (2, due_from, _HELST)):
            m = kind_of_row == code
            if m.any():
                idx[m] = day_index(arr[m], plus)
        pieces.append(pa.DictionaryArray.from_arrays(pa.array(idx, type=pa.int32()), day_dict))
    # holiday / weekend note on due_by
    notes = []
    for d in range(lo, hi + 1):
        odd = non_working_day_name(EPOCH + timedelta(days=d))
        notes.append(
            ""
            if odd is None
            else f" Fristen falder på en helligdag eller weekend ({odd}) og flyttes ikke."
        )
    notes.append("")
    note_idx = np.where(due_by == NA, hi - lo + 1, due_by - lo).astype(np.int32)
    pieces.append(
        pa.DictionaryArray.from_arrays(
            pa.array(note_idx, type=pa.int32()), pa.array(notes, type=pa.string())
        )
    )
    joined = pc.binary_join_element_wise(*[p.cast(pa.string()) for p in pieces], "")
    return (
        pd.arrays.ArrowStringArray(joined)
        if hasattr(pd.arrays, "ArrowStringArray")
        else joined.to_pandas()
    )


def frame_to_dicts(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of `obligations_frame` in the shape of `Obligation.to_dict()` (for comparisons)."""

    def iso(v: Any) -> str | None:
        return None if pd.isna(v) else pd.Timestamp(v).date().isoformat()

    out = []
    for r in df.itertuples(index=False):
        d = {
            "sag_id": r.sag_id,
            "rule_id": str(r.rule_id),
            "kind": str(r.kind),
            "nr": int(r.nr),
            "holder": str(r.holder),
            "due_from": iso(r.due_from),
            "due_by": iso(r.due_by),
            "personal_duty": bool(r.personal_duty),
            "met": bool(r.met),
            "met_on": iso(r.met_on),
            "state": str(r.state),
            "parameter": str(r.parameter),
            "parameter_version": {"from": iso(r.parameter_from), "to": iso(r.parameter_to)},
            "legal_reference": str(r.legal_reference),
            "source_url": str(r.source_url),
            "status": str(r.status),
            "due_by_non_working_day": (
                None
                if r.due_by_non_working_day is None or pd.isna(r.due_by_non_working_day)
                else r.due_by_non_working_day
            ),
        }
        if "text_da" in df.columns:
            d["text_da"] = r.text_da
        out.append(d)
    return out
