"""Forms of the support pages (office hours, coaching, help requests). They validate shapes; the rules live in
ambassadors.services.support, whose ApplicationError comes back onto the form with ``add_service_errors``."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from ambassadors.forms.terms import add_service_errors
from ambassadors.models import HelpRequest
from ambassadors.selectors.support import host_choices

__all__ = [
    "BookForm",
    "CoachingBookForm",
    "HelpRequestFilterForm",
    "HelpRequestForm",
    "HelpRequestUpdateForm",
    "NotesForm",
    "SlotForm",
    "add_service_errors",
]

INPUT = {"class": "input"}
SELECT = {"class": "select"}
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _datetime(label: str, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={**INPUT, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        **kwargs,
    )


class SlotForm(forms.Form):
    host = forms.ModelChoiceField(
        label="Host", queryset=get_user_model().objects.none(), widget=forms.Select(attrs=SELECT)
    )
    starts_at = _datetime("Starts")
    ends_at = _datetime("Ends")
    location = forms.CharField(
        label="Place or link",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**INPUT, "placeholder": "Room 4.12 or https://…"}),
    )
    capacity = forms.IntegerField(
        label="Places", min_value=1, max_value=100, initial=1, widget=forms.NumberInput(attrs=INPUT)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = host_choices()


class BookForm(forms.Form):
    topic = forms.CharField(
        label="Topic (optional)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**INPUT, "placeholder": "What would you like to discuss?"}),
    )


class CoachingBookForm(forms.Form):
    scheduled_at = _datetime("Date and time")


class HelpRequestForm(forms.Form):
    subject = forms.CharField(
        label="Subject",
        max_length=200,
        widget=forms.TextInput(attrs={**INPUT, "placeholder": "e.g. Data analysis support"}),
    )
    description = forms.CharField(
        label="What do you need?", max_length=5000, widget=forms.Textarea(attrs={**INPUT, "rows": 4})
    )


class HelpRequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *HelpRequest.Status.choices],
        widget=forms.Select(attrs=SELECT),
    )


class HelpRequestUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=HelpRequest.Status.choices, widget=forms.Select(attrs=SELECT))
    assigned_to = forms.ModelChoiceField(
        label="Assigned to",
        required=False,
        empty_label="Nobody",
        queryset=get_user_model().objects.none(),
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = host_choices()


class NotesForm(forms.Form):
    notes = forms.CharField(
        label="Notes", required=False, max_length=10000, widget=forms.Textarea(attrs={**INPUT, "rows": 3})
    )
