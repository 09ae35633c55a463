from xmhub.accounts.models import Membership


def membership_for(user) -> Membership | None:
    """The user's active membership in the current organization, or None."""
    return Membership.objects.filter(user=user, is_active=True).first()


def memberships_of_user(user):
    """All of a user's active memberships, across organizations (for the organization switcher).

    Row-level security lets these through by ``user_id = app.user_id``; the ORM filter says the same.
    """
    return (Membership.all_objects.filter(user=user, is_active=True)
            .select_related("organization").order_by("organization__name"))
