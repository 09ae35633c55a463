"""Background work of the ambassador lifecycle: the daily sweeps (ambassadors.sweeps), one task per
organization, fanned out by beat. Idempotent: each sweep converges on what the database implies and every
reminder has a reason key, so a repeated or retried run sends nothing twice."""

from __future__ import annotations

from datetime import date

from celery import shared_task

from xmhub.core.tasks import TenantTask


@shared_task
def run_sweeps_all(today: str | None = None) -> int:
    """Daily (beat): queue ``run_sweeps`` for every organization. Returns how many were queued."""
    from xmhub.tenancy.models import Organization

    organization_ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    for organization_id in organization_ids:
        run_sweeps.delay(organization_id=organization_id, today=today)
    return len(organization_ids)


@shared_task(base=TenantTask)
def run_sweeps(*, organization_id: int, today: str | None = None) -> dict:
    """Every periodic sweep of one organization, as of ``today`` (ISO date; default: today in its time zone)."""
    from ambassadors.sweeps import run_all
    from xmhub.core.sync_health import organization_today

    return run_all(today=date.fromisoformat(today) if today else organization_today())
