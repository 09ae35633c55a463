"""Role checks, in one place. Views use ``role_required``; API views use ``HasRole``.

A member without the role gets 403 (they can see the organization exists: they belong to it); a
non-member never gets here (TenantMiddleware answers 404).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from xmhub.accounts.roles import Role


def has_role(request, *roles) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.has_role(*roles)


def role_required(*roles):
    """Only members holding one of ``roles`` (admins always) may use the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request, *roles):
                raise PermissionDenied("Your role in this organization does not allow this.")
            return view(request, *args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator


admin_required = role_required(Role.ADMIN)


class HasRole(BasePermission):
    """For browser-session API views (not HR tokens): ``permission_classes = [HasRole.of(Role.ADMIN)]``."""

    roles: tuple = ()

    @classmethod
    def of(cls, *roles):
        return type("HasRole", (cls,), {"roles": roles})

    def has_permission(self, request, view):
        return has_role(request._request, *self.roles)
