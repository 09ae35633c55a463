"""The issue's closing journey: a term ends by the daily sweep, exactly once, and the person shows up as
alumni with their summary, for the program manager and for themself."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from ambassadors.models import Activity, ContributionOption, Term
from tests.factories.ambassadors import TermFactory
from tests.factories.ambassadors_intake import member_with_person
from xmhub.accounts.roles import Role
from xmhub.audit.models import AuditEvent
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_celery(monkeypatch):
    monkeypatch.setattr("xmhub.notifications.tasks.email_notifications.delay", lambda **kwargs: None)


def test_a_term_ended_by_the_sweep_makes_an_alumnus_with_a_summary(client, org, program_manager):
    user, person = member_with_person(org, Role.AMBASSADOR, first_name="Ines", last_name="Okafor")
    ends_on = date.today() + timedelta(days=3)
    with tenant_context(org):
        term = TermFactory(person=person, starts_on=ends_on - timedelta(days=365), ends_on=ends_on)
        option = ContributionOption.objects.create(role=term.role, name="Lunch-and-learns")
        Activity.objects.create(
            term=term, contribution_option=option, occurred_on=date.today(), hours=Decimal("3.5"), people_reached=40
        )

    after_end = (ends_on + timedelta(days=1)).isoformat()
    call_command("run_sweeps", "--today", after_end)
    call_command("run_sweeps", "--today", after_end)  # a repeated run changes nothing

    with tenant_context(org):
        term.refresh_from_db()
        assert term.status == Term.Status.ENDED and term.end_reason == Term.EndReason.COMPLETED
        assert AuditEvent.objects.filter(table_name="ambassadors_term", row_id=term.pk, action="update").count() == 1
        keys = list(Notification.objects.filter(recipient=user).values_list("reason_key", flat=True))
        assert len(keys) == len(set(keys))

    client.force_login(program_manager)
    directory = client.get(reverse("ambassadors:alumni_directory", kwargs={"org_slug": org.slug}))
    assert directory.status_code == 200 and "Ines Okafor" in directory.content.decode()

    client.force_login(user)
    summary = client.get(reverse("portal:term_certificate", kwargs={"org_slug": org.slug, "pk": term.pk}))
    assert summary.status_code == 200 and summary.content.startswith(b"%PDF")
    assert b"Ines Okafor" in summary.content
