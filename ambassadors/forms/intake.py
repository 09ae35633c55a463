from django import forms

from ambassadors.models import Intake
from xmhub.directory.models import OrgUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IntakeForm(forms.Form):
    role = forms.ModelChoiceField(queryset=None, empty_label=None)
    name = forms.CharField(max_length=200, help_text="E.g. “Spring 2026 intake”.")
    opens_on = forms.DateField(widget=DATE)
    closes_on = forms.DateField(widget=DATE)
    term_starts_on = forms.DateField(widget=DATE, label="Terms start on")

    def __init__(self, *args, roles=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["role"]
        else:
            self.fields["role"].queryset = roles
            self.fields["role"].label_from_instance = lambda r: f"{r.program.name} · {r.name}"

    @classmethod
    def initial_for(cls, intake: Intake) -> dict:
        return {
            "name": intake.name,
            "opens_on": intake.opens_on,
            "closes_on": intake.closes_on,
            "term_starts_on": intake.term_starts_on,
        }


class SeatRowForm(forms.Form):
    org_unit = forms.ModelChoiceField(queryset=None, required=False)
    seats = forms.IntegerField(min_value=0, max_value=999, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units if units is not None else OrgUnit.objects.none()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("org_unit") and not cleaned.get("seats"):
            self.add_error("seats", "How many seats?")
        if cleaned.get("seats") and not cleaned.get("org_unit"):
            self.add_error("org_unit", "Which org unit?")
        return cleaned


SeatFormSet = forms.formset_factory(SeatRowForm, extra=3, max_num=200, validate_max=True)


def seats_from(formset) -> list[tuple]:
    return [
        (f.cleaned_data["org_unit"], f.cleaned_data["seats"])
        for f in formset.forms
        if f.cleaned_data.get("org_unit") and f.cleaned_data.get("seats")
    ]


class ReviewerAddForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label="Member", empty_label="Choose a member…")

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: f"{u.name} ({u.email})" if u.name else u.email


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), max_length=4000, label="Why do you want to be an ambassador?"
    )
    contribution_options = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="How would you like to contribute?",
        error_messages={"required": "Choose at least one way you would like to contribute."},
    )

    def __init__(self, *args, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contribution_options"].queryset = options


class NominateForm(forms.Form):
    intake = forms.ModelChoiceField(queryset=None, empty_label=None)
    person = forms.ModelChoiceField(queryset=None, label="Your report", empty_label="Choose…")
    motivation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False, label="Why are you nominating them?"
    )

    def __init__(self, *args, intakes=None, reports=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intake"].queryset = intakes
        self.fields["intake"].label_from_instance = lambda i: f"{i.role.name} · {i.name} (closes {i.closes_on:%d %b})"
        self.fields["person"].queryset = reports


class ReferForm(forms.Form):
    intake = forms.ModelChoiceField(queryset=None, empty_label=None)
    email = forms.EmailField(label="Your colleague's work email")
    motivation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, label="Why would they make a good ambassador?"
    )

    def __init__(self, *args, intakes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intake"].queryset = intakes
        self.fields["intake"].label_from_instance = lambda i: f"{i.role.name} · {i.name} (closes {i.closes_on:%d %b})"


class ManagerDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve the time commitment"), ("decline", "Decline")], widget=forms.RadioSelect
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="A note for your report (optional)",
    )


class ReviewForm(forms.Form):
    """One radio group per criterion (``c<id>``), labelled with the guidance per score."""

    comment = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            choices = [
                (str(n), f"{n}" + (f" — {criterion.guidance.get(str(n))}" if criterion.guidance.get(str(n)) else ""))
                for n in range(1, criterion.scale_max + 1)
            ]
            self.fields[f"c{criterion.pk}"] = forms.ChoiceField(
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                label=f"{criterion.name} (weight {criterion.weight})",
                help_text=criterion.description,
            )

    def scores(self) -> dict[int, int | None]:
        return {
            c.pk: (int(self.cleaned_data[f"c{c.pk}"]) if self.cleaned_data.get(f"c{c.pk}") else None)
            for c in self.criteria
        }

    def score_fields(self):
        return [self[f"c{c.pk}"] for c in self.criteria]


class PanelDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("select", "Select"), ("waitlist", "Waitlist"), ("decline", "Decline")])
    applications = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": "Tick at least one candidate."}
    )

    def __init__(self, *args, application_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = [(i, i) for i in application_ids]


class OfferResponseForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])
