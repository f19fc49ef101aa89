"""Plain Danish sentences for obligations, rendered from a template key and the due dates.

Both the per-case path and the vectorised path render text through `render`, so the sentences are
identical by construction. A key is a tuple whose first element names the template.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from indsats.rules.dates import fmt, non_working_day_name

_HOLDER_DA = {
    "jobcenter": "Jobcentret",
    "akasse": "A-kassen",
    "borger": "Borgeren",
    "arbejdsgiver": "Arbejdsgiveren",
}


# Said when the act that changed a rule has no known date in force and the case's or the
# tilbud's date lies in the window where it may have taken effect (`from_uncertain`).
_UNSURE_SAMTALE = (
    " Om samtalen skal holdes ved personligt fremmøde, afhænger af, hvornår en lovændring trådte "
    "i kraft; datoen er ikke fundet."
)
_UNSURE_TILBUD = (
    " Om øvrig vejledning og opkvalificering tæller som tilbud her, afhænger af, hvornår en "
    "lovændring trådte i kraft; datoen er ikke fundet."
)


def _target_suffix(target_from: date | None) -> str:
    if target_from is None:
        return ""
    return (
        f" Fra {fmt(target_from)} er dette et mål for kommunen (mindst 75 % af borgerne i "
        f"målgruppen), ikke en pligt i den enkelte sag."
    )


def _body(key: tuple[Any, ...], due_from: date | None, due_by: date | None) -> str:
    name = key[0]
    fra, til = fmt(due_from), fmt(due_by)
    if name == "samtale":
        _, rule, holder, nr, antal, first_deadline, fysisk, target_from, unsure = key
        h = _HOLDER_DA[holder]
        if rule == "faelles_samtale_3_6_maaneder":
            s = f"Jobcentret skal holde en fælles samtale med a-kassen i perioden {fra}–{til} (LAB § 31)."
        elif rule == "faelles_samtale_16_maaneder":
            s = (
                f"Jobcentret skal holde en fælles samtale med a-kassen senest {til}, når borgeren "
                f"har været ledig i 16 måneder (LAB § 32)."
            )
        elif nr == 1 and first_deadline:
            s = f"{h} skal holde første jobsamtale senest {til} (LAB § 31)."
        elif nr == 1:
            s = f"{h} skal holde første af mindst {antal} jobsamtaler i perioden {fra}–{til} (LAB § 31)."
        else:
            s = f"{h} skal holde jobsamtale nr. {nr} af mindst {antal} senest {til} (LAB § 31)."
        if fysisk:
            s += " Samtalen holdes ved personligt fremmøde."
        if unsure:
            s += _UNSURE_SAMTALE
        return s + _target_suffix(target_from)
    if name == "ret_og_pligt":
        _, variant, loentilskud_dage, target_from, unsure = key
        if variant == "fritaget_aaben":
            s = (
                "Borgeren var fritaget, da fristen for ret og pligt-tilbud udløb; tilbuddet skal "
                "gives senest 1 måned efter, at fritagelsen ophører (LAB § 102)."
            )
        elif variant == "fritaget":
            s = (
                f"Borgeren var fritaget, da fristen for ret og pligt-tilbud udløb; tilbuddet skal "
                f"være startet senest {til}, 1 måned efter at fritagelsen ophørte (LAB § 102)."
            )
        else:
            s = (
                f"Borgeren har ret og pligt til et tilbud, der skal være startet senest {til} og "
                f"vare mindst 2 uger i træk (LAB § 102). Et løntilskudsjob, der er tilbudt inden "
                f"fristen, må starte op til {loentilskud_dage // 7} uger senere."
            )
        if unsure:
            s += _UNSURE_TILBUD
        return s + _target_suffix(target_from)
    if name == "tilbud_maal":
        _, target_from = key
        return (
            f"Borgeren skal have et tilbud, der er startet senest {til}, inden for de første 6 "
            f"måneder. Fra {fmt(target_from)} er det et mål for kommunen (mindst 75 % af "
            f"dagpengemodtagere og job- og uddannelsesparate kontanthjælpsmodtagere), ikke en "
            f"pligt i den enkelte sag (lov 1750/2025)."
        )
    if name == "integration":
        _, helst_dage = key
        helst = None if due_from is None else due_from + timedelta(days=helst_dage)
        return (
            f"Første virksomhedsrettede tilbud i integrationsprogrammet skal gives senest {til}"
            f" og helst inden {fmt(helst)} (integrationsloven)."
        )
    if name == "cv":
        _, days, fra_what = key
        return (
            f"Borgeren skal have et CV på Jobnet senest {til}, {days // 7} uger efter "
            f"{fra_what} (LAB § 23)."
        )
    if name == "selvbooking":
        return "Borgeren booker selv sine jobsamtaler på Jobnet (selvbooking)."
    if name == "uddannelsespaalaeg":
        _, dagpenge = key
        if dagpenge:
            return (
                f"Borgeren er under 25 år uden erhvervskompetencegivende uddannelse og uden "
                f"forsørgerpligt: jobcentret skal give et uddannelsespålæg ved første jobsamtale "
                f"(senest {til}), hvis borgeren vurderes at kunne gennemføre en uddannelse "
                f"(LAB § 30)."
            )
        return (
            f"Jobcentret skal give et uddannelsespålæg ved første jobsamtale, senest {til} "
            f"(LAB § 30)."
        )
    if name == "visitation":
        _, maaneder = key
        return (
            f"Borgeren er ikke vurderet åbenlyst uddannelsesparat og anses som uddannelsesparat i "
            f"{maaneder} måneder fra første henvendelse; jobcentret skal derefter visitere "
            f"endeligt (uddannelsesparat eller aktivitetsparat) senest {til} (BEK om en aktiv "
            f"beskæftigelsesindsats § 6)."
        )
    if name == "repatriering_systematisk":
        return (
            "Borgeren har under 5 års ophold i Danmark: vejledning om repatriering skal gives "
            "systematisk ved jobsamtalerne (repatrieringsloven § 5; integrationsloven § 20 b)."
        )
    if name == "repatriering_saerlig":
        return (
            "Borgeren har mindst 5 års ophold og har modtaget kontanthjælpslignende ydelser i "
            "mindst 18 af de seneste 36 måneder: jobcentret skal holde en særskilt samtale om "
            "repatriering (repatrieringsloven § 5). Kilderne fastlægger ingen frist."
        )
    if name == "opfoelgning":
        _, nr, antal, variant = key
        if nr == 1 and variant == "tidlig":
            return (
                f"Første opfølgningssamtale skal holdes senest {til}, 2 uger efter anmodningen om "
                f"tidlig opfølgning (SDL § 13 b, stk. 2)."
            )
        if nr == 1 and antal == 1:
            return (
                f"Opfølgningssamtalen skal holdes senest {til}, inden udgangen af 8. uge fra "
                f"første fraværsdag (SDL § 13 b); derefter følges kun op på raskmeldingen "
                f"(SDL § 13 f)."
            )
        if nr == 1:
            return (
                f"Første opfølgningssamtale skal holdes senest {til}, inden udgangen af 8. uge "
                f"fra første fraværsdag (SDL § 13 b)."
            )
        return (
            f"Opfølgningssamtale nr. {nr} af mindst {antal} skal holdes senest {til}, inden for "
            f"de første 6 måneder fra første fraværsdag (SDL § 13 b)."
        )
    if name == "udbetaling_anden":
        _, holder = key
        if holder == "arbejdsgiver":
            return (
                f"Arbejdsgiveren udbetaler sygedagpenge i arbejdsgiverperioden {fra}–{til} "
                f"(SDL § 30)."
            )
        return (
            f"A-kassen udbetaler dagpenge under de første 14 dages sygdom, {fra}–{til} (lov om "
            f"arbejdsløshedsforsikring § 62, stk. 3)."
        )
    if name == "udbetaling_kommune":
        _, ansaettelse, forsikring = key
        if ansaettelse == "selvstaendig":
            why = (
                "efter 2 ugers sygdom (SDL § 41)"
                if forsikring == "ingen"
                else "med sygedagpengeforsikring (SDL § 45)"
            )
            return f"Kommunen udbetaler sygedagpenge fra {fra} {why}."
        return f"Kommunen udbetaler sygedagpenge fra {fra} (SDL § 32)."
    if name == "revurdering":
        return (
            f"Sygedagpengene skal revurderes senest {til}: den {fra} har borgeren fået "
            f"sygedagpenge i mere end 22 uger inden for 9 måneder (SDL § 24)."
        )
    if name == "forlaengelse":
        _, grund, navn, max_uger, decided = key
        if decided:
            return (
                f"Sygedagpengene er forlænget efter SDL § 27, stk. 1, nr. {grund} ({navn}) fra "
                f"{fra} til og med {til}, som kommunen har besluttet."
            )
        if max_uger is None:
            return (
                f"Sygedagpengene er forlænget efter SDL § 27, stk. 1, nr. {grund} ({navn}) fra "
                f"{fra}; loven fastsætter ingen fast tidsgrænse."
            )
        return (
            f"Sygedagpengene er forlænget efter SDL § 27, stk. 1, nr. {grund} ({navn}) fra "
            f"{fra} og kan højst forlænges i {max_uger} uger, til {til}."
        )
    if name == "jobafklaring":
        _, after = key
        first = (
            f"Sygedagpengene kan udbetales til og med {til}, hvor revurderingen skal være sket. "
            f"Findes der ingen forlængelsesgrund efter SDL § 27"
            if after == "revurdering"
            else f"Forlængelsen efter SDL § 27 ophører {til}. Findes der ikke en ny forlængelsesgrund"
        )
        return (
            f"{first}, og er borgeren fortsat uarbejdsdygtig, overgår borgeren derefter til "
            f"jobafklaringsforløb med ressourceforløbsydelse (SDL § 24 a): en ny sag med "
            f"ydelsen jobafklaringsforløb og dens egne samtaler."
        )
    if name == "rehabiliteringsteam":
        _, altid, _ydelse = key
        if altid:
            return (
                f"Rehabiliteringsteamet skal behandle sagen om jobafklaringsforløb senest {til}, "
                f"4 uger efter overgangen {fra} (LAB kap. 18)."
            )
        return (
            f"Rehabiliteringsteamet inddrages i jobafklaringsforløbet, der begynder {fra}, kun "
            f"hvis kommunen vurderer, at der er behov for en tværfaglig indsats; i så fald "
            f"senest {til} (LAB kap. 18)."
        )
    raise KeyError(f"unknown text template {name!r}")


@lru_cache(maxsize=200_000)
def render(key: tuple[Any, ...], due_from: date | None, due_by: date | None) -> str:
    text = _body(key, due_from, due_by)
    odd = non_working_day_name(due_by)
    if odd is not None:
        text += f" Fristen falder på en helligdag eller weekend ({odd}) og flyttes ikke."
    return text
