"""The baseline server of the list benchmark: one bare DRF list view, nothing else in the request path.

No session, CSRF, authentication or tenant middleware, no authentication or permission classes, no
filters. The process runs as the database owner (XMHUB_DB_OWNER=1, set by bench.run), so row-level
security does not apply either. Used by bench.run only; never mounted in the application.
"""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
# allauth (an installed app) insists on its middleware; it does nothing for this path.
MIDDLEWARE = ["django.middleware.common.CommonMiddleware", "allauth.account.middleware.AccountMiddleware"]
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": [],
    "DEFAULT_THROTTLE_CLASSES": [],
}
