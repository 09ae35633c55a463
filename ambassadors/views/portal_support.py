"""Ambassador portal: one Support page with office hours (book a place, cancel), 1:1 coaching with the term's
coach (book, cancel) and help requests (open one, follow its status). Everything is the signed-in user's own,
through their active term; another's booking, session or request is 404."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ambassadors.forms.support import BookForm, CoachingBookForm, HelpRequestForm, add_service_errors
from ambassadors.models import CoachingSession, OfficeHourBooking, OfficeHourSlot
from ambassadors.selectors import support as selectors
from ambassadors.services import support as services
from xmhub.accounts.permissions import role_required
from xmhub.accounts.roles import Role
from xmhub.core.errors import ApplicationError


def _page(request, term, *, status: int = 200, **forms):
    context = {
        "term": term,
        "help_requests": selectors.my_help_requests(user=request.user)[:50],
        "help_form": forms.get("help_form") or HelpRequestForm(),
        "coaching_form": forms.get("coaching_form") or CoachingBookForm(),
        "book_form": forms.get("book_form"),
        "book_slot": forms.get("book_slot"),
        "is_coach": selectors.is_coach(user=request.user),
    }
    if term is not None:
        context.update(
            {
                "slots": selectors.portal_slots(term=term)[:50],
                "bookings": selectors.my_bookings(term=term),
                "sessions": selectors.my_sessions(term=term),
            }
        )
    return render(request, "portal/support/support.html", context, status=status)


def _term_or_redirect(request):
    term = selectors.active_term_for_user(user=request.user)
    if term is None:
        messages.warning(request, "You need an active ambassador term for this.")
    return term


def _back(request, anchor: str = ""):
    return redirect(reverse("portal:support", kwargs={"org_slug": request.organization.slug}) + anchor)


@require_GET
@role_required(Role.AMBASSADOR)
def support(request, org_slug):
    return _page(request, selectors.active_term_for_user(user=request.user))


@require_POST
@role_required(Role.AMBASSADOR)
def office_hour_book(request, org_slug, pk):
    slot = get_object_or_404(OfficeHourSlot.objects.all(), pk=pk)
    term = _term_or_redirect(request)
    if term is None:
        return _back(request)
    form = BookForm(request.POST)
    if form.is_valid():
        try:
            services.office_hour_book(actor=request.user, slot=slot, term=term, topic=form.cleaned_data["topic"])
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Booked. See you there!")
            return _back(request, "#office-hours")
    return _page(request, term, status=400, book_form=form, book_slot=slot)


@require_POST
@role_required(Role.AMBASSADOR)
def office_hour_cancel(request, org_slug, pk):
    booking = get_object_or_404(OfficeHourBooking.objects.filter(term__person__user=request.user), pk=pk)
    try:
        services.office_hour_cancel(actor=request.user, booking=booking)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Booking cancelled.")
    return _back(request, "#office-hours")


@require_POST
@role_required(Role.AMBASSADOR)
def coaching_book(request, org_slug):
    term = _term_or_redirect(request)
    if term is None:
        return _back(request)
    form = CoachingBookForm(request.POST)
    if form.is_valid():
        try:
            services.coaching_session_book(
                actor=request.user, term=term, scheduled_at=form.cleaned_data["scheduled_at"]
            )
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Coaching session booked.")
            return _back(request, "#coaching")
    return _page(request, term, status=400, coaching_form=form)


@require_POST
@role_required(Role.AMBASSADOR)
def coaching_cancel(request, org_slug, pk):
    session = get_object_or_404(CoachingSession.objects.filter(term__person__user=request.user), pk=pk)
    try:
        services.coaching_session_cancel(actor=request.user, session=session)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Coaching session cancelled.")
    return _back(request, "#coaching")


@require_POST
@role_required(Role.AMBASSADOR)
def help_request_open(request, org_slug):
    term = _term_or_redirect(request)
    if term is None:
        return _back(request)
    form = HelpRequestForm(request.POST)
    if form.is_valid():
        try:
            services.help_request_open(actor=request.user, term=term, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Help request sent. The core team will get back to you.")
            return _back(request, "#help-requests")
    return _page(request, term, status=400, help_form=form)
