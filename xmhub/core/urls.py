from django.urls import path

from xmhub.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("o/<slug:org_slug>/", views.org_home, name="org_home"),
]
