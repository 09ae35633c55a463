"""``GET /health/``: is this instance able to serve? JSON state of the database, Redis and Celery.

200 when the database and Redis answer, 503 when either does not. Celery is reported (a worker ping with
a short timeout) but does not fail the check: the web can serve while workers restart. The whole check
is bounded to about a second.

``HealthCheckMiddleware`` answers the path first in the middleware stack, so a load balancer or container
health check gets the real state: no HTTPS redirect, no session, no host check, and no request transaction
that would fail before the view when the database is down.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import connections
from django.http import JsonResponse

logger = logging.getLogger(__name__)

HEALTH_PATH = "/health/"
REDIS_TIMEOUT = 0.3  # seconds, connect and read
CELERY_PING_TIMEOUT = 0.5  # seconds; returns at the first worker's reply


def _timed(check) -> dict:
    started = time.monotonic()
    try:
        state = check()
    except Exception as exc:
        # Any failure is "down". The reason goes to the log; the public answer names only its kind.
        logger.warning("health check %s failed: %s", check.__name__, exc)
        state = {"ok": False, "error": type(exc).__name__}
    state["ms"] = round((time.monotonic() - started) * 1000, 1)
    return state


def check_database() -> dict:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        connection.close()  # reconnect on the next request rather than reuse a broken connection
        raise
    return {"ok": True}


def check_redis() -> dict:
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
    )
    try:
        client.ping()
    finally:
        client.close()
    return {"ok": True}


def check_celery() -> dict:
    from xmhub.celery import app

    replies = app.control.ping(timeout=CELERY_PING_TIMEOUT, limit=1)
    workers = sorted(name for reply in replies for name in reply)
    return {"ok": bool(workers), "workers": workers}


def health_state() -> tuple[int, dict]:
    database = _timed(check_database)
    redis_state = _timed(check_redis)
    # No broker, no ping: skip it rather than wait on connection retries.
    celery = _timed(check_celery) if redis_state["ok"] else {"ok": False, "error": "broker unreachable"}
    healthy = database["ok"] and redis_state["ok"]
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": database,
        "redis": redis_state,
        "celery": celery,
    }
    return (200 if healthy else 503), body


def health(request):
    status, body = health_state()
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answer ``GET /health/`` before anything that needs the database or HTTPS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health(request)
        return self.get_response(request)
