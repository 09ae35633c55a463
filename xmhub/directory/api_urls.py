"""/api/v1/org-units/ and /api/v1/people/ (list, create, retrieve, update, delete, bulk)."""

from rest_framework.routers import SimpleRouter

from xmhub.directory.api import OrgUnitViewSet, PersonViewSet

router = SimpleRouter()
router.register("org-units", OrgUnitViewSet, basename="api-org-unit")
router.register("people", PersonViewSet, basename="api-person")

urlpatterns = router.urls
