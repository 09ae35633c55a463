"""System check: every tenant model's table has row-level security forced, its policy and the audit
triggers. Runs with ``manage.py check --database default`` (CI does)."""

from django.apps import apps
from django.core.checks import Error, Tags, register
from django.db import connection

from xmhub.tenancy.rls import POLICY_NAME


def tenant_models():
    from xmhub.tenancy.models import TenantModel

    return [m for m in apps.get_models() if issubclass(m, TenantModel) and not m._meta.proxy]


@register(Tags.database)
def check_row_level_security(app_configs=None, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    tables = {m._meta.db_table: m for m in tenant_models()}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = %s),
                   (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname LIKE 'xmhub_audit_%%')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relname = ANY(%s)
            """,
            [POLICY_NAME, list(tables)],
        )
        found = {row[0]: row[1:] for row in cursor.fetchall()}
    errors = []
    for table, model in tables.items():
        if table not in found:
            continue  # not migrated yet: the migration check reports that
        rls, forced, policy, triggers = found[table]
        label = model._meta.label
        if not (rls and forced and policy):
            errors.append(
                Error(
                    f"{label} ({table}) lacks its row-level security policy.",
                    hint="Add SecureTenantTable('<model>') to the migration that creates it.",
                    obj=model,
                    id="xmhub.E001",
                )
            )
        if model._meta.label != "audit.AuditEvent" and triggers < 3:
            errors.append(
                Error(
                    f"{label} ({table}) lacks its audit triggers.",
                    hint="SecureTenantTable adds them unless audit=False.",
                    obj=model,
                    id="xmhub.E002",
                )
            )
    return errors
