from django.utils import timezone

from xmhub.apikeys.models import TOKEN_PREFIX, ApiToken
from xmhub.core.tokens import hash_token
from xmhub.core.tokens import new_raw_token as raw_token


def new_raw_token() -> str:
    return TOKEN_PREFIX + raw_token()


def api_token_create(*, name: str, created_by=None) -> tuple[ApiToken, str]:
    """Create a token for the current organization. Returns (token, raw); the raw value is shown once."""
    raw = new_raw_token()
    token = ApiToken.objects.create(name=name, prefix=raw[:12], token_hash=hash_token(raw), created_by=created_by)
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
