"""factory-boy factories. Tenant factories take ``organization=`` (default: the current one, else a
new organization) and create their row inside that organization's tenant context."""

from tests.factories.accounts import InvitationFactory, MembershipFactory, UserFactory
from tests.factories.apikeys import ApiTokenFactory
from tests.factories.base import TenantFactory
from tests.factories.directory import OrgUnitFactory, PersonFactory
from tests.factories.tenancy import OrganizationFactory

__all__ = [
    "ApiTokenFactory",
    "InvitationFactory",
    "MembershipFactory",
    "OrgUnitFactory",
    "OrganizationFactory",
    "PersonFactory",
    "TenantFactory",
    "UserFactory",
]
