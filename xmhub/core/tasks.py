"""The base class of every tenant task.

    @shared_task(base=TenantTask)
    def do_something(*, organization_id: int, ...):
        ...   # runs inside tenant_context(organization, actor="task:<task name>")

The task is called with ``organization_id=`` as a keyword argument; the base loads the organization and
runs the body in its tenant transaction, so the ORM and PostgreSQL row-level security both see that
organization only. A call without ``organization_id`` fails loudly instead of running with no tenant.
Tasks are idempotent: they take ids, read the current database state and converge on it.
"""

from __future__ import annotations

from celery import Task


class MissingOrganization(TypeError):
    """A tenant task was called without ``organization_id=``."""


class TenantTask(Task):
    abstract = True

    def __call__(self, *args, **kwargs):
        from xmhub.tenancy.context import tenant_context
        from xmhub.tenancy.models import Organization

        organization_id = kwargs.get("organization_id")
        if organization_id is None:
            raise MissingOrganization(
                f"{self.name} is a tenant task: call it with organization_id=<id> as a keyword argument."
            )
        # Organization is the tenant table itself (no row-level security): readable with no tenant set.
        # A deleted organization raises Organization.DoesNotExist: loud, and nothing to retry.
        organization = Organization.objects.get(pk=organization_id)
        with tenant_context(organization, actor=f"task:{self.name}"):
            return super().__call__(*args, **kwargs)
