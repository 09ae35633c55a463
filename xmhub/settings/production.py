"""Production: secrets and servers required from the environment, HTTPS everywhere.

Refuses to start without SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL (no embedded servers in
production), or with the development/test secret. ``manage.py check --deploy`` is clean with these set.
"""

from django.core.exceptions import ImproperlyConfigured

from xmhub.settings.env import env_bool, env_int, env_list, env_str

# Read before base: base would otherwise fall back to the embedded PostgreSQL and Redis.
_SECRET_KEY = env_str("SECRET_KEY")
if _SECRET_KEY.startswith(("dev-only-", "test-only-")) or len(_SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be a random value of at least 50 characters in production.")
env_str("DATABASE_URL")
env_str("REDIS_URL")
env_str("ALLOWED_HOSTS")

from xmhub.settings.base import *  # noqa: E402,F403

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

# HTTPS: behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Mail goes out over SMTP unless told otherwise (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, ...).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
