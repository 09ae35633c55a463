"""manage.py createtoken prints only the token, and the token works as a bearer token."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from xmhub.apikeys.models import ApiToken
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


def test_createtoken_prints_only_a_token_that_authenticates_the_api(client, org):
    out = StringIO()

    call_command("createtoken", "--org", "acme", "--name", "Workday", stdout=out)

    raw = out.getvalue().strip()
    assert raw.startswith("xmh_") and "\n" not in raw and " " not in raw
    with tenant_context(org):
        token = ApiToken.objects.get()
    assert token.name == "Workday" and raw.startswith(token.prefix) and raw not in token.token_hash

    response = client.get("/api/v1/people/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    response = client.post(
        "/api/v1/org-units/",
        {"external_id": "BU-1", "name": "Retail"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 201
    with tenant_context(org):
        from xmhub.audit.models import AuditEvent

        assert AuditEvent.objects.get(table_name="apikeys_apitoken").actor == "system:createtoken"


def test_createtoken_for_an_unknown_organization_fails(db):
    with pytest.raises(CommandError, match="No organization"):
        call_command("createtoken", "--org", "nope", "--name", "x", stdout=StringIO())


def test_createtoken_requires_a_name(org):
    with pytest.raises(CommandError):
        call_command("createtoken", "--org", "acme", "--name", " ", stdout=StringIO())
