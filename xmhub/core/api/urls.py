"""Every /api/v1/ route. Each app contributes its own urls module here."""

from django.urls import include, path

urlpatterns = [
    path("", include("xmhub.directory.api_urls")),
    path("ambassadors/", include("ambassadors.api_urls")),
]
