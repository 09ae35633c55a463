"""Reads of the core pages (home, organization home)."""

from xmhub.accounts.models import Membership
from xmhub.core.models import SyncHealthReport
from xmhub.directory.models import OrgUnit, Person


def organization_summary() -> dict[str, int]:
    """Key counts of the current organization for its home page (three small count queries)."""
    return {
        "people": Person.objects.filter(status=Person.Status.ACTIVE).count(),
        "org_units": OrgUnit.objects.count(),
        "members": Membership.objects.filter(is_active=True).count(),
    }


def latest_sync_report():
    """The current organization's most recent people-sync health report, or None before the first check.

    For the organization home page: ``report.date``, ``total_people``, ``active_people``,
    ``people_without_org_unit``, ``people_with_departed_manager``, ``last_change_at``, ``is_stale``,
    ``stale_after_days`` and ``has_issues``. One query.
    """
    return SyncHealthReport.objects.order_by("-date").first()
