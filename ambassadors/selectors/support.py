"""Reads of the support pages: office-hour slots with their places taken, coaching sessions, help requests.
Each list is one query (places taken are a count annotation; bookings are prefetched once per page)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ambassadors.models import Coach, CoachingSession, HelpRequest, OfficeHourBooking, OfficeHourSlot, Term
from xmhub.accounts import roles
from xmhub.accounts.models import Membership

ACTIVE_BOOKINGS = Q(bookings__cancelled_at__isnull=True)


def active_term_for_user(*, user) -> Term | None:
    """The signed-in ambassador's active term (through their directory person), with its coach."""
    return (
        Term.objects.filter(person__user=user, status=Term.Status.ACTIVE)
        .select_related("person", "coach__person")
        .order_by("-starts_on")
        .first()
    )


def _with_taken(qs: QuerySet) -> QuerySet:
    return qs.annotate(taken=Count("bookings", filter=ACTIVE_BOOKINGS))


# --- console -------------------------------------------------------------------------------------------------


def slot_list(*, upcoming: bool = True) -> QuerySet[OfficeHourSlot]:
    now = timezone.now()
    qs = _with_taken(OfficeHourSlot.objects.select_related("host"))
    if upcoming:
        return qs.filter(ends_at__gte=now).order_by("starts_at")
    return qs.filter(ends_at__lt=now).order_by("-starts_at")


def slot_detail(*, pk: int) -> OfficeHourSlot:
    return get_object_or_404(_with_taken(OfficeHourSlot.objects.select_related("host")), pk=pk)


def slot_bookings(*, slot: OfficeHourSlot) -> QuerySet[OfficeHourBooking]:
    return (
        OfficeHourBooking.objects.filter(slot=slot).select_related("term__person").order_by("cancelled_at", "booked_at")
    )


def host_choices() -> QuerySet:
    """Members who can host office hours or take help requests: active program managers and admins."""
    members = Membership.objects.filter(is_active=True, roles__overlap=list(roles.CONSOLE)).values("user_id")
    return get_user_model().objects.filter(pk__in=members).order_by("email")


def coaching_sessions(*, user=None, upcoming: bool = True) -> QuerySet[CoachingSession]:
    """Sessions not cancelled, upcoming (or past, newest first); only ``user``'s coachees when given."""
    now = timezone.now()
    qs = CoachingSession.objects.filter(cancelled_at__isnull=True).select_related("term__person", "coach__person")
    if user is not None:
        qs = qs.filter(coach__person__user=user)
    return (
        qs.filter(scheduled_at__gte=now).order_by("scheduled_at")
        if upcoming
        else qs.filter(scheduled_at__lt=now).order_by("-scheduled_at")
    )


def coaching_session_for(*, user=None, pk: int) -> CoachingSession:
    qs = CoachingSession.objects.all()
    if user is not None:
        qs = qs.filter(coach__person__user=user)
    return get_object_or_404(qs, pk=pk)


def is_coach(*, user) -> bool:
    return Coach.objects.filter(person__user=user).exists()


def help_request_list(*, status: str = "") -> QuerySet[HelpRequest]:
    qs = HelpRequest.objects.select_related("term__person", "assigned_to").order_by("-created_at")
    return qs.filter(status=status) if status else qs


def help_request_counts() -> list[tuple[str, int]]:
    """[(status label, number of requests)] in status order, one query."""
    rows = HelpRequest.objects.order_by().values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in rows}
    return [(label, counts.get(value, 0)) for value, label in HelpRequest.Status.choices]


# --- portal --------------------------------------------------------------------------------------------------


def portal_slots(*, term: Term) -> QuerySet[OfficeHourSlot]:
    """Upcoming slots with a free place, or already booked by ``term`` (``mine``)."""
    mine = OfficeHourBooking.objects.filter(slot=OuterRef("pk"), term=term, cancelled_at__isnull=True)
    return (
        _with_taken(OfficeHourSlot.objects.select_related("host"))
        .annotate(mine=Exists(mine), free=F("capacity") - F("taken"))
        .filter(Q(taken__lt=F("capacity")) | Q(mine=True), starts_at__gt=timezone.now())
        .order_by("starts_at")
    )


def my_bookings(*, term: Term) -> QuerySet[OfficeHourBooking]:
    return (
        OfficeHourBooking.objects.filter(term=term, cancelled_at__isnull=True, slot__ends_at__gte=timezone.now())
        .select_related("slot__host")
        .order_by("slot__starts_at")
    )


def my_sessions(*, term: Term) -> QuerySet[CoachingSession]:
    return (
        CoachingSession.objects.filter(term=term, cancelled_at__isnull=True, scheduled_at__gte=timezone.now())
        .select_related("coach__person")
        .order_by("scheduled_at")
    )


def my_help_requests(*, user) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(term__person__user=user).select_related("assigned_to").order_by("-created_at")
