"""``manage.py seed_demo``: two demo organizations with realistic directories and a login per role.

Idempotent: a second run creates and changes nothing. Prints the demo logins at the end.
"""

import time

from django.core.management.base import BaseCommand

from xmhub.core.demo.logins import DEMO_LOGINS, logins_table
from xmhub.core.demo.seed import demo_organization_seed, password_hasher
from xmhub.core.demo.specs import DEMO_ORGS


class Command(BaseCommand):
    help = "Create the demo organizations (demo-bank, demo-retail), their people and a login per role."

    def add_arguments(self, parser):
        parser.add_argument("--no-logins", action="store_true", help="Do not print the table of demo logins.")

    def handle(self, *args, **options):
        started = time.monotonic()
        hash_once = password_hasher()
        for spec in DEMO_ORGS:
            result = demo_organization_seed(spec=spec, password_hash=hash_once)
            created = ", ".join(f"{count} {what}" for what, count in result.created.items() if count) or "nothing"
            self.stdout.write(f"{spec.name} (/o/{spec.slug}/): created {created}.")
        self.stdout.write(f"Demo data ready in {time.monotonic() - started:.1f}s.")
        if not options["no_logins"]:
            self.stdout.write("\nDemo logins:\n" + logins_table(DEMO_LOGINS))
