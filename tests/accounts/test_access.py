"""Every route of the members, invitations and settings pages, per role and across organizations."""

import pytest
from django.urls import reverse

from tests.factories import InvitationFactory, MembershipFactory
from xmhub.accounts.models import Invitation, Membership
from xmhub.accounts.roles import Role
from xmhub.tenancy.context import tenant_context
from xmhub.tenancy.models import Organization

pytestmark = pytest.mark.django_db

NON_ADMINS = ["program_manager", "executive", "ambassador_user", "manager_user", "viewer"]


@pytest.fixture
def target(org):
    """A member and a pending invitation of ``org`` for the detail routes."""
    member = MembershipFactory(organization=org, roles=[Role.VIEWER])
    invitation = InvitationFactory(organization=org)
    return member, invitation


def _get_routes(member, invitation):
    return [
        ("accounts:member_list", {}),
        ("accounts:member_edit", {"pk": member.pk}),
        ("accounts:invitation_list", {}),
        ("accounts:invitation_create", {}),
        ("tenancy:settings", {}),
    ]


def _post_routes(member, invitation):
    return [
        ("accounts:member_edit", {"pk": member.pk}, {"roles": [Role.ADMIN]}),
        ("accounts:member_deactivate", {"pk": member.pk}, {}),
        ("accounts:member_reactivate", {"pk": member.pk}, {}),
        ("accounts:invitation_create", {}, {"email": "new@acme.test", "roles": [Role.VIEWER]}),
        ("accounts:invitation_resend", {"pk": invitation.pk}, {}),
        ("accounts:invitation_revoke", {"pk": invitation.pk}, {}),
        (
            "tenancy:settings",
            {},
            {
                "name": "Hacked",
                "time_zone": "UTC",
                "fiscal_year_start_month": 1,
                "default_term_months": 12,
                "default_time_share": 10,
                "working_hours_per_week": "40",
                "require_mfa": "on",
            },
        ),
    ]


def _url(name, kwargs, slug="acme"):
    return reverse(name, kwargs={"org_slug": slug, **kwargs})


def _snapshot(org):
    with tenant_context(org):
        return (
            sorted(Membership.objects.values_list("pk", "roles", "is_active")),
            sorted(Invitation.objects.values_list("pk", "email", "token_hash", "revoked_at")),
            Organization.objects.filter(pk=org.pk).values_list("name", "require_mfa").get(),
        )


def test_admin_opens_every_page(login, admin_user, target):
    client = login(admin_user)
    for name, kwargs in _get_routes(*target):
        response = client.get(_url(name, kwargs))
        assert response.status_code == 200, name


@pytest.mark.parametrize("persona", NON_ADMINS)
def test_other_roles_get_403_on_every_page_and_change_nothing(request, login, org, admin_user, target, persona):
    client = login(request.getfixturevalue(persona))
    before = _snapshot(org)
    for name, kwargs in _get_routes(*target):
        assert client.get(_url(name, kwargs)).status_code == 403, name
    for name, kwargs, data in _post_routes(*target):
        assert client.post(_url(name, kwargs), data).status_code == 403, name
    assert _snapshot(org) == before


def test_outsider_gets_404_on_every_route_and_changes_nothing(login, org, admin_user, outsider, target):
    client = login(outsider)
    before = _snapshot(org)
    for name, kwargs in _get_routes(*target):
        assert client.get(_url(name, kwargs)).status_code == 404, name
    for name, kwargs, data in _post_routes(*target):
        assert client.post(_url(name, kwargs), data).status_code == 404, name
    assert _snapshot(org) == before


def test_admin_of_one_organization_cannot_reach_another_organizations_rows(login, org, other_org, outsider, target):
    """The outsider is admin of ``other_org``: ``org``'s member and invitation ids are 404 there too."""
    client = login(outsider)
    before = _snapshot(org)
    for name, kwargs, data in _post_routes(*target):
        if not kwargs:
            continue
        assert client.get(_url(name, kwargs, slug="globex")).status_code in (404, 405), name
        assert client.post(_url(name, kwargs, slug="globex"), data).status_code == 404, name
    assert _snapshot(org) == before


def test_anonymous_visitors_are_sent_to_sign_in(client, org, target):
    for name, kwargs in _get_routes(*target):
        response = client.get(_url(name, kwargs))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
