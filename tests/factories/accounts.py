from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories.base import TenantFactory
from xmhub.accounts.models import Invitation, Membership, User
from xmhub.accounts.roles import Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    name = factory.Faker("name")
    password = factory.django.Password("correct horse battery staple")


class MembershipFactory(TenantFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    roles = factory.LazyFunction(lambda: [Role.VIEWER])


class InvitationFactory(TenantFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.test")
    roles = factory.LazyFunction(lambda: [Role.AMBASSADOR])
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
