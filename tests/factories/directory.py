import factory

from tests.factories.base import TenantFactory
from xmhub.directory.models import OrgUnit, Person


class OrgUnitFactory(TenantFactory):
    class Meta:
        model = OrgUnit

    external_id = factory.Sequence(lambda n: f"OU-{n:04d}")
    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = OrgUnit.Kind.BUSINESS_UNIT


class PersonFactory(TenantFactory):
    class Meta:
        model = Person

    external_id = factory.Sequence(lambda n: f"E{n:06d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttributeSequence(lambda o, n: f"{o.first_name.lower()}.{o.last_name.lower()}{n}@example.test")
    title = factory.Faker("job")
    level = Person.Level.INDIVIDUAL_CONTRIBUTOR
    status = Person.Status.ACTIVE
