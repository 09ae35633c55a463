from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from xmhub.notifications.models import Notification


def notifications_email(*, notification_ids: list[int]) -> int:
    """Email the given notifications that have not been emailed yet; mark them. Safe to repeat: a
    notification is claimed (emailed_at set) in the same transaction that sends it."""
    sent = 0
    with transaction.atomic():
        pending = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk__in=notification_ids, emailed_at__isnull=True)
            .select_related("recipient")
        )
        for notification in pending:
            link = f"{settings.XMHUB_BASE_URL}{notification.url}" if notification.url else settings.XMHUB_BASE_URL
            send_mail(notification.title, f"{notification.body}\n\n{link}\n", None, [notification.recipient.email])
            sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return sent
