"""API token pages (admins): list, create (raw token shown once, only its hash stored), revoke."""

import re

import pytest
from django.urls import reverse

from tests.factories import ApiTokenFactory
from tests.ui.helpers import ADMIN_DENIED
from xmhub.apikeys.models import ApiToken
from xmhub.core.tokens import hash_token
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


def _url(name, org, **kwargs):
    return reverse(f"apikeys:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def token(org):
    return ApiTokenFactory(organization=org, name="Workday sync")


def _routes(org, token):
    return [_url("list", org), _url("create", org), _url("revoke", org, pk=token.pk)]


def test_token_pages_render_for_admins(login, admin_user, org, token):
    client = login(admin_user)
    for url in _routes(org, token):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ADMIN_DENIED)
def test_token_pages_are_forbidden_to_other_roles(request, login, org, token, persona):
    client = login(request.getfixturevalue(persona))
    for url in _routes(org, token):
        assert client.get(url).status_code == 403, url
    assert client.post(_url("create", org), {"name": "x"}).status_code == 403
    assert client.post(_url("revoke", org, pk=token.pk)).status_code == 403
    with tenant_context(org):
        assert ApiToken.objects.count() == 1
        assert ApiToken.objects.get().revoked_at is None


def test_token_pages_are_404_for_another_organizations_admin(login, outsider, org, token):
    client = login(outsider)
    for url in _routes(org, token):
        assert client.get(url).status_code == 404, url
    assert client.post(_url("revoke", org, pk=token.pk)).status_code == 404
    with tenant_context(org):
        assert ApiToken.objects.get().revoked_at is None


def test_a_token_of_another_organization_cannot_be_revoked_from_mine(login, admin_user, org, other_org):
    foreign = ApiTokenFactory(organization=other_org)
    assert login(admin_user).post(_url("revoke", org, pk=foreign.pk)).status_code == 404
    with tenant_context(other_org):
        assert ApiToken.objects.get().revoked_at is None


def test_list_shows_name_prefix_creator_and_status(login, admin_user, org):
    ApiTokenFactory(organization=org, name="Workday sync", prefix="xmh_abcdefgh", created_by=admin_user)
    body = login(admin_user).get(_url("list", org)).content.decode()
    assert "Workday sync" in body and "xmh_abcdefgh" in body and "admin@acme.test" in body and "Active" in body
    assert "/api/v1/people/" in body and "/api/docs/" in body


def test_empty_list_invites_to_create_a_token(login, admin_user, org):
    body = login(admin_user).get(_url("list", org)).content.decode()
    assert "No API tokens yet" in body and _url("create", org) in body


def test_create_shows_the_raw_token_once_and_stores_only_its_hash(login, admin_user, org):
    client = login(admin_user)
    response = client.post(_url("create", org), {"name": "  HR feed  "})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    raw = response.context["raw_token"]
    assert raw.startswith("xmh_") and raw in response.content.decode()
    assert f"Bearer {raw}" in response.content.decode()  # the curl example uses it
    with tenant_context(org):
        token = ApiToken.objects.get()
    assert token.name == "HR feed" and token.created_by == admin_user
    assert token.token_hash == hash_token(raw) and token.prefix == raw[:12]
    assert raw not in token.token_hash
    listing = client.get(_url("list", org)).content.decode()
    assert raw not in listing and token.prefix in listing


def test_a_created_token_authenticates_the_api(login, admin_user, org, client):
    raw = login(admin_user).post(_url("create", org), {"name": "HR"}).context["raw_token"]
    client.logout()
    response = client.get("/api/v1/people/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_create_without_a_name_shows_the_error(login, admin_user, org):
    response = login(admin_user).post(_url("create", org), {"name": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert "raw_token" not in response.context
    with tenant_context(org):
        assert not ApiToken.objects.exists()


def test_revoke_asks_first_then_revokes(login, admin_user, org, token):
    client = login(admin_user)
    page = client.get(_url("revoke", org, pk=token.pk))
    assert "stop working immediately" in page.content.decode()
    with tenant_context(org):
        assert ApiToken.objects.get().revoked_at is None
    response = client.post(_url("revoke", org, pk=token.pk), follow=True)
    assert response.redirect_chain[-1][0] == _url("list", org)
    assert "Revoked" in response.content.decode()
    with tenant_context(org):
        assert ApiToken.objects.get().revoked_at is not None
    assert not re.search(r'href="[^"]*/revoke/"', response.content.decode())


def test_a_revoked_token_no_longer_authenticates(login, admin_user, org, client):
    raw, token = ApiTokenFactory.create_with_raw(organization=org)
    login(admin_user).post(_url("revoke", org, pk=token.pk))
    client.logout()
    assert client.get("/api/v1/people/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code in (401, 403)


@pytest.mark.parametrize("n", [3, 30])
def test_token_list_query_count_does_not_grow(login, admin_user, org, n, django_assert_num_queries):
    for _ in range(n):
        ApiTokenFactory(organization=org, created_by=admin_user)
    client = login(admin_user)
    client.get(_url("list", org))
    with django_assert_num_queries(TOKEN_LIST_QUERIES):
        response = client.get(_url("list", org))
    assert len(response.context["tokens"]) == n


# user, organization, savepoint + tenant settings, membership, tokens (with creator), switcher, reset + release
TOKEN_LIST_QUERIES = 9
