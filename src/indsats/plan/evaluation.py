"""The yearly evaluation of a plan year ("Beskæftigelsesplanen evalueres en gang årligt").

For one year of an approved version:

- per goal: the year's actual (the mean of its months, as the plans state yearly goals) against
  the måltal or, for a goal without måltal, against the goal's own trajectory (e.g. last year's
  level), with the goals module's status, trajectory and year-end forecast when the year is not
  complete; a verdict (nået, næsten nået, ikke nået; på sporet, i risiko, bagud mid-year);
- per action: its status and milestones (reached, overdue);
- per investment: the realised against the expected effect (economics' business case follow-up
  on the monthly helårspersoner), the check of the tables the plan printed, and the effect
  evaluation of `indsats.evaluation` once it exists (the `effekt` argument, docs/plan.md);
- a drafted Danish paragraph per item that the analyst edits before it goes to the committee,
  with every figure on fewer than 5 persons shown as "<5" (it is a committee paper);
- proposed changes, from which the next revision can start (`revision_fra_evaluering`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from indsats.economics.budget import Maanedstal
from indsats.economics.business_case import case_opfoelgning
from indsats.economics.numbers import EconomicsInputError
from indsats.goals.model import Forloeb, Goal, Retning, Status, month_label, months_of_year
from indsats.goals.status import Obs, classify, goal_status
from indsats.goals.suppression import is_suppressed, min_personer, skjult
from indsats.plan.cycle import revision
from indsats.plan.formats import dato, forskel, kr, maaned_tekst, tal, vaerdi
from indsats.plan.model import (
    INDSATS_STATUS_LABELS,
    Indsats,
    IndsatsStatus,
    Investering,
    PlanMaal,
    PlanVersion,
)
from indsats.plan.validation import ministermaal_ref, tabel_kontrol


class Vurdering(StrEnum):
    NAAET = "naaet"
    NAESTEN_NAAET = "naesten_naaet"
    IKKE_NAAET = "ikke_naaet"
    PAA_SPORET = "paa_sporet"
    I_RISIKO = "i_risiko"
    BAGUD = "bagud"
    INGEN_DATA = "ingen_data"
    IKKE_MAALT = "ikke_maalt"


VURDERING_LABELS: dict[Vurdering, str] = {
    Vurdering.NAAET: "Nået",
    Vurdering.NAESTEN_NAAET: "Næsten nået",
    Vurdering.IKKE_NAAET: "Ikke nået",
    Vurdering.PAA_SPORET: "På sporet",
    Vurdering.I_RISIKO: "I risiko",
    Vurdering.BAGUD: "Bagud",
    Vurdering.INGEN_DATA: "Ingen data",
    Vurdering.IKKE_MAALT: "Måles uden for registret",
}

_HELT_AAR = {Status.PAA_SPORET: Vurdering.NAAET, Status.I_RISIKO: Vurdering.NAESTEN_NAAET}
_DELAAR = {
    Status.PAA_SPORET: Vurdering.PAA_SPORET,
    Status.I_RISIKO: Vurdering.I_RISIKO,
    Status.BAGUD: Vurdering.BAGUD,
}


@dataclass(frozen=True, slots=True)
class MaalEvaluering:
    maal: PlanMaal
    aar: int
    vurdering: Vurdering
    tekst: str  # drafted Danish paragraph (figures on < 5 persons shown as "<5")
    enhed: str = "personer"
    maaltal: float | None = None
    forventet: float | None = None  # what the year was measured against
    faktisk: float | None = None  # the mean of the year's months with data
    sidste_aar: float | None = None  # the mean of last year's months
    prognose: float | None = None  # year-end forecast when the year is not complete
    maaneder: int = 0  # months of the year with data
    sidste_maaned: str = ""
    personer: int | None = None  # the smallest person count behind the year's figures

    @property
    def forskel(self) -> float | None:
        if self.faktisk is None or self.forventet is None:
            return None
        return self.faktisk - self.forventet

    @property
    def skjult(self) -> bool:
        return self.faktisk is not None and is_suppressed(self.personer)


@dataclass(frozen=True, slots=True)
class IndsatsEvaluering:
    indsats: Indsats
    aar: int
    naaede: tuple[str, ...]  # milestones reached in the year
    overskredne: tuple[str, ...]  # milestones past their deadline, not reached
    foreslaaet_status: IndsatsStatus | None
    tekst: str


@dataclass(frozen=True, slots=True)
class InvesteringEvaluering:
    investering: Investering
    aar: int
    forventet_effekt: Decimal | None  # fewer fuldtidspersoner expected this year
    realiseret_effekt: Decimal | None  # mean realised reduction over the months with data
    forventet_besparelse: Decimal | None  # over the same months, kr.
    realiseret_besparelse: Decimal | None
    maaneder: int
    tabelfejl: tuple[str, ...]  # cells of the printed tables that do not add up
    effektevaluering: str  # from indsats.evaluation once it exists ("" until then)
    tekst: str


class ForslagArt(StrEnum):
    INDSATS_STATUS = "indsats_status"
    MAALTAL = "maaltal"
    INVESTERING = "investering"


@dataclass(frozen=True, slots=True)
class Forslag:
    art: ForslagArt
    emne_id: str  # the goal, action or investment it is about
    tekst: str
    ny_status: IndsatsStatus | None = None


@dataclass(frozen=True, slots=True)
class Evaluering:
    kommune: int
    plan_titel: str
    betegnelse: str
    aar: int
    dato: date  # the day it was drafted
    maal: tuple[MaalEvaluering, ...]
    indsatser: tuple[IndsatsEvaluering, ...]
    investeringer: tuple[InvesteringEvaluering, ...]
    forslag: tuple[Forslag, ...]
    datagrundlag: str  # the register's coverage and where the figures come from

    def tekster(self) -> dict[str, str]:
        """The drafted paragraphs by item key (`maal:<id>`, `indsats:<id>`, `investering:<id>`),
        the form the web app stores and the analyst edits."""
        out = {f"maal:{m.maal.id}": m.tekst for m in self.maal}
        out.update({f"indsats:{i.indsats.id}": i.tekst for i in self.indsatser})
        out.update({f"investering:{i.investering.id}": i.tekst for i in self.investeringer})
        return out


# An effect evaluation of an investment (indsats.evaluation, once it exists): given the
# investment and the year, a Danish sentence on the measured effect, or None.
EffektKilde = Callable[[Investering, int], str | None]


# ---------------------------------------------------------------------------------------------
# Goals


def plan_goal(m: PlanMaal, goal: Goal) -> Goal:
    """The goals module's goal measured against this version's måltal (if it has any): the
    version's promise per year as the goal's steps. The goal itself is not changed."""
    if not m.maaltal:
        return goal
    return replace(
        goal, forloeb=Forloeb.TRINVIS_AAR, trin=tuple(sorted((t.aar, t.vaerdi) for t in m.maaltal))
    )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _maal_tekst(e: MaalEvaluering, goal: Goal | None, uden_indikator: str) -> str:
    m = e.maal
    if e.vurdering is Vurdering.IKKE_MAALT:
        how = m.maaling or uden_indikator or "målet har ingen indikator i ydelsesregistret"
        krit = f" Succeskriteriet er: {m.succeskriterie}" if m.succeskriterie else ""
        return (
            f"»{m.titel}« måles ikke i ydelsesregistret ({how.rstrip('.')}).{krit} "
            "Vurderingen skrives af analytikeren."
        )
    if e.vurdering is Vurdering.INGEN_DATA or e.faktisk is None:
        return f"Der er ingen tal for »{m.titel}« i {e.aar}, så målet kan ikke vurderes endnu."
    assert goal is not None
    enhed = e.enhed
    skjul = e.skjult

    def v(x: float | None) -> str:
        return skjult(enhed) if skjul and x is not None else vaerdi(x, enhed)

    if e.maaneder == 12:
        periode = f"i {e.aar} (gennemsnit af årets 12 måneder)"
    else:
        periode = f"i {e.aar} til og med {maaned_tekst(e.sidste_maaned)}"
    if e.maaltal is not None:
        maalet = f"Måltallet for {e.aar} var {vaerdi(e.maaltal, enhed)}."
    elif goal.forloeb is Forloeb.MAANED_MOD_SIDSTE_AAR:
        bedre = "lavere" if goal.retning is Retning.LAVERE else "højere"
        maalet = (
            f"Målet er at ligge {bedre} end samme måned sidste år ({v(e.forventet)} i {e.aar - 1})."
        )
    else:
        maalet = f"Det forventede niveau for {e.aar} var {v(e.forventet)}."
    gap = e.forskel
    side = ""
    if gap is not None and not skjul:
        side = (
            f", {forskel(gap, enhed).lstrip('+')} {'over' if gap > 0 else 'under'} det forventede"
        )
        if gap == 0:
            side = ", præcis som forventet"
    resultat = f"Resultatet blev {v(e.faktisk)} {periode}{side}."
    if e.maaneder == 12:
        dom = {
            Vurdering.NAAET: "Målet er nået.",
            Vurdering.NAESTEN_NAAET: "Målet er næsten nået (inden for tolerancen).",
            Vurdering.IKKE_NAAET: "Målet er ikke nået.",
        }[e.vurdering]
    else:
        dom = (
            f"Prognosen for hele året er {v(e.prognose)}, så målet er "
            f"{VURDERING_LABELS[e.vurdering].lower()}."
        )
    tidligere = ""
    if e.sidste_aar is not None and e.maaltal is not None:
        tidligere = f" I {e.aar - 1} var niveauet {v(e.sidste_aar)}."
    return f"{maalet} {resultat} {dom}{tidligere}"


def evaluate_maal(
    m: PlanMaal, aar: int, goal: Goal | None, serie: Mapping[str, Obs], *, uden_indikator: str = ""
) -> MaalEvaluering:
    """One goal's evaluation for `aar` from its monthly series (months 'YYYY-MM')."""
    maaltal = m.maaltal_i(aar)
    if goal is None:
        e = MaalEvaluering(m, aar, Vurdering.IKKE_MAALT, "", maaltal=maaltal)
        return replace(e, tekst=_maal_tekst(e, None, uden_indikator))
    g = plan_goal(m, goal)
    months = months_of_year(aar)
    with_data = [mo for mo in months if (o := serie.get(mo)) is not None and o.vaerdi is not None]
    prev = [
        o.vaerdi
        for mo in months_of_year(aar - 1)
        if (o := serie.get(mo)) is not None and o.vaerdi is not None
    ]
    if not with_data:
        e = MaalEvaluering(
            m, aar, Vurdering.INGEN_DATA, "", enhed=g.enhed, maaltal=maaltal, sidste_aar=_mean(prev)
        )
        return replace(e, tekst=_maal_tekst(e, g, uden_indikator))
    last = with_data[-1]
    st = goal_status(g, last, serie)
    values = [serie[mo].vaerdi for mo in with_data]
    faktisk = _mean([float(x) for x in values if x is not None])
    personer = min_personer([serie[mo].personer for mo in with_data])
    forventet = maaltal if maaltal is not None else st.expected_year
    if len(with_data) == 12:
        status = classify(g, faktisk, forventet)
        vurdering = (
            Vurdering.INGEN_DATA
            if status is Status.INGEN_DATA
            else _HELT_AAR.get(status, Vurdering.IKKE_NAAET)
        )
        prognose = None
    else:
        status = classify(g, st.forecast, forventet)
        vurdering = _DELAAR.get(status, Vurdering.INGEN_DATA)
        prognose = st.forecast
    e = MaalEvaluering(
        maal=m,
        aar=aar,
        vurdering=vurdering,
        tekst="",
        enhed=g.enhed,
        maaltal=maaltal,
        forventet=forventet,
        faktisk=faktisk,
        sidste_aar=_mean([float(x) for x in prev]),
        prognose=prognose,
        maaneder=len(with_data),
        sidste_maaned=last,
        personer=personer,
    )
    return replace(e, tekst=_maal_tekst(e, g, uden_indikator))


