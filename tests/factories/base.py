import factory

from xmhub.tenancy.context import current_organization, current_tenant, tenant_context


class TenantFactory(factory.django.DjangoModelFactory):
    """Creates tenant rows inside their organization's tenant context (as the app role would).

    The context is entered before SubFactories resolve, so related rows land in the same organization.
    """

    class Meta:
        abstract = True

    @classmethod
    def _generate(cls, strategy, params):
        from tests.factories.tenancy import OrganizationFactory

        organization = params.get("organization") or current_organization() or OrganizationFactory()
        params["organization"] = organization
        tenant = current_tenant()
        actor = tenant.actor if tenant and tenant.organization.pk == organization.pk else "system:test"
        with tenant_context(organization, actor=actor):
            return super()._generate(strategy, params)
