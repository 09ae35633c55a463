"""API token pages (admins): list, create (the raw token is shown once, in the creation response), revoke."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from xmhub.accounts.permissions import admin_required
from xmhub.apikeys import selectors, services
from xmhub.apikeys.forms import ApiTokenForm


def _api_base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/") if request else settings.XMHUB_BASE_URL


@require_GET
@admin_required
def token_list(request, org_slug):
    return render(
        request, "apikeys/token_list.html", {"tokens": selectors.api_token_list(), "api_base": _api_base(request)}
    )


@never_cache
@require_http_methods(["GET", "POST"])
@admin_required
def token_create(request, org_slug):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = services.api_token_create(name=form.cleaned_data["name"], created_by=request.user)
        # Rendered, not redirected: the raw value lives only in this response (never in a session or URL).
        return render(
            request, "apikeys/token_created.html", {"token": token, "raw_token": raw, "api_base": _api_base(request)}
        )
    return render(request, "apikeys/token_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@admin_required
def token_revoke(request, org_slug, pk):
    token = selectors.api_token_detail(pk=pk)
    if request.method == "POST":
        if token.is_active:
            services.api_token_revoke(token=token)
            messages.success(request, f"Revoked “{token.name}”. Requests with it are now refused.")
        return redirect("apikeys:list", org_slug=org_slug)
    return render(request, "apikeys/token_revoke.html", {"token": token})
