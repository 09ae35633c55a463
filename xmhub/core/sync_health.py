"""People-sync health: how healthy an organization's HR feed looks, computed from the directory."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from xmhub.core.models import SyncHealthReport
from xmhub.directory.models import OrgUnit, Person
from xmhub.tenancy.context import current_organization, require_organization_id

STAT_FIELDS = [
    "total_people",
    "active_people",
    "people_without_org_unit",
    "people_with_departed_manager",
    "last_change_at",
    "stale_after_days",
    "is_stale",
]


def organization_today(now: datetime.datetime | None = None) -> datetime.date:
    """Today in the current organization's time zone (UTC when its zone is unknown)."""
    organization = current_organization()
    try:
        zone = ZoneInfo(organization.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = datetime.UTC
    return timezone.localdate(now or timezone.now(), timezone=zone)


def people_sync_stats(*, now: datetime.datetime | None = None, stale_after_days: int | None = None) -> dict:
    """The current organization's directory figures (two aggregate queries)."""
    now = now or timezone.now()
    stale_after_days = settings.PEOPLE_SYNC_STALE_DAYS if stale_after_days is None else stale_after_days
    not_left = ~Q(status=Person.Status.LEFT)
    people = Person.objects.aggregate(
        total_people=Count("id"),
        active_people=Count("id", filter=Q(status=Person.Status.ACTIVE)),
        people_without_org_unit=Count("id", filter=not_left & Q(org_unit__isnull=True)),
        people_with_departed_manager=Count("id", filter=not_left & Q(manager__status=Person.Status.LEFT)),
        last_person_change=Max("updated_at"),
    )
    last_unit_change = OrgUnit.objects.aggregate(last=Max("updated_at"))["last"]
    changes = [t for t in (people.pop("last_person_change"), last_unit_change) if t is not None]
    last_change_at = max(changes) if changes else None
    return {
        **people,
        "last_change_at": last_change_at,
        "stale_after_days": stale_after_days,
        "is_stale": last_change_at is None or now - last_change_at > datetime.timedelta(days=stale_after_days),
    }


def sync_health_report_refresh(*, now: datetime.datetime | None = None) -> SyncHealthReport:
    """Compute today's report for the current organization and store it: one row per organization and day.

    Running it again the same day updates that row (INSERT … ON CONFLICT), so concurrent or repeated runs
    converge on one row that reflects the latest state.
    """
    now = now or timezone.now()
    day = organization_today(now)
    stats = people_sync_stats(now=now)
    report = SyncHealthReport(organization_id=require_organization_id(), date=day, **stats)
    SyncHealthReport.objects.bulk_create(
        [report],
        update_conflicts=True,
        unique_fields=["organization", "date"],
        update_fields=[*STAT_FIELDS, "updated_at"],
    )
    return SyncHealthReport.objects.get(date=day)
