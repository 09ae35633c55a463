import factory

from tests.factories.base import TenantFactory
from xmhub.apikeys.models import ApiToken


class ApiTokenFactory(TenantFactory):
    class Meta:
        model = ApiToken

    name = factory.Sequence(lambda n: f"HR feed {n}")
    prefix = "xmh_test"
    token_hash = factory.Sequence(lambda n: f"{n:064x}")

    @classmethod
    def create_with_raw(cls, **kwargs):
        """(raw token, ApiToken): the token as an HR system would send it."""
        from xmhub.apikeys.services import new_raw_token
        from xmhub.core.tokens import hash_token

        raw = new_raw_token()
        token = cls(token_hash=hash_token(raw), prefix=raw[:12], **kwargs)
        return raw, token
