from urllib.parse import urlparse

from xmhub.accounts import services
from xmhub.tenancy.context import tenant_context


def invite(org, email, roles, *, actor=None):
    """(invitation, path of its accept link), created as an admin would."""
    with tenant_context(org, actor="user:test"):
        invitation = services.invitation_create(actor=actor, email=email, roles=roles)
    return invitation, urlparse(invitation.link).path


def fresh(org, model, pk):
    with tenant_context(org):
        return model.objects.get(pk=pk)
