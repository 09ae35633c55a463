import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tests.factories import OrgUnitFactory, PersonFactory
from xmhub.audit.models import AuditEvent
from xmhub.directory.models import Person
from xmhub.tenancy.checks import check_row_level_security
from xmhub.tenancy.context import TenantNotSet, tenant_context

pytestmark = pytest.mark.django_db


def _raw_count(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


@pytest.fixture
def two_directories(org, other_org):
    PersonFactory.create_batch(3, organization=org)
    PersonFactory.create_batch(5, organization=other_org)


def test_tenant_manager_raises_without_an_organization(two_directories):
    with pytest.raises(TenantNotSet):
        list(Person.objects.all())


def test_orm_sees_only_the_current_organization(org, other_org, two_directories):
    with tenant_context(org):
        assert Person.objects.count() == 3
    with tenant_context(other_org):
        assert Person.objects.count() == 5


def test_raw_sql_bypassing_the_orm_still_sees_only_the_current_organization(org, other_org, two_directories):
    with tenant_context(org):
        assert _raw_count("directory_person") == 3
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM directory_person WHERE organization_id = %s", [other_org.pk])
            assert cursor.fetchone()[0] == 0


def test_raw_sql_with_no_organization_sees_no_tenant_rows(two_directories):
    with tenant_context(None):
        assert _raw_count("directory_person") == 0
        assert _raw_count("audit_auditevent") == 0


def test_the_app_runs_as_a_role_that_row_level_security_applies_to(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        user, is_super, bypass = cursor.fetchone()
    assert user == "xmhub_app"
    assert not is_super and not bypass


def test_the_app_role_owns_no_table(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")
        assert cursor.fetchone()[0] == 0


def test_writing_a_row_into_another_organization_is_refused(org, other_org):
    with tenant_context(org), pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO directory_orgunit (organization_id, external_id, name, kind, created_at, updated_at) "
            "VALUES (%s, 'X', 'Sneaky', 'region', now(), now())",
            [other_org.pk],
        )


def test_every_tenant_table_has_its_policy_and_audit_triggers(db):
    assert check_row_level_security(databases=["default"]) == []
    call_command("check", "--database", "default")


def test_changes_are_audited_with_actor_and_before_after(org):
    with tenant_context(org, actor="user:7", actor_label="pm@acme.test"):
        unit = OrgUnitFactory(name="Retail")
        unit.name = "Retail Banking"
        unit.save()
        events = list(AuditEvent.objects.filter(table_name="directory_orgunit", row_id=unit.pk).order_by("id"))
    assert [e.action for e in events] == ["insert", "update"]
    assert events[1].actor == "user:7" and events[1].actor_label == "pm@acme.test"
    assert ("name", "Retail", "Retail Banking") in events[1].changes()


def test_audit_rows_are_visible_only_to_their_organization(org, other_org):
    OrgUnitFactory(organization=org)
    with tenant_context(other_org):
        assert AuditEvent.objects.count() == 0
        assert _raw_count("audit_auditevent") == 0


def test_a_user_reads_own_memberships_everywhere_but_changes_none_outside_the_organization(org, other_org):
    from tests.factories import MembershipFactory, UserFactory
    from xmhub.accounts.models import Membership

    user = UserFactory()
    MembershipFactory(organization=org, user=user)
    MembershipFactory(organization=other_org, user=user)
    with tenant_context(org, user_id=user.pk):
        assert Membership.all_objects.filter(user=user).count() == 2
        assert _raw_count("accounts_membership") == 2
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM accounts_membership WHERE organization_id = %s", [other_org.pk])
            assert cursor.rowcount == 0
    with tenant_context(org):
        assert Membership.all_objects.filter(user=user).count() == 1


def test_the_audit_update_trigger_never_plans_a_quadratic_join(db):
    # Transition tables have no statistics; a nested loop over old × new rows is quadratic.
    with connection.cursor() as cursor:
        cursor.execute("SELECT proconfig FROM pg_proc WHERE proname = 'xmhub_audit_update'")
        assert cursor.fetchone()[0] == ["enable_nestloop=off"]


def test_a_large_set_based_update_is_audited_row_by_row(org):
    from xmhub.directory.models import OrgUnit

    with tenant_context(org, actor="system:test"):
        OrgUnit.objects.bulk_create([OrgUnit(external_id=f"U{i}", name=f"Unit {i}") for i in range(3000)])
        assert OrgUnit.objects.update(name="Renamed") == 3000
        assert AuditEvent.objects.filter(table_name="directory_orgunit", action="update").count() == 3000
