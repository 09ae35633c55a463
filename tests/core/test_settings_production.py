"""Production settings: `manage.py check --deploy` is clean, and start-up refuses missing or weak secrets."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def _production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XMHUB_", "DJANGO_", "PYTEST"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "xmhub.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "xmhub.example.com",
            # check --deploy connects to neither server; nothing listens on port 1.
            "DATABASE_URL": "postgres://xmhub:secret@127.0.0.1:1/xmhub",
            "REDIS_URL": "redis://127.0.0.1:1/0",
        }
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _manage(*args, **overrides):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=_production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_it_refuses_to_start_without(missing):
    result = _manage("check", **{missing: None})

    assert result.returncode != 0
    assert f"Set the environment variable {missing}." in result.stderr


@pytest.mark.parametrize("weak", ["dev-only-not-secret-7a1f6c0e2b9d4e3f8a5b6c7d8e9f0a1b", "short-secret"])
def test_it_refuses_a_development_or_short_secret(weak):
    result = _manage("check", SECRET_KEY=weak)

    assert result.returncode != 0
    assert "SECRET_KEY must be a random value" in result.stderr


def test_production_forces_https_and_secure_cookies():
    probe = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.ALLOWED_HOSTS)"
    )
    result = _manage("shell", "--verbosity", "0", "-c", probe)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True True True True ['xmhub.example.com']"
