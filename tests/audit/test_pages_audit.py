"""Audit log pages (admins): the organization's trail with filters, and one record's history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrgUnitFactory, PersonFactory
from tests.ui.helpers import ADMIN_DENIED
from xmhub.audit.models import AuditEvent
from xmhub.directory.models import Person
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


def _url(name, org, **kwargs):
    return reverse(f"audit:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def trail(org, admin_user):
    """A unit and two people created by the admin; then an API token renames Ada and deletes the other."""
    with tenant_context(org, actor=f"user:{admin_user.pk}", actor_label=admin_user.email):
        unit = OrgUnitFactory(name="Service")
        ada = PersonFactory(first_name="Ada", last_name="Byron", title="Analyst", org_unit=unit)
        gone = PersonFactory(first_name="Gone", last_name="Person")
    with tenant_context(org, actor="token:7", actor_label="API token Workday"):
        Person.objects.filter(pk=ada.pk).update(last_name="Lovelace", title="Head of CX")
        Person.objects.filter(pk=gone.pk).delete()
    return {"unit": unit, "ada": ada, "gone": gone}


def _events(response):
    return [(e.table_name, e.action, e.row_id) for e in response.context["events"]]


def _routes(org, trail):
    return [_url("list", org), _url("record", org, table="directory_person", row_id=trail["ada"].pk)]


def test_audit_pages_render_for_admins(login, admin_user, org, trail):
    client = login(admin_user)
    for url in _routes(org, trail):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ADMIN_DENIED)
def test_audit_pages_are_forbidden_to_other_roles(request, login, org, trail, persona):
    client = login(request.getfixturevalue(persona))
    for url in _routes(org, trail):
        assert client.get(url).status_code == 403, url


def test_audit_pages_are_404_for_another_organizations_admin(login, outsider, org, trail):
    client = login(outsider)
    for url in _routes(org, trail):
        assert client.get(url).status_code == 404, url


def test_the_trail_shows_only_my_organization_newest_first(login, admin_user, org, other_org, trail):
    PersonFactory(organization=other_org, first_name="Foreign")
    response = login(admin_user).get(_url("list", org))
    events = _events(response)
    assert events[0] == ("directory_person", "delete", trail["gone"].pk)
    assert events[1] == ("directory_person", "update", trail["ada"].pk)
    assert "Foreign" not in response.content.decode()
    with tenant_context(org):
        assert len(events) == AuditEvent.objects.count()


def test_the_trail_shows_who_when_and_before_after(login, admin_user, org, trail):
    body = login(admin_user).get(_url("list", org), {"action": "update"}).content.decode()
    assert "API token Workday" in body
    assert "Byron" in body and "Lovelace" in body and "Analyst" in body and "Head of CX" in body
    assert "Last name" in body and "Title" in body
    assert reverse("directory:person_detail", kwargs={"org_slug": org.slug, "pk": trail["ada"].pk}) in body


@pytest.mark.parametrize(
    ("params", "expected_actions"),
    [
        ({"action": "delete"}, ["delete"]),
        ({"table": "directory_orgunit"}, ["insert"]),
        ({"actor": "workday"}, ["delete", "update"]),
        ({"actor": "token:7"}, ["delete", "update"]),
    ],
)
def test_the_trail_filters(login, admin_user, org, trail, params, expected_actions):
    response = login(admin_user).get(_url("list", org), params)
    assert [action for _, action, _ in _events(response)] == expected_actions


def test_the_trail_filters_by_record_id(login, admin_user, org, trail):
    response = login(admin_user).get(_url("list", org), {"table": "directory_person", "row_id": trail["ada"].pk})
    assert _events(response) == [
        ("directory_person", "update", trail["ada"].pk),
        ("directory_person", "insert", trail["ada"].pk),
    ]


def test_the_trail_filters_by_date_range(login, admin_user, org, trail):
    today = timezone.localdate()
    client = login(admin_user)
    assert len(_events(client.get(_url("list", org), {"since": today, "until": today}))) == 6  # + membership
    assert _events(client.get(_url("list", org), {"until": today - timedelta(days=1)})) == []
    assert _events(client.get(_url("list", org), {"since": today + timedelta(days=1)})) == []


def test_a_backwards_date_range_is_an_error(login, admin_user, org, trail):
    today = timezone.localdate()
    response = login(admin_user).get(_url("list", org), {"since": today, "until": today - timedelta(days=2)})
    assert response.status_code == 200
    assert "start date is after the end date" in response.content.decode()


def test_an_unknown_record_type_is_a_form_error_not_a_crash(login, admin_user, org, trail):
    response = login(admin_user).get(_url("list", org), {"table": "auth_permission"})
    assert response.status_code == 200
    assert response.context["form"].errors["table"]


def test_filters_with_no_result_say_so(login, admin_user, org, trail):
    body = login(admin_user).get(_url("list", org), {"actor": "nobody"}).content.decode()
    assert "No events match these filters" in body


def test_record_types_have_friendly_labels(login, admin_user, org, trail):
    body = login(admin_user).get(_url("list", org)).content.decode()
    assert ">Person<" in body and ">Org unit<" in body and ">API token<" in body


def test_record_history_lists_every_event_of_one_record(login, admin_user, org, trail):
    response = login(admin_user).get(_url("record", org, table="directory_person", row_id=trail["ada"].pk))
    assert _events(response) == [
        ("directory_person", "update", trail["ada"].pk),
        ("directory_person", "insert", trail["ada"].pk),
    ]
    assert response.context["record_name"] == "Ada Lovelace"


def test_record_history_of_a_deleted_record_says_so(login, admin_user, org, trail):
    response = login(admin_user).get(_url("record", org, table="directory_person", row_id=trail["gone"].pk))
    assert response.context["deleted"] is True and response.context["record_url"] is None


def test_record_history_of_an_unknown_table_or_row_is_404(login, admin_user, org, other_org, trail):
    client = login(admin_user)
    assert client.get(_url("record", org, table="auth_user", row_id=1)).status_code == 404
    assert client.get(_url("record", org, table="directory_person", row_id=999999)).status_code == 404
    foreign = PersonFactory(organization=other_org)
    assert client.get(_url("record", org, table="directory_person", row_id=foreign.pk)).status_code == 404


def test_person_and_org_unit_pages_link_to_their_history(login, admin_user, org, trail):
    client = login(admin_user)
    person = client.get(reverse("directory:person_detail", kwargs={"org_slug": org.slug, "pk": trail["ada"].pk}))
    assert _url("record", org, table="directory_person", row_id=trail["ada"].pk) in person.content.decode()
    unit = client.get(reverse("directory:orgunit_detail", kwargs={"org_slug": org.slug, "pk": trail["unit"].pk}))
    assert _url("record", org, table="directory_orgunit", row_id=trail["unit"].pk) in unit.content.decode()


def test_htmx_filter_returns_only_the_results(login, admin_user, org, trail):
    response = login(admin_user).get(_url("list", org), {"action": "delete"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert _events(response) == [("directory_person", "delete", trail["gone"].pk)]


@pytest.mark.parametrize("n", [3, 30])
def test_audit_list_query_count_does_not_grow_with_events(login, admin_user, org, n, django_assert_num_queries):
    PersonFactory.create_batch(n, organization=org)
    client = login(admin_user)
    client.get(_url("list", org))
    with django_assert_num_queries(AUDIT_LIST_QUERIES):
        response = client.get(_url("list", org))
    assert len(response.context["events"]) == n + 1  # people + the admin's membership


@pytest.mark.parametrize("n", [3, 30])
def test_record_history_query_count_does_not_grow(login, admin_user, org, n, django_assert_num_queries):
    person = PersonFactory(organization=org)
    with tenant_context(org):
        for i in range(n):
            Person.objects.filter(pk=person.pk).update(title=f"Title {i}")
    client = login(admin_user)
    url = _url("record", org, table="directory_person", row_id=person.pk)
    client.get(url)
    with django_assert_num_queries(RECORD_HISTORY_QUERIES):
        response = client.get(url)
    assert len(response.context["events"]) == n + 1


def test_diffs_name_the_people_and_units_they_refer_to(login, admin_user, org, trail):
    with tenant_context(org):
        boss = PersonFactory(first_name="Grace", last_name="Hopper")
        Person.objects.filter(pk=trail["ada"].pk).update(manager=boss)
    body = login(admin_user).get(_url("list", org), {"action": "update"}).content.decode()
    assert f"Grace Hopper (#{boss.pk})" in body
    created = login(admin_user).get(_url("record", org, table="directory_person", row_id=trail["ada"].pk))
    assert f"Service (#{trail['unit'].pk})" in created.content.decode()


@pytest.mark.parametrize("n", [3, 30])
def test_audit_list_with_references_query_count_does_not_grow(login, admin_user, org, n, django_assert_num_queries):
    unit = OrgUnitFactory(organization=org)
    boss = PersonFactory(organization=org, org_unit=unit)
    PersonFactory.create_batch(n, organization=org, org_unit=unit, manager=boss)
    client = login(admin_user)
    client.get(_url("list", org))
    with django_assert_num_queries(AUDIT_LIST_QUERIES + 2):  # + names of people, + names of units
        client.get(_url("list", org))


# user, organization, savepoint + tenant settings, membership, count + page of events, switcher, reset + release
AUDIT_LIST_QUERIES = 10
RECORD_HISTORY_QUERIES = 10
