"""The current organization: one context variable, set in one place per entry point.

Browser requests set it in TenantMiddleware from ``/o/<slug>/``, API requests from the bearer token,
Celery tasks from their ``organization_id`` argument (TenantTask), commands explicitly. Each
``tenant_context`` runs in a transaction and passes the organization to PostgreSQL with
``set_config(..., true)`` so row-level security sees the same tenant as the ORM.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection, transaction

if TYPE_CHECKING:
    from xmhub.tenancy.models import Organization


class TenantNotSet(RuntimeError):
    """Tenant data was asked for with no current organization: a bug, never a silent empty result."""


@dataclass(frozen=True)
class Tenant:
    organization: Organization
    actor: str  # "user:12", "token:3", "task:ambassadors.run_sweeps", "system:seed_demo"
    actor_label: str


_current: ContextVar[Tenant | None] = ContextVar("xmhub_tenant", default=None)

_SET_GUCS = (
    "SELECT set_config('app.org_id', %s, true), set_config('app.user_id', %s, true), "
    "set_config('app.actor', %s, true), set_config('app.actor_label', %s, true)"
)


def current_tenant() -> Tenant | None:
    return _current.get()


def current_organization() -> Organization | None:
    tenant = _current.get()
    return tenant.organization if tenant else None


def require_organization_id() -> int:
    tenant = _current.get()
    if tenant is None:
        raise TenantNotSet("No current organization: wrap tenant work in tenant_context(organization).")
    return tenant.organization.pk


def _push_to_database(tenant: Tenant | None, user_id: int | None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            _SET_GUCS,
            [
                str(tenant.organization.pk) if tenant else "",
                str(user_id) if user_id else "",
                tenant.actor if tenant else "",
                tenant.actor_label if tenant else "",
            ],
        )


@contextlib.contextmanager
def tenant_context(
    organization: Organization | None, *, actor: str = "system", actor_label: str = "", user_id: int | None = None
):
    """Run a block as ``organization`` in one transaction, in the ORM and in PostgreSQL alike.

    ``organization=None`` opens the transaction with no tenant (only global rows and the user's own
    memberships are visible). Nested contexts restore the outer tenant on exit.
    """
    tenant = Tenant(organization, actor, actor_label or actor) if organization is not None else None
    outer = _current.get()
    # The outermost context's transaction ends with it, and SET LOCAL with the transaction: nothing to
    # restore (a round trip saved on every request). A nested one hands the outer tenant back.
    nested = connection.in_atomic_block
    with transaction.atomic():
        token = _current.set(tenant)
        _push_to_database(tenant, user_id)
        try:
            yield tenant
        finally:
            _current.reset(token)
            if nested and not connection.needs_rollback:
                _push_to_database(outer, user_id)
