from django.urls import include, path

from xmhub.core import health, views

# Everything under /o/<org_slug>/ runs inside that organization (TenantMiddleware).
org_patterns = [
    path("", views.org_home, name="org_home"),
    path("directory/", include("xmhub.directory.urls")),
    path("members/", include("xmhub.accounts.urls")),
    path("settings/api-tokens/", include("xmhub.apikeys.urls")),
    path("audit/", include("xmhub.audit.urls")),
    path("settings/", include("xmhub.tenancy.urls")),
    path("ambassadors/", include("ambassadors.urls.console")),
    path("portal/", include("ambassadors.urls.portal")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health.health, name="health"),
    path("invitations/", include("xmhub.accounts.invitation_urls")),
    path("links/", include("ambassadors.urls.public")),
    path("o/<slug:org_slug>/", include(org_patterns)),
]