# ---------------------------------------------------------------------------------------------
# Actions


def evaluate_indsats(i: Indsats, aar: int, i_dag: date) -> IndsatsEvaluering:
    """An action's status and milestones at the end of `aar` (or `i_dag`, if earlier)."""
    skaering = min(date(aar, 12, 31), i_dag)
    naaede = tuple(m.titel for m in i.milepaele if m.naaet is not None and m.naaet.year == aar)
    overskredne = tuple(
        m.titel
        for m in i.milepaele
        if m.frist <= skaering and (m.naaet is None or m.naaet > m.frist)
    )
    ikke_naaet = [m for m in i.milepaele if m.naaet is None and m.frist <= skaering]
    forslag: IndsatsStatus | None = None
    if i.status is not IndsatsStatus.AFSLUTTET:
        if ikke_naaet:
            forslag = IndsatsStatus.FORSINKET
        elif i.slut is not None and i.slut <= skaering and all(m.naaet for m in i.milepaele):
            forslag = IndsatsStatus.AFSLUTTET
        elif i.status is IndsatsStatus.IKKE_STARTET and i.start is not None and i.start <= skaering:
            forslag = IndsatsStatus.I_GANG
    if forslag is i.status:
        forslag = None
    periode = []
    if i.start:
        periode.append(f"start {dato(i.start)}")
    if i.slut:
        periode.append(f"slut {dato(i.slut)}")
    dele = [
        f"Indsatsen »{i.titel}« er {INDSATS_STATUS_LABELS[i.status].lower()}"
        + (f" ({', '.join(periode)})." if periode else ".")
    ]
    for m in i.milepaele:
        if m.naaet is not None and m.naaet <= skaering:
            dele.append(f"Milepælen »{m.titel}« (frist {dato(m.frist)}) blev nået {dato(m.naaet)}.")
        elif m.frist <= skaering:
            dele.append(f"Milepælen »{m.titel}« (frist {dato(m.frist)}) er ikke nået.")
    if forslag is not None:
        dele.append(f"Forslag: status ændres til »{INDSATS_STATUS_LABELS[forslag].lower()}«.")
    return IndsatsEvaluering(i, aar, naaede, overskredne, forslag, " ".join(dele))


