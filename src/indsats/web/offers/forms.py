"""Forms for the catalogue and the economics inputs. Numbers are typed the Danish way
(1.234,5) or plainly (1234.5), parsed by `indsats.economics.numbers`; errors are in Danish."""

from decimal import Decimal
from typing import cast

from django import forms

from indsats.domain.ydelser import Ydelse
from indsats.economics.business_case import Investeringscase as CoreCase
from indsats.economics.catalogue import VARIGHED_LABELS, VarighedEnhed
from indsats.economics.numbers import EconomicsInputError, parse_amount
from indsats.web.core.forms import DateField
from indsats.web.offers.models import (
    LEVERANDOERTYPE_CHOICES,
    MAALGRUPPE_CHOICES,
    TILBUDSTYPE_CHOICES,
    YDELSE_CHOICES,
    Leverandoer,
)


class BeloebField(forms.Field):
    """A number typed as 1.234,5 or 1234.5; optionally not negative."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, *args, not_negative: bool = True, **kwargs):
        self.not_negative = not_negative
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = (value or "").strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if len(str(value)) > 30:
            raise forms.ValidationError("Tallet er for langt.", code="max_length")
        try:
            number = parse_amount(value)
        except EconomicsInputError:
            raise forms.ValidationError(
                "»%(v)s« er ikke et tal. Skriv fx 1.234,5 eller 1234.5.",
                params={"v": value},
                code="invalid",
            ) from None
        if self.not_negative and number < 0:
            raise forms.ValidationError("Værdien må ikke være negativ.", code="negative")
        return number


class BeloebListeField(forms.CharField):
    """One number per year, separated by semicolons: '0,5; 1'. The last value repeats."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return []
        out = []
        for i, part in enumerate(p.strip() for p in value.split(";")):
            if not part:
                continue
            try:
                number = parse_amount(part)
            except EconomicsInputError:
                raise forms.ValidationError(
                    "Værdi nr. %(n)s, »%(v)s«, er ikke et tal.",
                    params={"n": i + 1, "v": part},
                    code="invalid",
                ) from None
            if number < 0:
                raise forms.ValidationError("Værdierne må ikke være negative.", code="negative")
            out.append(number)
        return out


_LISTE_HJAELP = "Én værdi pr. år, adskilt af semikolon (fx 0,5; 1). Den sidste gentages."


class LeverandoerForm(forms.Form):
    navn = forms.CharField(label="Navn", max_length=200)
    kind = forms.ChoiceField(label="Type", choices=LEVERANDOERTYPE_CHOICES)


