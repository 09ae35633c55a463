from django import forms

from xmhub.tenancy.models import MONTHS
from xmhub.tenancy.services import valid_time_zones


class OrganizationSettingsForm(forms.Form):
    name = forms.CharField(max_length=200)
    time_zone = forms.ChoiceField()
    fiscal_year_start_month = forms.TypedChoiceField(choices=MONTHS, coerce=int, label="Fiscal year starts in")
    default_term_months = forms.IntegerField(min_value=1, max_value=60, label="Default term (months)")
    default_time_share = forms.IntegerField(min_value=1, max_value=100, label="Default time share (%)")
    working_hours_per_week = forms.DecimalField(min_value=1, max_value=80, max_digits=4, decimal_places=1)
    require_mfa = forms.BooleanField(
        required=False,
        label="Require two-factor authentication",
        help_text="Members without an authenticator app must set one up before they can open this organization.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(tz, tz) for tz in valid_time_zones()]

    @classmethod
    def initial_for(cls, organization) -> dict:
        return {name: getattr(organization, name) for name in cls.base_fields}
