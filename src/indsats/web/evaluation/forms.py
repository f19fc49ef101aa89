"""Forms for effect evaluations; errors in Danish."""

from typing import Any, cast

from django import forms

from indsats.domain.kommuner import all_kommuner
from indsats.register.weeks import InvalidWeek, parse_week
from indsats.web.citizens.models import TILBUDSTYPE_CHOICES
from indsats.web.evaluation.models import YDELSE_CHOICES, Evaluering
from indsats.web.offers.models import Investeringscase

KOMMUNE_CHOICES = [(str(k.kode), f"{k.navn} ({k.kode})") for k in all_kommuner()]
MAX_FIL_BYTES = 5 * 1024 * 1024


def _uge(value: str, felt: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        parse_week(value)
    except (InvalidWeek, ValueError):
        raise forms.ValidationError(
            "»%(v)s« er ikke en uge. Skriv fx 2021W05.", params={"v": value}, code="invalid"
        ) from None
    return value.upper().replace("-", "")


class EvalueringForm(forms.Form):
    navn = forms.CharField(label="Navn", max_length=200)
    beskrivelse = forms.CharField(
        label="Beskrivelse", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kilde = forms.ChoiceField(
        label="Hvem er deltagere?", choices=Evaluering.Kilde.choices, widget=forms.RadioSelect
    )
    fil = forms.FileField(
        label="Deltagerliste",
        required=False,
        help_text="CSV med kolonnerne person_id og start_uge (fx 2021W05 eller en dato). "
        "person_id er borgerens id i ydelsesregistret, aldrig CPR-nummeret.",
    )
    projektmaerke = forms.ChoiceField(
        label="Projektmærke",
        required=False,
        choices=[],
        help_text="Borgere, der er henvist til et tilbudsforløb med mærket (fx PLUS). Mærket "
        "sættes på tilbudsforløbet, når borgeren henvises.",
    )
    tilbudstype = forms.ChoiceField(
        label="Tilbudstype",
        required=False,
        choices=[("", "–"), *TILBUDSTYPE_CHOICES],
        help_text="Alle borgere i kommunen, der er henvist til et tilbudsforløb af typen.",
    )
    maalgruppe_ydelse = forms.ChoiceField(
        label="Målgruppens ydelse", required=False, choices=[("", "–"), *YDELSE_CHOICES]
    )
    fra_uge = forms.CharField(label="Første startuge", required=False, max_length=8)
    til_uge = forms.CharField(label="Sidste startuge", required=False, max_length=8)
    min_varighed = forms.IntegerField(
        label="Uger på ydelsen ved start",
        min_value=1,
        max_value=156,
        initial=1,
        required=False,
        help_text="Målgruppe: borgere træder ind, når de har været så mange uger på ydelsen.",
    )
    investeringscase = forms.ModelChoiceField(
        label="Investeringscase",
        required=False,
        queryset=Investeringscase.objects.none(),
        empty_label="Ingen",
    )
    sammenligning_kommuner = forms.MultipleChoiceField(
        label="Sammenligningskommuner",
        required=False,
        choices=KOMMUNE_CHOICES,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Tom: sammenligningsgruppen findes i egen kommune. Er hele målgruppen med i "
        "indsatsen, skal der vælges sammenlignelige kommuner.",
    )
    eksakt_koen = forms.BooleanField(
        label="Præcis samme køn",
        required=False,
        initial=True,
        help_text="Fjern markeringen, hvis puljen er for lille til at finde en "
        "sammenligningsperson af samme køn til alle.",
    )
    naboer = forms.IntegerField(
        label="Sammenligningspersoner pr. deltager", min_value=1, max_value=5, initial=1
    )
    hovedmaal_uge = forms.IntegerField(
        label="Hovedmål: andel selvforsørgende efter (uger)", min_value=4, max_value=104, initial=26
    )

    def __init__(self, *args, cases=None, marks: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["investeringscase"]).queryset = cases
        field = cast(forms.ChoiceField, self.fields["projektmaerke"])
        field.choices = [("", "–"), *((m, m) for m in marks or [])]
        if not marks:
            field.help_text = (
                "Ingen tilbudsforløb i kommunen har et projektmærke. Mærket sættes på "
                "tilbudsforløbet, når borgeren henvises."
            )

    def clean_fra_uge(self) -> str:
        return _uge(self.cleaned_data.get("fra_uge", ""), "fra_uge")

    def clean_til_uge(self) -> str:
        return _uge(self.cleaned_data.get("til_uge", ""), "til_uge")

    def clean_fil(self):
        f = self.cleaned_data.get("fil")
        if f is not None and f.size > MAX_FIL_BYTES:
            raise forms.ValidationError("Filen er for stor (højst 5 MB).", code="too_big")
        return f

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kilde = data.get("kilde")
        if kilde == Evaluering.Kilde.FIL and not data.get("fil"):
            self.add_error("fil", "Vælg deltagerlisten.")
        if kilde == Evaluering.Kilde.TILBUD and not (data.get("projektmaerke") or "").strip():
            self.add_error("projektmaerke", "Vælg projektmærket.")
        if kilde == Evaluering.Kilde.TILBUDSTYPE and not data.get("tilbudstype"):
            self.add_error("tilbudstype", "Vælg tilbudstypen.")
        if kilde == Evaluering.Kilde.MAALGRUPPE:
            for felt, tekst in (
                ("maalgruppe_ydelse", "Vælg ydelsen."),
                ("fra_uge", "Skriv den første uge."),
                ("til_uge", "Skriv den sidste uge."),
            ):
                if not data.get(felt) and felt not in self.errors:
                    self.add_error(felt, tekst)
        fra, til = data.get("fra_uge"), data.get("til_uge")
        if fra and til and parse_week(til) < parse_week(fra):
            self.add_error("til_uge", "Den sidste uge ligger før den første.")
        return data


class StyrkeForm(forms.Form):
    """Before a project starts: the minimum detectable effect."""

    ydelse = forms.ChoiceField(label="Deltagernes ydelse", choices=YDELSE_CHOICES)
    deltagere = forms.IntegerField(label="Planlagte deltagere", min_value=5, max_value=100_000)
    naboer = forms.IntegerField(
        label="Sammenligningspersoner pr. deltager", min_value=1, max_value=5, initial=1
    )
    uge = forms.IntegerField(
        label="Opfølgning: uger efter start", min_value=4, max_value=104, initial=26
    )
