"""Emails of the accounts app. Called from ``transaction.on_commit`` with plain values, never models."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_invitation(
    *, email: str, organization_name: str, link: str, invited_by: str, roles: list[str], expires_at
) -> None:
    context = {
        "organization_name": organization_name,
        "link": link,
        "invited_by": invited_by,
        "roles": roles,
        "expires_at": expires_at,
    }
    subject = " ".join(render_to_string("email/invitation_subject.txt", context).split())
    body = render_to_string("email/invitation_message.txt", context)
    html = render_to_string("email/invitation_message.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    message.attach_alternative(html, "text/html")
    message.send()
