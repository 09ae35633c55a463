"""Inviting people: admin pages, the emailed link, and accepting it as a new or existing user."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.accounts.helpers import fresh, invite
from tests.factories import MembershipFactory, UserFactory
from xmhub.accounts import services
from xmhub.accounts.models import Invitation, Membership, User
from xmhub.accounts.roles import Role
from xmhub.accounts.tokens import hash_token
from xmhub.core.errors import ApplicationError
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

PASSWORD = "a sturdy passphrase 42"


def _invitations(org):
    with tenant_context(org):
        return list(Invitation.objects.order_by("pk"))


def _membership(org, user):
    with tenant_context(org):
        return Membership.objects.filter(user=user).first()


# --- creating, listing, resending, revoking ---------------------------------------------------------------


def test_admin_invites_by_email_with_roles_and_the_email_carries_a_working_link(
    login, org, admin_user, django_capture_on_commit_callbacks
):
    client = login(admin_user)
    url = reverse("accounts:invitation_create", kwargs={"org_slug": "acme"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": " New.Person@Example.test ", "roles": [Role.AMBASSADOR, Role.MANAGER]})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:invitation_list", kwargs={"org_slug": "acme"})
    [invitation] = _invitations(org)
    assert invitation.email == "new.person@example.test"
    assert invitation.roles == [Role.AMBASSADOR, Role.MANAGER]
    assert invitation.invited_by == admin_user
    assert invitation.status == "pending"
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    [message] = mail.outbox
    assert message.to == ["new.person@example.test"]
    assert "Acme Bank" in message.subject
    link = next(line for line in message.body.splitlines() if "/invitations/" in line).strip()
    token = link.rsplit("/invitations/", 1)[1].rstrip("/")
    # Only the hash of the random part is stored; the link itself is not.
    assert invitation.token_hash != token and len(invitation.token_hash) == 64
    assert token not in invitation.token_hash
    assert client.get(link.replace("http://localhost:8000", "")).status_code in (200, 403)


def test_no_email_is_sent_when_the_invitation_is_not_committed(
    login, org, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        invite(org, "later@example.test", [Role.VIEWER])
    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    "data, field",
    [
        ({"email": "not-an-email", "roles": [Role.VIEWER]}, "email"),
        ({"email": "x@example.test", "roles": []}, "roles"),
        ({"email": "x@example.test", "roles": ["superuser"]}, "roles"),
    ],
)
def test_bad_invitation_input_shows_field_errors_and_writes_nothing(login, org, admin_user, data, field):
    response = login(admin_user).post(reverse("accounts:invitation_create", kwargs={"org_slug": "acme"}), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert _invitations(org) == []
    assert mail.outbox == []


def test_inviting_a_member_who_already_has_the_roles_is_refused(login, org, admin_user, viewer):
    response = login(admin_user).post(
        reverse("accounts:invitation_create", kwargs={"org_slug": "acme"}),
        {"email": "VIEWER@acme.test", "roles": [Role.VIEWER]},
    )
    assert response.status_code == 400
    assert "already a member" in response.context["form"].errors["email"][0]
    assert _invitations(org) == []


def test_a_second_pending_invitation_to_the_same_email_is_refused(login, org, admin_user):
    invite(org, "dup@example.test", [Role.VIEWER])
    response = login(admin_user).post(
        reverse("accounts:invitation_create", kwargs={"org_slug": "acme"}),
        {"email": "dup@example.test", "roles": [Role.EXECUTIVE]},
    )
    assert response.status_code == 400
    assert "already pending" in response.context["form"].errors["email"][0]
    assert len(_invitations(org)) == 1


def test_admin_lists_invitations_with_their_status(login, org, other_org, admin_user):
    pending, _ = invite(org, "pending@example.test", [Role.VIEWER])
    revoked, _ = invite(org, "revoked@example.test", [Role.VIEWER])
    with tenant_context(org):
        Invitation.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    invite(other_org, "elsewhere@example.test", [Role.VIEWER])
    response = login(admin_user).get(reverse("accounts:invitation_list", kwargs={"org_slug": "acme"}))
    assert response.status_code == 200
    rows = {inv.email: inv.status for inv in response.context["invitations"]}
    assert rows == {"pending@example.test": "pending", "revoked@example.test": "revoked"}
    assert b"elsewhere@example.test" not in response.content


def test_resend_issues_a_new_link_and_the_old_link_stops_working(
    client, login, org, admin_user, django_capture_on_commit_callbacks
):
    invitation, old_path = invite(org, "again@example.test", [Role.VIEWER])
    with tenant_context(org):
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    admin = login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("accounts:invitation_resend", kwargs={"org_slug": "acme", "pk": invitation.pk}))
    assert response.status_code == 302
    stored = fresh(org, Invitation, invitation.pk)
    assert stored.status == "pending" and stored.token_hash != invitation.token_hash
    [message] = mail.outbox
    new_path = "/invitations/" + message.body.split("/invitations/", 1)[1].split()[0]
    client.logout()
    assert client.get(old_path).status_code == 404
    assert client.get(new_path).status_code == 200


def test_revoke_marks_the_invitation_and_the_link_then_fails(client, login, org, admin_user):
    invitation, path = invite(org, "gone@example.test", [Role.VIEWER])
    response = login(admin_user).post(
        reverse("accounts:invitation_revoke", kwargs={"org_slug": "acme", "pk": invitation.pk})
    )
    assert response.status_code == 302
    assert fresh(org, Invitation, invitation.pk).status == "revoked"
    client.logout()
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert not User.objects.filter(email="gone@example.test").exists()


def test_an_accepted_invitation_cannot_be_revoked_or_resent(org, admin_user):
    invitation, _ = invite(org, "done@example.test", [Role.VIEWER])
    services.invitation_accept(invitation=fresh(org, Invitation, invitation.pk), password=PASSWORD)
    with tenant_context(org):
        with pytest.raises(ApplicationError):
            services.invitation_revoke(actor=admin_user, invitation=invitation)
        with pytest.raises(ApplicationError):
            services.invitation_resend(actor=admin_user, invitation=invitation)
    assert fresh(org, Invitation, invitation.pk).revoked_at is None


# --- accepting ---------------------------------------------------------------------------------------------


def test_a_new_person_sets_a_password_and_lands_in_the_organization(client, org):
    invitation, path = invite(org, "newbie@example.test", [Role.AMBASSADOR])
    page = client.get(path)
    assert page.status_code == 200
    assert b"newbie@example.test" in page.content
    response = client.post(path, {"name": "New Bie", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("org_home", kwargs={"org_slug": "acme"})
    user = User.objects.get(email="newbie@example.test")
    assert user.name == "New Bie" and user.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=user, email=user.email, verified=True, primary=True).exists()
    membership = _membership(org, user)
    assert membership.roles == [Role.AMBASSADOR] and membership.is_active
    stored = fresh(org, Invitation, invitation.pk)
    assert stored.status == "accepted" and stored.accepted_by == user
    # Signed in: the organization opens.
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(response["Location"]).status_code == 200


def test_new_person_with_bad_passwords_sees_field_errors_and_nothing_is_written(client, org):
    invitation, path = invite(org, "careful@example.test", [Role.VIEWER])
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD + "x"})
    assert response.status_code == 400
    assert response.context["form"].errors["password2"]
    response = client.post(path, {"password1": "123", "password2": "123"})
    assert response.status_code == 400
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="careful@example.test").exists()
    assert fresh(org, Invitation, invitation.pk).status == "pending"
    assert "_auth_user_id" not in client.session


def test_an_existing_user_signed_in_with_the_invited_email_joins(login, org, other_org, outsider):
    """The outsider (admin of Globex) is invited to Acme as executive."""
    invitation, path = invite(org, "Admin@Globex.test", [Role.EXECUTIVE])
    client = login(outsider)
    page = client.get(path)
    assert page.status_code == 200
    assert _membership(org, outsider) is None  # a GET writes nothing
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("org_home", kwargs={"org_slug": "acme"})
    assert _membership(org, outsider).roles == [Role.EXECUTIVE]
    assert _membership(other_org, outsider).roles == [Role.ADMIN]  # untouched
    assert fresh(org, Invitation, invitation.pk).accepted_by == outsider
    assert client.get(response["Location"]).status_code == 200


def test_a_member_accepting_gets_the_roles_added(login, org, viewer):
    _, path = invite(org, "viewer@acme.test", [Role.PROGRAM_MANAGER])
    response = login(viewer).post(path)
    assert response.status_code == 302
    assert _membership(org, viewer).roles == [Role.PROGRAM_MANAGER, Role.VIEWER]


def test_a_deactivated_member_accepting_is_reactivated(login, org, admin_user):
    user = UserFactory(email="former@example.test")
    membership = MembershipFactory(organization=org, user=user, roles=[Role.VIEWER], is_active=False)
    _, path = invite(org, "former@example.test", [Role.VIEWER])
    assert login(user).post(path).status_code == 302
    stored = fresh(org, Membership, membership.pk)
    assert stored.is_active and stored.roles == [Role.VIEWER]


def test_an_existing_user_who_is_signed_out_is_asked_to_sign_in_first(client, org, outsider):
    _, path = invite(org, "admin@globex.test", [Role.VIEWER])
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["sign_in_url"].startswith(reverse("account_login") + "?next=")
    # Posting a password cannot take over the existing account.
    client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    outsider.refresh_from_db()
    assert not outsider.check_password(PASSWORD)
    assert _membership(org, outsider) is None


def test_a_signed_in_user_with_another_email_gets_a_clear_message(login, org, viewer):
    invitation, path = invite(org, "someone.else@example.test", [Role.ADMIN])
    client = login(viewer)
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 403
        assert b"someone.else@example.test" in response.content
        assert b"viewer@acme.test" in response.content
    assert _membership(org, viewer).roles == [Role.VIEWER]
    assert fresh(org, Invitation, invitation.pk).status == "pending"


def test_an_expired_invitation_shows_a_friendly_410_and_writes_nothing(client, org):
    invitation, path = invite(org, "late@example.test", [Role.VIEWER])
    with tenant_context(org):
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(path).status_code == 410
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert b"expired" in response.content
    assert not User.objects.filter(email="late@example.test").exists()


def test_a_link_whose_signature_is_too_old_is_refused(client, org, monkeypatch):
    _, path = invite(org, "old@example.test", [Role.VIEWER])
    monkeypatch.setattr("xmhub.accounts.tokens.invitation_ttl", lambda: timedelta(days=-1))
    response = client.get(path)
    assert response.status_code == 410
    assert b"expired" in response.content


def test_a_used_invitation_cannot_be_used_again(client, org):
    invitation, path = invite(org, "once@example.test", [Role.VIEWER])
    assert client.post(path, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 302
    client.logout()
    response = client.post(path, {"password1": PASSWORD + "!", "password2": PASSWORD + "!"})
    assert response.status_code == 410
    assert b"already used" in response.content
    assert User.objects.get(email="once@example.test").check_password(PASSWORD)


def test_a_tampered_or_foreign_link_is_404(client, org, other_org):
    invitation, path = invite(org, "target@example.test", [Role.VIEWER])
    assert client.get(path[:-3] + "xx/").status_code == 404
    assert client.get("/invitations/not-a-token/").status_code == 404
    # A validly signed link naming another organization does not find this organization's invitation.
    from xmhub.accounts.tokens import new_raw_token, sign

    raw = new_raw_token()
    with tenant_context(org):
        Invitation.objects.filter(pk=invitation.pk).update(token_hash=hash_token(raw))
    assert client.get(f"/invitations/{sign(organization_id=other_org.pk, raw=raw)}/").status_code == 404
    assert client.get(f"/invitations/{sign(organization_id=org.pk, raw=raw)}/").status_code == 200


def test_the_last_step_of_signup_through_allauth_is_closed(client, org):
    response = client.get(reverse("account_signup"))
    assert b"invitation" in response.content
    client.post(
        reverse("account_signup"), {"email": "walkin@example.test", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert not User.objects.filter(email="walkin@example.test").exists()
