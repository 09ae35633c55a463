"""Writes of a term once it exists (its creation from an application is ambassadors.services.onboarding):
pause, resume, end, renew, coach changes, commitments, and the set-based expiry used by the sweeps.

Every function works in the current organization, is atomic, locks the term it changes, and raises
ApplicationError with a field map for anything the caller can fix. The audit trail is written by database
triggers (the actor comes from the tenant context; ``actor`` is accepted for the house signature).
Ending a term converts the person to alumni (AlumniProfile), grants "term completed" when completed and
tells the ambassador, with a link to give exit feedback; each of those is idempotent.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse

from ambassadors.models import Coach, Commitment, Term, TermOption
from ambassadors.services.recognition import milestones_grant, term_url_builder
from xmhub.core.errors import ApplicationError
from xmhub.core.sync_health import organization_today
from xmhub.directory.models import OrgUnit, Person
from xmhub.notifications.services import Message, notifications_send
from xmhub.tenancy.context import current_organization, require_organization_id

OPEN = (Term.Status.ACTIVE, Term.Status.PAUSED)
# End reasons a program manager may pick (a renewal ends the old term through term_renew).
MANUAL_END_REASONS = (Term.EndReason.COMPLETED, Term.EndReason.STEPPED_DOWN, Term.EndReason.LEFT_ORGANIZATION)
# Ending for these reasons makes the person alumni.
ALUMNI_REASONS = (Term.EndReason.COMPLETED, Term.EndReason.STEPPED_DOWN)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def exit_feedback_url_builder():
    """``term id -> url`` where the ambassador gives exit feedback: the engagement area's page when it exists,
    else their term page (whose exit-feedback section links onward)."""
    organization = current_organization()
    try:
        reverse("portal:exit_feedback", kwargs={"org_slug": organization.slug, "pk": 1})
    except NoReverseMatch:
        return term_url_builder("portal:term_detail", suffix="#exit-feedback")
    return term_url_builder("portal:exit_feedback")


def _invalid(errors: dict, message: str = "Invalid input.") -> ApplicationError:
    return ApplicationError(message, errors=errors)


def _lock(term: Term) -> Term:
    """The term again, locked for this transaction (a concurrent change waits, then sees the new state)."""
    return Term.objects.select_for_update(of=("self",)).select_related("person", "role").get(pk=term.pk)


# --- ending terms, one or many ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Ended:
    term_id: int
    person_id: int
    user_id: int | None
    end_reason: str


def terms_after_end(ended: list[Ended]) -> None:
    """What follows the end of terms, set-based and idempotent: alumni profiles (one INSERT … ON CONFLICT
    DO NOTHING), the "term completed" milestone, and a notification to each ambassador with a link to give
    exit feedback (reason ``term:<id>:ended``, so never twice)."""
    alumni = sorted({e.person_id for e in ended if e.end_reason in ALUMNI_REASONS})
    if alumni:
        with connection.cursor() as cursor:
            cursor.execute(_ALUMNI_SQL, {"org": require_organization_id(), "people": alumni})
    milestones_grant(
        term_ids=[e.term_id for e in ended if e.end_reason == Term.EndReason.COMPLETED], key="term_completed"
    )
    url = exit_feedback_url_builder()
    notifications_send(
        messages=[
            Message(
                recipient_id=e.user_id,
                reason_key=f"term:{e.term_id}:ended",
                title="Your ambassador term has ended",
                body="Thank you for your contribution. Please tell us how it went: your exit feedback shapes "
                "the next cohort. You are now part of the alumni network.",
                url=url(e.term_id),
            )
            for e in ended
            if e.user_id is not None and e.end_reason in ALUMNI_REASONS
        ]
    )


_ALUMNI_SQL = """
INSERT INTO ambassadors_alumniprofile
    (organization_id, person_id, opt_in_special_projects, opt_in_input_requests, opt_in_reviewing, created_at)
