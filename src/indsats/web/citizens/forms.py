from django import forms
from django.utils import timezone

from indsats.web.citizens.fields import CprFormField
from indsats.web.citizens.models import (
    TILBUDSTYPE_CHOICES,
    Delmaal,
    Fritagelse,
    Jobmaal,
    Progressionsmaaling,
    Sag,
    Samtale,
    Tidsrum,
    TilbudsForloeb,
)
from indsats.web.core.forms import DateField, DateTimeField, TimeField, date_fields


def _check_period(form, start_field: str, end_field: str, message: str) -> None:
    start, end = form.cleaned_data.get(start_field), form.cleaned_data.get(end_field)
    if start and end and end < start:
        form.add_error(end_field, message)


class VersionedForm(forms.Form):
    """Carries the version the user started from, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BorgerCreateForm(forms.Form):
    cpr = CprFormField()
    fornavn = forms.CharField(label="Fornavn", max_length=100)
    efternavn = forms.CharField(label="Efternavn", max_length=100)
    telefon = forms.CharField(label="Telefon", max_length=20, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    har_erhvervsuddannelse = forms.BooleanField(
        label="Har erhvervskompetencegivende uddannelse", required=False
    )


class BorgerSearchForm(forms.Form):
    q = forms.CharField(label="Navn eller CPR-nummer", max_length=100)


class SagForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Sag
        fields = [
            "ydelse",
            "visitation",
            "visitation_dato",
            "sygedagpenge_kategori",
            "foerste_henvendelse",
            "slut",
            "cv_registreret",
            "integrationsprogram_start",
        ]
        field_classes = date_fields(
            "visitation_dato",
            "foerste_henvendelse",
            "slut",
            "cv_registreret",
            "integrationsprogram_start",
        )

    def clean(self):
        cleaned = super().clean()
        _check_period(
            self, "foerste_henvendelse", "slut", "Sagen kan ikke slutte før første henvendelse."
        )
        ydelse = cleaned.get("ydelse")
        if ydelse in (
            "kontanthjaelp",
            "uddannelseshjaelp",
            "sho_ydelse",
            "overgangsydelse",
        ) and not cleaned.get("visitation"):
            self.add_error("visitation", "Vælg visitation: målgruppen afhænger af den.")
        if ydelse == "sygedagpenge" and not cleaned.get("sygedagpenge_kategori"):
            self.add_error("sygedagpenge_kategori", "Vælg sygedagpengekategori.")
        return cleaned


class FritagelseForm(forms.ModelForm):
    class Meta:
        model = Fritagelse
        fields = ["aarsag", "fra", "til", "note"]
        field_classes = date_fields("fra", "til")
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        _check_period(self, "fra", "til", "Fritagelsen kan ikke slutte, før den begynder.")
        return cleaned


class SamtaleForm(forms.ModelForm):
    """Record a held samtale. The topics the law requires appear only when they apply."""

    tidspunkt = DateTimeField(label="Tidspunkt")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Samtale
        fields = [
            "tidspunkt",
            "type",
            "form",
            "afholdt_af",
            "uddannelsespaalaeg",
            "repatriering",
            "journalnotat",
            "naeste_skridt",
        ]
        widgets = {"journalnotat": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, show_uddannelsespaalaeg=False, show_repatriering=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_uddannelsespaalaeg:
            del self.fields["uddannelsespaalaeg"]
        if not show_repatriering:
            del self.fields["repatriering"]

    def clean_tidspunkt(self):
        tidspunkt = self.cleaned_data["tidspunkt"]
        if tidspunkt > timezone.now():
            raise forms.ValidationError("En samtale i fremtiden kan ikke registreres som afholdt.")
        return tidspunkt


class TilbudForm(forms.ModelForm):
    tilbudstype = forms.ChoiceField(label="Tilbudstype", choices=TILBUDSTYPE_CHOICES)

    class Meta:
        model = TilbudsForloeb
        fields = [
            "tilbudstype",
            "beskrivelse",
            "projektmaerke",
            "start",
            "slut",
            "timer_pr_uge",
            "tilbudt_dato",
        ]
        field_classes = date_fields("start", "slut", "tilbudt_dato")

    def clean_projektmaerke(self) -> str:
        # Stray spaces would split one project in two; the evaluation ignores case.
        return " ".join((self.cleaned_data.get("projektmaerke") or "").split())

    def clean(self):
        cleaned = super().clean()
        _check_period(self, "start", "slut", "Tilbuddet kan ikke slutte, før det begynder.")
        return cleaned


class PlanForm(VersionedForm):
    maal = forms.CharField(label="Mål", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PlanPunktForm(VersionedForm):
    """One button on Min Plan: a sub-goal's new status, or a job target to remove."""

    punkt = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Delmaal.Status.choices, required=False)

    def clean_version(self):
        version = self.cleaned_data.get("version")
        if version is None:
            raise forms.ValidationError("Siden mangler planens version. Genindlæs siden.")
        return version


