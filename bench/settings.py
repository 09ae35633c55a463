"""The application as deployed, pointed at the benchmark database (``xmhub_bench``): DEBUG off, quiet logs.

Same middleware, authentication, tenancy and row-level security as production; only the database name,
the secret and the log level differ. Redis comes from REDIS_URL (bench.run starts a private one).
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-0f9e8d7c6b5a")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from xmhub.settings.base import *  # noqa: E402,F403

BENCH_DB = os.environ.get("XMHUB_BENCH_DB", "xmhub_bench")
DATABASES["default"]["NAME"] = BENCH_DB  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
