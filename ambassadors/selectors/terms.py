"""Reads of terms, activities and coaching load, for the console, the portal, the API and the sweeps.

Pace (on pace / behind / silent) is computed in SQL for a whole list: correlated subqueries per term,
so a page of 50 terms costs one query, and the same annotation drives the reminder sweep.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Floor
from django.shortcuts import get_object_or_404

from ambassadors.models import Activity, Coach, Commitment, ContributionOption, Milestone, Term
from xmhub.accounts.models import Membership
from xmhub.accounts.roles import Role
from xmhub.directory.models import Person

HOURS = DecimalField(max_digits=12, decimal_places=1)
# An active ambassador with no activity for this many days is "silent" (organization-wide constant for now).
SILENT_AFTER_DAYS = 30


class Pace:
    ON_PACE = "on_pace"
    BEHIND = "behind"
    SILENT = "silent"
    NOT_OPEN = ""  # paused or ended terms have no pace
    CHOICES = [(ON_PACE, "On pace"), (BEHIND, "Behind"), (SILENT, "Silent")]
    LABELS = dict(CHOICES)


@dataclass(frozen=True)
class Period:
    start: date
    days: int
    elapsed: int  # days of the period up to and including today

    @property
    def fraction(self) -> float:
        return self.elapsed / self.days


def month_period(today: date) -> Period:
    start = today.replace(day=1)
    return Period(start, calendar.monthrange(today.year, today.month)[1], today.day)


def quarter_period(today: date) -> Period:
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = today.replace(month=first_month, day=1)
    end_month = first_month + 2
    end = date(today.year, end_month, calendar.monthrange(today.year, end_month)[1])
    return Period(start, (end - start).days + 1, (today - start).days + 1)


def period_start(period: str, today: date) -> date:
    return (quarter_period(today) if period == Commitment.Period.QUARTER else month_period(today)).start


def _aggregate(queryset, expression, output_field):
    """A correlated subquery: one aggregate of ``queryset`` (already filtered on ``term=OuterRef('pk')``)."""
    return Subquery(queryset.values("term").annotate(v=expression).values("v")[:1], output_field=output_field)


def with_progress(queryset: QuerySet[Term], *, today: date) -> QuerySet[Term]:
    """Annotate each term with its current commitment, its progress in the current period, its last
    activity and ``pace`` (Pace.*), all in SQL.

    A term is *silent* when active and no activity for SILENT_AFTER_DAYS days (counted from its start when
    it has none); *behind* when active and the activities or hours of the current period (month or
    quarter, from the commitment in effect) are below the target prorated to today (rounded down, so the
    first days of a period never count as behind); otherwise *on pace*. Its first, partial period is
    never behind.
    """
    month, quarter = month_period(today), quarter_period(today)
    commitment = Commitment.objects.filter(term=OuterRef("pk"), effective_from__lte=today).order_by(
        "-effective_from", "-id"
    )
    activities = Activity.objects.filter(term=OuterRef("pk"), occurred_on__lte=today)
    in_period = activities.filter(occurred_on__gte=OuterRef("period_start"))
    silent_before = today - timedelta(days=SILENT_AFTER_DAYS)
    fraction = Case(
        When(c_period=Commitment.Period.QUARTER, then=Value(quarter.fraction)),
        default=Value(month.fraction),
        output_field=FloatField(),
    )
    return (
        queryset.annotate(
            c_period=Subquery(commitment.values("period")[:1], output_field=CharField()),
            c_activities=Subquery(commitment.values("activities_target")[:1], output_field=IntegerField()),
            c_hours=Subquery(commitment.values("hours_target")[:1], output_field=HOURS),
            period_start=Case(
                When(c_period=Commitment.Period.QUARTER, then=Value(quarter.start)),
                default=Value(month.start),
                output_field=DateField(),
            ),
            last_activity_on=_aggregate(activities, Max("occurred_on"), DateField()),
            period_activities=Coalesce(_aggregate(in_period, Count("id"), IntegerField()), 0),
            period_hours=Coalesce(_aggregate(in_period, Sum("hours"), HOURS), Decimal("0"), output_field=HOURS),
            expected_activities=Floor(Cast(F("c_activities"), FloatField()) * fraction),
            expected_hours=Floor(Cast(F("c_hours"), FloatField()) * fraction),
        )
        .annotate(
            period_hours_float=Cast(F("period_hours"), FloatField()),
        )
        .annotate(
            pace=Case(
                When(~Q(status=Term.Status.ACTIVE), then=Value(Pace.NOT_OPEN)),
                When(
                    Q(last_activity_on__isnull=True, starts_on__lte=silent_before)
                    | Q(last_activity_on__lte=silent_before),
                    then=Value(Pace.SILENT),
                ),
                When(c_period__isnull=True, then=Value(Pace.ON_PACE)),
                When(starts_on__gt=F("period_start"), then=Value(Pace.ON_PACE)),
                When(
                    Q(period_activities__lt=F("expected_activities")) | Q(period_hours_float__lt=F("expected_hours")),
                    then=Value(Pace.BEHIND),
                ),
                default=Value(Pace.ON_PACE),
                output_field=CharField(),
            ),
        )
    )


def term_list(
    *, today: date, status: str | None = None, pace: str | None = None, org_unit=None, search: str | None = None
) -> QuerySet[Term]:
    """Terms of the current organization for the console list, ending soonest first, with person, role,
    org unit, coach and pace (one query for a page, whatever its size)."""
    qs = with_progress(
        Term.objects.select_related("person", "role", "org_unit", "coach__person"),
        today=today,
    ).order_by("ends_on", "id")
    if status:
        qs = qs.filter(status=status)
    if pace:
        qs = qs.filter(pace=pace)
    if org_unit is not None:
        qs = qs.filter(org_unit_id=getattr(org_unit, "pk", org_unit))
    if search:
        for word in search.split():
            qs = qs.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(person__email__icontains=word)
                | Q(person__external_id__iexact=word)
            )
    return qs


def term_detail(*, pk: int, today: date) -> Term:
    """One term of the current organization with its progress, or Http404."""
    return get_object_or_404(
        with_progress(
            Term.objects.select_related(
                "person__manager", "person__org_unit", "role", "org_unit", "coach__person", "renewed_from", "renewal"
            ),
            today=today,
        ),
        pk=pk,
    )


def term_activities(*, term) -> QuerySet[Activity]:
    return Activity.objects.filter(term=term).select_related("contribution_option", "attested_by")


def term_milestones(*, term) -> QuerySet[Milestone]:
    return Milestone.objects.filter(term=term).order_by("achieved_at", "id")


def term_commitments(*, term) -> QuerySet[Commitment]:
    return Commitment.objects.filter(term=term).order_by("-effective_from", "-id")


def term_options(*, term) -> QuerySet[ContributionOption]:
    """The contribution options an activity of ``term`` may use: the ones chosen for the term, or every
    active option of its role when none were chosen."""
    chosen = ContributionOption.objects.filter(pk__in=term.contribution_options.values("pk"))
    if chosen.exists():
        return chosen.order_by("position", "name")
    return ContributionOption.objects.filter(role_id=term.role_id, is_active=True).order_by("position", "name")


def term_summary(*, term) -> dict:
    """Totals of a term: activities, hours, people reached (one query)."""
    totals = Activity.objects.filter(term=term).aggregate(
        activities=Count("id"),
        hours=Coalesce(Sum("hours"), Decimal("0")),
        people_reached=Coalesce(Sum("people_reached"), 0),
    )
    return totals


def my_terms(*, user, today: date) -> QuerySet[Term]:
    """The signed-in user's own terms (through their directory person), open first."""
    return with_progress(
        Term.objects.filter(person__user=user).select_related("role", "org_unit", "coach__person"),
        today=today,
    ).order_by(Case(When(status=Term.Status.ENDED, then=Value(1)), default=Value(0)), "-starts_on")


