from django import forms

from ambassadors.models import OnboardingTemplateTask, Program
from ambassadors.services.programs import format_guidance

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ProgramForm(forms.Form):
    name = forms.CharField(max_length=200)
    audience = forms.ChoiceField(choices=Program.Audience.choices, initial=Program.Audience.EMPLOYEE)
    description = forms.CharField(required=False, widget=TEXTAREA)
    is_active = forms.BooleanField(required=False, initial=True, label="Active")


class RoleForm(forms.Form):
    name = forms.CharField(max_length=200)
    purpose = forms.CharField(widget=TEXTAREA, help_text="Why the role exists: what ambassadors do for the program.")
    responsibilities = forms.CharField(required=False, widget=TEXTAREA)
    time_share = forms.IntegerField(
        min_value=1, max_value=100, label="Time share (% of working time)", help_text="Typically 10–20 %."
    )
    term_months = forms.IntegerField(
        min_value=1, max_value=60, label="Term length (months)", help_text="Typically 12 or 24."
    )
    ideal_characteristics = forms.CharField(
        required=False, widget=TEXTAREA, help_text="E.g. passion for XM, a wish to learn and drive change."
    )
    skills = forms.CharField(required=False, widget=TEXTAREA)
    is_active = forms.BooleanField(required=False, initial=True, label="Active")

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None and not self.is_bound:
            self.fields["time_share"].initial = organization.default_time_share
            self.fields["term_months"].initial = organization.default_term_months


class RowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    delete = forms.BooleanField(required=False, label="Remove")

    def row(self) -> dict:
        return {**self.cleaned_data, "id": self.cleaned_data.get("id") or None}


class OptionRowForm(RowForm):
    name = forms.CharField(max_length=100)
    description = forms.CharField(required=False, max_length=500)
    is_active = forms.BooleanField(required=False, initial=True, label="Offered")


class CriterionRowForm(RowForm):
    name = forms.CharField(max_length=120)
    description = forms.CharField(required=False, max_length=500)
    weight = forms.IntegerField(min_value=1, max_value=100, initial=1)
    scale_max = forms.IntegerField(min_value=2, max_value=10, initial=5, label="Scale (1 to …)")
    guidance = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text="One line per score: “3: Some evidence”."
    )

    @classmethod
    def initial_for(cls, criterion) -> dict:
        return {
            "id": criterion.pk,
            "name": criterion.name,
            "description": criterion.description,
            "weight": criterion.weight,
            "scale_max": criterion.scale_max,
            "guidance": format_guidance(criterion.guidance),
        }


class TemplateTaskRowForm(RowForm):
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, max_length=1000)
    category = forms.ChoiceField(choices=OnboardingTemplateTask.Category.choices)
    due_after_days = forms.IntegerField(min_value=0, max_value=730, initial=14, label="Due (days after start)")


def formset_for(form_class, *, extra: int):
    return forms.formset_factory(form_class, extra=extra, max_num=50, validate_max=True)


def kept_rows(formset) -> list[dict]:
    """The rows a formset submitted: filled-in rows (blank extra rows left out)."""
    return [f.row() for f in formset.forms if f.has_changed() or f.cleaned_data.get("id")]
