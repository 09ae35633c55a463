from django import forms

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CohortForm(forms.Form):
    name = forms.CharField(max_length=200)
    kickoff_at = forms.DateTimeField(
        required=False, widget=DATETIME, label="Kick-off", input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    kickoff_location = forms.CharField(required=False, max_length=200, label="Place")
    kickoff_link = forms.URLField(required=False, label="Video link", assume_scheme="https")


class TaskDoneForm(forms.Form):
    done = forms.BooleanField(required=False)
