"""Writes of the tenancy app: creating and configuring organizations."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from xmhub.core.errors import ApplicationError
from xmhub.tenancy.context import tenant_context
from xmhub.tenancy.models import MONTHS, Organization

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EDITABLE = (
    "name",
    "time_zone",
    "fiscal_year_start_month",
    "default_term_months",
    "default_time_share",
    "working_hours_per_week",
    "require_mfa",
)


def valid_time_zones() -> list[str]:
    return sorted(tz for tz in available_timezones() if "/" in tz or tz == "UTC")


def _raise(errors: dict) -> None:
    first = next(iter(errors.values()))[0]
    raise ApplicationError(first, errors=errors)


@transaction.atomic
def organization_create(*, name: str, slug: str, admin_email: str, actor: str = "system") -> tuple:
    """Create an organization and invite its first admin. Returns (organization, invitation);
    ``invitation.link`` is the accept link (shown once: only its hash is stored)."""
    from xmhub.accounts.roles import Role
    from xmhub.accounts.services import invitation_create

    name, slug = (name or "").strip(), (slug or "").strip().lower()
    errors = {}
    if not name:
        errors["name"] = ["Give the organization a name."]
    elif len(name) > Organization._meta.get_field("name").max_length:
        errors["name"] = ["Use at most 200 characters."]
    if not SLUG.match(slug) or len(slug) > Organization._meta.get_field("slug").max_length:
        errors["slug"] = ["Use lowercase letters, digits and single hyphens (at most 60 characters)."]
    elif Organization.objects.filter(slug=slug).exists():
        errors["slug"] = [f"An organization with slug {slug!r} already exists."]
    try:
        validate_email((admin_email or "").strip())
    except ValidationError:
        errors["admin_email"] = [f"{admin_email!r} is not a valid email address."]
    if errors:
        _raise(errors)
    organization = Organization.objects.create(name=name, slug=slug)
    with tenant_context(organization, actor=actor):
        invitation = invitation_create(actor=None, email=admin_email, roles=[Role.ADMIN])
    return organization, invitation


@transaction.atomic
def organization_update(*, actor, organization: Organization, **changes) -> Organization:
    """Change an organization's settings (any of EDITABLE); validates every value."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ApplicationError(f"Cannot change: {', '.join(sorted(unknown))}.")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    errors = {}
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
        if not changes["name"]:
            errors["name"] = ["Give the organization a name."]
    if "time_zone" in changes and changes["time_zone"] not in available_timezones():
        errors["time_zone"] = ["Choose a time zone from the list (for example Europe/Berlin)."]
    if "fiscal_year_start_month" in changes and changes["fiscal_year_start_month"] not in dict(MONTHS):
        errors["fiscal_year_start_month"] = ["Choose a month."]
    if "working_hours_per_week" in changes:
        try:
            hours = Decimal(str(changes["working_hours_per_week"]))
        except InvalidOperation:
            hours = None
        if hours is None or not (Decimal(1) <= hours <= Decimal(80)):
            errors["working_hours_per_week"] = ["Enter between 1 and 80 hours."]
        else:
            changes["working_hours_per_week"] = hours
    for field, value in changes.items():
        setattr(organization, field, value)
    try:
        organization.full_clean(exclude=[f.name for f in Organization._meta.fields if f.name not in changes])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, list(messages))
    if errors:
        _raise(errors)
    organization.save(update_fields=list(changes))
    return organization