# ---------------------------------------------------------------------------------------------
# Investments


def evaluate_investering(
    inv: Investering,
    aar: int,
    maanedstal: Sequence[Maanedstal],
    *,
    effekt: EffektKilde | None = None,
) -> InvesteringEvaluering:
    """Realised against expected effect in `aar` (economics' follow-up), the printed tables'
    check, and the effect evaluation when one is given."""
    fejl: list[str] = []
    for t in inv.tabeller:
        try:
            k = tabel_kontrol(t)
        except EconomicsInputError as exc:
            fejl.append(f"Tabellen »{t.titel}« kan ikke læses: {exc}")
            continue
        for a in k.afvigelser:
            fejl.append(
                f"Tabellen »{t.titel}«, {a.kolonne}, »{a.post}«: står {tal(float(a.oplyst))}, "
                f"beregnet {tal(float(a.forventet))}."
            )
    eff = (effekt(inv, aar) if effekt else None) or ""
    c = inv.case
    forventet = c.effekt_i(aar) if c else None
    dele: list[str] = []
    real_eff = real_bes = fv_bes = None
    months = 0
    if c is None:
        dele.append(
            f"Investeringen »{inv.titel}« har ingen business case med enhedspris; effekten "
            "følges på planens mål for de berørte ydelser."
        )
    elif forventet is None:
        dele.append(
            f"Investeringen »{inv.titel}« har ingen forventet effekt i {aar} "
            f"(casen dækker {c.years[0]}-{c.years[-1]})."
        )
    else:
        try:
            rows = [r for r in case_opfoelgning(c, maanedstal) if r.aar == aar]
        except EconomicsInputError:
            rows = []
            dele.append("Opfølgningen kræver niveauet uden investeringen, som casen ikke angiver.")
        months = len(rows)
        dele.insert(
            0,
            f"Investeringen »{inv.titel}« forventede {tal(float(forventet), 1)} færre "
            f"fuldtidspersoner på {c.ydelse_navn.lower()} i {aar} end niveauet uden "
            f"investeringen ({tal(float(c.fuldtidspersoner_uden or 0), 0)}).",
        )
        if rows:
            real_eff = sum((r.realiseret_reduktion for r in rows), Decimal(0)) / len(rows)
            real_bes = sum((r.realiseret_besparelse for r in rows), Decimal(0))
            fv_bes = sum((r.forventet_besparelse for r in rows), Decimal(0))
            andel = "hele året" if months == 12 else f"{months} måneder"
            retning = "under" if real_eff >= 0 else "over"
            dele.append(
                f"Over {andel} lå niveauet i gennemsnit {tal(abs(float(real_eff)), 1)} "
                f"{retning} niveauet uden investeringen; det svarer til en besparelse på "
                f"{kr(real_bes.quantize(Decimal(1)))} mod forventet "
                f"{kr(fv_bes.quantize(Decimal(1)))}."
            )
        elif not dele[1:]:
            dele.append(f"Der er ingen månedstal for {c.ydelse_navn.lower()} i {aar}.")
    if fejl:
        dele.append("Planens tabeller regner ikke alle steder: " + " ".join(fejl))
    if eff:
        dele.append(eff)
    return InvesteringEvaluering(
        inv, aar, forventet, real_eff, fv_bes, real_bes, months, tuple(fejl), eff, " ".join(dele)
    )


