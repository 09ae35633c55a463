"""Where a request spends its time: ``python -m bench.profile`` (after ``make bench`` filled xmhub_bench).

Runs ``GET /api/v1/people/?page_size=50`` (as the row-level-security role, with a bearer token) and the
bare baseline ``GET /bare/people/?page_size=50`` (as the owner) in-process through Django's test client,
each in its own subprocess, N requests after a warm-up, and with ``--bulk`` one 10k-row bulk re-push;
prints the mean time per request, the SQL queries and the top functions by cumulative time (cProfile).
No server, no network.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bulk(requests: int, top: int) -> None:
    """One 10k-row re-push (every row unchanged) of the bench directory's first chunk, profiled."""
    import json

    from django.test import Client

    from bench.generators import bench_directory, people_chunks
    from xmhub.apikeys.services import api_token_create
    from xmhub.tenancy.context import tenant_context
    from xmhub.tenancy.models import Organization

    org = Organization.objects.get(slug="bench-api")
    with tenant_context(org, actor="system:bench"):
        _, raw = api_token_create(name="Benchmark profile")
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = json.dumps(people_chunks(bench_directory(), 10_000)[0])

    def post():
        response = client.post("/api/v1/people/bulk/", body, content_type="application/json")
        assert response.status_code == 200, response.content[:500]
        return response.json()

    post()
    started = time.perf_counter()
    for _ in range(requests):
        answer = post()
    mean_ms = (time.perf_counter() - started) / requests * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    post()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    print(f"== bulk re-push of 10,000 rows: {mean_ms:.0f} ms per request (mean of {requests}); answer {answer}")
    print(out.getvalue())


def _child(target: str, requests: int, top: int) -> None:
    if target == "bulk":
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:1/0")
        os.environ.pop("XMHUB_DB_OWNER", None)
        import django

        django.setup()
        return _bulk(max(1, requests // 50), top)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings" if target == "api" else "bench.bare_settings"
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:1/0")  # unused by these paths
    if target == "bare":
        os.environ["XMHUB_DB_OWNER"] = "1"
    else:
        os.environ.pop("XMHUB_DB_OWNER", None)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from xmhub.tenancy.models import Organization

    org = Organization.objects.get(slug="bench-api")
    client = Client(HTTP_HOST="127.0.0.1")
    if target == "api":
        from xmhub.apikeys.services import api_token_create
        from xmhub.tenancy.context import tenant_context

        with tenant_context(org, actor="system:bench"):
            _, raw = api_token_create(name="Benchmark profile")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
        url = "/api/v1/people/?page_size=50"
    else:
        os.environ["XMHUB_BENCH_ORG_ID"] = str(org.pk)
        url = "/bare/people/?page_size=50"

    for _ in range(10):
        assert client.get(url).status_code == 200
    queries: list[tuple[float, str]] = []

    def record(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - t0, sql))

    with connection.execute_wrapper(record):
        client.get(url)
    started = time.perf_counter()
    for _ in range(requests):
        client.get(url)
    mean_ms = (time.perf_counter() - started) / requests * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    print(f"== {target}: {url}: {mean_ms:.1f} ms per request (mean of {requests}), {len(queries)} queries")
    for seconds, sql in queries:
        print(f"   {seconds * 1000:6.1f} ms  {sql[:150]}")
    print(out.getvalue())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--bulk", action="store_true", help="also profile one 10k-row bulk re-push")
    parser.add_argument("--child", choices=["api", "bare", "bulk"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.requests, args.top)
        return 0
    for target in ("bare", "api", "bulk") if args.bulk else ("bare", "api"):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.profile",
                "--child",
                target,
                "--requests",
                str(args.requests),
                "--top",
                str(args.top),
            ],
            cwd=ROOT,
            check=True,
            timeout=900,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
