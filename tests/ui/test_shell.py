"""The console shell: home chooser, organization home, navigation by role, switcher, CSP-safe markup."""

import re

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, OrganizationFactory, OrgUnitFactory, PersonFactory
from xmhub.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_home_redirects_straight_to_the_only_organization(login, admin_user, org):
    response = login(admin_user).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"/o/{org.slug}/"


def test_home_lists_every_organization_of_a_member_of_several(login, admin_user, org):
    second = OrganizationFactory(name="Zeta Insurance", slug="zeta")
    MembershipFactory(organization=second, user=admin_user, roles=[Role.VIEWER])
    response = login(admin_user).get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose an organization" in body
    assert "/o/acme/" in body and "/o/zeta/" in body
    assert body.index("Acme Bank") < body.index("Zeta Insurance")


def test_home_without_organizations_explains_what_to_do(login, db):
    from tests.factories import UserFactory

    user = UserFactory(email="lonely@example.test")
    response = login(user).get(reverse("home"))
    assert response.status_code == 200
    assert "not in an organization yet" in response.content.decode()
    assert "invit" in response.content.decode()


def test_home_requires_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_org_home_shows_key_counts_to_directory_roles(login, admin_user, org):
    unit = OrgUnitFactory(organization=org)
    PersonFactory.create_batch(3, organization=org, org_unit=unit)
    PersonFactory(organization=org, status="left")
    response = login(admin_user).get(reverse("org_home", kwargs={"org_slug": org.slug}))
    assert response.status_code == 200
    assert response.context["summary"] == {"people": 3, "org_units": 1, "members": 1}


@pytest.mark.parametrize("persona", ["ambassador_user", "manager_user"])
def test_org_home_for_portal_roles_uses_the_portal_layout_without_counts(request, login, org, persona):
    user = request.getfixturevalue(persona)
    response = login(user).get(reverse("org_home", kwargs={"org_slug": org.slug}))
    assert response.status_code == 200
    assert response.context["summary"] is None
    assert 'data-audience="portal"' in response.content.decode()
    assert "/directory/" not in response.content.decode()


def test_org_home_for_an_executive_uses_the_dashboard_layout(login, executive, org):
    response = login(executive).get(reverse("org_home", kwargs={"org_slug": org.slug}))
    assert 'data-audience="dashboard"' in response.content.decode()


def test_org_home_of_another_organization_is_404(login, outsider, org):
    assert login(outsider).get(reverse("org_home", kwargs={"org_slug": org.slug})).status_code == 404


def _nav_links(body):
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', body, re.S).group(1)
    return set(re.findall(r'href="([^"]+)"', nav))


def test_navigation_shows_administration_to_admins_only(login, admin_user, program_manager, org):
    admin_links = _nav_links(login(admin_user).get(f"/o/{org.slug}/").content.decode())
    assert f"/o/{org.slug}/settings/api-tokens/" in admin_links
    assert f"/o/{org.slug}/audit/" in admin_links
    pm_links = _nav_links(login(program_manager).get(f"/o/{org.slug}/").content.decode())
    assert f"/o/{org.slug}/directory/" in pm_links
    assert f"/o/{org.slug}/settings/api-tokens/" not in pm_links
    assert f"/o/{org.slug}/audit/" not in pm_links


def test_navigation_marks_the_current_page(login, admin_user, org):
    body = login(admin_user).get(f"/o/{org.slug}/directory/").content.decode()
    assert re.search(rf'href="/o/{org.slug}/directory/" aria-current="page"', body)
    assert not re.search(rf'href="/o/{org.slug}/audit/" aria-current="page"', body)


def test_switcher_lists_the_users_organizations_and_marks_the_current_one(login, admin_user, org):
    second = OrganizationFactory(name="Zeta Insurance", slug="zeta")
    MembershipFactory(organization=second, user=admin_user, roles=[Role.VIEWER])
    body = login(admin_user).get(f"/o/{org.slug}/").content.decode()
    assert 'href="/o/zeta/"' in body
    assert re.search(r'href="/o/acme/" aria-current="true"', body)


def test_shell_has_skip_link_landmarks_and_a_post_sign_out(login, admin_user, org):
    body = login(admin_user).get(f"/o/{org.slug}/").content.decode()
    assert 'href="#main"' in body and 'id="main"' in body
    assert "<header" in body and "<main" in body and '<nav aria-label="Main">' in body
    assert re.search(r'<form method="post" action="/accounts/logout/">', body)


def test_pages_carry_no_inline_script_style_or_handlers(login, admin_user, org):
    PersonFactory(organization=org)
    for url in [
        f"/o/{org.slug}/",
        f"/o/{org.slug}/directory/",
        f"/o/{org.slug}/audit/",
        f"/o/{org.slug}/settings/api-tokens/",
        f"/o/{org.slug}/directory/org-units/",
    ]:
        body = login(admin_user).get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), url
        assert not re.search(r"\sstyle=", body), url
        assert "<style" not in body, url
        assert not re.search(r"\son[a-z]+=", body), url


def test_csp_header_is_strict(login, admin_user, org):
    response = login(admin_user).get(f"/o/{org.slug}/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_forbidden_page_explains_the_role(login, ambassador_user, org):
    response = login(ambassador_user).get(f"/o/{org.slug}/directory/")
    assert response.status_code == 403
    assert "needs another role" in response.content.decode()


@pytest.mark.parametrize("n", [3, 30])
def test_org_home_query_count_does_not_grow_with_data(login, admin_user, org, n, django_assert_num_queries):
    unit = OrgUnitFactory(organization=org)
    PersonFactory.create_batch(n, organization=org, org_unit=unit)
    client = login(admin_user)
    client.get(f"/o/{org.slug}/")
    # user, organization, savepoint + tenant settings, membership, 3 counts, program exists (overview), switcher,
    # reset + release
    with django_assert_num_queries(12):
        response = client.get(f"/o/{org.slug}/")
    assert response.context["summary"]["people"] == n


@pytest.mark.parametrize("n", [2, 12])
def test_home_query_count_does_not_grow_with_organizations(login, admin_user, org, n, django_assert_num_queries):
    for i in range(n - 1):
        MembershipFactory(organization=OrganizationFactory(slug=f"extra-{i}"), user=admin_user)
    client = login(admin_user)
    client.get("/")
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert len(response.context["memberships"]) == n


# user, savepoint + settings (no tenant), memberships (page and switcher share it), reset + release
HOME_QUERIES = 6
