from django import forms

from indsats.web.citizens.fields import CprFormField
from indsats.web.citizens.models import Borger


class BorgerCreateForm(forms.Form):
    cpr = CprFormField()
    fornavn = forms.CharField(label="Fornavn", max_length=100)
    efternavn = forms.CharField(label="Efternavn", max_length=100)

    def clean_cpr(self):
        cpr = self.cleaned_data["cpr"]
        if cpr and Borger.objects.filter(cpr=cpr).exists():
            raise forms.ValidationError("Der findes allerede en borger med dette CPR-nummer.")
        return cpr


class BorgerSearchForm(forms.Form):
    q = forms.CharField(label="Navn eller CPR-nummer", max_length=100)
