"""Create an organization and invite its first admin.

python manage.py createorg --slug acme --name "Acme Bank" --admin-email admin@acme.example
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from xmhub.core.errors import ApplicationError
from xmhub.tenancy.services import organization_create


class Command(BaseCommand):
    help = "Create an organization and email an invitation to its first admin (the link is printed too)."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="URL name: lowercase letters, digits, hyphens.")
        parser.add_argument("--name", required=True, help="Display name of the organization.")
        parser.add_argument("--admin-email", required=True, help="Email address of the first admin.")

    def handle(self, *args, slug, name, admin_email, **options):
        try:
            with transaction.atomic():
                organization, invitation = organization_create(
                    name=name, slug=slug, admin_email=admin_email, actor="system:createorg"
                )
        except ApplicationError as error:
            details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.errors.items())
            raise CommandError(details or error.message) from None
        self.stdout.write(self.style.SUCCESS(f"Created organization {organization.name} ({organization.slug})."))
        expires = f"{invitation.expires_at:%Y-%m-%d %H:%M} UTC"
        self.stdout.write(f"Invited {invitation.email} as admin (emailed; the link works once, until {expires}):")
        self.stdout.write(invitation.link)
