from django import forms

from xmhub.directory.models import OrgUnit, Person


class PersonFilterForm(forms.Form):
    """Search and filters of the people list. Built inside the organization (org unit choices)."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(
            attrs={"placeholder": "Name, email or HR id", "class": "input", "autocomplete": "off"}
        ),
    )
    org_unit = forms.ModelChoiceField(
        label="Org unit",
        required=False,
        queryset=OrgUnit.all_objects.none(),
        empty_label="All org units",
        widget=forms.Select(attrs={"class": "select"}),
    )
    level = forms.ChoiceField(
        label="Level",
        required=False,
        choices=[("", "All levels"), *Person.Level.choices],
        widget=forms.Select(attrs={"class": "select"}),
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *Person.Status.choices],
        widget=forms.Select(attrs={"class": "select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = OrgUnit.objects.order_by("name")

    def filters(self) -> dict:
        """Keyword arguments for ``selectors.person_list`` (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"].strip() or None,
            "org_unit": data["org_unit"],
            "level": data["level"] or None,
            "status": data["status"] or None,
        }

    @property
    def is_filtered(self) -> bool:
        return bool(self.is_valid() and any(self.cleaned_data.values()))
