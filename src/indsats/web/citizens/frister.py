"""Stored deadlines: each case's open duties, computed by the rules once a day (or when the case
changes) and kept as `Frist` rows, so the worklist is one indexed query instead of the rules
run for every open case on every request.

- `frister_key(as_of)` names what stored deadlines are valid for: the day and the rules'
  fingerprint (the source of `indsats.rules`, `indsats.domain` and this bridge), so a new
  version of the law's code recomputes everything the same day.
- `frister_refresh` recomputes cases (the worklist does it for its stale cases, at the first
  look of the day or after a change; `indsats manage frister_refresh` does it for all at night).
- Every save or delete of a case, citizen, samtale, offer or exemption clears the key of the
  cases it touches (signals below: they also catch writes outside the services).

Concurrency: a refresh locks its case rows before it reads the facts, and invalidating is an
UPDATE of those rows, so a write and a refresh take turns and the stored deadlines are never
newer in key than in facts.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from indsats import rules
from indsats.web.citizens.models import (
    Borger,
    Frist,
    Fritagelse,
    Sag,
    Samtale,
    TilbudsForloeb,
)
from indsats.web.citizens.obligations import caseload_obligations, sag_statuses

# Duties of the jobcenter caseworker that are not done: what the worklist can show.
WORKLIST_STATES_EXCLUDED = ("met", "info", "late")
# From this many cases at once the rules run in columns (`caseload_obligations`): slower for a
# few cases (a fixed cost of some milliseconds), about 30 times faster for thousands.
VECTORISED_FROM = 150


_SOURCE_SUFFIXES = {".py", ".yaml", ".yml", ".csv", ".json"}


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """A digest of the code and parameter files the deadlines come from."""
    import indsats.domain
    import indsats.rules

    digest = hashlib.sha256()
    for package in (indsats.rules, indsats.domain):
        root = Path(str(package.__file__)).parent
        for path in sorted(root.rglob("*")):
            if path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    here = Path(__file__).parent
    for module in ("obligations.py", "frister.py"):
        digest.update((here / module).read_bytes())
    return digest.hexdigest()[:16]


def frister_key(as_of: date) -> str:
    return f"{as_of.isoformat()}:{rules_fingerprint()}"


def worklist_mask(personal_duty: Any, holder: Any, state: Any, due_by: Any) -> np.ndarray:
    """What the worklist shows, as one rule over columns (a frame's or one obligation's): the
    jobcenter's personal duties that are not done, overdue or with a deadline."""
    state = np.asarray(state, dtype=object)
    due_missing = pd.isna(np.asarray(due_by, dtype=object))
    return (
        np.asarray(personal_duty, dtype=bool)
        & (np.asarray(holder, dtype=object) == "jobcenter")
        & ~np.isin(state, WORKLIST_STATES_EXCLUDED)
        & ((state == "overdue") | ~due_missing)
    )


def frame_worklist_mask(df: pd.DataFrame) -> np.ndarray:
    return worklist_mask(df["personal_duty"], df["holder"], df["state"], df["due_by"])


def _on_worklist(ob: rules.Obligation) -> bool:
    return bool(worklist_mask([ob.personal_duty], [ob.holder], [ob.state], [ob.due_by])[0])


def obligation_to_json(ob: rules.Obligation) -> dict:
    return {
        f.name: v.isoformat() if isinstance(v := getattr(ob, f.name), date) else v
        for f in dataclasses.fields(ob)
    }


_DATE_FIELDS = frozenset(
    f.name for f in dataclasses.fields(rules.Obligation) if "date" in str(f.type)
)


def obligation_from_json(data: dict[str, Any]) -> rules.Obligation:
    fields: dict[str, Any] = {
        k: date.fromisoformat(v) if k in _DATE_FIELDS and v else v for k, v in data.items()
    }
    return rules.Obligation(**fields)


@transaction.atomic
def frister_refresh(*, sag_ids: Iterable, as_of: date) -> int:
    """Recompute and store the deadlines of these cases for `as_of`. Returns cases done."""
    key = frister_key(as_of)
    sager = list(
        Sag.objects.select_for_update(of=("self",))
        .select_related("borger")
        .filter(pk__in=list(sag_ids))
        .order_by("pk")
    )
    if not sager:
        return 0
    if len(sager) >= VECTORISED_FROM:
        _refresh_vectorised(sager, as_of=as_of, key=key)
        return len(sager)
    statuses = sag_statuses(sager, as_of=as_of)
    Frist.objects.filter(sag__in=sager).delete()
    Frist.objects.bulk_create(
        [
            Frist(sag=s.sag, due_by=ob.due_by, state=ob.state, obligation=obligation_to_json(ob))
            for s in statuses
            for ob in s.obligations
            if _on_worklist(ob)
        ]
    )
    _store_keys(
        [s.sag.pk for s in statuses if not s.error],
        {s.sag.pk: s.error for s in statuses if s.error},
        key,
    )
    return len(sager)


