from typing import cast

from django import forms

from indsats.companyservice.db07 import InvalidDb07, db07_parse
from indsats.companyservice.identifiers import InvalidCvr, InvalidPnummer, cvr_parse, pnummer_parse
from indsats.web.accounts.models import User
from indsats.web.companies.models import (
    Aftale,
    HotlineHenvendelse,
    Jobordre,
    Kandidatprofil,
    Kontakt,
    Placering,
    Virksomhed,
)
from indsats.web.core.forms import DateField, DateTimeField, date_fields


def _db07(value: str, *, required: bool) -> str:
    if not value and not required:
        return ""
    try:
        return db07_parse(value)
    except InvalidDb07 as exc:
        raise forms.ValidationError(str(exc)) from None


class VirksomhedForm(forms.ModelForm):
    class Meta:
        model = Virksomhed
        fields = [
            "navn",
            "cvr",
            "pnummer",
            "db07",
            "sektor",
            "stoerrelse",
            "adresse",
            "postnummer",
            "by",
            "telefon",
            "email",
            "tags",
        ]

    def __init__(self, *args, kommune_kode: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.kommune_kode = kommune_kode
        self.fields["cvr"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        # Accept "DK 12 34 56 78" on input: the length is checked after cleaning.
        for name in ("cvr", "pnummer"):
            field = cast(forms.CharField, self.fields[name])
            field.max_length = 20
            field.validators = []
            field.widget.attrs["maxlength"] = 20

    def clean_cvr(self):
        try:
            return cvr_parse(self.cleaned_data["cvr"])
        except InvalidCvr as exc:
            raise forms.ValidationError(str(exc), code="invalid_cvr") from None

    def clean_pnummer(self):
        value = self.cleaned_data["pnummer"]
        if not value:
            return ""
        try:
            return pnummer_parse(value)
        except InvalidPnummer as exc:
            raise forms.ValidationError(str(exc), code="invalid_pnummer") from None

    def clean_db07(self):
        return _db07(self.cleaned_data["db07"], required=True)

    def clean(self):
        data = super().clean()
        cvr, pnr = data.get("cvr"), data.get("pnummer", "")
        if (
            cvr
            and Virksomhed.objects.filter(
                kommune_kode=self.kommune_kode, cvr=cvr, pnummer=pnr
            ).exists()
        ):
            self.add_error("cvr", "Virksomheden (CVR og P-nummer) er allerede oprettet.")
        return data


class KontaktForm(forms.ModelForm):
    class Meta:
        model = Kontakt
        fields = ["kanal", "formaal", "dato", "afholdt", "resultat", "opfoelgning"]
        field_classes = date_fields("dato", "opfoelgning")
        widgets = {"resultat": forms.Textarea(attrs={"rows": 3})}


class HotlineForm(forms.ModelForm):
    class Meta:
        model = HotlineHenvendelse
        fields = ["emne", "modtaget", "besvaret"]
        field_classes = {"modtaget": DateTimeField, "besvaret": DateTimeField}
        help_texts = {"besvaret": "Tom, hvis henvendelsen endnu ikke er besvaret."}


class JobordreForm(forms.ModelForm):
    class Meta:
        model = Jobordre
        fields = [
            "virksomhed",
            "titel",
            "ansaettelsesform",
            "antal",
            "db07",
            "krav",
            "timer_pr_uge",
            "start",
        ]
        field_classes = date_fields("start")
        error_messages = {
            "virksomhed": {
                "required": "Vælg den virksomhed, jobordren kommer fra.",
                "invalid_choice": "Vælg en virksomhed fra din portefølje.",
            },
        }

    def __init__(self, *args, virksomheder, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["virksomhed"].queryset = virksomheder
        self.fields["virksomhed"].empty_label = "Vælg virksomhed"

    def clean_db07(self):
        return _db07(self.cleaned_data.get("db07", ""), required=False)


class HandoverForm(forms.Form):
    konsulent = forms.ModelChoiceField(
        label="Ny konsulent", queryset=User.objects.none(), empty_label="Vælg konsulent"
    )

    def __init__(self, *args, konsulenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["konsulent"].queryset = konsulenter
        self.fields["konsulent"].label_from_instance = lambda u: u.get_full_name() or u.username


class AftaleForm(forms.ModelForm):
    class Meta:
        model = Aftale
        fields = ["type", "pladser", "fra", "til", "note"]
        field_classes = date_fields("fra", "til")


class HireForm(forms.Form):
    start = DateField(label="Start", required=False)
    slut = DateField(label="Slut", required=False)
    timer_pr_uge = forms.DecimalField(
        label="Timer pr. uge", required=False, min_value=0, max_value=60, decimal_places=1
    )
    aftale = forms.ModelChoiceField(
        label="Fast plads efter aftale",
        queryset=Aftale.objects.none(),
        required=False,
        empty_label="Ingen aftale",
    )

    def __init__(self, *args, aftaler, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aftale"].queryset = aftaler


class PlaceringEndForm(forms.ModelForm):
    class Meta:
        model = Placering
        fields = ["slut", "blev_job"]
        field_classes = date_fields("slut")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slut"].required = True


class PeriodeForm(forms.Form):
    fra = DateField(label="Fra")
    til = DateField(label="Til")

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            self.add_error("til", "Slutdatoen ligger før startdatoen.")
        return data


class KandidatprofilForm(forms.ModelForm):
    class Meta:
        model = Kandidatprofil
        fields = ["postnummer", "erfaring", "kompetencer", "tilgaengelig_fra"]
        field_classes = date_fields("tilgaengelig_fra")

    def clean_erfaring(self):
        codes = [c.strip() for c in self.cleaned_data["erfaring"].split(",") if c.strip()]
        try:
            return ", ".join(db07_parse(c) for c in codes)
        except InvalidDb07 as exc:
            raise forms.ValidationError(str(exc)) from None


class BrancheOpslagForm(forms.Form):
    db07 = forms.CharField(
        label="Branchekode (DB07) for et jobmål",
        max_length=10,
        required=False,
        help_text="Fx 52 eller 47.11.",
    )

    def clean_db07(self):
        return _db07(self.cleaned_data.get("db07", ""), required=False)