# ---------------------------------------------------------------------------------------------
# The whole evaluation


def _forslag(
    maal: Sequence[MaalEvaluering],
    indsatser: Sequence[IndsatsEvaluering],
    investeringer: Sequence[InvesteringEvaluering],
) -> tuple[Forslag, ...]:
    out: list[Forslag] = []
    for i in indsatser:
        if i.foreslaaet_status is not None:
            out.append(
                Forslag(
                    ForslagArt.INDSATS_STATUS,
                    i.indsats.id,
                    f"»{i.indsats.titel}«: status ændres til "
                    f"»{INDSATS_STATUS_LABELS[i.foreslaaet_status].lower()}«.",
                    i.foreslaaet_status,
                )
            )
    for m in maal:
        if m.vurdering in (Vurdering.IKKE_NAAET, Vurdering.BAGUD) and m.maaltal is not None:
            out.append(
                Forslag(
                    ForslagArt.MAALTAL,
                    m.maal.id,
                    f"»{m.maal.titel}« nåede ikke måltallet for {m.aar}: vurdér indsatsen og "
                    f"måltallene for {m.aar + 1} og frem.",
                )
            )
    for inv in investeringer:
        if (
            inv.forventet_effekt
            and inv.realiseret_effekt is not None
            and inv.realiseret_effekt < inv.forventet_effekt / 2
        ):
            out.append(
                Forslag(
                    ForslagArt.INVESTERING,
                    inv.investering.id,
                    f"»{inv.investering.titel}« realiserede under halvdelen af den forventede "
                    "effekt: vurdér investeringen.",
                )
            )
    return tuple(out)


