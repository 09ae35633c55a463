"""The periodic sweeps of the ambassador lifecycle: derived from database state, idempotent, batched.

Each sweep runs in the current organization (a TenantTask, or ``run_sweeps`` with tenant_context per
organization) as of ``today`` and converges on the state the data implies:

- expiry: open terms whose end date has come end as completed, exactly once (set-based UPDATE … RETURNING
  per batch; alumni profile, milestone and notification follow set-based too);
- HR changes: a person HR marks as ``left`` ends their open term (left_organization); a person whose org
  unit differs from their active term's is paused ("transferred to …") and program managers are asked to
  confirm or reassign; a coach who left or is over capacity is reported to program managers;
- reminders: onboarding task due soon / overdue, commitment behind pace, silent for N days, term ending in
  60/30/7 days, coaching session tomorrow, manager approval pending, scoring pending.

Every message carries a reason key unique per recipient (Notification), so a second run, or a run after a
worker died half-way, sends nothing twice. Each batch costs a constant number of statements (one read or
one UPDATE … RETURNING, plus one INSERT of notifications), whatever the batch size.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ambassadors.models import Application, Coach, CoachingSession, IntakeReviewer, OnboardingTask, Review, Term
from ambassadors.selectors.terms import SILENT_AFTER_DAYS, Pace, program_manager_user_ids, with_progress
from ambassadors.services.recognition import term_url_builder
from ambassadors.services.terms import terms_expire_due
from xmhub.directory.models import Person
from xmhub.notifications.services import Message, notifications_send
from xmhub.tenancy.context import current_organization, require_organization_id

BATCH_SIZE = 10_000
ENDING_THRESHOLDS = (7, 30, 60)  # days before the end date
ONBOARDING_DUE_SOON_DAYS = 3
MANAGER_APPROVAL_REMIND_AFTER_DAYS = 3


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs={"org_slug": current_organization().slug, **kwargs})
    except NoReverseMatch:
        return ""


def _batches(queryset, fields: tuple[str, ...], batch_size: int) -> Iterator[list[dict]]:
    """Rows of ``queryset`` as dicts, by primary key, one query per batch (keyset pagination)."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk").values("pk", *fields)[:batch_size])
        if rows:
            yield rows
            last = rows[-1]["pk"]
        if len(rows) < batch_size:
            return


# --- expiry --------------------------------------------------------------------------------------------------


def sweep_expiry(*, today: date, batch_size: int = BATCH_SIZE) -> int:
    return terms_expire_due(today=today, batch_size=batch_size)


# --- HR changes ----------------------------------------------------------------------------------------------

_LEAVERS_SQL = """
WITH due AS (
    SELECT t.id FROM ambassadors_term t JOIN directory_person p ON p.id = t.person_id
    WHERE t.organization_id = %(org)s AND t.status <> 'ended' AND p.status = 'left'
    LIMIT %(limit)s
    FOR UPDATE OF t SKIP LOCKED
)
UPDATE ambassadors_term t
SET status = 'ended', end_reason = 'left_organization', paused_reason = '', updated_at = now(),
    ended_on = GREATEST(t.starts_on, LEAST(coalesce(p.end_date, %(today)s), %(today)s))
FROM due, directory_person p
WHERE t.id = due.id AND p.id = t.person_id
RETURNING t.id, trim(p.first_name || ' ' || p.last_name)
"""

_TRANSFERS_SQL = """
WITH moved AS (
    SELECT t.id FROM ambassadors_term t JOIN directory_person p ON p.id = t.person_id
    WHERE t.organization_id = %(org)s AND t.status = 'active' AND p.status <> 'left'
      AND t.org_unit_id IS NOT NULL AND p.org_unit_id IS NOT NULL AND p.org_unit_id <> t.org_unit_id
    LIMIT %(limit)s
    FOR UPDATE OF t SKIP LOCKED
)
UPDATE ambassadors_term t
SET status = 'paused', paused_reason = left('transferred to ' || u.name, 200), updated_at = now()
FROM moved, directory_person p, directory_orgunit u
WHERE t.id = moved.id AND p.id = t.person_id AND u.id = p.org_unit_id
RETURNING t.id, trim(p.first_name || ' ' || p.last_name), u.id, u.name
"""


