"""The nightly people-sync health check: what it computes, and that it stores one row per organization and day."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import OrgUnitFactory, PersonFactory
from xmhub.core.models import SyncHealthReport
from xmhub.core.selectors import latest_sync_report
from xmhub.core.tasks import MissingOrganization
from xmhub.directory.models import Person
from xmhub.directory.tasks import check_people_sync, check_people_sync_all
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(org):
    """Acme: 5 people. 1 left (the manager of 2 who stay), 1 on leave, 1 with no org unit."""
    unit = OrgUnitFactory(organization=org)
    boss = PersonFactory(organization=org, org_unit=unit, status=Person.Status.LEFT)
    PersonFactory(organization=org, org_unit=unit, manager=boss)
    PersonFactory(organization=org, org_unit=unit, manager=boss, status=Person.Status.ON_LEAVE)
    PersonFactory(organization=org, org_unit=None)
    PersonFactory(organization=org, org_unit=unit)
    return unit


def _reports(org):
    with tenant_context(org):
        return list(SyncHealthReport.objects.all())


def test_it_computes_the_directory_figures_of_the_organization(org, other_org, directory):
    PersonFactory.create_batch(3, organization=other_org)  # must not count

    check_people_sync.apply(kwargs={"organization_id": org.pk}).get()

    [report] = _reports(org)
    assert report.organization_id == org.pk
    assert report.date == timezone.localdate()
    assert report.total_people == 5
    assert report.active_people == 3
    assert report.people_without_org_unit == 1
    assert report.people_with_departed_manager == 2
    assert not report.is_stale
    assert report.last_change_at is not None
    assert report.has_issues
    assert _reports(other_org) == []


def test_running_it_twice_the_same_day_updates_the_one_report(org, directory):
    first_id = check_people_sync.apply(kwargs={"organization_id": org.pk}).get()
    PersonFactory(organization=org, org_unit=None)

    second_id = check_people_sync.apply(kwargs={"organization_id": org.pk}).get()

    assert second_id == first_id
    [report] = _reports(org)
    assert report.total_people == 6
    assert report.people_without_org_unit == 2


def test_a_feed_with_no_change_for_longer_than_the_setting_is_stale(org, directory, settings):
    settings.PEOPLE_SYNC_STALE_DAYS = 3
    long_ago = timezone.now() - datetime.timedelta(days=4)
    with tenant_context(org):
        Person.objects.update(updated_at=long_ago)
        directory.__class__.objects.update(updated_at=long_ago)

    check_people_sync.apply(kwargs={"organization_id": org.pk}).get()

    [report] = _reports(org)
    assert report.is_stale
    assert report.stale_after_days == 3
    assert report.last_change_at == long_ago


def test_an_organization_with_no_people_is_reported_stale(org):
    check_people_sync.apply(kwargs={"organization_id": org.pk}).get()

    [report] = _reports(org)
    assert (report.total_people, report.last_change_at, report.is_stale) == (0, None, True)


def test_the_report_is_written_as_the_task_in_the_audit_trail(org, directory):
    from xmhub.audit.models import AuditEvent

    check_people_sync.apply(kwargs={"organization_id": org.pk}).get()

    with tenant_context(org):
        actors = set(AuditEvent.objects.filter(table_name="core_synchealthreport").values_list("actor", flat=True))
    assert actors == {"task:xmhub.directory.tasks.check_people_sync"}


def test_a_tenant_task_without_organization_id_fails_loudly(org, directory):
    result = check_people_sync.apply()

    assert result.failed()
    assert isinstance(result.result, MissingOrganization)
    assert _reports(org) == []


def test_latest_sync_report_is_the_newest_of_the_current_organization(org, other_org, directory):
    check_people_sync.apply(kwargs={"organization_id": org.pk}).get()
    check_people_sync.apply(kwargs={"organization_id": other_org.pk}).get()
    with tenant_context(org):
        SyncHealthReport.objects.update(date=timezone.localdate() - datetime.timedelta(days=1))
    check_people_sync.apply(kwargs={"organization_id": org.pk}).get()

    with tenant_context(org):
        report = latest_sync_report()
        assert report.date == timezone.localdate()
        assert report.organization_id == org.pk
        assert SyncHealthReport.objects.count() == 2


def test_check_people_sync_all_fans_out_one_task_per_organization(org, other_org, monkeypatch):
    sent = []
    monkeypatch.setattr(check_people_sync, "delay", lambda **kwargs: sent.append(kwargs))

    assert check_people_sync_all.apply().get() == 2

    assert sorted(k["organization_id"] for k in sent) == sorted([org.pk, other_org.pk])
