"""The members page: list, change roles, deactivate and reactivate, never lose the last admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.helpers import fresh
from tests.factories import MembershipFactory
from xmhub.accounts import services
from xmhub.accounts.models import Membership
from xmhub.accounts.roles import Role
from xmhub.core.errors import ApplicationError
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"accounts:{name}", kwargs={"org_slug": "acme", **kwargs})


def _membership_of(org, user):
    with tenant_context(org):
        return Membership.objects.get(user=user)


def test_member_list_shows_this_organizations_members_with_roles(login, org, admin_user, viewer, outsider):
    response = login(admin_user).get(_url("member_list"))
    assert response.status_code == 200
    emails = {m.user.email: m.roles for m in response.context["memberships"]}
    assert emails == {"admin@acme.test": [Role.ADMIN], "viewer@acme.test": [Role.VIEWER]}
    assert b"Viewer" in response.content
    assert b"admin@globex.test" not in response.content


def test_member_list_query_count_does_not_grow_with_members(login, org, admin_user):
    client = login(admin_user)
    MembershipFactory.create_batch(2, organization=org)
    with CaptureQueriesContext(connection) as small:
        assert client.get(_url("member_list")).status_code == 200
    MembershipFactory.create_batch(8, organization=org)
    with CaptureQueriesContext(connection) as large:
        response = client.get(_url("member_list"))
    assert len(response.context["memberships"]) == 11
    assert len(large) == len(small)


def test_invitation_list_query_count_does_not_grow_with_invitations(login, org, admin_user):
    from tests.factories import InvitationFactory

    client = login(admin_user)
    InvitationFactory.create_batch(2, organization=org, invited_by=admin_user)
    with CaptureQueriesContext(connection) as small:
        assert client.get(_url("invitation_list")).status_code == 200
    InvitationFactory.create_batch(8, organization=org, invited_by=admin_user)
    with CaptureQueriesContext(connection) as large:
        assert client.get(_url("invitation_list")).status_code == 200
    assert len(large) == len(small)


def test_admin_changes_a_members_roles(login, org, admin_user, viewer):
    membership = _membership_of(org, viewer)
    response = login(admin_user).post(
        _url("member_edit", pk=membership.pk), {"roles": [Role.PROGRAM_MANAGER, Role.EXECUTIVE]}
    )
    assert response.status_code == 302
    assert fresh(org, Membership, membership.pk).roles == [Role.PROGRAM_MANAGER, Role.EXECUTIVE]


def test_roles_form_without_a_role_shows_a_field_error_and_keeps_the_roles(login, org, admin_user, viewer):
    membership = _membership_of(org, viewer)
    response = login(admin_user).post(_url("member_edit", pk=membership.pk), {"roles": []})
    assert response.status_code == 400
    assert response.context["form"].errors["roles"]
    assert fresh(org, Membership, membership.pk).roles == [Role.VIEWER]


def test_the_last_admin_cannot_drop_the_admin_role(login, org, admin_user):
    membership = _membership_of(org, admin_user)
    response = login(admin_user).post(_url("member_edit", pk=membership.pk), {"roles": [Role.VIEWER]})
    assert response.status_code == 400
    assert "at least one active admin" in response.context["form"].errors["roles"][0]
    assert fresh(org, Membership, membership.pk).roles == [Role.ADMIN]


def test_the_last_admin_cannot_be_deactivated(login, org, admin_user):
    membership = _membership_of(org, admin_user)
    response = login(admin_user).post(_url("member_deactivate", pk=membership.pk))
    assert response.status_code == 400
    assert "at least one active admin" in response.content.decode()
    assert fresh(org, Membership, membership.pk).is_active


def test_a_deactivated_admin_does_not_count_as_the_other_admin(org, admin_user):
    other = MembershipFactory(organization=org, roles=[Role.ADMIN], is_active=False)
    with tenant_context(org), pytest.raises(ApplicationError):
        services.membership_update_roles(
            actor=admin_user, membership=_membership_of(org, admin_user), roles=[Role.VIEWER]
        )
    assert fresh(org, Membership, other.pk).roles == [Role.ADMIN]


def test_with_two_admins_one_may_step_down(login, org, admin_user):
    MembershipFactory(organization=org, roles=[Role.ADMIN])
    membership = _membership_of(org, admin_user)
    response = login(admin_user).post(_url("member_edit", pk=membership.pk), {"roles": [Role.PROGRAM_MANAGER]})
    assert response.status_code == 302
    assert fresh(org, Membership, membership.pk).roles == [Role.PROGRAM_MANAGER]


def test_admin_deactivates_and_reactivates_a_member_who_then_loses_and_regains_access(
    client, login, org, admin_user, viewer
):
    membership = _membership_of(org, viewer)
    admin = login(admin_user)
    assert admin.post(_url("member_deactivate", pk=membership.pk)).status_code == 302
    assert not fresh(org, Membership, membership.pk).is_active
    viewer_client = login(viewer)
    assert viewer_client.get(reverse("org_home", kwargs={"org_slug": "acme"})).status_code == 404
    admin = login(admin_user)
    assert admin.post(_url("member_reactivate", pk=membership.pk)).status_code == 302
    assert fresh(org, Membership, membership.pk).is_active
    assert login(viewer).get(reverse("org_home", kwargs={"org_slug": "acme"})).status_code == 200


def test_deactivate_and_reactivate_need_post(login, org, admin_user, viewer):
    membership = _membership_of(org, viewer)
    assert login(admin_user).get(_url("member_deactivate", pk=membership.pk)).status_code == 405
    assert fresh(org, Membership, membership.pk).is_active


def test_membership_create_for_seed_data(org, other_org):
    from tests.factories import UserFactory

    user = UserFactory(email="seed@example.test")
    membership = services.membership_create(
        organization=org, user=user, roles=[Role.VIEWER, Role.ADMIN], actor="system:seed_demo"
    )
    assert membership.roles == [Role.ADMIN, Role.VIEWER]
    assert _membership_of(org, user).pk == membership.pk
    with pytest.raises(ApplicationError):
        services.membership_create(organization=org, user=user, roles=[Role.VIEWER])
    with pytest.raises(ApplicationError):
        services.membership_create(organization=other_org, user=user, roles=[])
    with tenant_context(other_org):
        assert not Membership.objects.filter(user=user).exists()


def test_user_create_for_seed_data_makes_a_login_with_a_verified_address(client, org):
    from allauth.account.models import EmailAddress

    from xmhub.accounts.models import User

    user = services.user_create(email=" Seed.User@Example.test ", password="a sturdy passphrase 42", name="Seed")
    assert user.email == "seed.user@example.test" and user.check_password("a sturdy passphrase 42")
    assert EmailAddress.objects.get(user=user).verified
    with pytest.raises(ApplicationError):
        services.user_create(email="SEED.user@example.test")
    with pytest.raises(ApplicationError):
        services.user_create(email="nope")
    assert User.objects.filter(email__iexact="seed.user@example.test").count() == 1
    services.membership_create(organization=org, user=user, roles=[Role.AMBASSADOR])
    response = client.post(reverse("account_login"), {"login": user.email, "password": "a sturdy passphrase 42"})
    assert response.status_code == 302
    assert client.get(reverse("org_home", kwargs={"org_slug": "acme"})).status_code == 200
