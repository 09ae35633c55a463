from django.urls import path

from xmhub.accounts import views

# Mounted at /o/<org_slug>/members/.
app_name = "accounts"
urlpatterns = [
    path("", views.member_list, name="member_list"),
    path("<int:pk>/", views.member_edit, name="member_edit"),
    path("<int:pk>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("<int:pk>/reactivate/", views.member_reactivate, name="member_reactivate"),
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/new/", views.invitation_create, name="invitation_create"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
]
