"""Factories for a term's life: commitments, activities, onboarding tasks, coaching sessions, and an
ambassador whose directory person has a login (to receive notifications)."""

import datetime
from decimal import Decimal

import factory

from ambassadors.models import Activity, Coach, CoachingSession, Commitment, ContributionOption, OnboardingTask, Term
from tests.factories.accounts import UserFactory
from tests.factories.ambassadors import CoachFactory, ContributionOptionFactory, TermFactory
from tests.factories.base import TenantFactory
from tests.factories.directory import PersonFactory


class PersonWithLoginFactory(PersonFactory):
    user = factory.SubFactory(UserFactory)


class CoachWithLoginFactory(CoachFactory):
    class Meta:
        model = Coach

    person = factory.SubFactory(PersonWithLoginFactory)


class AmbassadorTermFactory(TermFactory):
    """A term whose person can sign in; ``options`` contribution options are chosen for it."""

    class Meta:
        model = Term
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonWithLoginFactory)

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        if not create:
            return
        from ambassadors.models import TermOption

        for option in extracted or []:
            TermOption.objects.create(term=self, option=option, organization_id=self.organization_id)


class CommitmentFactory(TenantFactory):
    class Meta:
        model = Commitment

    term = factory.SubFactory(TermFactory)
    period = Commitment.Period.MONTH
    activities_target = 2
    hours_target = Decimal("8")
    effective_from = factory.LazyAttribute(lambda o: o.term.starts_on)


class ActivityFactory(TenantFactory):
    class Meta:
        model = Activity

    term = factory.SubFactory(TermFactory)
    contribution_option = factory.LazyAttribute(
        lambda o: (
            ContributionOption.objects.filter(role_id=o.term.role_id).first()
            or ContributionOptionFactory(role=o.term.role)
        )
    )
    occurred_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=2))
    hours = Decimal("2.0")
    people_reached = 5


class OnboardingTaskFactory(TenantFactory):
    class Meta:
        model = OnboardingTask

    term = factory.SubFactory(TermFactory)
    title = factory.Sequence(lambda n: f"Onboarding task {n}")
    category = "fundamentals"
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=2))


class CoachingSessionFactory(TenantFactory):
    class Meta:
        model = CoachingSession

    term = factory.SubFactory(TermFactory)
    coach = factory.SubFactory(CoachFactory)
    scheduled_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1))
