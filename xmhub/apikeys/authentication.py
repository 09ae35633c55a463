"""DRF side of API tokens. TenantMiddleware has already resolved the token and its organization."""

from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission


class BearerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        token = getattr(request._request, "api_token", None)
        if token is None:
            return None
        return (None, token)

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class HasOrganizationToken(BasePermission):
    message = "Send a valid API token: Authorization: Bearer <token>."

    def has_permission(self, request, view):
        return request.auth is not None
