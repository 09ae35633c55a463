"""Developer machine: `make run`. Debug on, a fixed development secret, console email."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-7a1f6c0e2b9d4e3f8a5b6c7d8e9f0a1b")
os.environ.setdefault("DEBUG", "true")

from xmhub.settings.base import *  # noqa: E402,F403