def _store_keys(fine: list, errors: dict, key: str) -> None:
    Sag.objects.filter(pk__in=fine).update(frister_noegle=key, frister_fejl="")
    for pk, error in errors.items():
        Sag.objects.filter(pk=pk).update(frister_noegle=key, frister_fejl=error)


def _iso(v: Any) -> str | None:
    return None if v is None or pd.isna(v) else pd.Timestamp(v).date().isoformat()


def _refresh_vectorised(sager: list[Sag], *, as_of: date, key: str) -> None:
    """`frister_refresh` for many cases: the rules in columns, the same rows stored."""
    co = caseload_obligations(
        Sag.objects.filter(pk__in=[s.pk for s in sager]), as_of=as_of, text=True
    )
    df = co.obligations[frame_worklist_mask(co.obligations)]
    by_pk = {str(s.pk): s for s in sager}
    fields = [f.name for f in dataclasses.fields(rules.Obligation)]
    rows = []
    for record in df[fields].itertuples(index=False, name=None):
        ob = dict(zip(fields, record, strict=True))
        for name in _DATE_FIELDS:
            ob[name] = _iso(ob[name])
        for name in ("sag_id", "rule_id", "kind", "holder", "state", "parameter"):
            ob[name] = str(ob[name])
        for name in ("legal_reference", "source_url", "status", "text_da"):
            ob[name] = str(ob[name])
        ob["nr"] = int(ob["nr"])
        ob["personal_duty"] = bool(ob["personal_duty"])
        ob["met"] = bool(ob["met"])
        nwd = ob["due_by_non_working_day"]
        ob["due_by_non_working_day"] = None if nwd is None or pd.isna(nwd) else str(nwd)
        due_by = ob["due_by"]
        rows.append(
            Frist(
                sag=by_pk[ob["sag_id"]],
                due_by=date.fromisoformat(due_by) if due_by else None,
                state=ob["state"],
                obligation=ob,
            )
        )
    Frist.objects.filter(sag__in=sager).delete()
    Frist.objects.bulk_create(rows, batch_size=5000)
    _store_keys([pk for pk in co.sag_ids], co.errors, key)


def frister_refresh_stale(*, sager, as_of: date, batch: int = 5000) -> int:
    """Compute the stale cases among `sager` (a QuerySet of cases) for `as_of`, `batch` cases
    per transaction. Returns how many were stale."""
    stale = list(
        sager.exclude(frister_noegle=frister_key(as_of)).order_by("pk").values_list("pk", flat=True)
    )
    for lo in range(0, len(stale), batch):
        frister_refresh(sag_ids=stale[lo : lo + batch], as_of=as_of)
    return len(stale)


def frister_invalidate(*, sag_ids: Iterable = (), borger_id=None) -> None:
    """Forget the stored deadlines of these cases (or of all the citizen's cases)."""
    qs = Sag.objects.filter(pk__in=list(sag_ids))
    if borger_id is not None:
        qs = Sag.objects.filter(borger_id=borger_id)
    qs.exclude(frister_noegle="").update(frister_noegle="")


def _sag_changed(sender, instance, **kwargs):
    # A case's deadlines also read the citizen's other cases (repatriation months).
    frister_invalidate(borger_id=instance.borger_id)


def _borger_changed(sender, instance, **kwargs):
    frister_invalidate(borger_id=instance.pk)


def _fact_changed(sender, instance, **kwargs):
    frister_invalidate(sag_ids=[instance.sag_id])


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_sag_changed, sender=Sag, dispatch_uid=f"frister-sag-{signal}")
        signal.connect(_borger_changed, sender=Borger, dispatch_uid=f"frister-borger-{signal}")
        for model in (Samtale, TilbudsForloeb, Fritagelse):
            signal.connect(
                _fact_changed, sender=model, dispatch_uid=f"frister-{model.__name__}-{signal}"
            )
