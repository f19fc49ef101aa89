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
from indsats.web.citizens.obligations import sag_statuses

# Duties of the jobcenter caseworker that are not done: what the worklist can show.
WORKLIST_STATES_EXCLUDED = ("met", "info", "late")


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


def _on_worklist(ob: rules.Obligation) -> bool:
    return (
        ob.personal_duty
        and ob.holder == "jobcenter"
        and ob.state not in WORKLIST_STATES_EXCLUDED
        and (ob.state == "overdue" or ob.due_by is not None)
    )


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
    fine = [s.sag.pk for s in statuses if not s.error]
    Sag.objects.filter(pk__in=fine).update(frister_noegle=key, frister_fejl="")
    for s in statuses:
        if s.error:
            Sag.objects.filter(pk=s.sag.pk).update(frister_noegle=key, frister_fejl=s.error)
    return len(sager)


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
