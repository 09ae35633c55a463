"""Forms of the ambassador pages. They validate input only; the services apply the rules."""

from django import forms

from xmhub.accounts.forms import add_application_error
from xmhub.core.errors import ApplicationError

__all__ = ["add_application_error", "add_formset_error"]


def add_formset_error(formset: forms.BaseFormSet, error: ApplicationError) -> None:
    """Show a service's error on a formset: errors keyed by row index go to that row's fields."""
    errors = error.errors if isinstance(error.errors, dict) else {}
    placed = False
    for key, value in errors.items():
        if isinstance(key, int) and isinstance(value, dict):
            form = _row_form(formset, key)
            if form is not None:
                for field, messages in value.items():
                    for message in messages if isinstance(messages, list | tuple) else [messages]:
                        form.add_error(field if field in form.fields else None, message)
                placed = True
    if not placed:
        formset._non_form_errors = formset.error_class([error.message])  # noqa: SLF001 (the formset API)
    formset.has_service_error = True


def _row_form(formset, index: int):
    """The index-th submitted row (blank extra rows are not submitted to the service)."""
    submitted = [f for f in formset.forms if f.has_changed() or f.cleaned_data.get("id")]
    return submitted[index] if index < len(submitted) else None
