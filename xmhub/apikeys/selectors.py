from xmhub.apikeys.models import TOKEN_PREFIX, ApiToken
from xmhub.core.tokens import hash_token
from xmhub.tenancy.models import Organization

# Tokens are looked up before any organization is known, so RLS would hide them: a SECURITY
# DEFINER function owned by the migration role answers exactly one question (which active token
# has this hash) and nothing else.
_LOOKUP_SQL = """
SELECT o.*, t.token_id, t.token_name, t.token_last_used_at
FROM xmhub_api_token_lookup(%s) t JOIN tenancy_organization o ON o.id = t.organization_id
"""


def token_for_header(header: str) -> tuple[ApiToken, Organization] | None:
    """(token, organization) for an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _, raw = header.partition(" ")
    raw = raw.strip()
    if scheme.lower() != "bearer" or not raw.startswith(TOKEN_PREFIX):
        return None
    rows = list(Organization.objects.raw(_LOOKUP_SQL, [hash_token(raw)]))
    if not rows:
        return None
    organization = rows[0]
    token = ApiToken(
        pk=organization.token_id,
        organization_id=organization.pk,
        name=organization.token_name,
        last_used_at=organization.token_last_used_at,
    )
    return token, organization


def api_token_list():
    """The current organization's tokens, newest first, with their creator (for the tokens page)."""
    return ApiToken.objects.select_related("created_by").order_by("-created_at", "-id")


def api_token_detail(*, pk: int) -> ApiToken:
    """One token of the current organization, or Http404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(ApiToken.objects.select_related("created_by"), pk=pk)
