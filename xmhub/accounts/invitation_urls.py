from django.urls import path

from xmhub.accounts import views

# Invitation acceptance links (no organization in the URL: the signed token names it).
app_name = "invitations"
urlpatterns = [
    path("<str:token>/", views.invitation_accept, name="accept"),
]
