import factory

from xmhub.tenancy.context import current_organization, current_tenant, tenant_context


class TenantFactory(factory.django.DjangoModelFactory):
    """Creates tenant rows inside their organization's tenant context (as the app role would)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from tests.factories.tenancy import OrganizationFactory

        organization = kwargs.pop("organization", None) or current_organization() or OrganizationFactory()
        tenant = current_tenant()
        actor = tenant.actor if tenant and tenant.organization.pk == organization.pk else "system:test"
        with tenant_context(organization, actor=actor):
            return super()._create(model_class, *args, organization=organization, **kwargs)
