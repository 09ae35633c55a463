from django.conf import settings
from django.db import models

from xmhub.tenancy.models import TenantModel


class Notification(TenantModel):
    """An in-app (and emailed) message to a user. ``reason_key`` names why it was sent
    (e.g. ``term_ending:30:term:42``); it is unique per recipient, so a reminder is never sent twice,
    however often a sweep runs or whether a worker died half-way."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    reason_key = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "recipient", "reason_key"], name="notification_once"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.title
