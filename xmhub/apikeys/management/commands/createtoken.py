"""``manage.py createtoken --org <slug> --name <label>``: create an API token and print only the token."""

from django.core.management.base import BaseCommand, CommandError

from xmhub.apikeys.services import api_token_create
from xmhub.tenancy.context import tenant_context
from xmhub.tenancy.models import Organization


class Command(BaseCommand):
    help = "Create an API token for an organization and print it (only the token, shown this once)."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Slug of the organization.")
        parser.add_argument("--name", required=True, help="Label of the token, e.g. the HR system's name.")

    def handle(self, *args, org, name, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f'No organization with slug "{org}".')
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError("--name must be 1 to 100 characters.")
        with tenant_context(organization, actor="system:createtoken", actor_label="manage.py createtoken"):
            _, raw = api_token_create(name=name)
        self.stdout.write(raw)
