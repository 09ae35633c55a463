"""End to end through the real broker: beat's task → Redis → a real Celery worker → the database.

The worker runs in a thread of this process (``celery.contrib.testing.worker.start_worker``) against the
Redis of the settings (the embedded one, or REDIS_URL) and this test process's own queue.
"""

import time

import celery.contrib.testing.tasks  # noqa: F401  (registers celery.ping for the worker's start-up check)
import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.utils import timezone

from tests.factories import OrgUnitFactory, PersonFactory
from xmhub.celery import app
from xmhub.core.models import SyncHealthReport
from xmhub.directory.models import Person
from xmhub.directory.tasks import check_people_sync, check_people_sync_all
from xmhub.tenancy.context import tenant_context

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def _reports(*orgs):
    found = {}
    for org in orgs:
        with tenant_context(org):
            found[org.slug] = list(SyncHealthReport.objects.all())
    return found


def _wait_for(predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the worker")


@pytest.fixture(scope="module")
def worker():
    assert app.conf.broker_url == settings.REDIS_URL
    with start_worker(app, pool="solo", concurrency=1, shutdown_timeout=10) as running:
        yield running


def test_the_nightly_task_reaches_a_real_worker_and_stores_one_report_per_organization(worker, org, other_org):
    unit = OrgUnitFactory(organization=org)
    PersonFactory.create_batch(3, organization=org, org_unit=unit)
    PersonFactory(organization=org, status=Person.Status.LEFT)
    PersonFactory.create_batch(2, organization=other_org)

    assert check_people_sync_all.delay().get(timeout=30) == 2

    reports = _wait_for(lambda: (r := _reports(org, other_org)) and all(r.values()) and r)
    [acme], [globex] = reports["acme"], reports["globex"]
    assert (acme.total_people, acme.active_people, acme.people_without_org_unit) == (4, 3, 0)
    assert (globex.total_people, globex.active_people) == (2, 2)
    assert acme.date == globex.date == timezone.localdate()


def test_a_second_run_through_the_broker_updates_rather_than_duplicates(worker, org):
    PersonFactory.create_batch(2, organization=org)
    first = check_people_sync.delay(organization_id=org.pk).get(timeout=30)
    PersonFactory(organization=org)

    second = check_people_sync.delay(organization_id=org.pk).get(timeout=30)

    assert second == first
    [report] = _reports(org)["acme"]
    assert report.total_people == 3


def test_a_task_sent_without_organization_id_fails_in_the_worker(worker, org):
    # .delay() already refuses the call (the signature requires organization_id); send it raw to reach the worker.
    with pytest.raises(TypeError, match="organization_id"):
        check_people_sync.delay()
    result = app.send_task(check_people_sync.name)

    with pytest.raises(Exception, match="organization_id") as failure:
        result.get(timeout=30)
    assert type(failure.value).__name__ == "MissingOrganization"
    assert _reports(org)["acme"] == []
