from django.urls import path

from xmhub.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("<slug:table>/<int:row_id>/", views.record_history, name="record"),
]
