"""/api/v1/ambassadors/… routes: terms (list, retrieve)."""

from rest_framework.routers import SimpleRouter

from ambassadors.api import TermViewSet

router = SimpleRouter()
router.register("terms", TermViewSet, basename="api-ambassador-term")

urlpatterns = router.urls
