"""Signing in with allauth: email and password, throttling, password reset, two-factor, required MFA."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from xmhub.tenancy.context import tenant_context
from xmhub.tenancy.models import Organization

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's


def _current_code(secret):
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_sign_in_with_email_and_password(client, admin_user):
    page = client.get(reverse("account_login"))
    assert page.status_code == 200
    assert b"Sign in" in page.content
    response = client.post(reverse("account_login"), {"login": "ADMIN@acme.test", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == admin_user.pk


def test_a_wrong_password_does_not_sign_in(client, admin_user):
    response = client.post(reverse("account_login"), {"login": "admin@acme.test", "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_are_throttled_through_the_cache(client, org):
    """Test settings switch rate limits off; here one is switched back on (Redis, as in production)."""
    from tests.factories import UserFactory

    user = UserFactory(email="throttled@example.test")
    with override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/key"}):
        for _ in range(3):
            response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
            assert "Too many" not in response.content.decode()
        # Past the limit even the right password is refused for this address.
        response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_email_with_a_link_that_sets_a_new_password(
    client, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "admin@acme.test"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["admin@acme.test"]
    link = next(word for word in message.body.split() if "/accounts/password/reset/key/" in word)
    path = link[link.index("/accounts/") :]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    new = "a brand new passphrase 7"
    response = client.post(form_path, {"password1": new, "password2": new})
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.check_password(new)


def _sign_in_and_confirm_password(client):
    client.post(reverse("account_login"), {"login": "admin@acme.test", "password": PASSWORD})
    # allauth asks for the password again before two-factor changes.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(response["Location"]).status_code == 200
    assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302


def test_two_factor_pages_are_reachable_in_our_layout(client, admin_user):
    _sign_in_and_confirm_password(client)
    index = client.get(reverse("mfa_index"))
    assert index.status_code == 200
    assert b"css/app.css" in index.content  # rendered inside the XM Hub shell
    assert b'class="card"' in index.content
    activate = client.get(reverse("mfa_activate_totp"))
    assert activate.status_code == 200
    assert b"data:image/svg+xml" in activate.content


def test_activating_totp_then_signing_in_asks_for_the_code(client, admin_user):
    _sign_in_and_confirm_password(client)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=admin_user, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=admin_user, type=Authenticator.Type.RECOVERY_CODES).exists()
    client.post(reverse("account_logout"))

    response = client.post(reverse("account_login"), {"login": "admin@acme.test", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("mfa_authenticate")).status_code == 200
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    # A recovery code completes the sign-in.
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes(Authenticator.objects.get(user=admin_user, type=Authenticator.Type.RECOVERY_CODES))
    response = client.post(reverse("mfa_authenticate"), {"code": codes.get_unused_codes()[0]})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == admin_user.pk


def test_an_organization_that_requires_mfa_sends_members_without_it_to_set_it_up(login, org, viewer):
    with tenant_context(org):
        Organization.objects.filter(pk=org.pk).update(require_mfa=True)
    client = login(viewer)
    response = client.get(reverse("org_home", kwargs={"org_slug": "acme"}))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    response = client.get(reverse("accounts:member_list", kwargs={"org_slug": "acme"}))
    assert response["Location"] == reverse("mfa_index")
    assert b"Acme Bank requires two-factor authentication" in client.get(response["Location"]).content

    TOTP.activate(viewer, generate_totp_secret())
    assert client.get(reverse("org_home", kwargs={"org_slug": "acme"})).status_code == 200


def test_an_organization_without_the_requirement_lets_members_in_without_mfa(login, org, viewer):
    assert login(viewer).get(reverse("org_home", kwargs={"org_slug": "acme"})).status_code == 200


def test_production_settings_keep_sessions_and_cookies_secure():
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://u:p@localhost:5432/x",
        "REDIS_URL": "redis://localhost:6379/0",
        "ALLOWED_HOSTS": "xmhub.example",
        "DJANGO_SETTINGS_MODULE": "xmhub.settings.production",
    }
    code = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.DEBUG, "
        "s.SESSION_COOKIE_SAMESITE, bool(s.ACCOUNT_RATE_LIMITS), s.CACHES['default']['BACKEND'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [
        "True",
        "True",
        "True",
        "True",
        "True",
        "False",
        "Lax",
        "True",
        "django.core.cache.backends.redis.RedisCache",
    ]
