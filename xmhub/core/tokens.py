"""Tokens shared by every emailed link and API key.

Signed links (invitations, a manager's approval of a report's time commitment…) carry
``signing.TimestampSigner`` over ``{"o": organization id, …}``: the signature proves we issued the link
and bounds its age, and the organization id lets the view enter that organization's tenant context
*before* it reads anything under row-level security.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.core import signing


def new_raw_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(raw: str) -> str:
    # Tokens are 256 random bits: a fast hash is right (a slow password hash would add latency to
    # every use and protect nothing that brute force could reach).
    return hashlib.sha256(raw.encode()).hexdigest()


def sign_link(*, salt: str, organization_id: int, **fields) -> str:
    return signing.TimestampSigner(salt=salt).sign_object({"o": organization_id, **fields})


@dataclass(frozen=True)
class SignedLink:
    organization_id: int | None = None
    fields: dict = field(default_factory=dict)
    problem: str | None = None  # None, "expired" or "invalid"


def unsign_link(token: str, *, salt: str, max_age: timedelta, fields: dict[str, type]) -> SignedLink:
    """The organization id and ``fields`` (name → expected type) of a link, or the problem with it."""
    try:
        data = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        return SignedLink(problem="expired")
    except (signing.BadSignature, ValueError, TypeError):
        return SignedLink(problem="invalid")
    expected = {"o": int, **fields}
    if not isinstance(data, dict) or not all(isinstance(data.get(k), t) for k, t in expected.items()):
        return SignedLink(problem="invalid")
    return SignedLink(organization_id=data["o"], fields={k: data[k] for k in fields})
