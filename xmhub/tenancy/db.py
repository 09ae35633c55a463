"""Every application connection runs as the row-level-security role.

Migrations and maintenance commands (manage.py OWNER_COMMANDS, and the test database set-up) set
XMHUB_DB_OWNER=1 and keep the owner role.
"""

import os

from django.conf import settings
from django.db.backends.signals import connection_created
from django.dispatch import receiver


def owner_mode() -> bool:
    return os.environ.get("XMHUB_DB_OWNER") == "1"


@receiver(connection_created)
def switch_to_app_role(sender, connection, **kwargs):
    if connection.vendor != "postgresql" or owner_mode():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {connection.ops.quote_name(settings.DB_APP_ROLE)}")
