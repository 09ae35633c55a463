"""GET /health/: 200 with the state of the database, Redis and Celery; 503 when the database or Redis is down."""

import time

import pytest
from django.db import OperationalError, connections

from xmhub.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_workers(monkeypatch):
    monkeypatch.setattr(app.control, "ping", lambda **kwargs: [])


def test_it_reports_every_part_up(client, monkeypatch):
    monkeypatch.setattr(app.control, "ping", lambda **kwargs: [{"celery@box": {"ok": "pong"}}])

    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] and body["redis"]["ok"]
    assert body["celery"] == {"ok": True, "workers": ["celery@box"], "ms": body["celery"]["ms"]}


def test_no_celery_worker_is_reported_but_still_healthy(client, no_workers):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["celery"]["ok"] is False


def test_without_a_worker_the_real_ping_answers_within_a_second(client):
    started = time.monotonic()
    response = client.get("/health/")

    assert time.monotonic() - started < 1.5
    assert response.status_code == 200
    assert response.json()["redis"]["ok"] is True


def test_it_answers_503_when_redis_is_down(client, settings, no_workers):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["redis"]["ok"] is False
    assert body["database"]["ok"] is True
    assert body["celery"]["ok"] is False


def test_it_answers_503_when_the_database_is_down(client, monkeypatch, no_workers):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    monkeypatch.setattr(connections["default"], "close", lambda: None)

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["database"] == {"ok": False, "error": "OperationalError", "ms": body["database"]["ms"]}
    assert body["redis"]["ok"] is True


def test_it_is_answered_before_https_redirects_and_host_checks(client, settings, no_workers):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["xmhub.example.com"]

    response = client.get("/health/", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_other_paths_still_go_through_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/health/extra")

    assert response.status_code == 301
