"""Factories for the ambassador lifecycle. Area-specific ones live in their own modules."""

import datetime

import factory

from ambassadors.models import (
    AmbassadorRole,
    Application,
    Coach,
    ContributionOption,
    Intake,
    Program,
    SelectionCriterion,
    Term,
)
from tests.factories.base import TenantFactory
from tests.factories.directory import PersonFactory


class ProgramFactory(TenantFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"XM Ambassadors {n}")
    description = "Employees who carry the XM vision into their teams."


class AmbassadorRoleFactory(TenantFactory):
    class Meta:
        model = AmbassadorRole

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"XM Ambassador {n}")
    purpose = "Extend the reach of the XM core team into every department."
    time_share = 10
    term_months = 12


class ContributionOptionFactory(TenantFactory):
    class Meta:
        model = ContributionOption

    role = factory.SubFactory(AmbassadorRoleFactory)
    name = factory.Iterator(
        [
            "Lunch-and-learns",
            "Gather input from peers",
            "Communications",
            "Project team",
            "Success stories",
            "Podcasting",
        ]
    )
    position = factory.Sequence(lambda n: n)


class SelectionCriterionFactory(TenantFactory):
    class Meta:
        model = SelectionCriterion

    role = factory.SubFactory(AmbassadorRoleFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    scale_max = 5


class IntakeFactory(TenantFactory):
    class Meta:
        model = Intake

    role = factory.SubFactory(AmbassadorRoleFactory)
    name = factory.Sequence(lambda n: f"Intake {n}")
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=21))
    term_starts_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=45))


class ApplicationFactory(TenantFactory):
    class Meta:
        model = Application

    intake = factory.SubFactory(IntakeFactory)
    person = factory.SubFactory(PersonFactory)
    source = Application.Source.SELF
    status = Application.Status.IN_REVIEW
    motivation = "I want to help my team act on customer feedback."


class CoachFactory(TenantFactory):
    class Meta:
        model = Coach

    person = factory.SubFactory(PersonFactory)
    capacity = 8


class TermFactory(TenantFactory):
    class Meta:
        model = Term

    person = factory.SubFactory(PersonFactory)
    role = factory.SubFactory(AmbassadorRoleFactory)
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=90))
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=275))
    time_share = 10
    status = Term.Status.ACTIVE
