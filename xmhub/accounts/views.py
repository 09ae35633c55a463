from django.shortcuts import render

from xmhub.accounts.permissions import admin_required


@admin_required
def member_list(request, org_slug):
    return render(request, "accounts/member_list.html", {})


@admin_required
def invitation_list(request, org_slug):
    return render(request, "accounts/invitation_list.html", {})