def plan_evaluation(
    v: PlanVersion,
    aar: int,
    *,
    goals: Mapping[str, Goal],
    serier: Mapping[str, Mapping[str, Obs]],
    maanedstal: Sequence[Maanedstal] = (),
    i_dag: date,
    datagrundlag: str = "",
    effekt: EffektKilde | None = None,
) -> Evaluering:
    """Evaluate `aar` of version `v`. `goals` resolves goal ids (the goals module's own goals),
    `serier` holds each goal's monthly series by goal id (see `maal_serier`), `maanedstal` the
    monthly helårspersoner per benefit for the business case follow-up."""
    from indsats.goals.loader import ministermaal

    if aar not in v.aarene:
        from indsats.plan.errors import PlanError

        raise PlanError.en(
            "aar", f"{aar} ligger uden for planens periode {v.periode_tekst}; vælg et år i den."
        )
    uden: dict[str, str] = {}
    for m in v.alle_maal():
        ref = ministermaal_ref(m.ministermaal) if m.ministermaal else None
        if ref is not None:
            mm = next((x for x in ministermaal(ref[0]) if x.nr == ref[1]), None)
            if mm is not None:
                uden[m.id] = mm.uden_indikator
    maal = tuple(
        evaluate_maal(
            m,
            aar,
            goals.get(m.goal_id) if m.goal_id else None,
            serier.get(m.goal_id, {}),
            uden_indikator=uden.get(m.id, ""),
        )
        for m in v.alle_maal()
    )
    indsatser = tuple(evaluate_indsats(i, aar, i_dag) for i in v.alle_indsatser())
    investeringer = tuple(
        evaluate_investering(inv, aar, maanedstal, effekt=effekt) for inv in v.investeringer
    )
    return Evaluering(
        kommune=v.kommune,
        plan_titel=v.titel,
        betegnelse=v.betegnelse,
        aar=aar,
        dato=i_dag,
        maal=maal,
        indsatser=indsatser,
        investeringer=investeringer,
        forslag=_forslag(maal, indsatser, investeringer),
        datagrundlag=datagrundlag,
    )


