"""Signed, expiring links emailed to people who need no login: a manager approving the time commitment
of a report who applied.

The token is ``signing.TimestampSigner`` over ``{"o": organization id, "a": application id, "m": manager
person id}``: the signature proves we issued it and bounds its age; the organization id lets the view
enter that organization's tenant context *before* reading the application (row-level security); the
manager id binds the link to the manager asked, so a link stops working if HR changes the manager.
A decided application answers "already decided", so a link is good for one decision only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from xmhub.core.tokens import sign_link, unsign_link

SALT = "ambassadors.manager_approval"


def approval_ttl() -> timedelta:
    return timedelta(days=getattr(settings, "AMBASSADORS_APPROVAL_TTL_DAYS", 14))


def approval_token(*, organization_id: int, application_id: int, manager_id: int) -> str:
    return sign_link(salt=SALT, organization_id=organization_id, a=application_id, m=manager_id)


def approval_url(*, organization_id: int, application_id: int, manager_id: int) -> str:
    """The absolute link for the email."""
    token = approval_token(organization_id=organization_id, application_id=application_id, manager_id=manager_id)
    return settings.XMHUB_BASE_URL + reverse("links:manager_approval", kwargs={"token": token})


@dataclass(frozen=True)
class Approval:
    organization_id: int | None
    application_id: int | None
    manager_id: int | None
    problem: str | None  # None, "expired" or "invalid"


def approval_unsign(token: str) -> Approval:
    link = unsign_link(token, salt=SALT, max_age=approval_ttl(), fields={"a": int, "m": int})
    return Approval(link.organization_id, link.fields.get("a"), link.fields.get("m"), link.problem)
