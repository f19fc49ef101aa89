"""A form field for CPR numbers with a clear Danish error that never repeats the number."""

from __future__ import annotations

from django import forms

from indsats.domain.cpr import Cpr, InvalidCpr


class CprFormField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "CPR-nummer")
        kwargs.setdefault("max_length", 11)
        kwargs.setdefault("help_text", "ddmmåå-xxxx")
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return Cpr.parse(value).digits
        except InvalidCpr as exc:
            raise forms.ValidationError(str(exc), code="invalid_cpr") from None
