"""Fast, isolated test settings: MD5 hasher, in-memory email, temporary media."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from xmhub.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="xmhub-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test run gets its own cache namespace so rate limits from one test never leak into another.
CACHES["default"]["KEY_PREFIX"] = f"xmhub-test-{os.getpid()}"  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
ACCOUNT_RATE_LIMITS = False  # allauth merges a dict with its defaults; False turns them off
# Parallel sessions can each use their own test database: XMHUB_TEST_DB=test_xmhub_api pytest …
if os.environ.get("XMHUB_TEST_DB"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["XMHUB_TEST_DB"]}  # noqa: F405
# Tasks of this test process go to its own queue: a `make run` worker on the same Redis never takes them.
CELERY_TASK_DEFAULT_QUEUE = f"xmhub-test-{os.getpid()}"
