"""Municipality-level targets from 2026-07-01 (lov 1750/2025): the jobcenter's figure.

From 2026-07-01 the samtaler and the first tilbud of dagpenge recipients, jobparate
kontanthjælpsmodtagere and ledighedsydelse recipients in the first 6 months are no longer a duty
in each case: the municipality must reach them for at least 75 % of the group, and may exempt up
to 25 %. `obligations` marks those rows ``personal_duty=False``; `maalopfyldelse` turns them into
the municipality's figure.

A case counts for a kind (samtale / tilbud) once every target row of that kind has ended
(``due_by < as_of``); it is fulfilled when all those rows are met. Exempt cases (the municipality's
choice, passed as `fritagne_sager`) are left out of the shares and counted against the 25 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from indsats.rules.model import Obligation
from indsats.rules.parameters import value_at


def _rows(obligationer: Any) -> list[dict[str, Any]]:
    if hasattr(obligationer, "columns"):  # pandas frame from obligations_frame
        df = obligationer[~obligationer["personal_duty"]]
        return [
            {
                "sag_id": str(s),
                "kind": str(k),
                "due_by": (None if b is None or b != b else b.date()),
                "met": bool(m),
            }
            for s, k, b, m in zip(df["sag_id"], df["kind"], df["due_by"], df["met"], strict=True)
        ]
    return [
        {"sag_id": o.sag_id, "kind": o.kind, "due_by": o.due_by, "met": o.met}
        for o in obligationer
        if isinstance(o, Obligation) and not o.personal_duty
    ]


def _share(n: int, d: int) -> Decimal | None:
    if d == 0:
        return None
    return (Decimal(n) / Decimal(d)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def maalopfyldelse(
    obligationer: Any, as_of: date, *, fritagne_sager: Iterable[str] = ()
) -> dict[str, Any]:
    """The municipality's target figures as of `as_of` from obligations (list or frame)."""
    pv = value_at("kontaktforloeb.maalsaetning", as_of)
    p = pv.value
    if not p["maalgrupper"]:
        raise ValueError(
            f"no municipality-level targets on {as_of.isoformat()} "
            f"(they start {value_at('kontaktforloeb.maalsaetning', date(2026, 7, 1)).valid_from})"
        )
    exempt = {str(s) for s in fritagne_sager}
    per_case: dict[tuple[str, str], list[dict[str, Any]]] = {}
    cases: set[str] = set()
    for r in _rows(obligationer):
        if r["kind"] not in ("samtale", "tilbud"):
            continue
        cases.add(r["sag_id"])
        per_case.setdefault((r["sag_id"], r["kind"]), []).append(r)
    result: dict[str, Any] = {}
    for kind, key in (("samtale", "andel_samtaler"), ("tilbud", "andel_tilbud")):
        counted = met = 0
        for (sag, k), rows in per_case.items():
            if k != kind or sag in exempt:
                continue
            if any(r["due_by"] is None or r["due_by"] >= as_of for r in rows):
                continue  # the case's target period has not ended yet
            counted += 1
            met += all(r["met"] for r in rows)
        share = _share(met, counted)
        result[kind] = {
            "sager": counted,
            "opfyldt": met,
            "andel": share,
            "maalsaetning": p[key],
            "naaet": None if share is None else share >= p[key],
        }
    n_exempt = len(exempt & cases)
    share_exempt = _share(n_exempt, len(cases))
    result["fritagne"] = {
        "sager": n_exempt,
        "maalgruppe_sager": len(cases),
        "andel": share_exempt,
        "hoejst": p["fritaget_hoejst"],
        "overholdt": None if share_exempt is None else share_exempt <= p["fritaget_hoejst"],
    }
    result["parameter"] = pv.key
    result["parameter_version"] = pv.version()
    result["legal_reference"] = pv.reference
    result["source_url"] = pv.source
    result["status"] = pv.status
    return result
