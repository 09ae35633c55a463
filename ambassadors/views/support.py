"""Console of the support the core team offers: office-hour slots and their bookings, upcoming 1:1 coaching
sessions (program managers see all; a coach sees their own coachees'), and help requests (roles.CONSOLE)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ambassadors.forms.support import (
    HelpRequestFilterForm,
    HelpRequestUpdateForm,
    NotesForm,
    SlotForm,
    add_service_errors,
)
from ambassadors.models import HelpRequest
from ambassadors.selectors import support as selectors
from ambassadors.services import support as services
from xmhub.accounts import roles
from xmhub.accounts.permissions import has_role, role_required
from xmhub.core.errors import ApplicationError

PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
@role_required(*roles.CONSOLE)
def office_hours(request, org_slug):
    """Upcoming slots with places taken, and the form to add one (POST creates; bad input → 400)."""
    status = 200
    if request.method == "POST":
        form = SlotForm(request.POST)
        if form.is_valid():
            try:
                slot = services.office_hour_slot_create(actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Office-hours slot added.")
                return redirect("ambassadors:office_hour_detail", org_slug=request.organization.slug, pk=slot.pk)
        status = 400
    else:
        form = SlotForm(initial={"host": request.user.pk, "capacity": 1})
    past = request.GET.get("show") == "past"
    page = Paginator(selectors.slot_list(upcoming=not past), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "ambassadors/support/office_hours.html",
        {"form": form, "page_obj": page, "slots": page.object_list, "past": past},
        status=status,
    )


@require_GET
@role_required(*roles.CONSOLE)
def office_hour_detail(request, org_slug, pk):
    slot = selectors.slot_detail(pk=pk)
    return render(
        request,
        "ambassadors/support/office_hour_detail.html",
        {"slot": slot, "bookings": selectors.slot_bookings(slot=slot)},
    )


def _coach_scope(request):
    """None for program managers (every session), the user for a coach (their own), else 403."""
    if has_role(request, *roles.CONSOLE):
        return None
    if selectors.is_coach(user=request.user):
        return request.user
    raise PermissionDenied("Only program managers and coaches see coaching sessions.")


@require_GET
def coaching_sessions(request, org_slug):
    scope = _coach_scope(request)
    past = request.GET.get("show") == "past"
    page = Paginator(selectors.coaching_sessions(user=scope, upcoming=not past), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "ambassadors/support/coaching_sessions.html",
        {"page_obj": page, "sessions": page.object_list, "past": past, "is_console": scope is None},
    )


@require_POST
def coaching_session_notes(request, org_slug, pk):
    scope = _coach_scope(request)
    session = selectors.coaching_session_for(user=scope, pk=pk)
    form = NotesForm(request.POST)
    if form.is_valid():
        services.coaching_session_set_notes(actor=request.user, session=session, notes=form.cleaned_data["notes"])
        messages.success(request, "Notes saved.")
    else:
        messages.error(request, "Notes not saved: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("ambassadors:coaching_sessions", org_slug=request.organization.slug)


@require_GET
@role_required(*roles.CONSOLE)
def help_request_list(request, org_slug):
    form = HelpRequestFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(selectors.help_request_list(status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "ambassadors/support/help_request_list.html",
        {
            "form": form,
            "page_obj": page,
            "requests": page.object_list,
            "status": status,
            "counts": selectors.help_request_counts(),
            "members": list(selectors.host_choices()),
            "statuses": HelpRequest.Status.choices,
        },
    )


@require_POST
@role_required(*roles.CONSOLE)
def help_request_update(request, org_slug, pk):
    help_request = get_object_or_404(HelpRequest.objects.all(), pk=pk)
    form = HelpRequestUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.help_request_update(
                actor=request.user,
                help_request=help_request,
                status=form.cleaned_data["status"],
                assigned_to=form.cleaned_data["assigned_to"],
            )
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Help request updated.")
            return redirect("ambassadors:help_request_list", org_slug=request.organization.slug)
    filter_form = HelpRequestFilterForm()
    page = Paginator(selectors.help_request_list(), PAGE_SIZE).get_page(1)
    return render(
        request,
        "ambassadors/support/help_request_list.html",
        {
            "form": filter_form,
            "page_obj": page,
            "requests": page.object_list,
            "status": "",
            "counts": selectors.help_request_counts(),
            "members": list(selectors.host_choices()),
            "statuses": HelpRequest.Status.choices,
            "update_form": form,
            "update_pk": help_request.pk,
        },
        status=400,
    )
