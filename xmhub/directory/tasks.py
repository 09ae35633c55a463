"""Background work on the directory."""

from celery import shared_task

from xmhub.core.sync_health import sync_health_report_refresh
from xmhub.core.tasks import TenantTask


@shared_task
def check_people_sync_all() -> int:
    """Nightly (beat): queue one people-sync health check per organization. Returns how many were queued."""
    from xmhub.tenancy.models import Organization

    organization_ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    for organization_id in organization_ids:
        check_people_sync.delay(organization_id=organization_id)
    return len(organization_ids)


@shared_task(base=TenantTask)
def check_people_sync(*, organization_id: int) -> int:
    """Store today's people-sync health report of one organization (idempotent). Returns the report id."""
    return sync_health_report_refresh().pk
