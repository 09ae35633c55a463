from django.urls import path

from xmhub.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.member_list, name="member_list"),
    path("invitations/", views.invitation_list, name="invitation_list"),
]
