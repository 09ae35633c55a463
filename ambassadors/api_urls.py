"""/api/v1/ambassadors/… routes."""
urlpatterns = []
