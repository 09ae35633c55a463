"""HR-driven changes, derived from the directory by the sweep: leavers, transfers, coaches who left or are
over capacity."""

from datetime import date, timedelta

import pytest

from ambassadors.models import AlumniProfile, Term
from ambassadors.selectors.terms import coach_reassignments
from ambassadors.services.terms import term_resume
from ambassadors.sweeps import sweep_hr_changes
from tests.factories import MembershipFactory, OrgUnitFactory
from tests.factories.ambassadors import CoachFactory, TermFactory
from tests.factories.ambassadors_terms import AmbassadorTermFactory, PersonWithLoginFactory
from xmhub.accounts.roles import Role
from xmhub.audit.models import AuditEvent
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

TODAY = date(2030, 6, 14)


@pytest.fixture
def pm(org):
    person = PersonWithLoginFactory(organization=org)
    MembershipFactory(organization=org, user=person.user, roles=[Role.PROGRAM_MANAGER])
    return person.user


def _term(**kwargs):
    kwargs.setdefault("starts_on", TODAY - timedelta(days=100))
    kwargs.setdefault("ends_on", TODAY + timedelta(days=200))
    return AmbassadorTermFactory(**kwargs)


def _updates(term):
    return AuditEvent.objects.filter(table_name="ambassadors_term", row_id=term.pk, action="update").count()


def test_a_leaver_term_ends_early_once_and_program_managers_hear_of_it(in_org, pm):
    term = _term()
    term.person.status, term.person.end_date = "left", TODAY - timedelta(days=3)
    term.person.save()
    for _ in range(2):
        result = sweep_hr_changes(today=TODAY)
    assert result["ended_left"] == 0  # the second run found nothing to do
    term.refresh_from_db()
    assert (term.status, term.end_reason, term.ended_on) == ("ended", "left_organization", TODAY - timedelta(days=3))
    assert _updates(term) == 1
    assert list(Notification.objects.values_list("recipient_id", "reason_key")) == [
        (pm.pk, f"term:{term.pk}:left_organization")
    ]
    assert not AlumniProfile.objects.exists()


def test_a_leaver_without_an_end_date_ends_today(in_org, pm):
    term = _term(status=Term.Status.PAUSED, paused_reason="leave")
    term.person.status = "left"
    term.person.save()
    sweep_hr_changes(today=TODAY)
    term.refresh_from_db()
    assert (term.status, term.ended_on, term.paused_reason) == ("ended", TODAY, "")


def test_a_transfer_pauses_the_term_until_a_program_manager_confirms(in_org, pm):
    old, new = OrgUnitFactory(name="Retail"), OrgUnitFactory(name="Wealth")
    term = _term(org_unit=old)
    term.person.org_unit = new
    term.person.save()
    for _ in range(2):
        sweep_hr_changes(today=TODAY)
    term.refresh_from_db()
    assert (term.status, term.paused_reason, term.org_unit_id) == ("paused", "transferred to Wealth", old.pk)
    assert list(Notification.objects.values_list("reason_key", flat=True)) == [f"term:{term.pk}:transferred:{new.pk}"]
    assert _updates(term) == 1

    term_resume(term=term)  # confirm: the term follows the person to their new unit
    sweep_hr_changes(today=TODAY)
    term.refresh_from_db()
    assert (term.status, term.paused_reason, term.org_unit_id) == ("active", "", new.pk)


def test_no_transfer_when_the_units_agree_or_the_term_represents_none(in_org, pm):
    unit = OrgUnitFactory()
    same = _term(org_unit=unit)
    same.person.org_unit = unit
    same.person.save()
    unassigned = _term(org_unit=None)
    unassigned.person.org_unit = unit
    unassigned.person.save()
    assert sweep_hr_changes(today=TODAY)["paused_transferred"] == 0
    assert set(Term.objects.values_list("status", flat=True)) == {"active"}


def test_a_coach_who_left_is_reported_with_suggestions(in_org, pm):
    gone = CoachFactory(capacity=5)
    gone.person.status = "left"
    gone.person.save()
    spare = CoachFactory(capacity=5)
    full = CoachFactory(capacity=1)
    _term(coach=full)
    terms = [_term(coach=gone) for _ in range(2)]
    for _ in range(2):
        sweep_hr_changes(today=TODAY)
    assert list(Notification.objects.values_list("reason_key", flat=True)) == [f"coach:{gone.pk}:unavailable"]
    [suggestion] = coach_reassignments()
    assert suggestion["coach"].pk == gone.pk
    assert {t.pk for t in suggestion["terms"]} == {t.pk for t in terms}
    assert [c.pk for c in suggestion["suggestions"]] == [spare.pk]


def test_an_overloaded_coach_is_reported_once_a_month(in_org, pm):
    coach = CoachFactory(capacity=1)
    for _ in range(3):
        _term(coach=coach)
    sweep_hr_changes(today=TODAY)
    sweep_hr_changes(today=TODAY + timedelta(days=1))
    sweep_hr_changes(today=date(2030, 7, 1))
    assert sorted(Notification.objects.values_list("reason_key", flat=True)) == [
        f"coach:{coach.pk}:over_capacity:2030-06",
        f"coach:{coach.pk}:over_capacity:2030-07",
    ]
    [suggestion] = coach_reassignments()
    assert len(suggestion["terms"]) == 2  # the overload, not every term


def test_hr_changes_stay_in_their_organization(org, other_org):
    with tenant_context(other_org):
        foreign = TermFactory(starts_on=TODAY - timedelta(days=10), ends_on=TODAY + timedelta(days=10))
        foreign.person.status = "left"
        foreign.person.save()
    with tenant_context(org):
        assert sweep_hr_changes(today=TODAY)["ended_left"] == 0
    with tenant_context(other_org):
        assert Term.objects.get(pk=foreign.pk).status == "active"
