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


def cpr_audit_mask(value: str) -> str:
    """How a CPR appears in an audit change row: the birth date only (`ddmmyy-xxxx`).

    django-auditlog's default mask keeps the second half of the value, which together with the
    masked form shown in lists rebuilds the whole number. Registered in `CitizensConfig.ready`.
    """
    if value in ("", "None"):  # auditlog's text for "no value" (a new row)
        return ""
    try:
        return Cpr.parse(value).masked
    except InvalidCpr:
        return "xxxxxx-xxxx"
