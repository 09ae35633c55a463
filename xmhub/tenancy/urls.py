from django.urls import path

from xmhub.tenancy import views

# Mounted at /o/<org_slug>/settings/.
app_name = "tenancy"
urlpatterns = [
    path("", views.organization_settings, name="settings"),
]