def revision_fra_evaluering(
    v: PlanVersion, evaluering: Evaluering, *, betegnelse: str
) -> PlanVersion:
    """The next revision as a draft: a copy of the approved version `v` with the evaluation's
    proposed action statuses applied. Måltal are left for the analyst to decide."""
    ny = revision(v, betegnelse=betegnelse)
    status = {
        f.emne_id: f.ny_status
        for f in evaluering.forslag
        if f.art is ForslagArt.INDSATS_STATUS and f.ny_status is not None
    }
    return replace(
        ny,
        fokusomraader=tuple(
            replace(
                f,
                indsatser=tuple(
                    replace(i, status=status[i.id]) if i.id in status else i for i in f.indsatser
                ),
            )
            for f in ny.fokusomraader
        ),
    )


def evaluering_to_dict(e: Evaluering) -> dict[str, object]:
    """The evaluation as plain data for storing and for the document (figures formatted, those
    on fewer than 5 persons as "<5"; the drafted paragraphs under `tekster`)."""

    def v(m: MaalEvaluering, x: float | None) -> str:
        if x is None:
            return "–"
        return skjult(m.enhed) if m.skjult else vaerdi(x, m.enhed)

    return {
        "tekster": e.tekster(),
        "aar": e.aar,
        "dannet": e.dato.isoformat(),
        "datagrundlag": e.datagrundlag,
        "maal": [
            {
                "id": m.maal.id,
                "titel": m.maal.titel,
                "vurdering": m.vurdering.value,
                "vurdering_label": VURDERING_LABELS[m.vurdering],
                "forventet": vaerdi(m.forventet, m.enhed) if m.forventet is not None else "–",
                "faktisk": v(m, m.faktisk),
                "prognose": v(m, m.prognose),
                "maaneder": m.maaneder,
            }
            for m in e.maal
        ],
        "indsatser": [
            {
                "id": i.indsats.id,
                "titel": i.indsats.titel,
                "status": i.indsats.status.value,
                "foreslaaet_status": i.foreslaaet_status.value if i.foreslaaet_status else None,
                "overskredne": list(i.overskredne),
            }
            for i in e.indsatser
        ],
        "investeringer": [
            {
                "id": i.investering.id,
                "titel": i.investering.titel,
                "forventet_effekt": tal(float(i.forventet_effekt), 1)
                if i.forventet_effekt is not None
                else "–",
                "realiseret_effekt": tal(float(i.realiseret_effekt), 1)
                if i.realiseret_effekt is not None
                else "–",
                "forventet_besparelse": kr(i.forventet_besparelse.quantize(Decimal(1)))
                if i.forventet_besparelse is not None
                else "–",
                "realiseret_besparelse": kr(i.realiseret_besparelse.quantize(Decimal(1)))
                if i.realiseret_besparelse is not None
                else "–",
                "maaneder": i.maaneder,
                "tabelfejl": list(i.tabelfejl),
            }
            for i in e.investeringer
        ],
        "forslag": [
            {
                "art": f.art.value,
                "emne_id": f.emne_id,
                "tekst": f.tekst,
                "ny_status": f.ny_status.value if f.ny_status else None,
            }
            for f in e.forslag
        ],
    }


# ---------------------------------------------------------------------------------------------
# The figures from the register


