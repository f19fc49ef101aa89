"""Shared helpers for the rules tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from indsats.rules.model import Obligation, Sag
from indsats.rules.obligations import obligations


def case(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"sag_id": "T1"}
    base.update(fields)
    return base


def find(raw: dict[str, Any], as_of: str, rule_id: str, nr: int = 1) -> Obligation | None:
    sag = Sag.from_dict(raw)
    hits = [
        o
        for o in obligations(sag, date.fromisoformat(as_of))
        if o.rule_id == rule_id and o.nr == nr
    ]
    assert len(hits) <= 1, hits
    return hits[0] if hits else None


def d(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
