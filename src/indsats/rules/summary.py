"""A case on a date in one call: counts, the next deadline, ret og pligt, municipal targets,
sygedagpenge payments, assumptions, transitional rules and what is unverified.

    case_summary(sag, date(2024, 6, 3)) -> dict  (JSON-ready: ISO dates, numbers as numbers)

Everything comes from `obligations(sag, as_of)` and the dated parameters; the summary adds no law
of its own, only counting and wording ("3 af 3 samtaler holdt pr. 03.06.2024").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from indsats.domain.maalgrupper import MAALGRUPPER
from indsats.domain.ydelser import YDELSER, Ydelse
from indsats.rules.dates import fmt
from indsats.rules.model import Obligation, Sag
from indsats.rules.obligations import obligations
from indsats.rules.parameters import ParameterNotInForce, all_parameters, value_at

# (kind, holder or None for any) -> the words of a count
_COUNTED = (
    ("samtale", "jobcenter", "samtaler i jobcentret", "holdt"),
    ("samtale", "akasse", "samtaler i a-kassen", "holdt"),
    ("opfoelgning", None, "opfølgningssamtaler", "holdt"),
    ("tilbud", None, "tilbud", "givet"),
    ("cv", None, "CV på Jobnet", "registreret"),
    ("uddannelsespaalaeg", None, "uddannelsespålæg", "givet"),
    ("visitation", None, "endelige visitationer", "foretaget"),
    ("revurdering", None, "revurderinger", "foretaget"),
    ("repatriering", None, "samtaler om repatriering", "holdt"),
)


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _count(obs: list[Obligation], as_of: date) -> list[dict[str, Any]]:
    out = []
    for kind, holder, words, verb in _COUNTED:
        rows = [
            o
            for o in obs
            if o.kind == kind and (holder is None or o.holder == holder) and o.state != "info"
        ]
        if not rows:
            continue
        due = [o for o in rows if o.met or (o.due_by is not None and o.due_by <= as_of)]
        later = len(rows) - len(due)
        met = sum(o.met for o in due)
        if due:
            text = f"{met} af {len(due)} {words} {verb} pr. {fmt(as_of)}"
            if later:
                text += f"; {later} mere senere"
        else:
            text = f"Ingen {words} med frist til og med {fmt(as_of)}; {later} senere"
        out.append(
            {
                "kind": kind,
                "holder": holder,
                "forfaldne": len(due),
                "opfyldt": met,
                "senere": later,
                "text_da": text + ".",
            }
        )
    return out


def _brief(o: Obligation) -> dict[str, Any]:
    return {
        "rule_id": o.rule_id,
        "kind": o.kind,
        "nr": o.nr,
        "holder": o.holder,
        "due_from": _iso(o.due_from),
        "due_by": _iso(o.due_by),
        "state": o.state,
        "personal_duty": o.personal_duty,
        "met_on": _iso(o.met_on),
        "legal_reference": o.legal_reference,
        "status": o.status,
        "text_da": o.text_da,
    }


def _transitions(sag: Sag, as_of: date) -> list[dict[str, Any]]:
    """Transitional entries (area overgang) whose date lies after the case's start, on or before
    the evaluation day and within the case, for the case's benefit."""
    end = min(as_of, sag.slut) if sag.slut else as_of
    out = []
    for key, p in sorted(all_parameters().items()):
        if not key.startswith("overgang."):
            continue
        for v in p.values:
            ydelser = v.value["ydelser"]
            if ydelser is not None and sag.ydelse.value not in ydelser:
                continue
            lo = v.from_uncertain[0] if v.from_uncertain else v.valid_from
            hi = v.from_uncertain[1] if v.from_uncertain else v.valid_from
            if sag.start < hi and lo <= end:
                out.append(
                    {
                        "parameter": key,
                        "dato": v.valid_from.isoformat(),
                        "dato_usikker": None
                        if v.from_uncertain is None
                        else [v.from_uncertain[0].isoformat(), v.from_uncertain[1].isoformat()],
                        "text_da": v.value["text_da"],
                        "legal_reference": v.reference,
                        "source_url": v.source,
                        "status": v.status,
                    }
                )
    return out


def _ydelse_on(sag: Sag, as_of: date) -> dict[str, Any] | None:
    """The benefit a running case is paid on the evaluation day (or the case's last day), when a
    reform replaced the case's benefit after its start (lov 1655/2024: uddannelseshjælp,
    SHO-ydelse and overgangsydelse are paid as kontanthjælp from 2025-07-01); None when unchanged.
    Cited by the transitional entry overgang.lov_1655_2024."""
    day = min(as_of, sag.slut) if sag.slut else as_of
    try:
        pv = value_at("visitation.afloest_af", day)
    except ParameterNotInForce:
        return None
    new = (pv.value or {}).get(sag.ydelse.value)
    if new is None or pv.valid_from <= sag.start:
        return None  # not replaced, or the case started after the reform (its benefit is valid)
    entry = next(
        (
            v
            for v in all_parameters()["overgang.lov_1655_2024"].values
            if v.valid_from == pv.valid_from
        ),
        None,
    )
    if entry is None:
        return None
    return {
        "ydelse": new,
        "ydelse_navn": YDELSER[Ydelse(new)].navn,
        "fra": pv.valid_from.isoformat(),
        "legal_reference": entry.reference,
        "source_url": entry.source,
        "status": entry.status,
        "text_da": f"Fra {fmt(pv.valid_from)} udbetales hjælpen som "
        f"{YDELSER[Ydelse(new)].navn.lower()}.",
    }