def maal_serier(
    register_dir: Path | str,
    kommune: int,
    goals: Sequence[Goal],
    aar: int,
) -> tuple[dict[str, dict[str, Obs]], str]:
    """Each goal's monthly series over `aar` and the year before, from the benefit register
    (through `indsats.analytics`, as the monthly report computes them), and a sentence on the
    data's coverage for the document."""
    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.suite import register_coverage
    from indsats.goals.series import fill_months, goal_series, indicator_tables
    from indsats.register import weeks

    reg = read_register(connect(), register_dir)
    cov = register_coverage(reg)
    first, last = month_label(aar - 1, 1), month_label(aar, 12)
    first_cov = weeks.period_label(cov[0], "maaned")
    last_cov = weeks.period_label(cov[1], "maaned")
    first, last = max(first, first_cov), min(last, last_cov)
    serier: dict[str, dict[str, Obs]] = {}
    if first <= last:
        tables = indicator_tables(
            reg, kommune, [g.indikator for g in goals], first, last, daekning=cov
        )
        covered = [
            mo for mo in months_of_year(aar - 1) + months_of_year(aar) if first <= mo <= last
        ]
        for g in goals:
            s = goal_series(g, tables)
            if g.indikator in tables:
                s = fill_months(s, covered, g)
            serier[g.id] = s
    text = (
        f"Ydelsesregistret, uge {weeks.label(cov[0]).replace('W', ' ')} til "
        f"{weeks.label(cov[1]).replace('W', ' ')}; årets tal er gennemsnittet af månederne."
    )
    return serier, text


def maanedstal_fra_register(register_dir: Path | str, kommune: int, aar: int) -> list[Maanedstal]:
    """The monthly helårspersoner per benefit of `aar` (economics' reading of the register)."""
    from indsats.analytics.backend import connect, read_register
    from indsats.economics.fra_register import fra_register

    reg = read_register(connect(), register_dir)
    maanedstal, _ = fra_register(reg, kommune=kommune, aar=aar)
    return list(maanedstal)


def effekt_fra_register(register_dir: Path | str, kommune: int) -> EffektKilde:
    """An `EffektKilde` backed by `indsats.evaluation`: for an investment with a business case,
    everyone in the case's benefit group who starts in the evaluated year (the target group, as
    `participants_from_target_group` forms it) against a matched comparison group; the sentence
    gives the headline estimate and the realised effect in fewer fuldtidspersoner with its 95 %
    interval, against the case's expected effect. Runs the matching (tens of seconds on a
    municipality's register), so the callers make it optional."""
    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.suite import register_coverage
    from indsats.evaluation import (
        EvalueringsFejl,
        evaluate,
        participants_from_target_group,
        realiseret_effekt,
    )
    from indsats.evaluation.tekst import hovedsaetning
    from indsats.register.weeks import week_index

    def effekt(inv: Investering, aar: int) -> str | None:
        c = inv.case
        if c is None or c.effekt_i(aar) is None:
            return None
        reg = read_register(connect(), register_dir)
        cov = register_coverage(reg)
        fra, til = max(week_index(aar, 1), cov[0]), min(week_index(aar, 52), cov[1])
        if til < fra:
            return f"Effektevalueringen kan ikke laves: registret dækker ikke {aar}."
        try:
            deltagere = participants_from_target_group(
                reg, ydelse=c.ydelse.value, fra_uge=fra, til_uge=til, kommune=kommune
            )
            v = evaluate(reg, deltagere, navn=inv.titel, daekning=cov)
            rows = realiseret_effekt(
                v.estimat("uger_paa_ydelse_52"), v.deltagere_pr_aar, kilde="Effektevaluering"
            )
        except EvalueringsFejl as exc:
            return f"Effektevalueringen kunne ikke gennemføres: {exc}"
        except (KeyError, ValueError):
            # e.g. every person on the benefit is in the target group: no one to compare with
            return (
                "Effektevalueringen kunne ikke gennemføres: der er ingen sammenligningsgruppe "
                "for målgruppen i registret."
            )
        row = next((r for r in rows if r.aar == aar), None)
        tekst = f"Effektevaluering med matchet sammenligningsgruppe: {hovedsaetning(v)}"
        if row is not None:
            tekst += (
                f" Det svarer til {tal(float(row.fuldtidspersoner), 1)} færre fuldtidspersoner i "
                f"{aar} (95 %-interval {tal(float(row.nedre), 1)} til "
                f"{tal(float(row.oevre), 1)}) mod forventet {tal(float(c.effekt_i(aar) or 0), 1)}."
            )
        return tekst

    return effekt
