"""``manage.py run_sweeps [--today YYYY-MM-DD] [--organization SLUG]``: every periodic sweep once, for every
organization, each in its own tenant context (as the row-level-security role, like the workers)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ambassadors.sweeps import run_all
from xmhub.core.sync_health import organization_today
from xmhub.tenancy.context import tenant_context
from xmhub.tenancy.models import Organization


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today must be a date like 2025-06-30, not {value!r}.") from exc


class Command(BaseCommand):
    help = "Run every periodic ambassador sweep (expiry, HR changes, reminders) once for every organization."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=_date, help="Run as of this date (default: today in each organization's time zone)."
        )
        parser.add_argument("--organization", help="Only this organization (slug).")

    def handle(self, *args, today=None, organization=None, **options):
        organizations = Organization.objects.order_by("pk")
        if organization:
            organizations = organizations.filter(slug=organization)
            if not organizations.exists():
                raise CommandError(f"No organization {organization!r}.")
        for org in organizations:
            with tenant_context(org, actor="system:run_sweeps"):
                day = today or organization_today()
                result = run_all(today=day)
            self.stdout.write(f"{org.slug} ({day}): {result}")
