from django.db import models

from xmhub.tenancy.context import require_organization_id


class TenantQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        org_id = require_organization_id()
        for obj in objs:
            if obj.organization_id is None:
                obj.organization_id = org_id
        return super().bulk_create(objs, *args, **kwargs)


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):
    """The only way to read tenant rows: always filtered to the current organization.

    Raises TenantNotSet when no organization is current (fail closed, loudly).
    """

    def get_queryset(self):
        return super().get_queryset().filter(organization_id=require_organization_id())

    def none(self):
        # An empty queryset reveals nothing, so it needs no organization (schema generation asks for one).
        return super().get_queryset().none()
