"""Support the core team offers ambassadors: office hours (slots, bookings), 1:1 coaching, help requests —
the services, the console pages (program managers, coaches) and the portal Support page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import CoachingSession, HelpRequest, OfficeHourBooking, OfficeHourSlot
from ambassadors.services import support as services
from tests.factories import MembershipFactory, UserFactory
from tests.factories.ambassadors_terms import AmbassadorTermFactory, CoachWithLoginFactory, PersonWithLoginFactory
from xmhub.accounts.roles import Role
from xmhub.core.errors import ApplicationError
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


def _console(org, name, **kwargs):
    return reverse(f"ambassadors:{name}", kwargs={"org_slug": org.slug, **kwargs})


def _portal(org, name, **kwargs):
    return reverse(f"portal:{name}", kwargs={"org_slug": org.slug, **kwargs})


def _local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def _slot(host, *, capacity=1, days=3, **kwargs) -> OfficeHourSlot:
    starts = timezone.now() + timedelta(days=days)
    return OfficeHourSlot.objects.create(
        host=host,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        capacity=capacity,
        location=kwargs.get("location", "Room 1"),
    )


def _ambassador(org, user=None, **kwargs):
    """An active term whose person signs in as ``user`` (a new ambassador member when not given)."""
    if user is None:
        user = UserFactory()
        MembershipFactory(organization=org, user=user, roles=[Role.AMBASSADOR])
    return AmbassadorTermFactory(person=PersonWithLoginFactory(user=user), **kwargs)


@pytest.fixture
def term(org, ambassador_user):
    with tenant_context(org):
        return _ambassador(org, ambassador_user, coach=CoachWithLoginFactory())


@pytest.fixture
def slot(org, program_manager):
    with tenant_context(org):
        return _slot(program_manager)


def _notifications(org, key):
    with tenant_context(org):
        return list(Notification.objects.filter(reason_key=key).values_list("recipient_id", flat=True))


# --- office hours --------------------------------------------------------------------------------------------


def test_program_manager_creates_a_slot_and_sees_its_bookings(org, program_manager, login):
    client = login(program_manager)
    starts = timezone.now() + timedelta(days=2)
    response = client.post(
        _console(org, "office_hours"),
        {
            "host": program_manager.pk,
            "starts_at": _local(starts),
            "ends_at": _local(starts + timedelta(hours=1)),
            "location": "https://meet.example.test/xm",
            "capacity": "3",
        },
    )
    assert response.status_code == 302
    with tenant_context(org):
        slot = OfficeHourSlot.objects.get()
        assert (slot.host_id, slot.capacity, slot.location) == (program_manager.pk, 3, "https://meet.example.test/xm")
        term = _ambassador(org)
        services.office_hour_book(actor=None, slot=slot, term=term, topic="NPS drivers")
    response = client.get(_console(org, "office_hour_detail", pk=slot.pk))
    assert response.status_code == 200
    assert term.person.full_name in response.text and "NPS drivers" in response.text
    response = client.get(_console(org, "office_hours"))
    assert [s.taken for s in response.context["slots"]] == [1]


def test_bad_slot_input_answers_400_with_field_errors_and_writes_nothing(org, program_manager, login):
    client = login(program_manager)
    starts = timezone.now() + timedelta(days=2)
    response = client.post(
        _console(org, "office_hours"),
        {
            "host": program_manager.pk,
            "starts_at": _local(starts),
            "ends_at": _local(starts - timedelta(hours=1)),
            "capacity": "1",
        },
    )
    assert response.status_code == 400 and "ends_at" in response.context["form"].errors
    response = client.post(
        _console(org, "office_hours"), {"host": program_manager.pk, "starts_at": "soon", "ends_at": "", "capacity": "0"}
    )
    assert response.status_code == 400
    assert {"starts_at", "ends_at", "capacity"} <= set(response.context["form"].errors)
    with tenant_context(org):
        assert not OfficeHourSlot.objects.exists()


def test_ambassador_books_cancels_and_a_full_slot_is_refused(org, term, slot, program_manager, login):
    client = login(term.person.user)
    response = client.get(_portal(org, "support"))
    assert response.status_code == 200 and [s.pk for s in response.context["slots"]] == [slot.pk]
    response = client.post(_portal(org, "office_hour_book", pk=slot.pk), {"topic": "Survey design"})
    assert response.status_code == 302
    with tenant_context(org):
        booking = OfficeHourBooking.objects.get()
        assert (booking.term_id, booking.topic, booking.cancelled_at) == (term.pk, "Survey design", None)
    assert _notifications(org, f"office_hours:{slot.pk}:booked:{term.pk}") == [program_manager.pk]

    # The slot (one place) is now full: another ambassador is refused, with a message, nothing written.
    with tenant_context(org):
        other = _ambassador(org)
    other_client = login(other.person.user)
    assert list(other_client.get(_portal(org, "support")).context["slots"]) == []
    response = other_client.post(_portal(org, "office_hour_book", pk=slot.pk), {"topic": ""})
    assert response.status_code == 400 and "This slot is full" in response.text
    with tenant_context(org):
        assert OfficeHourBooking.objects.count() == 1

    # Booking twice is refused; cancelling frees the place.
    client = login(term.person.user)
    assert client.post(_portal(org, "office_hour_book", pk=slot.pk), {}).status_code == 400
    assert client.post(_portal(org, "office_hour_cancel", pk=booking.pk)).status_code == 302
    with tenant_context(org):
        booking.refresh_from_db()
        assert booking.cancelled_at is not None
    response = login(other.person.user).post(_portal(org, "office_hour_book", pk=slot.pk), {})
    assert response.status_code == 302
    with tenant_context(org):
        assert OfficeHourBooking.objects.filter(cancelled_at__isnull=True).get().term_id == other.pk


def test_booking_a_full_slot_in_the_service_raises_and_writes_nothing(in_org, program_manager):
    slot = _slot(program_manager, capacity=2)
    first, second, third = (_ambassador(in_org) for _ in range(3))
    services.office_hour_book(actor=None, slot=slot, term=first)
    services.office_hour_book(actor=None, slot=slot, term=second)
    with pytest.raises(ApplicationError) as exc:
        services.office_hour_book(actor=None, slot=slot, term=third)
    assert "slot" in exc.value.errors
    assert OfficeHourBooking.objects.filter(slot=slot).count() == 2
    # Notifications use the reason key: a repeat of the same booking never notifies twice.
    assert Notification.objects.filter(reason_key__startswith=f"office_hours:{slot.pk}:booked:").count() == 2


# --- coaching ------------------------------------------------------------------------------------------------


def test_ambassador_books_and_cancels_a_coaching_session_and_the_past_is_refused(org, term, login):
    client = login(term.person.user)
    when = timezone.now() + timedelta(days=5)
    response = client.post(_portal(org, "coaching_book"), {"scheduled_at": _local(when)})
    assert response.status_code == 302
    with tenant_context(org):
        session = CoachingSession.objects.get()
        assert (session.term_id, session.coach_id) == (term.pk, term.coach_id)
    response = client.post(_portal(org, "coaching_book"), {"scheduled_at": _local(timezone.now() - timedelta(days=1))})
    assert response.status_code == 400 and "scheduled_at" in response.context["coaching_form"].errors
    response = client.post(_portal(org, "coaching_book"), {"scheduled_at": "tomorrow"})
    assert response.status_code == 400 and "scheduled_at" in response.context["coaching_form"].errors
    with tenant_context(org):
        assert CoachingSession.objects.count() == 1
    assert client.post(_portal(org, "coaching_cancel", pk=session.pk)).status_code == 302
    with tenant_context(org):
        session.refresh_from_db()
        assert session.cancelled_at is not None


def test_without_a_coach_no_session_can_be_booked(org, ambassador_user, login):
    with tenant_context(org):
        _ambassador(org, ambassador_user)
    client = login(ambassador_user)
    response = client.post(_portal(org, "coaching_book"), {"scheduled_at": _local(timezone.now() + timedelta(days=2))})
    assert response.status_code == 400
    with tenant_context(org):
        assert not CoachingSession.objects.exists()


def test_the_coach_and_program_managers_see_upcoming_sessions_and_add_notes(org, term, program_manager, viewer, login):
    coach_user = term.coach.person.user
    MembershipFactory(organization=org, user=coach_user, roles=[Role.VIEWER])
    with tenant_context(org):
        session = CoachingSession.objects.create(
            term=term, coach=term.coach, scheduled_at=timezone.now() + timedelta(days=1)
        )
        other_term = _ambassador(org, coach=CoachWithLoginFactory())
        foreign = CoachingSession.objects.create(
            term=other_term, coach=other_term.coach, scheduled_at=timezone.now() + timedelta(days=2)
        )
    client = login(coach_user)
    response = client.get(_console(org, "coaching_sessions"))
    assert response.status_code == 200 and [s.pk for s in response.context["sessions"]] == [session.pk]
    assert (
        client.post(_console(org, "coaching_session_notes", pk=session.pk), {"notes": "Goals for Q3"}).status_code
        == 302
    )
    # Another coach's session is not theirs.
    assert client.post(_console(org, "coaching_session_notes", pk=foreign.pk), {"notes": "x"}).status_code == 404
    response = login(program_manager).get(_console(org, "coaching_sessions"))
    assert [s.pk for s in response.context["sessions"]] == [session.pk, foreign.pk]
    assert login(viewer).get(_console(org, "coaching_sessions")).status_code == 403
    with tenant_context(org):
        session.refresh_from_db()
        foreign.refresh_from_db()
        assert (session.notes, foreign.notes) == ("Goals for Q3", "")


# --- help requests -------------------------------------------------------------------------------------------


def test_help_request_lifecycle_notifies_the_ambassador_once_per_status(org, term, program_manager, login):
    client = login(term.person.user)
    response = client.post(_portal(org, "help_request_open"), {"subject": "", "description": ""})
    assert response.status_code == 400
    assert set(response.context["help_form"].errors) == {"subject", "description"}
    with tenant_context(org):
        assert not HelpRequest.objects.exists()
    response = client.post(
        _portal(org, "help_request_open"),
        {"subject": "Data analysis support", "description": "Help me read the pulse results."},
    )
    assert response.status_code == 302
    with tenant_context(org):
        request = HelpRequest.objects.get()
        assert (request.term_id, request.status) == (term.pk, "open")

    pm = login(program_manager)
    url = _console(org, "help_request_update", pk=request.pk)
    assert pm.post(url, {"status": "in_progress", "assigned_to": program_manager.pk}).status_code == 302
    assert pm.post(url, {"status": "in_progress", "assigned_to": program_manager.pk}).status_code == 302
    assert _notifications(org, f"help_request:{request.pk}:in_progress") == [term.person.user_id]
    response = pm.get(_console(org, "help_request_list") + "?status=in_progress")
    assert [r.pk for r in response.context["requests"]] == [request.pk]
    assert list(pm.get(_console(org, "help_request_list") + "?status=resolved").context["requests"]) == []

    assert pm.post(url, {"status": "resolved", "assigned_to": program_manager.pk}).status_code == 302
    with tenant_context(org):
        request.refresh_from_db()
        assert (request.status, request.assigned_to_id) == ("resolved", program_manager.pk)
        assert request.resolved_at is not None
        assert Notification.objects.filter(reason_key__startswith=f"help_request:{request.pk}:").count() == 2
    assert _notifications(org, f"help_request:{request.pk}:resolved") == [term.person.user_id]

    response = pm.post(url, {"status": "closed", "assigned_to": ""})
    assert response.status_code == 400 and "status" in response.context["update_form"].errors
    with tenant_context(org):
        request.refresh_from_db()
        assert request.status == "resolved"
    response = login(term.person.user).get(_portal(org, "support"))
    assert [r.pk for r in response.context["help_requests"]] == [request.pk] and "Resolved" in response.text


# --- permissions and tenancy ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["ambassador_user", "viewer", "executive", "manager_user"])
def test_console_pages_are_for_program_managers(org, term, slot, persona, request, login):
    client = login(request.getfixturevalue(persona))
    with tenant_context(org):
        help_request = HelpRequest.objects.create(term=term, subject="s", description="d")
    assert client.get(_console(org, "office_hours")).status_code == 403
    assert client.post(_console(org, "office_hours"), {}).status_code == 403
    assert client.get(_console(org, "office_hour_detail", pk=slot.pk)).status_code == 403
    assert client.get(_console(org, "help_request_list")).status_code == 403
    assert (
        client.post(_console(org, "help_request_update", pk=help_request.pk), {"status": "resolved"}).status_code == 403
    )
    with tenant_context(org):
        assert HelpRequest.objects.get().status == "open"


@pytest.mark.parametrize("persona", ["program_manager", "viewer", "executive"])
def test_the_portal_support_page_is_for_ambassadors(org, slot, persona, request, login):
    client = login(request.getfixturevalue(persona))
    assert client.get(_portal(org, "support")).status_code == 403
    assert client.post(_portal(org, "office_hour_book", pk=slot.pk), {}).status_code == 403
    assert client.post(_portal(org, "help_request_open"), {"subject": "s", "description": "d"}).status_code == 403
    with tenant_context(org):
        assert not OfficeHourBooking.objects.exists() and not HelpRequest.objects.exists()


def test_an_ambassador_without_an_active_term_sees_an_empty_state(org, ambassador_user, slot, login):
    client = login(ambassador_user)
    response = client.get(_portal(org, "support"))
    assert response.status_code == 200 and "You need an active term" in response.text
    assert client.post(_portal(org, "office_hour_book", pk=slot.pk), {}).status_code == 302
    with tenant_context(org):
        assert not OfficeHourBooking.objects.exists()


def test_another_ambassadors_booking_or_session_is_404(org, term, slot, login):
    with tenant_context(org):
        other = _ambassador(org, coach=term.coach)
        booking = services.office_hour_book(actor=None, slot=slot, term=other)
        session = CoachingSession.objects.create(
            term=other, coach=term.coach, scheduled_at=timezone.now() + timedelta(days=1)
        )
    client = login(term.person.user)
    assert client.post(_portal(org, "office_hour_cancel", pk=booking.pk)).status_code == 404
    assert client.post(_portal(org, "coaching_cancel", pk=session.pk)).status_code == 404
    with tenant_context(org):
        booking.refresh_from_db()
        session.refresh_from_db()
        assert booking.cancelled_at is None and session.cancelled_at is None


def test_another_organizations_admin_gets_404_on_every_route(org, term, slot, outsider, login):
    with tenant_context(org):
        booking = services.office_hour_book(actor=None, slot=slot, term=term)
        session = CoachingSession.objects.create(
            term=term, coach=term.coach, scheduled_at=timezone.now() + timedelta(days=1)
        )
        help_request = HelpRequest.objects.create(term=term, subject="s", description="d")
    client = login(outsider)
    for url in (
        _console(org, "office_hours"),
        _console(org, "office_hour_detail", pk=slot.pk),
        _console(org, "coaching_sessions"),
        _console(org, "help_request_list"),
        _portal(org, "support"),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        _console(org, "office_hours"),
        _console(org, "coaching_session_notes", pk=session.pk),
        _console(org, "help_request_update", pk=help_request.pk),
        _portal(org, "office_hour_book", pk=slot.pk),
        _portal(org, "office_hour_cancel", pk=booking.pk),
        _portal(org, "coaching_book"),
        _portal(org, "coaching_cancel", pk=session.pk),
        _portal(org, "help_request_open"),
    ):
        assert client.post(url, {"status": "resolved", "notes": "x", "subject": "s"}).status_code == 404, url
    with tenant_context(org):
        booking.refresh_from_db()
        session.refresh_from_db()
        help_request.refresh_from_db()
        assert (booking.cancelled_at, session.cancelled_at, session.notes, help_request.status) == (
            None,
            None,
            "",
            "open",
        )


def test_records_of_another_organization_are_404(org, other_org, program_manager, login):
    with tenant_context(other_org):
        foreign_term = _ambassador(other_org)
        foreign_slot = _slot(UserFactory())
        foreign_request = HelpRequest.objects.create(term=foreign_term, subject="s", description="d")
    client = login(program_manager)
    assert client.get(_console(org, "office_hour_detail", pk=foreign_slot.pk)).status_code == 404
    assert (
        client.post(_console(org, "help_request_update", pk=foreign_request.pk), {"status": "resolved"}).status_code
        == 404
    )
    with tenant_context(other_org):
        assert HelpRequest.objects.get().status == "open"


# --- query counts --------------------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_queries_do_not_grow_with_data(org, term, program_manager, login):
    with tenant_context(org):
        first_slot = _slot(program_manager, capacity=20)
    pages = [
        (program_manager, _console(org, "office_hours")),
        (program_manager, _console(org, "office_hour_detail", pk=first_slot.pk)),
        (program_manager, _console(org, "coaching_sessions")),
        (program_manager, _console(org, "help_request_list")),
        (term.person.user, _portal(org, "support")),
    ]
    counts = []
    for size in (1, 6):
        with tenant_context(org):
            for i in range(size):
                other = _ambassador(org, coach=CoachWithLoginFactory())
                slot = _slot(program_manager, capacity=3, days=2 + i)
                services.office_hour_book(actor=None, slot=slot, term=other, topic="t")
                services.office_hour_book(actor=None, slot=first_slot, term=other)
                services.office_hour_book(actor=None, slot=slot, term=term)
                CoachingSession.objects.create(
                    term=other, coach=other.coach, scheduled_at=timezone.now() + timedelta(days=1 + i)
                )
                CoachingSession.objects.create(
                    term=term, coach=term.coach, scheduled_at=timezone.now() + timedelta(days=1 + i)
                )
                services.help_request_update(
                    actor=None,
                    status="in_progress",
                    assigned_to=program_manager,
                    help_request=HelpRequest.objects.create(term=other, subject="s", description="d"),
                )
                HelpRequest.objects.create(term=term, subject="s", description="d")
        counts.append([_queries(login(user), url) for user, url in pages])
    assert counts[0] == counts[1]
