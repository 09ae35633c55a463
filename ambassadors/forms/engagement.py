"""Forms of the engagement pages. They validate shapes; rules live in ``services/engagement.py``, whose
field errors come back onto the form with ``add_service_errors``."""

from __future__ import annotations

from django import forms

from ambassadors.forms.terms import add_service_errors
from ambassadors.models import Award, InputRequest, SuccessStory, Term
from ambassadors.selectors.engagement import kudos_recipients, recognizable_terms

SELECT = {"class": "select"}
INPUT = {"class": "input"}

__all__ = [
    "AlumniSettingsForm",
    "AlumniUpdateForm",
    "AwardForm",
    "ExitFeedbackForm",
    "InputRequestForm",
    "InputResponseForm",
    "KudosForm",
    "StoryFilterForm",
    "StoryForm",
    "TermPickForm",
    "add_service_errors",
]


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Award.Kind.choices, widget=forms.Select(attrs=SELECT))
    title = forms.CharField(
        label="Title",
        max_length=200,
        widget=forms.TextInput(attrs={**INPUT, "placeholder": "e.g. Voice of the Customer award"}),
    )
    citation = forms.CharField(
        label="Citation", required=False, max_length=2000, widget=forms.Textarea(attrs={**INPUT, "rows": 3})
    )


class TermPickForm(forms.Form):
    """The console's way to a term's recognition page."""

    term = forms.ModelChoiceField(
        label="Ambassador",
        queryset=Term.all_objects.none(),
        empty_label="Choose an ambassador's term",
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = recognizable_terms()
        self.fields["term"].label_from_instance = lambda t: (
            f"{t.person.full_name} · {t.role.name} · {t.starts_on:%b %Y}–{t.ends_on:%b %Y} ({t.get_status_display()})"
        )


class KudosForm(forms.Form):
    term = forms.ModelChoiceField(
        label="Ambassador",
        queryset=Term.all_objects.none(),
        empty_label="Choose an ambassador",
        widget=forms.Select(attrs=SELECT),
    )
    message = forms.CharField(
        label="Your message",
        max_length=500,
        widget=forms.Textarea(attrs={**INPUT, "rows": 3, "placeholder": "Thank you for…"}),
    )

    def __init__(self, *args, fixed_term: Term | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_term is not None:
            self.fields.pop("term")
        else:
            self.fields["term"].queryset = kudos_recipients()
            self.fields["term"].label_from_instance = lambda t: f"{t.person.full_name} · {t.role.name}"


class InputRequestForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, widget=forms.TextInput(attrs=INPUT))
    question = forms.CharField(label="Question", max_length=5000, widget=forms.Textarea(attrs={**INPUT, "rows": 4}))
    audience = forms.ChoiceField(
        label="Ask",
        choices=InputRequest.Audience.choices,
        widget=forms.Select(attrs=SELECT),
        help_text="Alumni are asked only if they opted in to input requests.",
    )
    deadline = forms.DateField(label="Deadline", widget=forms.DateInput(attrs={**INPUT, "type": "date"}))


class InputResponseForm(forms.Form):
    answer = forms.CharField(label="Your answer", max_length=5000, widget=forms.Textarea(attrs={**INPUT, "rows": 6}))


class StoryForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, widget=forms.TextInput(attrs=INPUT))
    body = forms.CharField(
        label="Your story or best practice", max_length=10000, widget=forms.Textarea(attrs={**INPUT, "rows": 8})
    )


class StoryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *SuccessStory.Status.choices],
        widget=forms.Select(attrs=SELECT),
    )


class ExitFeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How was your term overall?",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(5, "5 — excellent"), (4, "4"), (3, "3"), (2, "2"), (1, "1 — poor")],
    )
    highlights = forms.CharField(
        label="Highlights", required=False, max_length=5000, widget=forms.Textarea(attrs={**INPUT, "rows": 4})
    )
    improvements = forms.CharField(
        label="What should we improve?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={**INPUT, "rows": 4}),
    )
    would_recommend = forms.BooleanField(label="I would recommend being an ambassador", required=False, initial=True)


class AlumniSettingsForm(forms.Form):
    opt_in_special_projects = forms.BooleanField(label="Ask me to join special projects", required=False)
    opt_in_input_requests = forms.BooleanField(label="Send me input requests", required=False)
    opt_in_reviewing = forms.BooleanField(label="Invite me to review the next intake", required=False)


class AlumniUpdateForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, widget=forms.TextInput(attrs=INPUT))
    body = forms.CharField(label="Message", max_length=10000, widget=forms.Textarea(attrs={**INPUT, "rows": 5}))
