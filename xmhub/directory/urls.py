from django.urls import path

from xmhub.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("org-units/", views.orgunit_list, name="orgunit_list"),
    path("org-units/<int:pk>/", views.orgunit_detail, name="orgunit_detail"),
]