SELECT %(org)s, p, true, true, false, now() FROM unnest(%(people)s::bigint[]) AS p
ON CONFLICT (person_id) DO NOTHING
"""

# The expiry sweep: the due open terms by (end date, id) from the partial index term_open_by_end, then per
# batch one UPDATE … RETURNING over that slice of the same index (the raw UPDATE's plan, bounded). The
# UPDATE repeats the conditions, so a term another worker ended meanwhile is re-checked after its lock is
# released and skipped: a term ends exactly once.
_DUE_SQL = """
SELECT ends_on, id FROM ambassadors_term
WHERE organization_id = %(org)s AND status <> 'ended' AND ends_on <= %(today)s
ORDER BY ends_on, id
"""
_EXPIRE_SQL = """
WITH ended AS (
    UPDATE ambassadors_term t
    SET status = 'ended', end_reason = 'completed', ended_on = t.ends_on, paused_reason = '', updated_at = now()
    WHERE t.organization_id = %(org)s AND t.status <> 'ended' AND t.ends_on <= %(today)s
      AND t.ends_on BETWEEN %(lo_end)s AND %(hi_end)s
      AND (t.ends_on, t.id) BETWEEN (%(lo_end)s, %(lo_id)s) AND (%(hi_end)s, %(hi_id)s)
    RETURNING t.id, t.person_id
)
SELECT e.id, e.person_id, p.user_id FROM ended e JOIN directory_person p ON p.id = e.person_id
"""


def terms_expire_due(*, today: date, batch_size: int = 10_000) -> int:
    """End every open term whose end date has come (completed, ended on its end date): one query for the
    due terms, then per batch a constant number of statements (expire, alumni, milestones, notifications).
    Runs again harmlessly: an ended term is never picked twice. Returns how many terms ended."""
    org_id = require_organization_id()
    with connection.cursor() as cursor:
        cursor.execute(_DUE_SQL, {"org": org_id, "today": today})
        due = cursor.fetchall()
    total = 0
    for start in range(0, len(due), batch_size):
        (lo_end, lo_id), (hi_end, hi_id) = due[start], due[min(start + batch_size, len(due)) - 1]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                _EXPIRE_SQL,
                {"org": org_id, "today": today, "lo_end": lo_end, "lo_id": lo_id, "hi_end": hi_end, "hi_id": hi_id},
            )
            rows = cursor.fetchall()
            terms_after_end(
                [Ended(term_id, person_id, user_id, Term.EndReason.COMPLETED) for term_id, person_id, user_id in rows]
            )
        total += len(rows)
    return total


# --- one term --------------------------------------------------------------------------------------------


@transaction.atomic
def term_pause(*, actor=None, term: Term, reason: str) -> Term:
    reason = (reason or "").strip()
    if not reason:
        raise _invalid({"reason": ["Say why the term is paused."]})
    if len(reason) > 200:
        raise _invalid({"reason": ["At most 200 characters."]})
    term = _lock(term)
    if term.status != Term.Status.ACTIVE:
        raise _invalid(
            {"status": [f"Only an active term can be paused; this one is {term.get_status_display()}."]},
            "This term cannot be paused.",
        )
    term.status, term.paused_reason = Term.Status.PAUSED, reason
    term.save(update_fields=["status", "paused_reason", "updated_at"])
    return term


@transaction.atomic
def term_resume(*, actor=None, term: Term, org_unit: OrgUnit | None = None) -> Term:
    """Resume a paused term. ``org_unit`` changes the unit it represents (confirming a transfer); when the
    person moved and no unit is given, the term follows them to their new unit."""
    term = _lock(term)
    if term.status != Term.Status.PAUSED:
        raise _invalid(
            {"status": [f"Only a paused term can be resumed; this one is {term.get_status_display()}."]},
            "This term cannot be resumed.",
        )
    if org_unit is not None and org_unit.organization_id != require_organization_id():
        raise _invalid({"org_unit": ["Unknown org unit."]})
    if term.person.status == Person.Status.LEFT:
        raise _invalid(
            {"status": ["This person has left the organization; end the term instead."]}, "This term cannot be resumed."
        )
    new_unit_id = org_unit.pk if org_unit is not None else (term.person.org_unit_id or term.org_unit_id)
    term.status, term.paused_reason, term.org_unit_id = Term.Status.ACTIVE, "", new_unit_id
    term.save(update_fields=["status", "paused_reason", "org_unit", "updated_at"])
    return term


@transaction.atomic
def term_end(*, actor=None, term: Term, reason: str, ended_on: date | None = None) -> Term:
    """End an open term early (or on time) for ``reason``; alumni conversion follows (terms_after_end)."""
    if reason not in MANUAL_END_REASONS:
        raise _invalid({"reason": ["Choose why the term ends."]})
    today = organization_today()
    ended_on = ended_on or today
    term = _lock(term)
    if term.status not in OPEN:
        raise _invalid({"status": ["This term has already ended."]}, "This term cannot be ended.")
    if ended_on < term.starts_on:
        raise _invalid({"ended_on": ["A term cannot end before it starts."]})
    if ended_on > today:
        raise _invalid({"ended_on": ["The end date cannot be in the future; a term ends on its end date anyway."]})
    term.status, term.end_reason, term.ended_on, term.paused_reason = Term.Status.ENDED, reason, ended_on, ""
    term.save(update_fields=["status", "end_reason", "ended_on", "paused_reason", "updated_at"])
    terms_after_end([Ended(term.pk, term.person_id, term.person.user_id, reason)])
    return term


@transaction.atomic
def term_renew(*, actor=None, term: Term, ends_on: date | None = None) -> Term:
    """Renew an open term: it ends today (renewed) and a new term starts today, linked by
    ``renewed_from``, until ``ends_on`` (default: the old end date plus the role's term length), with the
    same role, org unit, time share, coach, contribution options and current commitment."""
    today = organization_today()
    term = _lock(term)
    if term.status not in OPEN:
        raise _invalid({"status": ["Only an open term can be renewed."]}, "This term cannot be renewed.")
    if Term.objects.filter(renewed_from=term).exists():
        raise _invalid({"status": ["This term was already renewed."]}, "This term cannot be renewed.")
    if term.person.status == Person.Status.LEFT:
        raise _invalid({"status": ["This person has left the organization."]}, "This term cannot be renewed.")
    if term.starts_on >= today:
        raise _invalid(
            {"status": ["A term that has not started yet cannot be renewed; change its dates instead."]},
            "This term cannot be renewed.",
        )
    ends_on = ends_on or add_months(max(term.ends_on, today), term.role.term_months)
    if ends_on <= today:
        raise _invalid({"ends_on": ["The renewed term must end after today."]})
    commitment = (
        Commitment.objects.filter(term=term, effective_from__lte=today).order_by("-effective_from", "-id").first()
    )
    term.status, term.end_reason, term.ended_on, term.paused_reason = (
        Term.Status.ENDED,
        Term.EndReason.RENEWED,
        today,
        "",
    )
    term.save(update_fields=["status", "end_reason", "ended_on", "paused_reason", "updated_at"])
    renewal = Term.objects.create(
        person_id=term.person_id,
        role_id=term.role_id,
        application_id=term.application_id,
        cohort_id=term.cohort_id,
        org_unit_id=term.person.org_unit_id or term.org_unit_id,
        starts_on=today,
        ends_on=ends_on,
        time_share=term.time_share,
        coach_id=term.coach_id,
        renewed_from=term,
    )
    TermOption.objects.bulk_create(
        [
            TermOption(term=renewal, option_id=option_id)
            for option_id in TermOption.objects.filter(term=term).values_list("option_id", flat=True)
        ]
    )
    if commitment is not None:
        Commitment.objects.create(
            term=renewal,
            period=commitment.period,
            effective_from=today,
            activities_target=commitment.activities_target,
            hours_target=commitment.hours_target,
        )
    return renewal


@transaction.atomic
def term_set_coach(*, actor=None, term: Term, coach: Coach | None) -> Term:
    """Give a term another coach (or none). A coach who left, is inactive or is at capacity is refused."""
    term = _lock(term)
    if term.status not in OPEN:
        raise _invalid({"coach": ["An ended term keeps its coach."]})
    if coach is not None:
        if coach.organization_id != require_organization_id():
            raise _invalid({"coach": ["Unknown coach."]})
        coach = Coach.objects.select_for_update(of=("self",)).select_related("person").get(pk=coach.pk)
        if not coach.is_active or coach.person.status == Person.Status.LEFT:
            raise _invalid({"coach": ["This coach is not available."]})
        if coach.pk != term.coach_id:
            load = Term.objects.filter(coach=coach).exclude(status=Term.Status.ENDED).count()
            if load >= coach.capacity:
                raise _invalid({"coach": [f"{coach.person} is at capacity ({load} of {coach.capacity})."]})
    term.coach = coach
    term.save(update_fields=["coach", "updated_at"])
    return term


@transaction.atomic
def commitment_set(
    *,
    actor=None,
    term: Term,
    period: str,
    activities_target: int,
    hours_target: Decimal,
    effective_from: date | None = None,
) -> Commitment:
    """Set a term's targets per period from a date on (the latest commitment in effect counts)."""
    errors: dict[str, list[str]] = {}
    if period not in Commitment.Period.values:
        errors["period"] = ["Choose month or quarter."]
    if activities_target is None or not 0 <= activities_target <= 100:
        errors["activities_target"] = ["Between 0 and 100."]
    if hours_target is None or not Decimal(0) <= Decimal(hours_target) <= Decimal(999):
        errors["hours_target"] = ["Between 0 and 999."]
    if errors:
        raise _invalid(errors)
    term = _lock(term)
    if term.status == Term.Status.ENDED:
        raise _invalid({"term": ["This term has ended."]})
    effective_from = effective_from or max(term.starts_on, organization_today())
    if not term.starts_on <= effective_from < term.ends_on:
        raise _invalid({"effective_from": ["Pick a date within the term."]})
    commitment, _ = Commitment.objects.update_or_create(
        term=term,
        effective_from=effective_from,
        defaults={"period": period, "activities_target": activities_target, "hours_target": hours_target},
    )
    return commitment