class TilbudForm(forms.Form):
    leverandoer = forms.ModelChoiceField(label="Leverandør", queryset=Leverandoer.objects.none())
    navn = forms.CharField(label="Navn", max_length=200)
    type = forms.ChoiceField(label="Tilbudstype", choices=TILBUDSTYPE_CHOICES)
    maalgrupper = forms.MultipleChoiceField(
        label="Målgrupper",
        choices=MAALGRUPPE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pris_pr_uge = BeloebField(label="Pris pr. uge (kr.)", required=False)
    pris_pr_maaned = BeloebField(
        label="Pris pr. måned (kr.)",
        required=False,
        help_text="Er der en månedspris, er årsprisen månedspris × 12.",
    )
    kapacitet = forms.IntegerField(label="Kapacitet (pladser)", required=False, min_value=0)
    gyldig_fra = DateField(label="Gyldig fra", required=False)
    gyldig_til = DateField(label="Gyldig til", required=False)
    kilde = forms.CharField(label="Kilde", max_length=300, required=False)

    def __init__(self, *args, kommune_kode: int, **kwargs):
        super().__init__(*args, **kwargs)
        leverandoer = cast(forms.ModelChoiceField, self.fields["leverandoer"])
        leverandoer.queryset = Leverandoer.objects.filter(kommune_kode=kommune_kode)

    def clean(self):
        data = super().clean()
        if (
            not self.has_error("pris_pr_uge")
            and not self.has_error("pris_pr_maaned")
            and data.get("pris_pr_uge") is None
            and data.get("pris_pr_maaned") is None
        ):
            self.add_error("pris_pr_uge", "Angiv en pris pr. uge eller pr. måned.")
        fra, til = data.get("gyldig_fra"), data.get("gyldig_til")
        if fra and til and til < fra:
            self.add_error("gyldig_til", "Slutdatoen ligger før startdatoen.")
        return data


class KursusberegningForm(forms.Form):
    varighed = BeloebField(label="Forløbets længde", not_negative=False)
    enhed = forms.ChoiceField(
        label="Enhed", choices=[(u.value, VARIGHED_LABELS[u]) for u in VarighedEnhed]
    )

    def clean_varighed(self):
        value = self.cleaned_data["varighed"]
        if value is not None and value < 0:
            raise forms.ValidationError("Et forløb kan ikke have en negativ længde.")
        return value


class BudgetForm(forms.Form):
    aar = forms.IntegerField(label="År", min_value=2000, max_value=2100)
    ydelse = forms.ChoiceField(label="Ydelse", choices=YDELSE_CHOICES)
    helaarspersoner = BeloebField(label="Helårspersoner budgetteret")
    enhedspris = BeloebField(label="Enhedspris (kr. pr. helårsperson pr. år, før refusion)")
    kilde = forms.CharField(label="Kilde", max_length=300, required=False)


class InvesteringscaseForm(forms.Form):
    navn = forms.CharField(label="Navn", max_length=200)
    ydelse = forms.ChoiceField(label="Ydelse", choices=YDELSE_CHOICES)
    start_aar = forms.IntegerField(label="Første år", min_value=2000, max_value=2100)
    aar = forms.IntegerField(label="Antal år", min_value=1, max_value=30)
    ekstra_aarsvaerk = BeloebListeField(label="Ekstra årsværk pr. år", help_text=_LISTE_HJAELP)
    pris_pr_aarsvaerk = BeloebField(label="Udgift pr. årsværk (kr.)")
    oevrige_udgifter = BeloebListeField(
        label="Øvrige udgifter pr. år (kr.)", required=False, help_text=_LISTE_HJAELP
    )
    effekt_fuldtidspersoner = BeloebListeField(
        label="Færre fuldtidspersoner pr. år", help_text=_LISTE_HJAELP
    )
    enhedspris_netto = BeloebField(label="Nettoenhedspris pr. fuldtidsperson (kr., efter refusion)")
    sagsstamme_foer = forms.CharField(label="Sagsstamme før", max_length=40, required=False)
    sagsstamme_efter = forms.CharField(label="Sagsstamme efter", max_length=40, required=False)
    fuldtidspersoner_uden = BeloebField(
        label="Fuldtidspersoner uden investeringen",
        required=False,
        help_text="Niveauet, som opfølgningen måles imod.",
    )
    kilde = forms.CharField(label="Kilde", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    antagelser = forms.CharField(
        label="Antagelser",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Én pr. linje.",
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        aar = data["aar"]
        for name in ("ekstra_aarsvaerk", "effekt_fuldtidspersoner", "oevrige_udgifter"):
            if len(data.get(name) or []) > aar:
                self.add_error(name, f"Der er flere værdier end år ({aar}).")
        if data.get("enhedspris_netto") == 0:
            self.add_error("enhedspris_netto", "Nettoenhedsprisen skal være større end 0.")
        if self.errors:
            return data
        try:
            data["case"] = CoreCase(
                navn=data["navn"],
                ydelse=Ydelse(data["ydelse"]),
                start_aar=data["start_aar"],
                aar=aar,
                ekstra_aarsvaerk=tuple(data["ekstra_aarsvaerk"]),
                pris_pr_aarsvaerk=data["pris_pr_aarsvaerk"],
                effekt_fuldtidspersoner=tuple(data["effekt_fuldtidspersoner"]),
                enhedspris_netto=data["enhedspris_netto"],
                oevrige_udgifter=tuple(data.get("oevrige_udgifter") or [Decimal(0)]),
                sagsstamme_foer=data.get("sagsstamme_foer", ""),
                sagsstamme_efter=data.get("sagsstamme_efter", ""),
                fuldtidspersoner_uden=data.get("fuldtidspersoner_uden"),
                kilde=data.get("kilde", ""),
                antagelser=tuple(
                    a.strip() for a in (data.get("antagelser") or "").splitlines() if a.strip()
                ),
            )
        except EconomicsInputError as exc:  # pragma: no cover - the fields catch these first
            raise forms.ValidationError(str(exc)) from None
        return data
