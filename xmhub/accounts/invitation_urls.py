# Invitation acceptance links (no organization in the URL: the signed token names it).
app_name = "invitations"
urlpatterns = []
