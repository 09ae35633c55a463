"""Writes of the support the core team offers ambassadors: office-hour slots and their bookings, 1:1 coaching
sessions, and help requests (e.g. data analysis support).

Every function works in the current organization, is atomic and raises ApplicationError with a field map for
anything the caller can fix. A booking locks its slot (SELECT … FOR UPDATE) before counting the places taken,
so two ambassadors racing for the last place cannot both get it. Notifications use reason keys, so a repeat
never sends twice. The audit trail is written by database triggers (``actor`` is the house signature).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import CoachingSession, HelpRequest, OfficeHourBooking, OfficeHourSlot, Term
from xmhub.core.errors import ApplicationError
from xmhub.notifications.services import Message, notifications_send
from xmhub.tenancy.context import current_organization


def _invalid(errors: dict, message: str = "Invalid input.") -> ApplicationError:
    return ApplicationError(message, errors=errors)


def _url(name: str, **kwargs) -> str:
    return reverse(name, kwargs={"org_slug": current_organization().slug, **kwargs})


def _require_active(term: Term) -> None:
    if term.status != Term.Status.ACTIVE:
        raise _invalid({"term": ["Only an active term can use this."]}, "Your term is not active.")


# --- office hours --------------------------------------------------------------------------------------------


@transaction.atomic
def office_hour_slot_create(
    *, actor, host, starts_at: datetime, ends_at: datetime, location: str = "", capacity: int = 1
) -> OfficeHourSlot:
    errors = {}
    if starts_at <= timezone.now():
        errors["starts_at"] = ["Choose a start in the future."]
    if ends_at <= starts_at:
        errors["ends_at"] = ["The end must be after the start."]
    if capacity is None or capacity < 1:
        errors["capacity"] = ["At least one place."]
    if errors:
        raise _invalid(errors)
    return OfficeHourSlot.objects.create(
        host=host, starts_at=starts_at, ends_at=ends_at, location=location.strip(), capacity=capacity
    )


@transaction.atomic
def office_hour_book(*, actor, slot: OfficeHourSlot, term: Term, topic: str = "") -> OfficeHourBooking:
    """Book a place on ``slot`` for ``term``. The slot row is locked first, so concurrent bookings queue and
    each sees the places the others took."""
    _require_active(term)
    slot = OfficeHourSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.starts_at <= timezone.now():
        raise _invalid({"slot": ["This slot has already started."]}, "This slot has already started.")
    active = OfficeHourBooking.objects.filter(slot=slot, cancelled_at__isnull=True)
    if active.filter(term=term).exists():
        raise _invalid({"slot": ["You have already booked this slot."]}, "You have already booked this slot.")
    if active.count() >= slot.capacity:
        raise _invalid({"slot": ["This slot is full. Choose another one."]}, "This slot is full.")
    booking = OfficeHourBooking.objects.create(slot=slot, term=term, topic=topic.strip())
    notifications_send(
        messages=[
            Message(
                recipient_id=slot.host_id,
                reason_key=f"office_hours:{slot.pk}:booked:{term.pk}",
                title="New office-hours booking",
                body=f"{term.person} booked your office hours on {timezone.localtime(slot.starts_at):%d %b %Y %H:%M}."
                + (f" Topic: {booking.topic}" if booking.topic else ""),
                url=_url("ambassadors:office_hour_detail", pk=slot.pk),
            )
        ]
    )
    return booking


@transaction.atomic
def office_hour_cancel(*, actor, booking: OfficeHourBooking) -> OfficeHourBooking:
    booking = OfficeHourBooking.objects.select_for_update().get(pk=booking.pk)
    if booking.cancelled_at is not None:
        raise _invalid({}, "This booking is already cancelled.")
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["cancelled_at"])
    return booking


# --- 1:1 coaching --------------------------------------------------------------------------------------------


@transaction.atomic
def coaching_session_book(*, actor, term: Term, scheduled_at: datetime) -> CoachingSession:
    _require_active(term)
    if term.coach_id is None:
        raise _invalid({"scheduled_at": ["You have no coach yet."]}, "You have no coach yet.")
    if scheduled_at is None or scheduled_at <= timezone.now():
        raise _invalid({"scheduled_at": ["Choose a date and time in the future."]})
    return CoachingSession.objects.create(term=term, coach_id=term.coach_id, scheduled_at=scheduled_at)


@transaction.atomic
def coaching_session_cancel(*, actor, session: CoachingSession) -> CoachingSession:
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    if session.cancelled_at is not None:
        raise _invalid({}, "This session is already cancelled.")
    session.cancelled_at = timezone.now()
    session.save(update_fields=["cancelled_at"])
    return session


@transaction.atomic
def coaching_session_set_notes(*, actor, session: CoachingSession, notes: str) -> CoachingSession:
    session.notes = notes.strip()
    session.save(update_fields=["notes"])
    return session


# --- help requests -------------------------------------------------------------------------------------------


@transaction.atomic
def help_request_open(*, actor, term: Term, subject: str, description: str) -> HelpRequest:
    _require_active(term)
    errors = {}
    if not subject.strip():
        errors["subject"] = ["Say what you need help with."]
    if not description.strip():
        errors["description"] = ["Describe what you need."]
    if errors:
        raise _invalid(errors)
    return HelpRequest.objects.create(term=term, subject=subject.strip(), description=description.strip())


@transaction.atomic
def help_request_update(*, actor, help_request: HelpRequest, status: str, assigned_to=None) -> HelpRequest:
    """Assign and move a request; the ambassador hears of each status it reaches (once per status)."""
    if status not in HelpRequest.Status.values:
        raise _invalid({"status": ["Choose a valid status."]})
    help_request = (
        HelpRequest.objects.select_for_update(of=("self",)).select_related("term__person").get(pk=help_request.pk)
    )
    changed = status != help_request.status
    help_request.status = status
    help_request.assigned_to = assigned_to
    if status == HelpRequest.Status.RESOLVED:
        help_request.resolved_at = help_request.resolved_at or timezone.now()
    else:
        help_request.resolved_at = None
    help_request.save(update_fields=["status", "assigned_to", "resolved_at"])
    user_id = help_request.term.person.user_id
    if changed and user_id is not None:
        label = HelpRequest.Status(status).label.lower()
        notifications_send(
            messages=[
                Message(
                    recipient_id=user_id,
                    reason_key=f"help_request:{help_request.pk}:{status}",
                    title=f"Your help request is {label}",
                    body=f"“{help_request.subject}” is now {label}.",
                    url=_url("portal:support") + "#help-requests",
                )
            ]
        )
    return help_request
