"""Resolve the organization of a request and run the view inside its tenant transaction.

Browser: ``/o/<slug>/…`` (the signed-in user must be a member, else 404). API: ``/api/v1/…`` with
``Authorization: Bearer <token>`` (the token's organization). Anything else runs with no tenant.
A response of 400 or more rolls the transaction back, so a failed request never half-writes.
"""

import re
import zoneinfo

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from xmhub.tenancy.context import tenant_context

ORG_PATH = re.compile(r"^/o/(?P<slug>[-\w]+)/")
API_PREFIX = "/api/v1/"


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        request.organization = None
        request.membership = None
        if path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        if path.startswith(API_PREFIX):
            return self._api(request)
        match = ORG_PATH.match(path)
        if match:
            return self._browser(request, match["slug"])
        user_id = request.user.pk if request.user.is_authenticated else None
        with tenant_context(None, user_id=user_id):
            return self._respond(request)

    def _respond(self, request):
        response = self.get_response(request)
        if response.status_code >= 400:
            transaction.set_rollback(True)
        return response

    def _browser(self, request, slug):
        from xmhub.accounts.selectors import membership_for
        from xmhub.tenancy.models import Organization

        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise Http404("No such organization.")
        with tenant_context(organization, actor=f"user:{user.pk}", actor_label=user.email, user_id=user.pk):
            membership = membership_for(user)
            if membership is None:
                raise Http404("No such organization.")
            if organization.require_mfa and not _has_mfa(user):
                return redirect("mfa_index")
            request.organization = organization
            request.membership = membership
            # Dates and times on pages and in forms are the organization's (kick-offs, audit filters…).
            with timezone.override(_zone(organization.time_zone)):
                return self._respond(request)

    def _api(self, request):
        from xmhub.apikeys.selectors import token_for_header

        found = token_for_header(request.headers.get("Authorization", ""))
        if found is None:
            request.api_token = None
            with tenant_context(None):
                return self._respond(request)
        token, organization = found
        request.api_token = token
        with tenant_context(organization, actor=f"token:{token.pk}", actor_label=f"API token {token.name}"):
            request.organization = organization
            token.touch()
            return self._respond(request)


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
