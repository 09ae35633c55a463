from celery import shared_task

from xmhub.core.tasks import TenantTask


@shared_task(base=TenantTask)
def email_notifications(*, notification_ids: list[int]) -> int:
    from xmhub.notifications.emails import notifications_email

    return notifications_email(notification_ids=notification_ids)
