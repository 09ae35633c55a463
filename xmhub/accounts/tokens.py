"""Invitation link tokens.

The link carries ``signing.TimestampSigner`` over ``{"o": organization id, "t": raw token}``: the
signature proves we issued it and bounds its age, the organization id lets the accept view enter that
organization's tenant context *before* looking the invitation up (Invitation is under row-level
security), and only ``sha256(raw token)`` is stored (Invitation.token_hash).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "xmhub.accounts.invitation"


def invitation_ttl() -> timedelta:
    return timedelta(days=getattr(settings, "INVITATION_TTL_DAYS", 14))


def new_raw_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def sign(*, organization_id: int, raw: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"o": organization_id, "t": raw})


@dataclass(frozen=True)
class Unsigned:
    organization_id: int | None
    raw: str | None
    problem: str | None  # None, "expired" or "invalid"


def unsign(token: str) -> Unsigned:
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=invitation_ttl() + timedelta(minutes=5))
    except signing.SignatureExpired:
        return Unsigned(None, None, "expired")
    except (signing.BadSignature, ValueError, TypeError):
        return Unsigned(None, None, "invalid")
    if not isinstance(data, dict) or not isinstance(data.get("o"), int) or not isinstance(data.get("t"), str):
        return Unsigned(None, None, "invalid")
    return Unsigned(data["o"], data["t"], None)
