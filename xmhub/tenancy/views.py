from django.contrib import messages
from django.shortcuts import redirect, render

from xmhub.accounts.forms import add_application_error
from xmhub.accounts.permissions import admin_required
from xmhub.core.errors import ApplicationError
from xmhub.tenancy.forms import OrganizationSettingsForm
from xmhub.tenancy.services import organization_update


@admin_required
def organization_settings(request, org_slug):
    organization = request.organization
    form = OrganizationSettingsForm(
        request.POST if request.method == "POST" else None, initial=OrganizationSettingsForm.initial_for(organization)
    )
    if request.method == "POST" and form.is_valid():
        try:
            organization_update(actor=request.user, organization=organization, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Organization settings saved.")
            return redirect("tenancy:settings", org_slug=org_slug)
    status = 400 if form.is_bound else 200
    return render(request, "tenancy/settings.html", {"form": form}, status=status)
