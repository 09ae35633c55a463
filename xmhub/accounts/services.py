"""Writes of the accounts app: invitations and memberships.

Every function runs in the current organization's tenant context (TenantMiddleware, a command's
``tenant_context``), except ``membership_create`` and ``invitation_accept``, which enter the
organization they are given. Rule violations raise ApplicationError with field errors.
"""

from __future__ import annotations

import contextlib
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from xmhub.accounts import emails
from xmhub.accounts.models import Invitation, Membership, User
from xmhub.accounts.roles import Role
from xmhub.accounts.tokens import hash_token, invitation_ttl, new_raw_token, sign
from xmhub.core.errors import ApplicationError
from xmhub.tenancy.context import current_organization, current_tenant, tenant_context

LAST_ADMIN = "An organization needs at least one active admin: make someone else admin first."


# --- helpers ---------------------------------------------------------------------------------------------


def _clean_roles(roles) -> list[str]:
    values = list(dict.fromkeys(str(r) for r in roles or []))
    if not values:
        raise ApplicationError("Choose at least one role.", errors={"roles": ["Choose at least one role."]})
    unknown = [r for r in values if r not in Role.values]
    if unknown:
        message = f"Unknown role: {', '.join(unknown)}."
        raise ApplicationError(message, errors={"roles": [message]})
    # Stored in the order Role declares them, so equal sets compare equal.
    return [r for r in Role.values if r in values]


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError(
            "Enter a valid email address.", errors={"email": ["Enter a valid email address."]}
        ) from None
    return email


def _require_organization():
    organization = current_organization()
    if organization is None:
        raise ApplicationError("No current organization.")
    return organization


def _within(organization, *, actor: str, actor_label: str = "", user_id: int | None = None):
    """Enter ``organization`` unless it is already current (then keep the caller's actor)."""
    current = current_tenant()
    if current is not None and current.organization.pk == organization.pk:
        return contextlib.nullcontext(current)
    return tenant_context(organization, actor=actor, actor_label=actor_label, user_id=user_id)


def _issue_link(invitation: Invitation) -> str:
    """A fresh raw token: store its hash on ``invitation`` and return the absolute accept link."""
    raw = new_raw_token()
    invitation.token_hash = hash_token(raw)
    token = sign(organization_id=invitation.organization_id, raw=raw)
    return settings.XMHUB_BASE_URL.rstrip("/") + reverse("invitations:accept", kwargs={"token": token})


def _queue_invitation_email(invitation: Invitation, organization, link: str, actor) -> None:
    transaction.on_commit(
        partial(
            emails.send_invitation,
            email=invitation.email,
            organization_name=organization.name,
            link=link,
            invited_by=(actor.get_full_name() if isinstance(actor, User) else ""),
            roles=[Role(r).label for r in invitation.roles],
            expires_at=invitation.expires_at,
        )
    )


def _lock_admins():
    """Lock the active admin memberships so two concurrent demotions cannot both pass the check."""
    return list(
        Membership.objects.select_for_update()
        .filter(is_active=True, roles__contains=[Role.ADMIN])
        .values_list("pk", flat=True)
    )


def _ensure_another_admin(membership: Membership) -> None:
    admins = _lock_admins()
    if not any(pk != membership.pk for pk in admins):
        raise ApplicationError(LAST_ADMIN, errors={"roles": [LAST_ADMIN]})


# --- users -----------------------------------------------------------------------------------------------


@transaction.atomic
def user_create(*, email: str, password: str | None = None, name: str = "", email_verified: bool = True) -> User:
    """A login (global, no organization yet: add one with ``membership_create``). For invitation
    acceptance, commands and seed data; nobody signs up on their own. ``password=None`` makes an
    account that can only get in through a password reset."""
    email = _clean_email(email)
    if User.objects.filter(email__iexact=email).exists():
        message = "An account with this email already exists."
        raise ApplicationError(message, errors={"email": [message]})
    user = User.objects.create_user(email=email, password=password, name=(name or "").strip())
    EmailAddress.objects.create(user=user, email=email, verified=email_verified, primary=True)
    return user


