"""Shared fixtures: two organizations, a persona per role, clients signed in as them.

The test database is created and migrated as the owner role; the tests themselves run as the
row-level-security role, like the application.
"""

import os

import pytest
from django.db import connections
from django.test import TransactionTestCase

os.environ["XMHUB_DB_OWNER"] = "1"

from tests.factories import (  # noqa: E402
    ApiTokenFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from xmhub.accounts.roles import Role  # noqa: E402
from xmhub.tenancy.context import tenant_context  # noqa: E402


def _flush_as_owner(fixture_teardown):
    """Transactional tests (``django_db(transaction=True)``, live_server) end with a TRUNCATE of every table,
    which only the owner may do: run that clean-up, and only it, as the owner role."""

    def teardown(self):
        previous = os.environ.get("XMHUB_DB_OWNER")
        os.environ["XMHUB_DB_OWNER"] = "1"
        connections.close_all()
        try:
            return fixture_teardown(self)
        finally:
            if previous is None:
                os.environ.pop("XMHUB_DB_OWNER", None)
            connections.close_all()

    return teardown


TransactionTestCase._fixture_teardown = _flush_as_owner(TransactionTestCase._fixture_teardown)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    os.environ.pop("XMHUB_DB_OWNER", None)
    with django_db_blocker.unblock():
        connections.close_all()
    yield
    os.environ["XMHUB_DB_OWNER"] = "1"
    with django_db_blocker.unblock():
        connections.close_all()


@pytest.fixture
def org(db):
    return OrganizationFactory(name="Acme Bank", slug="acme")


@pytest.fixture
def other_org(db):
    return OrganizationFactory(name="Globex Retail", slug="globex")


@pytest.fixture
def in_org(org):
    """Run the test body as ``org`` (for factories and selectors called directly)."""
    with tenant_context(org, actor="system:test"):
        yield org


def _member(org, *roles, email=None):
    user = UserFactory(email=email) if email else UserFactory()
    MembershipFactory(organization=org, user=user, roles=list(roles))
    return user


@pytest.fixture
def admin_user(org):
    return _member(org, Role.ADMIN, email="admin@acme.test")


@pytest.fixture
def program_manager(org):
    return _member(org, Role.PROGRAM_MANAGER, email="pm@acme.test")


@pytest.fixture
def executive(org):
    return _member(org, Role.EXECUTIVE, email="exec@acme.test")


@pytest.fixture
def ambassador_user(org):
    return _member(org, Role.AMBASSADOR, email="ambassador@acme.test")


@pytest.fixture
def manager_user(org):
    return _member(org, Role.MANAGER, email="manager@acme.test")


@pytest.fixture
def viewer(org):
    return _member(org, Role.VIEWER, email="viewer@acme.test")


@pytest.fixture
def outsider(other_org):
    """An admin of the other organization: must see nothing of ``org``."""
    return _member(other_org, Role.ADMIN, email="admin@globex.test")


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api_token(org):
    """(raw token, ApiToken) for ``org``."""
    return ApiTokenFactory.create_with_raw(organization=org)


@pytest.fixture
def api(client, api_token):
    """A test client that sends ``org``'s bearer token."""
    raw, _ = api_token
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


@pytest.fixture
def other_api(client, other_org):
    raw, _ = ApiTokenFactory.create_with_raw(organization=other_org)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client
