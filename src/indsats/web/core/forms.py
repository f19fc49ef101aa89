"""Helpers shared by every app's forms: service errors on a form, and Danish date fields."""

from django import forms
from django.core.exceptions import ValidationError

from indsats.web.core.widgets import DateInput, DateTimeInput, TimeInput

# Typed as the Danish write them; ISO (what a browser's date picker and older links send) too.
# Not dd/mm/yyyy: an American 12/06/2026 (6 December) would silently become 12 June.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y kl. %H:%M",
    "%d.%m.%Y kl. %H.%M",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
DATE_INVALID = "Skriv datoen som dd.mm.åååå, fx 13.05.2024."
DATETIME_INVALID = "Skriv dato og klokkeslæt som dd.mm.åååå tt:mm, fx 13.05.2024 09:30."
TIME_INVALID = "Skriv klokkeslættet som tt:mm, fx 09:30."


class DateField(forms.DateField):
    """A date typed as dd.mm.åååå (or ISO), with a Danish error that shows the format."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": DATE_INVALID}


class DateTimeField(forms.DateTimeField):
    widget = DateTimeInput
    input_formats = DATETIME_INPUT_FORMATS
    default_error_messages = {"invalid": DATETIME_INVALID}


class TimeField(forms.TimeField):
    widget = TimeInput
    input_formats = TIME_INPUT_FORMATS
    default_error_messages = {"invalid": TIME_INVALID}


def date_fields(*names: str) -> dict[str, type[forms.Field]]:
    """For a ModelForm's `Meta.field_classes`: these model date fields as Danish date fields."""
    return dict.fromkeys(names, DateField)


def form_add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or the form, if no such field)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
