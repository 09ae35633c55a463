from django import forms
from django.core.exceptions import ValidationError

from xmhub.audit.models import AuditEvent
from xmhub.audit.selectors import audited_tables


class AuditFilterForm(forms.Form):
    table = forms.ChoiceField(label="Record type", required=False, widget=forms.Select(attrs={"class": "select"}))
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[("", "Any action"), *AuditEvent.Action.choices],
        widget=forms.Select(attrs={"class": "select"}),
    )
    actor = forms.CharField(
        label="Actor",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "input", "placeholder": "Email or token name"}),
    )
    row_id = forms.IntegerField(
        label="Record id",
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "input", "placeholder": "e.g. 42"}),
    )
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"class": "input", "type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"class": "input", "type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [("", "All record types"), *audited_tables().items()]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ValidationError("The start date is after the end date.")
        return data

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "table": data["table"] or None,
            "action": data["action"] or None,
            "actor": data["actor"].strip() or None,
            "row_id": data["row_id"],
            "since": data["since"],
            "until": data["until"],
        }

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and self.is_valid() and any(v not in (None, "") for v in self.cleaned_data.values())
