"""Municipality-level targets from 2026-07-01 (lov 1750/2025): the municipality's figures.

From 2026-07-01 the jobsamtaler in the first 6 months of dagpenge recipients, jobparate
kontanthjælpsmodtagere and ledighedsydelse recipients, and the first tilbud of dagpenge recipients
and job- and uddannelsesparate kontanthjælpsmodtagere (not those under arbejdspligt), are no longer
a duty in each case: the municipality must reach at least 75 % of each group and may exempt up to
25 % of it (`kontaktforloeb.maalsaetning`). `obligations` marks those rows
``personal_duty=False``; `maalopfyldelse` turns them into the figures. The a-kasse's samtaler of
the first 3 months are the a-kasse's target: they are reported apart (``samtale_akasse``).

A case counts for a kind once every target row of that kind has ended (``due_by < as_of``) and, if
a `periode` is given, its last target deadline of that kind lies in it; it is fulfilled when all
those rows are met. Exempt cases (the municipality's choice, passed as `fritagne_sager` for both
kinds or `fritagne_samtaler` / `fritagne_tilbud`) are left out of the shares and counted against
the 25 % of their kind. How STAR itself measures the shares over a period was not found: the
output's ``opgoerelse`` says how these figures are counted and that this is unverified.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from indsats.rules.dates import fmt
from indsats.rules.model import Obligation
from indsats.rules.parameters import value_at


def _rows(obligationer: Any) -> list[dict[str, Any]]:
    if hasattr(obligationer, "columns"):  # pandas frame from obligations_frame
        if len(obligationer) == 0:  # no cases: the frame may have no columns either
            return []
        df = obligationer[~obligationer["personal_duty"]]
        return [
            {
                "sag_id": str(s),
                "kind": str(k),
                "holder": str(h),
                "due_by": (None if b is None or b != b else b.date()),
                "met": bool(m),
            }
            for s, k, h, b, m in zip(
                df["sag_id"], df["kind"], df["holder"], df["due_by"], df["met"], strict=True
            )
        ]
    return [
        {
            "sag_id": o.sag_id,
            "kind": o.kind,
            "holder": o.holder,
            "due_by": o.due_by,
            "met": o.met,
        }
        for o in obligationer
        if isinstance(o, Obligation) and not o.personal_duty
    ]


def _share(n: int, d: int) -> Decimal | None:
    if d == 0:
        return None
    return (Decimal(n) / Decimal(d)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _exempt(cases: set[str], exempt: set[str], hoejst: Decimal) -> dict[str, Any]:
    n_exempt = len(exempt & cases)
    share = _share(n_exempt, len(cases))
    return {
        "sager": n_exempt,
        "maalgruppe_sager": len(cases),
        "andel": share,
        "hoejst": hoejst,
        "overholdt": None if share is None else share <= hoejst,
    }


FIGURES = ("samtale", "samtale_akasse", "tilbud")


def _groups(obligationer: Any) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The target rows by figure and case."""
    groups: dict[str, dict[str, list[dict[str, Any]]]] = {f: {} for f in FIGURES}
    for r in _rows(obligationer):
        if r["kind"] == "samtale":
            figure = "samtale_akasse" if r["holder"] == "akasse" else "samtale"
        elif r["kind"] == "tilbud":
            figure = "tilbud"
        else:
            continue
        groups[figure].setdefault(r["sag_id"], []).append(r)
    return groups


def _ended(rows: list[dict[str, Any]], as_of: date) -> tuple[date, bool] | None:
    """A case's target rows of one figure: once all have ended, the last deadline and whether
    every one was met; None while the case's target period runs."""
    if any(r["due_by"] is None or r["due_by"] >= as_of for r in rows):
        return None
    return max(r["due_by"] for r in rows), all(r["met"] for r in rows)