# --- invitations -------------------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, actor: User | None, email: str, roles) -> Invitation:
    """Invite ``email`` to the current organization with ``roles`` and email the link (on commit).

    The returned invitation carries the accept link in ``invitation.link`` (not stored: only the
    token's hash is). ``actor`` is the inviting user, or None for the system (createorg, seed data).
    """
    organization = _require_organization()
    email = _clean_email(email)
    roles = _clean_roles(roles)

    member = Membership.objects.filter(user__email__iexact=email, is_active=True).first()
    if member is not None and set(roles) <= set(member.roles):
        message = "This person is already a member with these roles."
        raise ApplicationError(message, errors={"email": [message]})
    now = timezone.now()
    pending = Invitation.objects.filter(email__iexact=email, accepted_at=None, revoked_at=None, expires_at__gt=now)
    if pending.exists():
        message = "An invitation to this email is already pending: resend or revoke it."
        raise ApplicationError(message, errors={"email": [message]})

    invitation = Invitation(
        email=email,
        roles=roles,
        expires_at=now + invitation_ttl(),
        invited_by=actor if isinstance(actor, User) else None,
    )
    invitation.organization_id = organization.pk
    link = _issue_link(invitation)
    invitation.save()
    invitation.link = link
    _queue_invitation_email(invitation, organization, link, actor)
    return invitation


@transaction.atomic
def invitation_resend(*, actor: User | None, invitation: Invitation) -> Invitation:
    """Issue a new link (the old one stops working), extend the expiry and email it again."""
    organization = _require_organization()
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise ApplicationError(f"This invitation is {invitation.status}; it cannot be resent.")
    invitation.expires_at = timezone.now() + invitation_ttl()
    link = _issue_link(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    invitation.link = link
    _queue_invitation_email(invitation, organization, link, actor)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User | None, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ApplicationError("This invitation was already accepted; change the member's roles instead.")
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, password: str | None = None, name: str = ""
) -> Membership:
    """Accept ``invitation`` as ``user`` (signed in, same email) or, with ``user=None``, as a new user
    created with ``password`` (the form has validated it). Creates the membership or adds the roles
    (and reactivates it), marks the invitation used. Returns the membership.
    """
    organization = invitation.organization
    if user is None:
        if not password:
            raise ApplicationError("Choose a password.", errors={"password1": ["Choose a password."]})
        if User.objects.filter(email__iexact=invitation.email).exists():
            message = "An account with this email already exists: sign in to accept the invitation."
            raise ApplicationError(message, errors={"__all__": [message]})
        # Following the emailed link proves the address.
        user = user_create(email=invitation.email, password=password, name=name)
    elif user.email.strip().lower() != invitation.email.strip().lower():
        message = (
            f"This invitation was sent to {invitation.email}, but you are signed in as {user.email}. "
            "Sign out and open the link again, or ask for an invitation to your address."
        )
        raise ApplicationError(message, errors={"__all__": [message]}, status=403)

    with tenant_context(organization, actor=f"user:{user.pk}", actor_label=user.email, user_id=user.pk):
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.status != "pending":
            raise ApplicationError(f"This invitation is {locked.status}.", status=410)
        membership = Membership.objects.select_for_update().filter(user=user).first()
        if membership is None:
            membership = Membership.objects.create(user=user, roles=_clean_roles(locked.roles))
        else:
            membership.roles = _clean_roles([*membership.roles, *locked.roles])
            membership.is_active = True
            membership.save(update_fields=["roles", "is_active"])
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
    invitation.accepted_at, invitation.accepted_by = locked.accepted_at, user
    return membership


# --- memberships -------------------------------------------------------------------------------------------


@transaction.atomic
def membership_create(*, organization, user: User, roles, actor: str = "system") -> Membership:
    """Give ``user`` ``roles`` in ``organization`` (seed data, commands). Raises if already a member."""
    roles = _clean_roles(roles)
    with _within(organization, actor=actor):
        try:
            with transaction.atomic():
                return Membership.objects.create(user=user, roles=roles)
        except IntegrityError:
            message = f"{user.email} is already a member of {organization.name}."
            raise ApplicationError(message, errors={"user": [message]}) from None


@transaction.atomic
def membership_update_roles(*, actor: User | None, membership: Membership, roles) -> Membership:
    roles = _clean_roles(roles)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if Role.ADMIN in membership.roles and Role.ADMIN not in roles and membership.is_active:
        _ensure_another_admin(membership)
    membership.roles = roles
    membership.save(update_fields=["roles"])
    return membership


@transaction.atomic
def membership_deactivate(*, actor: User | None, membership: Membership) -> Membership:
    """The member loses access to the organization (their account and other memberships remain)."""
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if not membership.is_active:
        return membership
    if Role.ADMIN in membership.roles:
        _ensure_another_admin(membership)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    return membership


@transaction.atomic
def membership_reactivate(*, actor: User | None, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    return membership
