"""Scenario helpers for intake, selection and onboarding tests (built on the shared ambassador factories)."""

import datetime

from ambassadors.models import Application, IntakeReviewer, Review, ReviewScore
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.ambassadors import (
    AmbassadorRoleFactory,
    ApplicationFactory,
    ContributionOptionFactory,
    IntakeFactory,
    SelectionCriterionFactory,
)
from tests.factories.directory import OrgUnitFactory, PersonFactory
from xmhub.accounts.roles import Role
from xmhub.tenancy.context import tenant_context


def member_with_person(org, *roles, email=None, **person_fields):
    """A user with ``roles`` in ``org`` and their directory entry (Person.user)."""
    user = UserFactory(email=email) if email else UserFactory()
    MembershipFactory(organization=org, user=user, roles=list(roles) or [Role.AMBASSADOR])
    person = PersonFactory(organization=org, user=user, email=user.email, **person_fields)
    return user, person


def intake_with_role(org, *, criteria=((3, 5), (1, 4)), options=3, **intake_fields):
    """An open intake of a role with weighted criteria ((weight, scale_max), …) and contribution options."""
    role = AmbassadorRoleFactory(organization=org, time_share=10, term_months=12)
    crits = [
        SelectionCriterionFactory(organization=org, role=role, weight=w, scale_max=s, position=i)
        for i, (w, s) in enumerate(criteria)
    ]
    opts = [ContributionOptionFactory(organization=org, role=role) for _ in range(options)]
    intake = IntakeFactory(organization=org, role=role, **intake_fields)
    return intake, crits, opts


def review(org, *, application, reviewer, scores, submitted=True):
    """A review of ``application`` by ``reviewer`` with {criterion: score}."""
    with tenant_context(org):
        r = Review.objects.create(
            application=application,
            reviewer=reviewer,
            submitted_at=datetime.datetime.now(datetime.UTC) if submitted else None,
        )
        for criterion, score in scores.items():
            ReviewScore.objects.create(review=r, criterion=criterion, score=score)
        return r


def scored(org):
    """One application with one submitted review: (application, its first criterion)."""
    intake, crits, _ = intake_with_role(org)
    application = ApplicationFactory(organization=org, intake=intake)
    reviewer = UserFactory()
    review(org, application=application, reviewer=reviewer, scores={c: 3 for c in crits})
    return application, crits[0]


def candidates(org, intake, n, *, unit=None, status=Application.Status.IN_REVIEW):
    unit = unit or OrgUnitFactory(organization=org)
    return [
        ApplicationFactory(
            organization=org, intake=intake, status=status, person=PersonFactory(organization=org, org_unit=unit)
        )
        for _ in range(n)
    ]


def add_reviewer(org, intake, user):
    with tenant_context(org):
        return IntakeReviewer.objects.create(intake=intake, user=user)
