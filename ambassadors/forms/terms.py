"""Forms of the term pages (console and portal). They validate shapes; rules live in the services, whose
ApplicationError field map comes back onto the form with ``add_service_errors``."""

from __future__ import annotations

from django import forms

from ambassadors.models import Coach, Commitment, ContributionOption, Term
from ambassadors.selectors.terms import Pace, coach_choices
from ambassadors.services.terms import MANUAL_END_REASONS
from xmhub.core.errors import ApplicationError
from xmhub.directory.models import OrgUnit

SELECT = {"class": "select"}
INPUT = {"class": "input"}


def add_service_errors(form: forms.Form, exc: ApplicationError) -> None:
    errors = exc.errors if isinstance(exc.errors, dict) else {}
    for field, messages in errors.items():
        for message in messages if isinstance(messages, list) else [messages]:
            form.add_error(field if field in form.fields else None, message)
    if not errors:
        form.add_error(None, exc.message)


class TermFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={**INPUT, "placeholder": "Name, email or HR id"}),
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *Term.Status.choices],
        widget=forms.Select(attrs=SELECT),
    )
    pace = forms.ChoiceField(
        label="Pace", required=False, choices=[("", "Any pace"), *Pace.CHOICES], widget=forms.Select(attrs=SELECT)
    )
    org_unit = forms.ModelChoiceField(
        label="Org unit",
        required=False,
        queryset=OrgUnit.all_objects.none(),
        empty_label="All org units",
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = OrgUnit.objects.order_by("name")

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"].strip() or None,
            "status": data["status"] or None,
            "pace": data["pace"] or None,
            "org_unit": data["org_unit"],
        }

    @property
    def is_filtered(self) -> bool:
        return bool(self.is_valid() and any(self.cleaned_data.values()))


class PauseForm(forms.Form):
    reason = forms.CharField(
        label="Why pause?",
        max_length=200,
        widget=forms.TextInput(attrs={**INPUT, "placeholder": "e.g. parental leave"}),
    )


class ResumeForm(forms.Form):
    org_unit = forms.ModelChoiceField(
        label="Represents",
        required=False,
        queryset=OrgUnit.all_objects.none(),
        empty_label="The person's current org unit",
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = OrgUnit.objects.order_by("name")


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why does it end?",
        widget=forms.Select(attrs=SELECT),
        choices=[(r.value, r.label) for r in MANUAL_END_REASONS],
    )
    ended_on = forms.DateField(
        label="Ended on",
        required=False,
        help_text="Default: today.",
        widget=forms.DateInput(attrs={**INPUT, "type": "date"}),
    )


class RenewForm(forms.Form):
    ends_on = forms.DateField(
        label="New end date",
        required=False,
        help_text="Default: the current end date plus the role's term length.",
        widget=forms.DateInput(attrs={**INPUT, "type": "date"}),
    )


class CommitmentForm(forms.Form):
    period = forms.ChoiceField(label="Per", choices=Commitment.Period.choices, widget=forms.Select(attrs=SELECT))
    activities_target = forms.IntegerField(
        label="Activities", min_value=0, max_value=100, widget=forms.NumberInput(attrs=INPUT)
    )
    hours_target = forms.DecimalField(
        label="Hours",
        min_value=0,
        max_value=999,
        max_digits=5,
        decimal_places=1,
        widget=forms.NumberInput(attrs={**INPUT, "step": "0.5"}),
    )
    effective_from = forms.DateField(
        label="From",
        required=False,
        help_text="Default: today.",
        widget=forms.DateInput(attrs={**INPUT, "type": "date"}),
    )


class CoachForm(forms.Form):
    coach = forms.ModelChoiceField(
        label="Coach",
        required=False,
        queryset=Coach.all_objects.none(),
        empty_label="No coach",
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coach_choices()


class ReassignForm(forms.Form):
    term = forms.ModelChoiceField(queryset=Term.all_objects.none(), widget=forms.HiddenInput)
    coach = forms.ModelChoiceField(queryset=Coach.all_objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.exclude(status=Term.Status.ENDED)
        self.fields["coach"].queryset = coach_choices()


# --- logging an activity, in three steps ---------------------------------------------------------------------


class ActivityWhatForm(forms.Form):
    contribution_option = forms.ModelChoiceField(
        label="What did you do?",
        widget=forms.RadioSelect,
        empty_label=None,
        queryset=ContributionOption.all_objects.none(),
    )
    description = forms.CharField(
        label="A few words about it", required=False, max_length=2000, widget=forms.Textarea(attrs={**INPUT, "rows": 3})
    )

    def __init__(self, *args, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contribution_option"].queryset = options


class ActivityWhenForm(forms.Form):
    occurred_on = forms.DateField(label="When?", widget=forms.DateInput(attrs={**INPUT, "type": "date"}))
    hours = forms.DecimalField(
        label="Hours spent",
        min_value=0.1,
        max_value=100,
        max_digits=5,
        decimal_places=1,
        widget=forms.NumberInput(attrs={**INPUT, "step": "0.5"}),
    )


class ActivityReachForm(forms.Form):
    people_reached = forms.IntegerField(
        label="People reached", min_value=0, max_value=100_000, initial=0, widget=forms.NumberInput(attrs=INPUT)
    )
    evidence_url = forms.URLField(
        label="Evidence link",
        required=False,
        assume_scheme="https",
        help_text="Optional: slides, a recording, a post.",
        widget=forms.URLInput(attrs={**INPUT, "placeholder": "https://"}),
    )
    evidence_file = forms.FileField(label="Or a file", required=False, help_text="Optional, up to 10 MB.")


ACTIVITY_STEPS = [("what", ActivityWhatForm), ("when", ActivityWhenForm), ("reach", ActivityReachForm)]
