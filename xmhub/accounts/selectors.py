from django.db.models import QuerySet

from xmhub.accounts.models import Invitation, Membership, User
from xmhub.accounts.roles import Role
from xmhub.accounts.tokens import hash_token, unsign


def membership_for(user) -> Membership | None:
    """The user's active membership in the current organization, or None."""
    return Membership.objects.filter(user=user, is_active=True).first()


def memberships_of_user(user):
    """All of a user's active memberships, across organizations (for the organization switcher).

    Row-level security lets these through by ``user_id = app.user_id``; the ORM filter says the same.
    """
    return (
        Membership.all_objects.filter(user=user, is_active=True)
        .select_related("organization")
        .order_by("organization__name")
    )


def membership_list() -> QuerySet[Membership]:
    """Every membership of the current organization, active first, for the members page."""
    return Membership.objects.select_related("user").order_by("-is_active", "user__email")


def membership_get(pk: int) -> Membership | None:
    return Membership.objects.select_related("user").filter(pk=pk).first()


def active_admin_count() -> int:
    return Membership.objects.filter(is_active=True, roles__contains=[Role.ADMIN]).count()


def invitation_list() -> QuerySet[Invitation]:
    """Every invitation of the current organization, newest first, for the invitations page."""
    return Invitation.objects.select_related("invited_by", "accepted_by").order_by("-created_at")


def invitation_get(pk: int) -> Invitation | None:
    return Invitation.objects.filter(pk=pk).first()


def invitation_organization(token: str):
    """(Organization, None) for a well-signed, unexpired link; (None, "expired" | "invalid") otherwise.

    Reads only the global organization table: call it before entering the tenant context.
    """
    from xmhub.tenancy.models import Organization

    unsigned = unsign(token)
    if unsigned.problem:
        return None, unsigned.problem
    organization = Organization.objects.filter(pk=unsigned.organization_id).first()
    if organization is None:
        return None, "invalid"
    return organization, None


def invitation_by_token(token: str) -> Invitation | None:
    """The current organization's invitation for a link (inside that organization's tenant context)."""
    unsigned = unsign(token)
    if unsigned.problem:
        return None
    return Invitation.objects.select_related("organization").filter(token_hash=hash_token(unsigned.raw)).first()


def user_with_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()
