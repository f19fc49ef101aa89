from __future__ import annotations

from typing import Any, cast

from django import forms

from indsats.committee import model as core
from indsats.web.committee.models import Moede, Organ, Punkt
from indsats.web.core.forms import DateField, DateTimeField

_KINDS = [
    (core.PunktArt.NYT_TILBUD.value, "Nyt tilbud sammenlignet med tilbudskataloget"),
    (core.PunktArt.BUDGETOPFOELGNING.value, "Budgetopfølgning efter refusion"),
    (core.PunktArt.INVESTERINGSCASE.value, "Investeringscase"),
    (core.PunktArt.MAANEDSRAPPORT.value, "Resultater (den seneste månedsrapport)"),
    (core.PunktArt.EFFEKTVURDERING.value, "Effektvurdering af en indsats"),
    (core.PunktArt.BESKAEFTIGELSESPLAN.value, "Beskæftigelsesplan til godkendelse"),
    (core.PunktArt.PLANEVALUERING.value, "Evaluering af beskæftigelsesplanen"),
    (core.PunktArt.FRI.value, "Eget punkt (tomme afsnit)"),
]


class MoedeForm(forms.Form):
    organ = forms.ModelChoiceField(queryset=Organ.objects.none(), label="Udvalg")
    tidspunkt = DateTimeField(label="Tidspunkt")
    sted = forms.CharField(label="Sted", max_length=200)

    def __init__(self, *args: Any, organer: list[Organ], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organ"]).queryset = Organ.objects.filter(
            pk__in=[o.pk for o in organer]
        )


class PunktUdkastForm(forms.Form):
    art = forms.ChoiceField(label="Hvad handler punktet om?", choices=_KINDS)
    organ = forms.ModelChoiceField(queryset=Organ.objects.none(), label="Udvalg")
    titel = forms.CharField(label="Titel (eget punkt)", max_length=300, required=False)
    lukket = forms.BooleanField(
        label="Lukket punkt (handler om navngivne personer)", required=False
    )
    tilbud = forms.TypedChoiceField(label="Tilbud", coerce=int, required=False, choices=[])
    forloeb = forms.DecimalField(
        label="Gennemsnitligt forløb (måneder)",
        min_value=1,
        max_value=60,
        initial=12,
        required=False,
    )
    aar = forms.IntegerField(label="Budgetår", min_value=2000, max_value=2100, required=False)
    case = forms.TypedChoiceField(label="Investeringscase", coerce=int, required=False, choices=[])
    version = forms.TypedChoiceField(
        label="Planversion (sendt til udvalget)", coerce=int, required=False, choices=[]
    )
    evaluering = forms.TypedChoiceField(
        label="Evaluering af planen", coerce=int, required=False, choices=[]
    )
    effekt = forms.TypedChoiceField(label="Effektvurdering", coerce=int, required=False, choices=[])

    def __init__(
        self,
        *args: Any,
        organer: list[Organ],
        tilbud: list[tuple[int, str]],
        cases: list[tuple[int, str]],
        versioner: list[tuple[int, str]] | None = None,
        evalueringer: list[tuple[int, str]] | None = None,
        effekter: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organ"]).queryset = Organ.objects.filter(
            pk__in=[o.pk for o in organer]
        )
        cast(forms.ChoiceField, self.fields["tilbud"]).choices = [("", "–"), *tilbud]
        cast(forms.ChoiceField, self.fields["case"]).choices = [("", "–"), *cases]
        cast(forms.ChoiceField, self.fields["version"]).choices = [("", "–"), *(versioner or [])]
        cast(forms.ChoiceField, self.fields["evaluering"]).choices = [
            ("", "–"),
            *(evalueringer or []),
        ]
        cast(forms.ChoiceField, self.fields["effekt"]).choices = [("", "–"), *(effekter or [])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        art = data.get("art")
        need = {
            core.PunktArt.NYT_TILBUD.value: ("tilbud", "Vælg tilbuddet."),
            core.PunktArt.BUDGETOPFOELGNING.value: ("aar", "Angiv budgetåret."),
            core.PunktArt.INVESTERINGSCASE.value: ("case", "Vælg investeringscasen."),
            core.PunktArt.FRI.value: ("titel", "Giv punktet en titel."),
            core.PunktArt.BESKAEFTIGELSESPLAN.value: ("version", "Vælg planversionen."),
            core.PunktArt.PLANEVALUERING.value: ("evaluering", "Vælg evalueringen."),
            core.PunktArt.EFFEKTVURDERING.value: ("effekt", "Vælg effektvurderingen."),
        }.get(str(art))
        if need and data.get(need[0]) in (None, ""):
            self.add_error(need[0], need[1])
        if art == core.PunktArt.NYT_TILBUD.value and not data.get("forloeb"):
            self.add_error("forloeb", "Angiv forløbets længde.")
        return data


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


class PunktForm(forms.Form):
    """An item's text: each section as paragraphs separated by a blank line, the
    recommendation one point per line."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    titel = forms.CharField(label="Titel", max_length=300)
    sagsnr = forms.CharField(label="Sagsnr.", max_length=40, required=False)
    lukket = forms.BooleanField(
        label="Lukket punkt (handler om navngivne personer)", required=False
    )
    indstilling_indledning = forms.CharField(label="Indstillingens indledning", max_length=300)
    indstilling = forms.CharField(
        label="Indstilling (ét punkt pr. linje)", widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, punkt: Punkt, **kwargs: Any) -> None:
        initial = {
            "version": punkt.version,
            "titel": punkt.titel,
            "sagsnr": punkt.sagsnr,
            "lukket": punkt.lukket,
            "indstilling_indledning": punkt.indstilling_indledning,
            "indstilling": "\n".join(punkt.indstilling),
        }
        for navn, _ in core.SEKTIONER:
            initial[navn] = "\n\n".join(punkt.sektion(navn).tekst)
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for navn, titel in core.SEKTIONER:
            self.fields[navn] = forms.CharField(
                label=titel,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text="Afsnit adskilles af en tom linje. Tabeller og kilder fra udkastet "
                "bevares.",
            )

    def service_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "titel": d["titel"],
            "sagsnr": d["sagsnr"],
            "lukket": d["lukket"],
            "indstilling_indledning": d["indstilling_indledning"],
            "indstilling": [x.strip() for x in d["indstilling"].splitlines() if x.strip()],
            "sektioner": {navn: _paragraphs(d[navn]) for navn, _ in core.SEKTIONER},
        }


class BeslutningForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    udfald = forms.ChoiceField(
        label="Beslutning", choices=[(u.value, core.UDFALD_LABELS[u]) for u in core.Udfald]
    )
    tekst = forms.CharField(
        label="Beslutningens tekst",
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="Administrationens indstilling godkendes.",
    )
    dato = DateField(label="Dato")


class PlacerForm(forms.Form):
    moede = forms.ModelChoiceField(queryset=Moede.objects.none(), label="Møde")

    def __init__(self, *args: Any, moeder: list[Moede], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["moede"]).queryset = Moede.objects.filter(
            pk__in=[m.pk for m in moeder]
        )
