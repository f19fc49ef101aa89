"""Agenda items drafted from the data: each figure filled in and its source cited, in the words
committee papers use. The analyst edits the draft before it goes on an agenda.

Every function returns a `Punkt` with number 0 (not yet on an agenda) and no decision. The texts
follow the minutes they are modelled on (Ringkøbing-Skjern Kommune, Beskæftigelsesudvalget,
referat 18. august 2022: the "Klar til start" price comparison, Projekt PLUS' evaluation, the
results follow-up).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from indsats.committee.model import INGEN_BEMAERKNINGER, Bilag, Punkt, PunktArt, Sektion
from indsats.domain.numbers import format_kr, format_number
from indsats.domain.tilbud import TILBUDSTYPER
from indsats.economics.budget import Budgetopfoelgning
from indsats.economics.business_case import CaseResultat
from indsats.economics.catalogue import (
    KatalogTilbud,
    VarighedEnhed,
    forloebspris,
    merudgift,
)
from indsats.economics.report import Tabel, budget_tabel, case_tabel
from indsats.evaluation.tekst import Sammenfatning
from indsats.plan.model import PlanVersion

ORIENTERING = "tager punktet til orientering"


def _kr(value: Decimal) -> str:
    decimals = 0 if value == value.to_integral_value() else 2
    return format_kr(value, decimals=decimals)


def _sektioner(**sections: Sektion) -> dict[str, Sektion]:
    return {name: s for name, s in sections.items() if not s.tom}


# --- a new offer against the catalogue --------------------------------------------------------


def nyt_tilbud(
    tilbud: KatalogTilbud,
    katalog: Sequence[KatalogTilbud],
    *,
    forloeb: Decimal | int,
    enhed: VarighedEnhed = VarighedEnhed.MAANEDER,
    udvalg: str = "udvalget",
    katalog_kilde: str = "",
) -> Punkt:
    """An item asking the committee to take a new offer into the catalogue: its price, the course
    cost and the yearly extra cost against the cheapest and the dearest current offer."""
    alternativer = [t for t in katalog if t.navn != tilbud.navn]
    pris = tilbud.pris
    forloebet = forloebspris(pris, antal=Decimal(forloeb), enhed=enhed)
    sammenligning = merudgift(tilbud, alternativer)  # per year, as the minutes compare
    enhed_tekst = "måneder" if forloebet.enhed is VarighedEnhed.MAANEDER else "uger"

    if pris.pr_maaned is not None:
        pris_tekst = (
            f'"{tilbud.navn}" koster {_kr(pris.pr_maaned)} pr. måned pr. borger, svarende til '
            f"{_kr(pris.ugepris_afledt)} pr. uge."
        )
    else:
        assert pris.pr_uge is not None
        pris_tekst = f'"{tilbud.navn}" koster {_kr(pris.pr_uge)} pr. uge pr. borger.'
    oekonomi_tekst = [
        pris_tekst,
        f"Med et gennemsnitsforløb på {format_number(forloebet.antal)} {enhed_tekst} koster et "
        f"samlet forløb {_kr(forloebet.pris)}.",
    ]
    tabeller: list[Tabel] = []
    if sammenligning.raekker:
        rows = tuple(
            (t.navn, _plain(t.pris.ugepris_afledt), _plain(t.pris.aarspris))
            for t in sorted(alternativer, key=lambda t: (t.pris.aarspris, t.navn))
        )
        tabeller.append(
            Tabel(
                "Oversigt over prisen for de nuværende tilbud",
                ("Tilbud", "Pris pr. uge (kr.)", "Pris pr. år (kr.)"),
                rows,
                ("Pris pr. år er månedsprisen × 12, ellers ugeprisen × 52.",),
            )
        )
        b, d = sammenligning.billigste, sammenligning.dyreste
        assert b is not None and d is not None
        oekonomi_tekst.append(
            f'Hvis en borger starter i forløbet "{tilbud.navn}", vil den årlige merudgift i '
            f"forhold til nuværende tilbud være {_kr(b.merudgift)} (billigste tilbud: "
            f"{b.alternativ}) og {_kr(d.merudgift)} (dyreste tilbud: {d.alternativ})."
        )
    else:
        oekonomi_tekst.append("Der er ingen nuværende tilbud i kataloget at sammenligne med.")
    info = TILBUDSTYPER[tilbud.type]
    lovgrundlag = f"Forløbet gives som {info.navn.lower()} ({info.kilde})." + (
        "" if info.verified else " Hjemlen er ikke verificeret."
    )
    leverandoer = f" fra {tilbud.leverandoer}" if tilbud.leverandoer else ""
    sagsfremstilling = (
        f'Administrationen foreslår, at forløbet "{tilbud.navn}"{leverandoer} optages i '
        "tilbudskataloget. Punktet beskriver forløbets pris og sammenligner den med de "
        "tilbud, kataloget har i dag."
    )
    kilder = tuple(k for k in (tilbud.kilde, katalog_kilde) if k)
    pris_ord = (
        f"{_kr(pris.pr_maaned)} pr. måned"
        if pris.pr_maaned is not None
        else f"{_kr(pris.pr_uge or Decimal(0))} pr. uge"
    )
    return Punkt(
        titel=f'Nyt tilbud: "{tilbud.navn}"',
        art=PunktArt.NYT_TILBUD,
        sektioner=_sektioner(
            sagsfremstilling=Sektion((sagsfremstilling,)),
            lovgrundlag=Sektion((lovgrundlag,)),
            oekonomi=Sektion(tuple(oekonomi_tekst), tuple(tabeller), kilder),
            effektvurdering=Sektion(
                (
                    "Forløbet er ikke effektvurderet endnu. Administrationen følger op på "
                    "deltagernes selvforsørgelse efter 26 og 52 uger sammenlignet med borgere, "
                    "der ligner dem i ydelsesregistret.",
                )
            ),
        ),
        indstilling_indledning=f"Administrationen indstiller, at {udvalg}",
        indstilling=(
            f'godkender, at "{tilbud.navn}" optages i tilbudskataloget til {pris_ord} pr. borger',
        ),
    )


def _plain(value: Decimal) -> str:
    return format_number(value, decimals=0 if value == value.to_integral_value() else 2)


# --- budget follow-up -------------------------------------------------------------------------


def budgetopfoelgning(
    opfoelgninger: Sequence[Budgetopfoelgning],
    *,
    udvalg: str = "udvalget",
    kilde: str = "",
) -> Punkt:
    """The budget follow-up after refusion with the year-end forecast, one sentence a benefit."""
    if not opfoelgninger:
        raise ValueError("en budgetopfølgning kræver mindst én budgetpost")
    aar = opfoelgninger[0].post.aar
    maaneder = max(o.faktiske_maaneder for o in opfoelgninger)
    til = _MAANEDER[maaneder - 1] if maaneder else "årets start"
    tekst = [
        f"Budgetopfølgningen viser forbruget af helårspersoner og udgifterne efter refusion for "
        f"{aar} til og med {til} og en prognose for hele året."
    ]
    for o in opfoelgninger:
        afv = o.afvigelse_hp
        retning = "flere" if afv > 0 else "færre"
        saetning = (
            f"{o.ydelse_navn}: budgettet er {format_number(o.post.helaarspersoner)} "
            f"helårspersoner; prognosen for året er {format_number(o.prognose_hp, decimals=1)} "
            f"({format_number(abs(afv), decimals=1)} {retning} end budgetteret)."
        )
        if o.afvigelse_netto is not None:
            netto = o.afvigelse_netto
            ord_ = "et merforbrug" if netto > 0 else "et mindreforbrug"
            saetning += (
                f" Efter refusion giver det {ord_} på {format_kr(abs(netto))} i forhold til "
                "budgettet."
            )
        tekst.append(saetning)
    return Punkt(
        titel=f"Budgetopfølgning {aar}",
        art=PunktArt.BUDGETOPFOELGNING,
        sektioner=_sektioner(
            sagsfremstilling=Sektion(tuple(tekst[:1])),
            lovgrundlag=Sektion((INGEN_BEMAERKNINGER,)),
            oekonomi=Sektion(
                tuple(tekst[1:]),
                (budget_tabel(opfoelgninger),),
                (kilde,) if kilde else (),
            ),
            effektvurdering=Sektion((INGEN_BEMAERKNINGER,)),
        ),
        indstilling_indledning=f"Administrationen indstiller, at {udvalg}",
        indstilling=("tager budgetopfølgningen til efterretning",),
    )


_MAANEDER = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


# --- an investment case -----------------------------------------------------------------------


def investeringscase(resultat: CaseResultat, *, udvalg: str = "udvalget", kilde: str = "") -> Punkt:
    """An investment case: the yearly table, the net result, when it has paid for itself, and how
    the result changes if the effect is smaller or larger."""
    case = resultat.case
    first, last = case.years[0], case.years[-1]
    tekst = [
        f"Administrationen foreslår en investering i {case.navn.lower()} i {first}-{last}. "
        f"Investeringen skal nedbringe antallet af fuldtidspersoner på "
        f"{case.ydelse_navn.lower()}.",
    ]
    if case.sagsstamme_foer and case.sagsstamme_efter:
        tekst.append(
            f"Antallet af sager pr. rådgiver reduceres fra ca. {case.sagsstamme_foer} til "
            f"{case.sagsstamme_efter}."
        )
    be = resultat.break_even_aar
    oekonomi = [
        f"Investeringen koster {format_kr(resultat.udgift)} i perioden og forventes at spare "
        f"{format_kr(resultat.besparelse)}. Nettoresultatet er "
        f"{format_kr(resultat.nettoresultat, sign=True)}"
        + (
            f", og investeringen er tjent hjem i {be}."
            if be
            else ", og investeringen er ikke tjent hjem inden for perioden."
        ),
    ]
    for f in resultat.foelsomhed:
        if f.faktor == 1:
            continue
        oekonomi.append(
            f"Hvis effekten bliver {format_number(f.faktor * 100)} % af det forventede, bliver "
            f"nettoresultatet {format_kr(f.nettoresultat, sign=True)}."
        )
    antagelser = tuple(f"Antagelse: {a}" for a in case.antagelser)
    return Punkt(
        titel=f"Investering: {case.navn}",
        art=PunktArt.INVESTERINGSCASE,
        sektioner=_sektioner(
            sagsfremstilling=Sektion(tuple(tekst)),
            lovgrundlag=Sektion((INGEN_BEMAERKNINGER,)),
            oekonomi=Sektion(
                tuple(oekonomi) + antagelser,
                (case_tabel(resultat),),
                tuple(k for k in (case.kilde, kilde) if k),
            ),
            effektvurdering=Sektion(
                (
                    "Når investeringen er godkendt, følges den op måned for måned: det "
                    "forventede fald i fuldtidspersoner sammenholdes med det faktiske.",
                )
            ),
        ),
        indstilling_indledning=f"Administrationen indstiller, at {udvalg}",
        indstilling=(
            f"godkender investeringen i {case.navn.lower()} i {first}-{last}",
            "godkender, at investeringens effekt følges op og forelægges udvalget",
        ),
    )


# --- the monthly results report ---------------------------------------------------------------


def maanedsrapport(
    visning: Mapping[str, Any],
    *,
    udvalg: str = "udvalget",
    bilag: str = "",
) -> Punkt:
    """The monthly results report as an item for orientation: one sentence a goal, with the
    small-cell rule applied (`visning` is the report's display data for the committee,
    `indsats.reports.render.visning(data, skjul=True)`)."""
    maaned = str(visning["maaned_da"])
    tekst = [
        f"Månedsrapporten for {maaned} viser status for udvalgets mål. Tal, der bygger på færre "
        "end 5 personer, vises som <5."
    ]
    datakilde = visning.get("datakilde") or {}
    if datakilde.get("syntetisk"):
        tekst.append(str(datakilde.get("tekst") or "Tallene er syntetiske demotal."))
    if datakilde.get("offentlige_tal"):  # a report on public figures only (no register)
        tekst.append(str(datakilde.get("tekst")))
    rows = []
    for g in visning["maal"]:
        tekst.append(f"{g['titel']}: {g['tekst']}")
        rows.append((str(g["titel"]), str(g["tal"]), str(g["forventet"]), str(g["status_label"])))
    tabel = Tabel(
        f"Udvalgets mål, {maaned}",
        ("Mål", "Seneste tal", "Forventet", "Status"),
        tuple(rows),
    )
    return Punkt(
        titel=f"Resultatopfølgning {maaned}",
        art=PunktArt.MAANEDSRAPPORT,
        sektioner=_sektioner(
            sagsfremstilling=Sektion(tuple(tekst), (tabel,)),
            lovgrundlag=Sektion((INGEN_BEMAERKNINGER,)),
            oekonomi=Sektion((INGEN_BEMAERKNINGER,)),
            effektvurdering=Sektion((INGEN_BEMAERKNINGER,)),
        ),
        indstilling_indledning=f"Administrationen indstiller, at {udvalg}",
        indstilling=(ORIENTERING,),
        bilag=(Bilag(f"Månedsrapport {maaned}", bilag),),
    )


# --- the beskæftigelsesplan and its yearly evaluation -----------------------------------------


def beskaeftigelsesplan(
    version: PlanVersion,
    *,
    forgaenger: PlanVersion | None = None,
    paa: date | None = None,
    bilag: str = "",
) -> Punkt:
    """A plan version for approval: what it holds, what changed since the version before, the
    legal basis (requirements marked where not verified), the budget and the investments."""
    from indsats.plan.diff import version_diff
    from indsats.plan.law import krav

    navn = f"{version.titel}, {version.betegnelse.lower()}"
    fokus = [f.titel for f in version.fokusomraader]
    maaltal = [m for m in version.alle_maal() if m.maaltal]
    tekst = [
        f"Administrationen har udarbejdet {navn} for perioden {version.periode_tekst}. "
        f"Planen har {len(fokus)} fokusområder"
        + (f": {_opremsning(fokus)}." if fokus else ".")
        + f" Den indeholder {len(version.alle_maal())} mål, heraf {len(maaltal)} med måltal, "
        f"og {len(version.alle_indsatser())} indsatser i handleplanerne."
    ]
    if forgaenger is not None:
        aendringer = version_diff(forgaenger, version)
        forrige = f"{forgaenger.titel}, {forgaenger.betegnelse.lower()}"
        if aendringer:
            tekst.append(
                f"I forhold til {forrige} er der {len(aendringer)} ændringer: "
                + "; ".join(a.tekst for a in aendringer[:12])
                + ("; …" if len(aendringer) > 12 else "")
                + "."
            )
        else:
            tekst.append(f"Planen er uændret i forhold til {forrige}.")
    dag = paa or date.today()
    lov = []
    for k in krav(dag):
        if k.emne != "lovgrundlag" and k.emne != "indhold":
            continue
        lov.append(k.tekst + ("" if k.verificeret else " (ikke verificeret)"))
    budget_rows = tuple(
        (linje.post, *(_plain(linje.i(aar) or Decimal(0)) for aar in version.aarene))
        for linje in version.budget
    )
    tabeller = (
        (
            Tabel(
                f"Budget {version.periode_tekst} (kr.)",
                ("Post", *(str(a) for a in version.aarene)),
                budget_rows,
            ),
        )
        if budget_rows
        else ()
    )
    investeringer = [
        f"{inv.titel}." + (f" {inv.beskrivelse}" if inv.beskrivelse else "")
        for inv in version.investeringer
    ]
    return Punkt(
        titel=f"Godkendelse af {navn}",
        art=PunktArt.BESKAEFTIGELSESPLAN,
        sektioner=_sektioner(
            sagsfremstilling=Sektion(tuple(tekst)),
            lovgrundlag=Sektion(tuple(lov) or (INGEN_BEMAERKNINGER,)),
            oekonomi=Sektion(
                ("Planens budget for perioden:",) if tabeller else (INGEN_BEMAERKNINGER,),
                tabeller,
            ),
            effektvurdering=Sektion(tuple(investeringer) or (INGEN_BEMAERKNINGER,)),
        ),
        indstilling_indledning=f"Administrationen indstiller, at {version.udvalg}",
        indstilling=(f"godkender {navn}",),
        bilag=(Bilag(navn, bilag),),
    )


def planevaluering(
    data: Mapping[str, Any],
    *,
    plan_navn: str,
    udvalg: str = "udvalget",
) -> Punkt:
    """The yearly evaluation of a plan year, from the stored evaluation
    (`indsats.plan.evaluation.evaluering_to_dict`, with the analyst's edited paragraphs under
    `tekster`): per goal, action and investment its paragraph, a table of the goals, and the
    proposed changes for the next revision."""
    tekster: Mapping[str, str] = data.get("tekster") or {}
    aar = data["aar"]
    tekst = [
        f"Beskæftigelsesplanen evalueres en gang årligt. Evalueringen af {aar} for {plan_navn} "
        "viser, hvordan det er gået med planens mål, indsatser og investeringer."
    ]
    rows = []
    for m in data.get("maal", []):
        tekst.append(f"{m['titel']}: {tekster.get('maal:' + m['id'], '')}".rstrip(": "))
        rows.append((m["titel"], m["forventet"], m["faktisk"], m["vurdering_label"]))
    for i in data.get("indsatser", []):
        tekst.append(f"{i['titel']}: {tekster.get('indsats:' + i['id'], '')}".rstrip(": "))
    effekt = [
        f"{i['titel']}: {tekster.get('investering:' + i['id'], '')}".rstrip(": ")
        for i in data.get("investeringer", [])
    ]
    forslag = [str(f["tekst"]) for f in data.get("forslag", [])]
    tabel = Tabel(
        f"Planens mål i {aar}",
        ("Mål", "Forventet", "Faktisk", "Vurdering"),
        tuple(rows),
    )
    indstilling = ["tager evalueringen til efterretning"]
    if forslag:
        indstilling.append(
            "godkender, at de foreslåede ændringer indgår i næste revision af planen"
        )
    return Punkt(
        titel=f"Evaluering af {plan_navn} for {aar}",
        art=PunktArt.PLANEVALUERING,
        sektioner=_sektioner(
            sagsfremstilling=Sektion(
                tuple(tekst) + tuple(f"Forslag: {f}" for f in forslag),
                (tabel,) if rows else (),
                (str(data["datagrundlag"]),) if data.get("datagrundlag") else (),
            ),
            lovgrundlag=Sektion((INGEN_BEMAERKNINGER,)),
            oekonomi=Sektion((INGEN_BEMAERKNINGER,)),
            effektvurdering=Sektion(tuple(effekt) or (INGEN_BEMAERKNINGER,)),
        ),
        indstilling_indledning=f"Administrationen indstiller, at {udvalg}",
        indstilling=tuple(indstilling),
    )


def _opremsning(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


# --- an effect evaluation -----------------------------------------------------------------------


def effektvurdering(s: Sammenfatning, *, udvalg: str = "udvalget") -> Punkt:
    """An effect evaluation of an effort for the committee: the effect against a matched
    comparison group in one sentence with its uncertainty, the naive before/after figure next to
    it (so the committee sees the difference), the economy, and the caveats
    (`indsats.evaluation.tekst.sammenfatning`)."""
    from indsats.evaluation.tekst import pct, point

    tabel = Tabel(
        f"Andel selvforsørgende: {s.hovedmaal}",
        ("Gruppe", "Personer", "Andel selvforsørgende"),
        (
            ("Deltagere", format_number(s.deltagere), pct(s.deltagere_andel)),
            (
                "Sammenligningsgruppe",
                format_number(s.sammenligningspersoner),
                pct(s.sammenligning_andel),
            ),
        ),
        (
            f"Forskel (effekt): {point(s.effekt, sign=True)}; 95 %-interval "
            f"{point(s.nedre, sign=True)} til {point(s.oevre, sign=True)}.",
        ),
    )
    sagsfremstilling = (
        f"{s.navn}: {format_number(s.deltagere)} deltagere, der startede i perioden "
        f"{s.startperiode}, er sammenlignet med {format_number(s.sammenligningspersoner)} borgere, "
        "der lignede dem i ydelsesregistret på samme tidspunkt (samme ydelse ved start, samme "
        "forløb de forudgående år, alder og køn), men ikke deltog.",
    )
    return Punkt(
        titel=f"Effektvurdering: {s.navn}",
        art=PunktArt.EFFEKTVURDERING,
        sektioner=_sektioner(
            sagsfremstilling=Sektion(sagsfremstilling),
            lovgrundlag=Sektion((INGEN_BEMAERKNINGER,)),
            oekonomi=Sektion(s.tekst[2:] or (INGEN_BEMAERKNINGER,)),
            effektvurdering=Sektion(
                s.tekst[:2] + tuple(f"Forbehold: {f}" for f in s.forbehold),
                (tabel,),
                ("Ydelsesregistret; effektevaluering i indsats",),
            ),
        ),
        indstilling_indledning=f"Administrationen indstiller, at {udvalg}",
        indstilling=("tager effektvurderingen til efterretning",),
    )
