"""Form widgets shared by every app: dates typed as the Danish write them.

A browser's own date picker (`<input type="date">`) shows its date in the format of the
browser's language (05/13/2024 in an English browser), so dates are plain text fields shown and
typed as dd.mm.åååå (13.05.2024) whatever the browser; `indsats.web.core.forms.DateField`
parses them (ISO 2024-05-13 is accepted too) and says in Danish what it expects.
"""

from django import forms

DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M"
DATE_PLACEHOLDER = "dd.mm.åååå"
DATETIME_PLACEHOLDER = "dd.mm.åååå tt:mm"


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None, **kwargs):
        attrs = {
            "placeholder": DATE_PLACEHOLDER,
            "autocomplete": "off",
            "size": 10,
            "class": "date",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format=DATE_FORMAT, **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "text"

    def __init__(self, attrs=None, **kwargs):
        attrs = {
            "placeholder": DATETIME_PLACEHOLDER,
            "autocomplete": "off",
            "size": 16,
            "class": "date",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format=DATETIME_FORMAT, **kwargs)


class TimeInput(forms.TimeInput):
    """A time as tt:mm (24 hours) whatever the browser's language."""

    input_type = "text"

    def __init__(self, attrs=None, **kwargs):
        attrs = {"placeholder": "tt:mm", "autocomplete": "off", "size": 5, **(attrs or {})}
        super().__init__(attrs=attrs, format="%H:%M", **kwargs)
