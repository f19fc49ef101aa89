"""Helpers shared by every app's views for putting a service's errors on a form."""

from django.core.exceptions import ValidationError


def form_add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or the form, if no such field)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