def maal_pr_sag(obligationer: Any, as_of: date) -> dict[str, dict[str, tuple[date, bool]]]:
    """Each case's part in the municipality's figures as of `as_of` (no exemptions, no period):
    per figure (`FIGURES`) and case whose target period has ended, its last target deadline and
    whether all its target rows were met. `maalopfyldelse` counts exactly these, so figures kept
    per case (the web app stores them with the day's deadlines) add up to the same shares."""
    return {
        figure: {
            sag: ended for sag, rows in cases.items() if (ended := _ended(rows, as_of)) is not None
        }
        for figure, cases in _groups(obligationer).items()
    }


def maalopfyldelse(
    obligationer: Any,
    as_of: date,
    *,
    fritagne_sager: Iterable[str] = (),
    fritagne_samtaler: Iterable[str] = (),
    fritagne_tilbud: Iterable[str] = (),
    periode: tuple[date, date] | None = None,
) -> dict[str, Any]:
    """The municipality's target figures as of `as_of` from obligations (list or frame)."""
    pv = value_at("kontaktforloeb.maalsaetning", as_of)
    p = pv.value
    if not p["maalgrupper_samtaler"] and not p["maalgrupper_tilbud"]:
        raise ValueError(
            f"no municipality-level targets on {as_of.isoformat()} "
            f"(they start {value_at('kontaktforloeb.maalsaetning', date(2026, 7, 1)).valid_from})"
        )
    if periode is not None and periode[1] < periode[0]:
        raise ValueError(f"periode ends {periode[1]} before it starts {periode[0]}")
    both = {str(s) for s in fritagne_sager}
    exempt = {
        "samtale": both | {str(s) for s in fritagne_samtaler},
        "tilbud": both | {str(s) for s in fritagne_tilbud},
    }
    groups = _groups(obligationer)
    result: dict[str, Any] = {}
    for figure, key in (
        ("samtale", "andel_samtaler"),
        ("samtale_akasse", "andel_samtaler"),
        ("tilbud", "andel_tilbud"),
    ):
        kind_exempt = exempt["tilbud" if figure == "tilbud" else "samtale"]
        counted = met = 0
        for sag, rows in groups[figure].items():
            if sag in kind_exempt:
                continue
            ended = _ended(rows, as_of)
            if ended is None:
                continue  # the case's target period has not ended yet
            last, all_met = ended
            if periode is not None and not periode[0] <= last <= periode[1]:
                continue
            counted += 1
            met += all_met
        share = _share(met, counted)
        result[figure] = {
            "sager": counted,
            "opfyldt": met,
            "andel": share,
            "maalsaetning": p[key],
            "naaet": None if share is None else share >= p[key],
        }
    samtale_cases = set(groups["samtale"]) | set(groups["samtale_akasse"])
    tilbud_cases = set(groups["tilbud"])
    result["fritagne"] = _exempt(
        samtale_cases | tilbud_cases, exempt["samtale"] | exempt["tilbud"], p["fritaget_hoejst"]
    )
    result["fritagne_samtaler"] = _exempt(samtale_cases, exempt["samtale"], p["fritaget_hoejst"])
    result["fritagne_tilbud"] = _exempt(tilbud_cases, exempt["tilbud"], p["fritaget_hoejst"])
    within = (
        f" og hvis sidste frist ligger i perioden {fmt(periode[0])}–{fmt(periode[1])}"
        if periode is not None
        else ""
    )
    result["opgoerelse"] = {
        "maaneder": p["maaneder"],
        "periode": None if periode is None else [periode[0].isoformat(), periode[1].isoformat()],
        "text_da": (
            f"En sag tæller med, når alle dens frister for samtaler eller tilbud i de første "
            f"{p['maaneder']} måneder er udløbet{within}; den er opfyldt, når alle er holdt "
            f"inden for fristen. A-kassens samtaler er a-kassens mål og vises for sig. Sådan "
            f"opgør Styrelsen for Arbejdsmarked og Rekruttering måske ikke målet: dens "
            f"opgørelsesmetode er ikke fundet."
        ),
        "status": "unverified",
    }
    result["parameter"] = pv.key
    result["parameter_version"] = pv.version()
    result["legal_reference"] = pv.reference
    result["source_url"] = pv.source
    result["status"] = pv.status
    return result