class DelmaalForm(forms.ModelForm):
    class Meta:
        model = Delmaal
        fields = ["tekst", "frist", "opfoelgning"]
        field_classes = date_fields("frist", "opfoelgning")


class JobmaalForm(forms.ModelForm):
    class Meta:
        model = Jobmaal
        fields = ["kategori", "stilling", "branche"]

    def clean_branche(self):
        branche = self.cleaned_data["branche"].strip()
        if branche and (not branche.isdigit() or not 2 <= len(branche) <= 6):
            raise forms.ValidationError("Branchekoden skal være 2-6 cifre (DB07).")
        return branche


class ProgressionForm(forms.ModelForm):
    class Meta:
        model = Progressionsmaaling
        fields = [
            "dato",
            "tro_paa_egne_evner",
            "helbredsmestring",
            "arbejdsmarkedsidentitet",
            "samarbejde",
            "netvaerk",
        ]
        field_classes = date_fields("dato")

    def clean_dato(self):
        dato = self.cleaned_data["dato"]
        if dato > timezone.localdate():
            raise forms.ValidationError("En måling kan ikke dateres i fremtiden.")
        return dato


UGEDAGE = [
    (0, "Mandag"),
    (1, "Tirsdag"),
    (2, "Onsdag"),
    (3, "Torsdag"),
    (4, "Fredag"),
    (5, "Lørdag"),
    (6, "Søndag"),
]
SLOT_MINUTES = [(15, "15 min."), (20, "20 min."), (30, "30 min."), (45, "45 min."), (60, "60 min.")]
MAX_SERIES_DAYS = 62  # a series covers at most about two months


class TidsrumSerieForm(forms.Form):
    """A series of slots: on the chosen weekdays between two dates, back to back from one time
    to another, each of the chosen length."""

    fra_dato = DateField(label="Fra dato")
    til_dato = DateField(
        label="Til dato",
        required=False,
        help_text="Tom: kun fra-datoen.",
    )
    ugedage = forms.TypedMultipleChoiceField(
        label="Ugedage",
        choices=UGEDAGE,
        coerce=int,
        initial=[0, 1, 2, 3, 4],
        widget=forms.CheckboxSelectMultiple,
    )
    fra = TimeField(label="Fra kl.")
    til = TimeField(label="Til kl.")
    minutter = forms.TypedChoiceField(
        label="Længde på hver tid", choices=SLOT_MINUTES, coerce=int, initial=30
    )
    form = forms.ChoiceField(label="Form", choices=Tidsrum.Form.choices)
    sted = forms.CharField(
        label="Sted", max_length=200, required=False, help_text="Fx adresse og mødelokale."
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fra") and cleaned.get("til") and cleaned["til"] <= cleaned["fra"]:
            self.add_error("til", "Sluttidspunktet skal ligge efter starttidspunktet.")
        fra_dato, til_dato = cleaned.get("fra_dato"), cleaned.get("til_dato")
        if fra_dato and til_dato:
            if til_dato < fra_dato:
                self.add_error("til_dato", "Til-datoen kan ikke ligge før fra-datoen.")
            elif (til_dato - fra_dato).days > MAX_SERIES_DAYS:
                self.add_error(
                    "til_dato", f"En serie kan højst dække {MAX_SERIES_DAYS} dage ad gangen."
                )
        return cleaned


SLOT_TAKEN = "Tiden er lige blevet booket af en anden. Vælg en anden tid."


class BookingForm(forms.Form):
    """The citizen picks one of the free slots. A slot booked by someone else after the page was
    shown is answered as taken (not as an unknown choice); the citizen's own slot is accepted
    again (a double click books nothing twice)."""

    tidsrum = forms.TypedChoiceField(label="Vælg en tid", coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, slots=(), taken_ids=(), own_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["tidsrum"]
        offered = [
            (s.pk, f"{timezone.localtime(s.start):%d.%m.%Y kl. %H:%M} ({s.get_form_display()})")
            for s in slots
        ]
        self.taken_ids = set(taken_ids) - {own_id}
        hidden = [(pk, "") for pk in [*self.taken_ids, own_id] if pk is not None]
        field.choices = offered + hidden
        field.widget.choices = offered  # only the free slots are shown

    def clean_tidsrum(self):
        value = self.cleaned_data["tidsrum"]
        if value in self.taken_ids:
            raise forms.ValidationError(SLOT_TAKEN, code="taken")
        return value


class BookingLinkEmailForm(forms.Form):
    email = forms.EmailField(label="Borgerens e-mail", max_length=254)
