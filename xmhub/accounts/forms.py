from django import forms
from django.contrib.auth import password_validation

from xmhub.accounts.models import User
from xmhub.accounts.roles import Role
from xmhub.core.errors import ApplicationError


def add_application_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's ApplicationError on ``form``: field errors where the field exists, else on top."""
    errors = error.errors if isinstance(error.errors, dict) else {}
    if not errors:
        form.add_error(None, error.message)
    for field, messages in errors.items():
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(field if field in form.fields else None, message)


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Role.choices)
        kwargs.setdefault("error_messages", {"required": "Choose at least one role."})
        super().__init__(**kwargs)


class InvitationForm(forms.Form):
    email = forms.EmailField(max_length=254)
    roles = RolesField()


class MembershipRolesForm(forms.Form):
    roles = RolesField()


class AcceptInvitationForm(forms.Form):
    """The set-password form of someone accepting an invitation without an account yet."""

    name = forms.CharField(max_length=200, required=False, label="Your name")
    password1 = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Password (again)", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords differ.")
        elif password1:
            try:
                password_validation.validate_password(password1, User(email=self.email, name=cleaned.get("name", "")))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
