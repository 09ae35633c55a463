from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from xmhub.tenancy.models import TenantModel

TOKEN_PREFIX = "xmh_"


class ApiToken(TenantModel):
    """An organization's API token for an HR system. Only its hash is stored; it is shown once."""

    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="First characters, to recognise the token.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def touch(self) -> None:
        """Record use, at most once per API_TOKEN_LAST_USED_RESOLUTION seconds (no write per request)."""
        now = timezone.now()
        stale = now - timedelta(seconds=settings.API_TOKEN_LAST_USED_RESOLUTION)
        if self.last_used_at is None or self.last_used_at < stale:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
