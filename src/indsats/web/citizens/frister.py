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
- With the deadlines, each case's part in Teamoverblik's compliance figures is stored
  (`Overholdelse` rows, `compliance_rows`), computed from the same obligations, so the figures
  of a municipality are one grouped count. They depend on the day as the deadlines do, and the
  same key says for which day they hold.

Concurrency: a refresh locks its case rows before it reads the facts, and invalidating is an
UPDATE of those rows, so a write and a refresh take turns and the stored deadlines are never
newer in key than in facts.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from indsats import rules
from indsats.web.citizens.models import (
    Borger,
    Frist,
    Fritagelse,
    Overholdelse,
    Sag,
    Samtale,
    TilbudsForloeb,
)
from indsats.web.citizens.obligations import SagStatus, caseload_obligations, sag_statuses

# Duties of the jobcenter caseworker that are not done: what the worklist can show.
WORKLIST_STATES_EXCLUDED = ("met", "info", "late")
# From this many cases at once the rules run in columns (`caseload_obligations`): slower for a
# few cases (a fixed cost of some milliseconds), about 30 times faster for thousands.
VECTORISED_FROM = 150
# Teamoverblik's compliance: the duties of a case's first 6 months, counted when those months end
# in the window (by default the last 6 months); the municipal targets' last deadline can fall up
# to a year after the case starts, so the cases that can count start at most this long before
# the window.
SIX_MONTHS_DAYS = 183
COMPLIANCE_LOOKBACK_DAYS = 366
# The duties a case is measured on: (kind, holder) -> the figure's name (as `maal_pr_sag`'s).
COMPLIANCE_FIGURES = {
    ("samtale", "jobcenter"): "samtale",
    ("tilbud", "jobcenter"): "tilbud",
    ("samtale", "akasse"): "samtale_akasse",
}


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


def compliance_rows(
    *,
    sag_ids: Sequence,
    start: np.ndarray,
    case: np.ndarray,
    obligations: Mapping[str, Any],
    targets: dict[str, dict[str, tuple[date, bool]]],
) -> list[Overholdelse]:
    """Each case's part in the compliance figures (unsaved `Overholdelse` rows).

    `sag_ids` and `start` (datetime64) describe the cases; `obligations` holds the rules'
    obligations of them as columns (a frame of `obligations_frame`, or lists), `case` each
    row's case (an index into `sag_ids`). Duties in every case (`personal_duty`): a case counts
    for a figure when it has such duties due in its first 6 months (`SIX_MONTHS_DAYS`), and
    meets it when every one was met in time. `targets` is `maal_pr_sag` of the same
    obligations: the rules' own per-case part of the municipal target figures.
    """
    rows: list[Overholdelse] = []
    six_end = np.asarray(start, dtype="datetime64[D]") + np.timedelta64(SIX_MONTHS_DAYS, "D")
    if len(case):
        kind = np.asarray(obligations["kind"], dtype=object)
        holder = np.asarray(obligations["holder"], dtype=object)
        personal = np.asarray(obligations["personal_duty"], dtype=bool)
        met = np.asarray(obligations["met"], dtype=bool)
        due_by = _days(obligations["due_by"])
        met_on = _days(obligations["met_on"])
        base = personal & ~np.isnat(due_by) & (due_by <= six_end[case])
        ok = met & (np.isnat(met_on) | (met_on <= due_by))
        for (k, h), figure in COMPLIANCE_FIGURES.items():
            sel = base & (kind == k) & (holder == h)
            failed = set(np.unique(case[sel & ~ok]).tolist())
            rows.extend(
                Overholdelse(
                    sag_id=sag_ids[i],
                    maal=figure,
                    pligt=True,
                    dato=six_end[i].item(),
                    opfyldt=i not in failed,
                )
                for i in np.unique(case[sel]).tolist()
            )
    by_key = {str(pk): pk for pk in sag_ids}
    for figure, cases in targets.items():
        rows.extend(
            Overholdelse(sag_id=by_key[sag], maal=figure, pligt=False, dato=last, opfyldt=met)
            for sag, (last, met) in cases.items()
        )
    return rows


def _days(values: Any) -> np.ndarray:
    """A frame's datetime column, or dates and None, as datetime64[D]."""
    if isinstance(values, pd.Series) and pd.api.types.is_datetime64_any_dtype(values):
        return values.to_numpy("datetime64[D]")
    return np.array(
        [np.datetime64("NaT") if v is None else v for v in values], dtype="datetime64[D]"
    )


def _compliance_of_statuses(statuses: list[SagStatus], as_of: date) -> list[Overholdelse]:
    """`compliance_rows` for the per-case path: the obligations' fields as columns."""
    from indsats.rules.maalsaetning import maal_pr_sag

    fine = [s for s in statuses if not s.error]
    obligations = [(i, ob) for i, s in enumerate(fine) for ob in s.obligations]
    return compliance_rows(
        sag_ids=[s.sag.pk for s in fine],
        start=_days([s.sag.foerste_henvendelse for s in fine]),
        case=np.asarray([i for i, _ in obligations], dtype=np.int64),
        obligations={
            name: [getattr(ob, name) for _, ob in obligations]
            for name in ("kind", "holder", "personal_duty", "met", "due_by", "met_on")
        },
        targets=maal_pr_sag([ob for _, ob in obligations], as_of),
    )


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
    Overholdelse.objects.filter(sag__in=sager).delete()
    Overholdelse.objects.bulk_create(_compliance_of_statuses(statuses, as_of))
    _store_keys(
        [s.sag.pk for s in statuses if not s.error],
        {s.sag.pk: s.error for s in statuses if s.error},
        key,
    )
    return len(sager)


def _store_keys(fine: list, errors: dict, key: str) -> None:
    overdue = (
        Frist.objects.filter(sag=OuterRef("pk"), state="overdue")
        .values("sag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Sag.objects.filter(pk__in=fine).update(
        frister_noegle=key,
        frister_fejl="",
        frister_overskredne=Coalesce(Subquery(overdue), 0),
    )
    for pk, error in errors.items():
        Sag.objects.filter(pk=pk).update(
            frister_noegle=key, frister_fejl=error, frister_overskredne=0
        )


def _iso(v: Any) -> str | None:
    return None if v is None or pd.isna(v) else pd.Timestamp(v).date().isoformat()


def _refresh_vectorised(sager: list[Sag], *, as_of: date, key: str) -> None:
    """`frister_refresh` for many cases: the rules in columns, the same rows stored."""
    from indsats.rules.maalsaetning import maal_pr_sag

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
    Overholdelse.objects.filter(sag__in=sager).delete()
    Overholdelse.objects.bulk_create(
        compliance_rows(
            sag_ids=co.sag_ids,
            start=co.start,
            case=co.obligations["sag_id"].cat.codes.to_numpy(np.int64)
            if len(co.obligations)
            else np.zeros(0, np.int64),
            obligations=co.obligations,
            targets=maal_pr_sag(co.obligations, as_of),
        ),
        batch_size=5000,
    )
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


def frister_scope(sager: QuerySet[Sag], *, as_of: date, window_days: int = SIX_MONTHS_DAYS):
    """The cases among `sager` whose stored rows are read on `as_of`: the open ones (worklists,
    case load) and those whose first 6 months or municipal target period can end in the
    compliance window of `window_days` days before `as_of` (Teamoverblik), closed or not."""
    since = as_of - timedelta(days=window_days + COMPLIANCE_LOOKBACK_DAYS)
    return sager.filter(
        Q(slut__isnull=True) | Q(slut__gte=as_of) | Q(foerste_henvendelse__gte=since)
    )


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
