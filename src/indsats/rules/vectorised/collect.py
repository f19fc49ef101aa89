"""`Collector`: the rules append their obligations here as column chunks, with the parameter
values, rule ids and text keys interned once; `assemble` turns the chunks into the frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from indsats.rules.parameters import ParameterValue
from indsats.rules.vectorised.arrays import NA, d32


class Collector:
    def __init__(self) -> None:
        self.chunks: list[dict[str, np.ndarray]] = []
        self.pvs: list[ParameterValue] = []
        self.pv_ids: dict[int, int] = {}
        self.text_keys: list[tuple[Any, ...]] = []
        self.text_ids: dict[tuple[Any, ...], int] = {}
        self.rules: list[tuple[str, str, str]] = []  # (rule_id, kind, holder)
        self.rule_ids: dict[tuple[str, str, str], int] = {}

    def pv(self, v: ParameterValue) -> int:
        k = id(v)
        if k not in self.pv_ids:
            self.pv_ids[k] = len(self.pvs)
            self.pvs.append(v)
        return self.pv_ids[k]

    def text(self, key: tuple[Any, ...]) -> int:
        if key not in self.text_ids:
            self.text_ids[key] = len(self.text_keys)
            self.text_keys.append(key)
        return self.text_ids[key]

    def rule(self, rule_id: str, kind: str, holder: str) -> int:
        k = (rule_id, kind, holder)
        if k not in self.rule_ids:
            self.rule_ids[k] = len(self.rules)
            self.rules.append(k)
        return self.rule_ids[k]

    def add(
        self,
        rows: np.ndarray,
        *,
        order: int,
        rule: int,
        nr: int | np.ndarray,
        due_from: np.ndarray,
        due_by: np.ndarray,
        personal: bool | np.ndarray,
        met_on: np.ndarray,
        pv: int | np.ndarray,
        text: int | np.ndarray,
        info: bool = False,
        met: np.ndarray | None = None,
    ) -> None:
        n = len(rows)
        if n == 0:
            return

        def full(x: Any, dtype: Any) -> np.ndarray:
            a = np.asarray(x, dtype=dtype)
            return np.full(n, a, dtype=dtype) if a.ndim == 0 else a

        met_on = full(met_on, np.int64)
        self.chunks.append(
            {
                "row": rows.astype(np.int64),
                "order": np.full(n, order, dtype=np.int32),
                "rule": np.full(n, rule, dtype=np.int16),
                "nr": full(nr, np.int16),
                "due_from": d32(full(due_from, np.int64)),
                "due_by": d32(full(due_by, np.int64)),
                "personal": full(personal, bool),
                "met": (met_on != NA) if met is None else full(met, bool),
                "met_on": d32(met_on),
                "pv": full(pv, np.int16),
                "text": full(text, np.int32),
                "info": np.full(n, info, dtype=bool),
            }
        )


def text_ids(
    out: Collector, codes: np.ndarray, make_key: Callable[[int], tuple[Any, ...]]
) -> np.ndarray:
    """Text key ids per row from an int64 code per row that `make_key` turns into the key (each
    distinct code is turned into a key once)."""
    inv, uniq = pd.factorize(np.asarray(codes, dtype=np.int64), sort=False)
    ids = np.array([out.text(make_key(int(u))) for u in uniq], dtype=np.int32)
    return ids[inv] if len(ids) else np.zeros(len(inv), dtype=np.int32)