def _set_based(sql: str, *, today: date, batch_size: int) -> Iterator[list[tuple]]:
    org_id = require_organization_id()
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, {"org": org_id, "today": today, "limit": batch_size})
            rows = cursor.fetchall()
            if rows:
                yield rows
        if len(rows) < batch_size:
            return


def sweep_hr_changes(*, today: date, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Apply what HR changed to open terms and coaches. Returns counts of terms ended, paused and coaches
    reported."""
    managers = program_manager_user_ids()
    console_url = term_url_builder("ambassadors:term_detail")
    ended = paused = 0
    for rows in _set_based(_LEAVERS_SQL, today=today, batch_size=batch_size):
        ended += len(rows)
        notifications_send(
            messages=[
                Message(
                    recipient_id=pm,
                    reason_key=f"term:{term_id}:left_organization",
                    title=f"{name} left the organization",
                    body=f"HR marked {name} as having left, so their ambassador term ended. Their org unit may "
                    "need a new ambassador.",
                    url=console_url(term_id),
                )
                for term_id, name in rows
                for pm in managers
            ]
        )
    for rows in _set_based(_TRANSFERS_SQL, today=today, batch_size=batch_size):
        paused += len(rows)
        notifications_send(
            messages=[
                Message(
                    recipient_id=pm,
                    reason_key=f"term:{term_id}:transferred:{unit_id}",
                    title=f"{name} moved to {unit_name}: confirm or reassign",
                    body=f"HR moved {name} to {unit_name}, so their ambassador term is paused. Resume it to let "
                    f"them represent {unit_name}, or end it and find a new ambassador.",
                    url=console_url(term_id),
                )
                for term_id, name, unit_id, unit_name in rows
                for pm in managers
            ]
        )
    return {"ended_left": ended, "paused_transferred": paused, "coaches_reported": _report_coaches(today, managers)}


def _report_coaches(today: date, managers: list[int]) -> int:
    """Tell program managers about coaches who left (with open terms) or are over capacity (one query + one
    insert). Over capacity is reported once a month while it lasts."""
    coaches = list(
        Coach.objects.annotate(load=Count("terms", filter=~Q(terms__status=Term.Status.ENDED)))
        .filter(
            Q(load__gt=0, person__status=Person.Status.LEFT)
            | Q(load__gt=0, is_active=False)
            | Q(load__gt=F("capacity"))
        )
        .values("pk", "load", "capacity", "is_active", "person__status", "person__first_name", "person__last_name")
    )
    url = _url("ambassadors:coach_load")
    messages = []
    for c in coaches:
        name = f"{c['person__first_name']} {c['person__last_name']}".strip()
        if c["person__status"] == Person.Status.LEFT or not c["is_active"]:
            key, title = f"coach:{c['pk']}:unavailable", f"Coach {name} is no longer available"
            body = f"{c['load']} ambassadors need a new coach."
        else:
            key, title = f"coach:{c['pk']}:over_capacity:{today:%Y-%m}", f"Coach {name} is over capacity"
            body = f"{c['load']} ambassadors for a capacity of {c['capacity']}. See the suggested reassignments."
        messages += [Message(recipient_id=pm, reason_key=key, title=title, body=body, url=url) for pm in managers]
    notifications_send(messages=messages)
    return len(coaches)


# --- reminders -----------------------------------------------------------------------------------------------


def _ending_threshold(days_left: int) -> int | None:
    return next((d for d in ENDING_THRESHOLDS if days_left <= d), None)


def sweep_reminders(*, today: date, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Send every reminder due as of ``today``. Returns how many new notifications each kind sent."""
    managers = program_manager_user_ids()
    portal_url, console_url = term_url_builder("portal:term_detail"), term_url_builder("ambassadors:term_detail")
    sent: dict[str, int] = {}
    try:
        zone = ZoneInfo(current_organization().time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = datetime.UTC

    open_terms = ~Q(term__status=Term.Status.ENDED)

    def send(kind: str, messages: list[Message]) -> None:
        sent[kind] = sent.get(kind, 0) + len(notifications_send(messages=messages))

    # Onboarding tasks due soon and overdue.
    tasks = OnboardingTask.objects.filter(
        open_terms, completed_at__isnull=True, due_on__lte=today + timedelta(days=ONBOARDING_DUE_SOON_DAYS)
    )
    for rows in _batches(
        tasks, ("title", "due_on", "term_id", "term__person__user_id", "term__coach__person__user_id"), batch_size
    ):
        messages = []
        for t in rows:
            url = portal_url(t["term_id"])
            if t["due_on"] < today:
                recipients = (t["term__person__user_id"], t["term__coach__person__user_id"])
                messages += [
                    Message(
                        recipient_id=r,
                        reason_key=f"onboarding:{t['pk']}:overdue",
                        title=f"Onboarding task overdue: {t['title']}",
                        body=f"It was due on {t['due_on']:%d %b %Y}.",
                        url=url,
                    )
                    for r in recipients
                    if r
                ]
            elif t["term__person__user_id"]:
                messages.append(
                    Message(
                        recipient_id=t["term__person__user_id"],
                        reason_key=f"onboarding:{t['pk']}:due",
                        title=f"Onboarding task due {t['due_on']:%d %b}: {t['title']}",
                        url=url,
                    )
                )
        send("onboarding", messages)

    # Behind pace and silent (pace computed in SQL for the whole batch).
    lagging = with_progress(Term.objects.filter(status=Term.Status.ACTIVE), today=today).filter(
        pace__in=[Pace.BEHIND, Pace.SILENT]
    )
    for rows in _batches(
        lagging, ("pace", "period_start", "last_activity_on", "person__user_id", "coach__person__user_id"), batch_size
    ):
        messages = []
        for t in rows:
            url = portal_url(t["pk"])
            if t["pace"] == Pace.SILENT:
                since = t["last_activity_on"].isoformat() if t["last_activity_on"] else "never"
                messages += [
                    Message(
                        recipient_id=r,
                        reason_key=f"term:{t['pk']}:silent:{since}",
                        title=f"No activity logged for {SILENT_AFTER_DAYS} days or more",
                        body="Log what you have done lately, or talk to your coach if you are stuck.",
                        url=url,
                    )
                    for r in (t["person__user_id"], t["coach__person__user_id"])
                    if r
                ]
            elif t["person__user_id"]:
                messages.append(
                    Message(
                        recipient_id=t["person__user_id"],
                        reason_key=f"term:{t['pk']}:behind:{t['period_start']:%Y-%m-%d}",
                        title="You are behind your commitment this period",
                        body="Your activities or hours so far are below your targets.",
                        url=url,
                    )
                )
        send("pace", messages)

    # Terms ending in 60, 30 and 7 days: ambassador, coach and program managers.
    ending = Term.objects.exclude(status=Term.Status.ENDED).filter(
        ends_on__gt=today, ends_on__lte=today + timedelta(days=max(ENDING_THRESHOLDS))
    )
    for rows in _batches(
        ending,
        ("ends_on", "person__user_id", "coach__person__user_id", "person__first_name", "person__last_name"),
        batch_size,
    ):
        messages = []
        for t in rows:
            threshold = _ending_threshold((t["ends_on"] - today).days)
            name = f"{t['person__first_name']} {t['person__last_name']}".strip()
            key = f"term:{t['pk']}:ending:{threshold}"
            body = f"The term ends on {t['ends_on']:%d %b %Y}. Renew it or let it close."
            if t["person__user_id"]:
                messages.append(
                    Message(
                        recipient_id=t["person__user_id"],
                        reason_key=key,
                        title=f"Your ambassador term ends in {threshold} days or less",
                        body=body,
                        url=portal_url(t["pk"]),
                    )
                )
            console = console_url(t["pk"])
            messages += [
                Message(
                    recipient_id=r,
                    reason_key=key,
                    title=f"{name}'s term ends within {threshold} days",
                    body=body,
                    url=console,
                )
                for r in {t["coach__person__user_id"], *managers}
                if r and r != t["person__user_id"]
            ]
        send("ending", messages)

    # Coaching sessions tomorrow (in the organization's time zone).
    tomorrow = datetime.datetime.combine(today + timedelta(days=1), datetime.time.min, tzinfo=zone)
    sessions = CoachingSession.objects.filter(
        cancelled_at__isnull=True, scheduled_at__gte=tomorrow, scheduled_at__lt=tomorrow + timedelta(days=1)
    )
    for rows in _batches(
        sessions, ("scheduled_at", "term_id", "term__person__user_id", "coach__person__user_id"), batch_size
    ):
        send(
            "coaching",
            [
                Message(
                    recipient_id=r,
                    reason_key=f"coaching:{s['pk']}:tomorrow",
                    title=f"Coaching session tomorrow at {timezone.localtime(s['scheduled_at'], zone):%H:%M}",
                    url=portal_url(s["term_id"]),
                )
                for s in rows
                for r in {s["term__person__user_id"], s["coach__person__user_id"]}
                if r
            ],
        )

    # Manager approval pending (applications waiting for the manager for a few days).
    waiting = Application.objects.filter(
        status=Application.Status.AWAITING_MANAGER,
        manager__user__isnull=False,
        created_at__lt=datetime.datetime.combine(
            today - timedelta(days=MANAGER_APPROVAL_REMIND_AFTER_DAYS - 1), datetime.time.min, tzinfo=zone
        ),
    )
    for rows in _batches(
        waiting, ("manager_id", "manager__user_id", "person__first_name", "person__last_name"), batch_size
    ):
        send(
            "manager_approval",
            [
                Message(
                    recipient_id=a["manager__user_id"],
                    reason_key=f"application:{a['pk']}:manager_pending",
                    title=f"{a['person__first_name']} {a['person__last_name']} is waiting for your approval",
                    body="They applied to become an XM ambassador; the time commitment needs your approval.",
                    url=_approval_path(a["pk"], a["manager_id"]),
                )
                for a in rows
            ],
        )

    # Scoring pending: reviewers of closed, undecided intakes with candidates they have not scored.
    unscored = Application.objects.filter(intake=OuterRef("intake_id"), status=Application.Status.IN_REVIEW).exclude(
        Exists(
            Review.objects.filter(
                application=OuterRef("pk"), reviewer=OuterRef(OuterRef("user_id")), submitted_at__isnull=False
            )
        )
    )
    reviewers = IntakeReviewer.objects.filter(
        intake__closes_on__lt=today, intake__selection_completed_at__isnull=True, user__is_active=True
    ).filter(Exists(unscored))
    for rows in _batches(reviewers, ("intake_id", "user_id", "intake__name"), batch_size):
        send(
            "scoring",
            [
                Message(
                    recipient_id=r["user_id"],
                    reason_key=f"intake:{r['intake_id']}:scoring_pending",
                    title=f"Candidates of {r['intake__name']} are waiting for your scores",
                    body="The intake has closed; the panel needs every reviewer's scores to select.",
                    url=_url("ambassadors:intake_detail", pk=r["intake_id"]),
                )
                for r in rows
            ],
        )
    return sent


def _approval_path(application_id: int, manager_id: int) -> str:
    """The manager's signed approval link, as a path (emails prefix the base URL)."""
    try:
        from ambassadors.links import approval_token

        token = approval_token(
            organization_id=require_organization_id(), application_id=application_id, manager_id=manager_id
        )
        return reverse("links:manager_approval", kwargs={"token": token})
    except (ImportError, NoReverseMatch):
        return ""


# --- all of them -----------------------------------------------------------------------------------------


def run_all(*, today: date) -> dict:
    """Every periodic sweep once, as of ``today``, in the current organization. HR changes first (a leaver's
    term ends as left_organization, not completed), then expiry, then reminders (none for ended terms)."""
    return {
        "hr": sweep_hr_changes(today=today),
        "expired": sweep_expiry(today=today),
        "reminders": sweep_reminders(today=today),
    }