def case_summary(sag: Sag, as_of: date, *, include_obligations: bool = False) -> dict[str, Any]:
    """Everything a caseworker needs about the case on `as_of`, in one JSON-ready dict."""
    obs = obligations(sag, as_of)
    personal = [o for o in obs if o.personal_duty and o.state != "info"]
    pending = [o for o in personal if o.state in ("open", "upcoming") and o.due_by is not None]
    nxt = min(pending, key=lambda o: (o.due_by, o.rule_id, o.nr), default=None)
    overdue = [o for o in personal if o.state == "overdue"]
    rop = next((o for o in obs if o.rule_id == "LAB.102.ret_og_pligt"), None)
    targets = [o for o in obs if not o.personal_duty]
    info = MAALGRUPPER[sag.maalgruppe]
    sentences = [
        f"{YDELSER[sag.ydelse].navn} fra {fmt(sag.start)}"
        + (f" til {fmt(sag.slut)}" if sag.slut else "")
        + f"; målgruppe: {info.navn.lower()} (LAB § 6, nr. {info.lab6_nr})."
    ]
    counts = _count(obs, as_of)
    transitions = _transitions(sag, as_of)
    paid_as = _ydelse_on(sag, as_of)
    if paid_as is not None:
        sentences.append(paid_as["text_da"])
    sentences += [c["text_da"] for c in counts]
    if nxt is not None:
        sentences.append(f"Næste frist: {fmt(nxt.due_by)}: {nxt.text_da}")
    open_targets = [o for o in targets if not o.met and o.due_by is not None and o.due_by >= as_of]
    if open_targets:
        first = min(open_targets, key=lambda o: (o.due_by, o.rule_id, o.nr))
        n = len(open_targets)
        sentences.append(
            f"{n} {'åben frist er et kommunalt mål' if n == 1 else 'åbne frister er kommunale mål'}"
            f" (mindst 75 % af målgruppen), ikke en pligt i sagen; den første: "
            f"{fmt(first.due_by)} ({first.kind})."
        )
    if overdue:
        n = len(overdue)
        sentences.append(f"{n} {'frist er' if n == 1 else 'frister er'} overskredet.")
    result: dict[str, Any] = {
        "sag_id": sag.sag_id,
        "as_of": as_of.isoformat(),
        "ydelse": sag.ydelse.value,
        "ydelse_navn": YDELSER[sag.ydelse].navn,
        "ydelse_paa_dagen": paid_as,
        "maalgruppe": sag.maalgruppe.value,
        "lab6_nr": info.lab6_nr,
        "maalgruppe_navn": info.navn,
        "visitation": sag.visitation.value if sag.visitation else None,
        "start": sag.start.isoformat(),
        "slut": _iso(sag.slut),
        "optaelling": counts,
        "naeste_frist": None if nxt is None else _brief(nxt),
        "overskredne": [_brief(o) for o in overdue],
        "ret_og_pligt": None if rop is None else _brief(rop),
        "kommunale_maal": [_brief(o) for o in targets],
        "sygedagpenge": None,
        "antagelser": [a.to_dict() for a in sag.antagelser],
        "overgangsregler": transitions,
        "ikke_efterproevet": sorted(
            {(o.rule_id, o.legal_reference, o.status) for o in obs if o.status != "verified"}
        ),
        "text_da": " ".join(
            sentences
            + [
                f"Overgangsregel ({fmt(date.fromisoformat(t['dato']))}): {t['text_da']}"
                for t in transitions
            ]
        ),
    }
    result["ikke_efterproevet"] = [
        {"rule_id": r, "legal_reference": ref, "status": st}
        for r, ref, st in result["ikke_efterproevet"]
    ]
    if sag.sygedagpenge is not None:
        pays = [o for o in obs if o.rule_id == "SDL.udbetaling.kommune"]
        rev = next((o for o in obs if o.rule_id == "SDL.24.revurdering"), None)
        forl = next((o for o in obs if o.rule_id == "SDL.27.forlaengelse"), None)
        job = next((o for o in obs if o.rule_id == "SDL.24a.jobafklaring"), None)
        result["sygedagpenge"] = {
            "kategori": sag.sygedagpenge.kategori,
            "ansaettelse": sag.sygedagpenge.ansaettelse,
            "kommunen_udbetaler_fra": [{"fravaer_nr": o.nr, "fra": _iso(o.due_from)} for o in pays],
            "revurdering_senest": None if rev is None else _iso(rev.due_by),
            "forlaenget_til": None if forl is None else _iso(forl.due_by),
            "sidste_dag_med_sygedagpenge": None if job is None else _iso(job.due_by),
        }
        sd = result["sygedagpenge"]
        extra = [
            f"Kommunen udbetaler sygedagpenge fra {fmt(date.fromisoformat(p['fra']))}"
            f" (fravær nr. {p['fravaer_nr']})."
            for p in sd["kommunen_udbetaler_fra"]
        ]
        if sd["revurdering_senest"]:
            extra.append(f"Revurdering senest {fmt(date.fromisoformat(sd['revurdering_senest']))}.")
        result["text_da"] += " " + " ".join(extra) if extra else ""
    if include_obligations:
        result["obligations"] = [o.to_dict() for o in obs]
    return result
