"""``manage.py createorg``: an organization and an invitation for its first admin, or a clear error."""

from io import StringIO
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from xmhub.accounts.models import Invitation, Membership, User
from xmhub.accounts.roles import Role
from xmhub.tenancy.context import tenant_context
from xmhub.tenancy.models import Organization

pytestmark = pytest.mark.django_db(transaction=False)

PASSWORD = "a sturdy passphrase 42"


def _run(*args):
    out = StringIO()
    call_command("createorg", *args, stdout=out)
    return out.getvalue()


def test_createorg_creates_the_organization_and_invites_its_first_admin(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out = _run("--slug", "initech", "--name", "Initech", "--admin-email", "Boss@Initech.test")
    organization = Organization.objects.get(slug="initech")
    assert organization.name == "Initech"
    with tenant_context(organization):
        [invitation] = Invitation.objects.all()
    assert invitation.email == "boss@initech.test" and invitation.roles == [Role.ADMIN]
    assert invitation.invited_by is None
    link = out.strip().splitlines()[-1]
    assert link.startswith("http") and "/invitations/" in link
    [message] = mail.outbox
    assert link in message.body

    # The printed link works: the first admin sets a password and can open the members page.
    response = client.post(urlparse(link).path, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="boss@initech.test")
    with tenant_context(organization):
        assert Membership.objects.get(user=user).roles == [Role.ADMIN]
    assert client.get("/o/initech/members/").status_code == 200


@pytest.mark.parametrize(
    "args, message",
    [
        (["--slug", "acme", "--name", "Again", "--admin-email", "a@b.test"], "already exists"),
        (["--slug", "Bad Slug!", "--name", "X", "--admin-email", "a@b.test"], "slug"),
        (["--slug", "fine", "--name", "   ", "--admin-email", "a@b.test"], "name"),
        (["--slug", "fine", "--name", "Fine", "--admin-email", "not-an-email"], "email"),
    ],
)
def test_createorg_bad_input_is_a_clear_error_and_writes_nothing(org, args, message):
    organizations = set(Organization.objects.values_list("slug", flat=True))
    with pytest.raises(CommandError) as error:
        _run(*args)
    assert message in str(error.value)
    assert set(Organization.objects.values_list("slug", flat=True)) == organizations
    assert mail.outbox == []
