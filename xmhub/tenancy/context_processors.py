from django.utils.functional import SimpleLazyObject


def tenancy(request):
    """The current organization and membership, and (lazily) the user's organizations for the switcher."""
    from xmhub.accounts.selectors import memberships_of_user

    user = getattr(request, "user", None)
    return {
        "organization": getattr(request, "organization", None),
        "membership": getattr(request, "membership", None),
        "my_memberships": SimpleLazyObject(
            lambda: list(memberships_of_user(user)) if user and user.is_authenticated else []
        ),
    }
