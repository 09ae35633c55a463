"""Invitation link tokens: a signed link (xmhub.core.tokens) over the organization id and a random token,
of which only ``sha256`` is stored (Invitation.token_hash)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from xmhub.core.tokens import hash_token, new_raw_token, sign_link, unsign_link

__all__ = ["Unsigned", "hash_token", "invitation_ttl", "new_raw_token", "sign", "unsign"]

SALT = "xmhub.accounts.invitation"


def invitation_ttl() -> timedelta:
    return timedelta(days=getattr(settings, "INVITATION_TTL_DAYS", 14))


def sign(*, organization_id: int, raw: str) -> str:
    return sign_link(salt=SALT, organization_id=organization_id, t=raw)


@dataclass(frozen=True)
class Unsigned:
    organization_id: int | None
    raw: str | None
    problem: str | None  # None, "expired" or "invalid"


def unsign(token: str) -> Unsigned:
    link = unsign_link(token, salt=SALT, max_age=invitation_ttl() + timedelta(minutes=5), fields={"t": str})
    return Unsigned(link.organization_id, link.fields.get("t"), link.problem)
