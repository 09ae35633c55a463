import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from xmhub.accounts.models import Membership, User
from xmhub.audit.models import AuditEvent
from xmhub.core.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from xmhub.directory.models import OrgUnit, Person
from xmhub.tenancy.context import tenant_context
from xmhub.tenancy.models import Organization

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", "--no-logins", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _counts(slug):
    org = Organization.objects.get(slug=slug)
    with tenant_context(org):
        return {
            "people": Person.objects.count(),
            "org_units": OrgUnit.objects.count(),
            "memberships": Membership.objects.count(),
            "audit": AuditEvent.objects.count(),
            "people_changed": sorted(Person.objects.values_list("updated_at", flat=True))[-1],
        }


@pytest.fixture
def seeded(db):
    _seed()


def test_it_creates_the_bank_and_the_retailer_with_their_directories(seeded):
    assert _counts("demo-bank")["people"] == 1500
    assert _counts("demo-bank")["org_units"] == 25
    assert _counts("demo-retail")["people"] == 300
    bank = Organization.objects.get(slug="demo-bank")
    assert bank.name == "Northwind Bank"
    with tenant_context(bank):
        levels = dict(Person.objects.values_list("level").annotate(n=Count("id")))
        statuses = set(Person.objects.values_list("status", flat=True))
        assert 5 <= levels["senior_leader"] <= 20
        assert levels["middle_manager"] < levels["individual_contributor"]
        assert statuses == {"active", "on_leave", "left"}
        assert not Person.objects.filter(status="left", end_date__isnull=True).exists()
        assert set(OrgUnit.objects.values_list("kind", flat=True)) == {
            "business_unit",
            "function",
            "region",
            "product_line",
        }
        # One chief executive; everyone else reports to someone of the same organization.
        assert Person.objects.filter(manager__isnull=True).count() == 1
        assert Person.objects.filter(org_unit__isnull=True).count() == 0
        assert OrgUnit.objects.filter(parent__isnull=False).exists()


def test_a_second_run_creates_and_changes_nothing(seeded):
    before = {slug: _counts(slug) for slug in ("demo-bank", "demo-retail")}
    users = User.objects.count()
    _seed()
    assert {slug: _counts(slug) for slug in ("demo-bank", "demo-retail")} == before
    assert User.objects.count() == users == len(DEMO_LOGINS)


def test_the_seed_is_written_by_the_seed_actor_in_bulk(seeded):
    with tenant_context(Organization.objects.get(slug="demo-bank")):
        events = AuditEvent.objects.filter(table_name="directory_person")
        assert events.count() == 1500
        assert set(events.values_list("actor", flat=True)) == {"system:seed_demo"}


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: f"{login.org_slug}-{login.role}")
def test_each_demo_login_signs_in_with_its_role_and_person(seeded, client, login):
    assert login.password == DEMO_PASSWORD
    assert client.login(email=login.email, password=login.password)
    org = Organization.objects.get(slug=login.org_slug)
    user = User.objects.get(email=login.email)
    with tenant_context(org):
        assert Membership.objects.get(user=user).roles == [login.role]
        person = Person.objects.get(user=user)
        assert person.email == login.email and person.status == "active"
    if login.role == "manager":
        with tenant_context(org):
            ambassador = Person.objects.get(user__email=login.email.replace("manager@", "ambassador@"))
            assert ambassador.manager == person


def test_each_organization_sees_only_its_own_demo_data(seeded):
    bank = Organization.objects.get(slug="demo-bank")
    retail = Organization.objects.get(slug="demo-retail")
    with tenant_context(retail), connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(*) FILTER (WHERE organization_id = %s) FROM directory_person", [bank.pk])
        assert cursor.fetchone() == (300, 0)
        assert not Person.objects.filter(email__endswith="@northwind-bank.example").exists()
        assert not Membership.objects.filter(user__email__endswith="@northwind-bank.example").exists()


def test_it_is_fast(db):
    started = time.monotonic()
    _seed()
    assert time.monotonic() - started < 5


def test_it_prints_the_logins(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "admin@northwind-bank.example" in out and DEMO_PASSWORD in out
    assert "Northwind Bank (/o/demo-bank/): created" in out
