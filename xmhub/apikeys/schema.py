"""Tell drf-spectacular how API tokens are sent, so the schema documents it and Swagger's
"Authorize" button works."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "xmhub.apikeys.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An organization API token (created by an admin in the console or with "
            "`manage.py createtoken`): `Authorization: Bearer xmh_…`.",
        }
