"""The evaluation in plain Danish for the committee: the headline sentence with its uncertainty,
the naive figure next to it, the effect in helårspersoner and kroner, and the caveats.

`sammenfatning(v)` returns the figures and the text in one object, for a committee paper's
"Effektvurdering" (the committee helper drafts agenda items from it) and for the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from indsats.domain.numbers import format_number
from indsats.register import weeks

if TYPE_CHECKING:
    from indsats.evaluation.run import Effektvurdering

SMAA_CELLER = 5  # groups of fewer persons are not shown to the committee


def pct(x: float, decimals: int = 0) -> str:
    """0.383 -> '38 %'."""
    return f"{format_number(x * 100, decimals=decimals)} %"


def point(x: float, decimals: int = 0, *, sign: bool = False) -> str:
    """A difference of shares in percentage points: 0.081 -> '8 procentpoint'."""
    return f"{format_number(x * 100, decimals=decimals, sign=sign)} procentpoint"


def uge_tekst(week_index: int) -> str:
    y, w = weeks.iso_of(week_index)
    return f"uge {w} {y}"


def efter_tekst(k: int) -> str:
    return {26: "et halvt år (26 uger)", 52: "et år (52 uger)", 104: "to år (104 uger)"}.get(
        k, f"{k} uger"
    )


def hovedsaetning(v: Effektvurdering) -> str:
    """The estimate in one plain sentence with its uncertainty."""
    e = v.hovedestimat
    k = v.design.hovedmaal_uge
    lead = (
        f"{efter_tekst(k).capitalize()} efter start var {pct(e.deltagere)} af deltagerne "
        f"selvforsørgende mod {pct(e.sammenligning)} i en sammenlignelig gruppe"
    )
    interval = f"95 %-sikkerhedsinterval: {point(e.nedre)} til {point(e.oevre)}"
    if e.nedre > 0:
        return (
            f"{lead}. Indsatsen øgede altså andelen selvforsørgende med {point(e.effekt)} "
            f"({interval})."
        )
    if e.oevre < 0:
        return (
            f"{lead}. Andelen selvforsørgende var altså {point(-e.effekt)} lavere end uden "
            f"indsatsen ({interval})."
        )
    return (
        f"{lead}. Forskellen på {point(e.effekt, sign=True)} er så usikker, at vi ikke kan sige, "
        f"om indsatsen havde en effekt ({interval})."
    )


def naiv_saetning(v: Effektvurdering) -> str:
    """The before/after figure a project report would give, and why it is not the effect."""
    n = v.naiv
    e = v.hovedestimat
    k = v.design.hovedmaal_uge
    text = (
        f"Ser man kun på deltagerne, steg andelen selvforsørgende fra {pct(n.ved_start)} i "
        f"startugen til {pct(n.efter)} efter {k} uger, en stigning på {point(n.stigning)}. "
    )
    if n.stigning > e.effekt:
        comparison_rise = e.sammenligning - n.ved_start
        text += (
            f"Men også i sammenligningsgruppen blev mange selvforsørgende ({pct(e.sammenligning)}),"
            f" så {point(max(comparison_rise, 0.0))} af stigningen ville være sket uden indsatsen."
        )
    return text


def oekonomi_saetning(v: Effektvurdering) -> str:
    """Weeks on benefit, helårspersoner and (when unit prices were given) kroner."""
    if not v.har_estimat("uger_paa_ydelse_52"):
        return (
            "Effekten på tiden på offentlig forsørgelse i det første år kan endnu ikke måles, "
            f"fordi registret slutter i {uge_tekst(v.daekning[1])}, før deltagerne har været i "
            "gang et år."
        )
    u = v.estimat("uger_paa_ydelse_52")
    hp = v.helaarspersoner[-1]
    weeks_word = "færre" if u.effekt < 0 else "flere"
    text = (
        f"I de 52 uger efter start var deltagerne i gennemsnit {format_number(abs(u.effekt), decimals=1)} "
        f"uger {weeks_word} på offentlig forsørgelse end sammenligningsgruppen (95 %: "
        f"{format_number(u.nedre, decimals=1, sign=True)} til {format_number(u.oevre, decimals=1, sign=True)} uger). "
        f"For alle {v.deltagere_matchet} deltagere svarer det til "
        f"{format_number(hp.faerre, decimals=1)} {'færre' if hp.faerre >= 0 else 'flere'} helårspersoner "
        f"(95 %: {format_number(hp.nedre, decimals=1)} til {format_number(hp.oevre, decimals=1)})."
    )
    kr = v.kroner
    if kr is not None:
        per = kr.pr_deltager * v.deltagere_matchet
        lo, hi = kr.nedre * v.deltagere_matchet, kr.oevre * v.deltagere_matchet
        verb = "sparede" if per >= 0 else "kostede"
        text += (
            f" Efter refusion {verb} det kommunen {format_number(abs(per), decimals=0)} kr. (95 %: "
            f"{format_number(lo, decimals=0)} til {format_number(hi, decimals=0)} kr.) i ydelser."
        )
    return text


def forbehold(v: Effektvurdering) -> list[str]:
    """What the reader must know to read the estimate right, most important first."""
    out: list[str] = []
    t = v.foer_tjek
    if t.vurderet and not t.parallel:
        out.append(
            "Advarsel: Deltagerne og sammenligningsgruppen udviklede sig ikke ens i året før "
            f"start (forskel {point(t.forskel, 1, sign=True)}, 95 %: {point(t.nedre, 1)} til "
            f"{point(t.oevre, 1)}). Sammenligningsgruppen ligner altså ikke deltagerne godt nok, "
            "og effekten skal læses med stor forsigtighed."
        )
    elif not t.vurderet:
        out.append(
            "Det kunne ikke kontrolleres, om grupperne udviklede sig ens i året før start, fordi "
            "registret ikke går et år tilbage for nok af deltagerne."
        )
    out.append(
        "Sammenligningen bygger kun på det, ydelsesregistret viser: ydelse, tid på offentlig "
        "forsørgelse, alder, køn og herkomst. Forskelle, registret ikke ser (helbred, "
        "motivation, netværk, hvorfor netop disse borgere blev henvist), kan stadig forklare en "
        "del af forskellen."
    )
    imbalance = [b.variabel.lower() for b in v.matching.balance if b.ubalance]
    if imbalance:
        out.append(
            "Efter matchingen er grupperne stadig lidt forskellige på: "
            + ", ".join(imbalance)
            + "."
        )
    if v.deltagere_uden_match:
        out.append(
            f"{v.deltagere_uden_match} af {v.deltagere_i_alt} deltagere fandt ingen "
            "sammenlignelig person og indgår ikke i beregningen."
        )
    if v.deltagere_uden_historik:
        out.append(
            f"{v.deltagere_uden_historik} deltagere var hverken på ydelse i startugen eller i "
            "året før (eller bor uden for de valgte kommuner); registret har intet at sammenligne "
            "dem på, og de indgår ikke."
        )
    n_year = v.estimat("uger_paa_ydelse_52").n if v.har_estimat("uger_paa_ydelse_52") else 0
    if n_year < v.deltagere_matchet:
        out.append(
            f"Kun {n_year} af {v.deltagere_matchet} deltagere kan følges et helt år efter start, "
            f"fordi registret slutter i {uge_tekst(v.daekning[1])}."
        )
    if v.startuger[0] - v.daekning[0] < 156:
        out.append(
            f"Registret begynder i {uge_tekst(v.daekning[0])}, så tiden på offentlig forsørgelse "
            "de seneste 3 år er talt fra registrets start for deltagere, der startede inden for "
            "3 år derefter."
        )
    if v.deltagere_matchet < 50:
        out.append(
            f"Med {v.deltagere_matchet} deltagere er usikkerheden stor; små effekter kan ikke "
            "skelnes fra tilfældigheder."
        )
    if v.senere_deltagere_i_sammenligning:
        out.append(
            f"{v.senere_deltagere_i_sammenligning} af sammenligningspersonerne kom selv med i "
            "indsatsen senere. De var ikke med i startugen og hører derfor til "
            "sammenligningsgruppen, men hvis indsatsen virker, trækker de effekten lidt mod nul."
        )
    if v.kroner is not None:
        if v.kroner.uden_pris:
            out.append(
                "Kronebeløbet omfatter ikke "
                + ", ".join(n.lower() for n in v.kroner.uden_pris)
                + ", fordi der ikke er angivet en enhedspris."
            )
        if v.kroner.refusion_fra > v.startuger[0] - 156:
            out.append(
                "Refusionstrinnet regnes fra registrets første uge, så for nogle forløb er "
                "anciennitet og dermed kommunens andel af udgiften for lav."
            )
    return out


@dataclass(frozen=True)
class Sammenfatning:
    """The figures and the Danish text of an evaluation, for a committee paper."""

    navn: str
    deltagere: int
    sammenligningspersoner: int
    startperiode: str
    hovedmaal: str
    deltagere_andel: float
    sammenligning_andel: float
    effekt: float
    nedre: float
    oevre: float
    sikker: bool
    naiv_ved_start: float
    naiv_efter: float
    faerre_helaarspersoner: float | None  # None until participants can be followed a year
    helaarspersoner_nedre: float | None
    helaarspersoner_oevre: float | None
    kroner: float | None
    parallel_foer: bool
    tekst: tuple[str, ...]  # the paragraphs: headline, naive, economy
    forbehold: tuple[str, ...]


def sammenfatning(v: Effektvurdering) -> Sammenfatning:
    e = v.hovedestimat
    hp = v.helaarspersoner[-1] if v.helaarspersoner else None
    return Sammenfatning(
        navn=v.navn,
        deltagere=v.deltagere_matchet,
        sammenligningspersoner=v.sammenligningspersoner,
        startperiode=f"{uge_tekst(v.startuger[0])} til {uge_tekst(v.startuger[1])}",
        hovedmaal=e.label,
        deltagere_andel=e.deltagere,
        sammenligning_andel=e.sammenligning,
        effekt=e.effekt,
        nedre=e.nedre,
        oevre=e.oevre,
        sikker=e.sikker,
        naiv_ved_start=v.naiv.ved_start,
        naiv_efter=v.naiv.efter,
        faerre_helaarspersoner=None if hp is None else hp.faerre,
        helaarspersoner_nedre=None if hp is None else hp.nedre,
        helaarspersoner_oevre=None if hp is None else hp.oevre,
        kroner=None if v.kroner is None else v.kroner.pr_deltager * v.deltagere_matchet,
        parallel_foer=v.foer_tjek.parallel,
        tekst=(hovedsaetning(v), naiv_saetning(v), oekonomi_saetning(v)),
        forbehold=tuple(v.forbehold),
    )
