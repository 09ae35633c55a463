from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TenancyConfig(AppConfig):
    name = "xmhub.tenancy"
    label = "tenancy"
    verbose_name = "Tenancy"

    def ready(self):
        from xmhub.tenancy import checks, db  # noqa: F401  (registers the role switch and system check)

        post_migrate.connect(grant_app_role, sender=self)


def grant_app_role(using="default", **kwargs):
    """After every migrate: the app role may use every table (RLS still decides which rows)."""
    from django.db import connections

    from xmhub.tenancy.rls import grant_all_sql

    with connections[using].cursor() as cursor:
        cursor.execute(grant_all_sql())
