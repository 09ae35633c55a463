"""Notifications: in-app rows plus email, each sent at most once per (recipient, reason key)."""

from dataclasses import dataclass

from django.db import connection, transaction

from xmhub.notifications.models import Notification
from xmhub.tenancy.context import require_organization_id


@dataclass(frozen=True)
class Message:
    recipient_id: int
    reason_key: str
    title: str
    body: str = ""
    url: str = ""


_INSERT_SQL = """
INSERT INTO notifications_notification
    (organization_id, recipient_id, reason_key, title, body, url, created_at)
SELECT %s, r, k, t, b, u, now()
FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[]) AS m(r, k, t, b, u)
ON CONFLICT (organization_id, recipient_id, reason_key) DO NOTHING
RETURNING id
"""


def notifications_send(*, messages: list[Message]) -> list[int]:
    """Record every message not sent before (one statement for the whole batch) and queue their
    emails after commit. Returns the ids of the new notifications; repeats return nothing."""
    if not messages:
        return []
    org_id = require_organization_id()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            _INSERT_SQL,
            [
                org_id,
                [m.recipient_id for m in messages],
                [m.reason_key for m in messages],
                [m.title for m in messages],
                [m.body for m in messages],
                [m.url for m in messages],
            ],
        )
        new_ids = [row[0] for row in cursor.fetchall()]
    if new_ids:
        from xmhub.notifications.tasks import email_notifications

        transaction.on_commit(lambda: email_notifications.delay(organization_id=org_id, notification_ids=new_ids))
    return new_ids


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or all) of the user's notifications read."""
    from django.utils import timezone

    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