def my_term(*, user, pk: int, today: date) -> Term:
    return get_object_or_404(my_terms(user=user, today=today), pk=pk)


def activities_to_attest(*, user) -> QuerySet[Activity]:
    """Activities of the user's direct reports (Person.manager) not attested yet."""
    return (
        Activity.objects.filter(term__person__manager__user=user, attested_at__isnull=True)
        .select_related("term__person", "contribution_option")
        .order_by("-occurred_on", "-id")
    )


def person_for_user(*, user) -> Person | None:
    return Person.objects.filter(user=user).first()


def program_manager_user_ids() -> list[int]:
    """Users to tell about program events: active members with the program-manager role."""
    return list(
        Membership.objects.filter(is_active=True, roles__contains=[Role.PROGRAM_MANAGER])
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


# --- coaching load -------------------------------------------------------------------------------------------


def coach_load() -> list[Coach]:
    """Every coach with ``load`` (open terms), ``spare`` (capacity − load), ``person_left`` and
    ``needs_reassignment`` (left, inactive or over capacity), most loaded first (one query)."""
    coaches = (
        Coach.objects.select_related("person")
        .annotate(load=Count("terms", filter=~Q(terms__status=Term.Status.ENDED)))
        .annotate(spare=F("capacity") - F("load"))
        .order_by("-load", "person__last_name", "id")
    )
    result = list(coaches)
    for coach in result:
        coach.person_left = coach.person.status == Person.Status.LEFT
        coach.available = coach.is_active and not coach.person_left
        coach.overload = max(coach.load - coach.capacity, 0) if coach.available else coach.load
        coach.needs_reassignment = coach.overload > 0
    return result


def coach_reassignments(*, coaches: list[Coach] | None = None) -> list[dict]:
    """For each coach who left, is inactive or is over capacity: the open terms to move (as many as the
    overload) and suggested coaches with spare capacity, most spare first. Two queries."""
    coaches = coach_load() if coaches is None else coaches
    over = [c for c in coaches if c.needs_reassignment]
    if not over:
        return []
    spare = sorted(
        (c for c in coaches if c.available and c.load < c.capacity), key=lambda c: (-(c.capacity - c.load), c.pk)
    )
    terms = list(
        Term.objects.filter(coach__in=over)
        .exclude(status=Term.Status.ENDED)
        .select_related("person")
        .order_by("coach_id", "-starts_on", "-id")
    )
    by_coach: dict[int, list[Term]] = {}
    for term in terms:
        by_coach.setdefault(term.coach_id, []).append(term)
    return [{"coach": c, "terms": by_coach.get(c.pk, [])[: c.overload], "suggestions": spare[:3]} for c in over]


def coach_choices() -> QuerySet[Coach]:
    return (
        Coach.objects.filter(is_active=True)
        .exclude(person__status=Person.Status.LEFT)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


# --- the HR API ----------------------------------------------------------------------------------------------


def term_api_list(
    *, status: str | None = None, org_unit: str | None = None, person: str | None = None, active_on: date | None = None
) -> QuerySet[Term]:
    """Terms for the HR API with person, role and org unit joined and activity totals annotated
    (``activities_count``, ``hours``, ``people_reached``: correlated subqueries, so a page is one query).
    ``org_unit`` and ``person`` are external ids; ``active_on`` keeps terms running on that date (started,
    and neither ended nor past their end)."""
    activities = Activity.objects.filter(term=OuterRef("pk"))
    qs = (
        Term.objects.select_related("person", "role", "org_unit")
        .annotate(
            activities_count=Coalesce(_aggregate(activities, Count("id"), IntegerField()), 0),
            hours=Coalesce(_aggregate(activities, Sum("hours"), HOURS), Decimal("0"), output_field=HOURS),
            people_reached=Coalesce(_aggregate(activities, Sum("people_reached"), IntegerField()), 0),
        )
        .order_by("id")
    )
    if status:
        qs = qs.filter(status=status)
    if org_unit:
        qs = qs.filter(org_unit__external_id=org_unit)
    if person:
        qs = qs.filter(person__external_id=person)
    if active_on is not None:
        qs = qs.annotate(last_day=Coalesce("ended_on", "ends_on")).filter(
            starts_on__lte=active_on, last_day__gt=active_on
        )
    return qs


def term_api_detail(*, pk: int) -> Term:
    return get_object_or_404(term_api_list(), pk=pk)
