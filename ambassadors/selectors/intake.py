"""Reads of intakes: lists, the candidate pages, the blind review and the selection panel."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ambassadors import links
from ambassadors.models import (
    Application,
    ContributionOption,
    Intake,
    IntakeReviewer,
    IntakeSeat,
    Review,
    ReviewScore,
    SelectionCriterion,
)
from xmhub.directory.models import Person

S = Application.Status


def intake_list() -> QuerySet[Intake]:
    return (
        Intake.objects.select_related("role__program")
        .annotate(
            candidate_count=Count("applications", distinct=True),
            awaiting_count=Count("applications", filter=Q(applications__status=S.AWAITING_MANAGER), distinct=True),
            in_review_count=Count("applications", filter=Q(applications__status=S.IN_REVIEW), distinct=True),
            selected_count=Count(
                "applications", filter=Q(applications__status__in=[S.SELECTED, S.ACCEPTED]), distinct=True
            ),
        )
        .order_by("-opens_on", "name")
    )


def intake_get(*, pk: int) -> Intake:
    return get_object_or_404(Intake.objects.select_related("role__program"), pk=pk)


def intake_seats(*, intake: Intake) -> QuerySet[IntakeSeat]:
    return IntakeSeat.objects.filter(intake=intake).select_related("org_unit").order_by("org_unit__name")


def intake_reviewers(*, intake: Intake) -> QuerySet[IntakeReviewer]:
    return IntakeReviewer.objects.filter(intake=intake).select_related("user").order_by("user__email")


def intake_applications(*, intake: Intake) -> QuerySet[Application]:
    return (
        Application.objects.filter(intake=intake)
        .select_related("person__org_unit", "referred_by", "manager")
        .order_by("created_at")
    )


def is_reviewer(*, intake: Intake, user) -> bool:
    return IntakeReviewer.objects.filter(intake=intake, user=user).exists()


def reviewable_intake_ids(*, user) -> list[int]:
    return list(IntakeReviewer.objects.filter(user=user).values_list("intake_id", flat=True))


# --- portal ------------------------------------------------------------------------------------------------


def person_for_user(*, user) -> Person | None:
    """The directory entry of the signed-in member in the current organization (None without one)."""
    return Person.objects.select_related("org_unit", "manager").filter(user=user).first()


def open_intakes() -> QuerySet[Intake]:
    today = timezone.localdate()
    return (
        Intake.objects.filter(
            opens_on__lte=today, closes_on__gte=today, selection_completed_at__isnull=True, role__is_active=True
        )
        .select_related("role__program")
        .order_by("closes_on", "name")
    )


def open_intake_get(*, pk: int) -> Intake:
    return get_object_or_404(open_intakes(), pk=pk)


def my_applications(*, person: Person) -> QuerySet[Application]:
    return (
        Application.objects.filter(person=person)
        .select_related("intake__role__program", "referred_by")
        .order_by("-created_at")
    )


def my_offer_get(*, person: Person, pk: int) -> Application:
    return get_object_or_404(Application.objects.select_related("intake__role"), person=person, pk=pk)


def direct_reports(*, person: Person) -> QuerySet[Person]:
    return Person.objects.filter(manager=person, status=Person.Status.ACTIVE).order_by("last_name", "first_name")


def active_people() -> QuerySet[Person]:
    return (
        Person.objects.filter(status=Person.Status.ACTIVE)
        .select_related("org_unit")
        .order_by("last_name", "first_name")
    )


def role_options_for(*, intake: Intake) -> QuerySet[ContributionOption]:
    return ContributionOption.objects.filter(role_id=intake.role_id, is_active=True).order_by("position", "name")


# --- the signed manager link -------------------------------------------------------------------------------


def approval_organization(token: str):
    """(Organization, Approval) for a well-signed, unexpired link; (None, problem) otherwise. Reads only the
    global organization table: call it before entering the tenant context."""
    from xmhub.tenancy.models import Organization

    approval = links.approval_unsign(token)
    if approval.problem:
        return None, approval.problem
    organization = Organization.objects.filter(pk=approval.organization_id).first()
    if organization is None:
        return None, "invalid"
    return organization, approval


def approval_application(*, approval: links.Approval) -> Application | None:
    """Inside the link's organization: the application the link is for, if it still names this manager."""
    return (
        Application.objects.select_related("person__org_unit", "intake__role", "manager")
        .filter(pk=approval.application_id, manager_id=approval.manager_id)
        .first()
    )


# --- blind review ------------------------------------------------------------------------------------------

REVIEWABLE = (S.IN_REVIEW, S.WAITLISTED)


def review_queue(*, intake: Intake, user) -> list[Application]:
    """The intake's candidates in review, each with ``my_review`` (the reviewer's own review or None)."""
    applications = list(intake_applications(intake=intake).filter(status__in=REVIEWABLE))
    mine = {r.application_id: r for r in Review.objects.filter(application__intake=intake, reviewer=user)}
    for application in applications:
        application.my_review = mine.get(application.pk)
    return applications


def application_get(*, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("person__org_unit", "intake__role__program", "referred_by", "manager"), pk=pk
    )


@dataclass
class ReviewPage:
    criteria: list
    review: Review | None
    my_scores: dict
    others: list = field(default_factory=list)  # only once the reviewer's own review is submitted
    others_pending: int = 0


def review_page(*, application: Application, user) -> ReviewPage:
    """The reviewer's own scores, and the other reviewers' only after submitting (blind until then)."""
    criteria = list(SelectionCriterion.objects.filter(role_id=application.intake.role_id).order_by("position"))
    reviews = list(
        Review.objects.filter(application=application)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=ReviewScore.objects.all()))
    )
    mine = next((r for r in reviews if r.reviewer_id == user.pk), None)
    my_scores = {s.criterion_id: s.score for s in mine.scores.all()} if mine else {}
    page = ReviewPage(criteria=criteria, review=mine, my_scores=my_scores)
    if mine and mine.submitted_at:
        for review in reviews:
            if review.pk == mine.pk:
                continue
            if review.submitted_at is None:
                page.others_pending += 1
                continue
            scores = {s.criterion_id: s.score for s in review.scores.all()}
            review.score_rows = [(c, scores.get(c.pk)) for c in criteria]
            review.weighted = weighted_score(criteria, scores)
            page.others.append(review)
    return page


def weighted_score(criteria, scores: dict[int, int]) -> float | None:
    """Σ weight × score / scale_max ÷ Σ weight, as a percentage (None without scores)."""
    total_weight = sum(c.weight for c in criteria if c.pk in scores)
    if not total_weight:
        return None
    return round(100 * sum(c.weight * scores[c.pk] / c.scale_max for c in criteria if c.pk in scores) / total_weight, 1)


# --- the panel ---------------------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    name: str
    seats: int | None
    candidates: int = 0
    selected: int = 0
    accepted: int = 0
    waitlisted: int = 0

    @property
    def gap(self) -> int | None:
        return None if self.seats is None else self.seats - self.selected - self.accepted


@dataclass
class Panel:
    rows: list
    coverage: list
    criteria: list
    reviewer_count: int


def panel(*, intake: Intake) -> Panel:
    """Every candidate past the manager's approval, ranked by weighted score (normalised per criterion by its
    scale, averaged over submitted reviews), and the coverage of org units against seats. Five queries
    whatever the number of candidates, reviewers and criteria."""
    criteria = list(SelectionCriterion.objects.filter(role_id=intake.role_id).order_by("position"))
    by_id = {c.pk: c for c in criteria}
    applications = list(intake_applications(intake=intake).exclude(status__in=[S.AWAITING_MANAGER, S.MANAGER_DECLINED]))
    per_review: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for application_id, review_id, criterion_id, score in ReviewScore.objects.filter(
        review__application__intake=intake, review__submitted_at__isnull=False
    ).values_list("review__application_id", "review_id", "criterion_id", "score"):
        per_review[(application_id, review_id)][criterion_id] = score
    review_scores: dict[int, list[float]] = defaultdict(list)
    for (application_id, _), scores in per_review.items():
        value = weighted_score([by_id[c] for c in scores if c in by_id], scores)
        if value is not None:
            review_scores[application_id].append(value)
    for application in applications:
        values = review_scores.get(application.pk, [])
        application.review_count = len(values)
        application.score = round(sum(values) / len(values), 1) if values else None
    applications.sort(key=lambda a: (a.score is None, -(a.score or 0), a.created_at))
    for rank, application in enumerate(applications, start=1):
        application.rank = rank if application.score is not None else None
    reviewer_count = IntakeReviewer.objects.filter(intake=intake).count()
    return Panel(
        rows=applications, coverage=_coverage(intake, applications), criteria=criteria, reviewer_count=reviewer_count
    )


def _coverage(intake: Intake, applications: list[Application]) -> list[CoverageRow]:
    rows: dict[int | None, CoverageRow] = {}
    for seat in intake_seats(intake=intake):
        rows[seat.org_unit_id] = CoverageRow(name=seat.org_unit.name, seats=seat.seats)
    for application in applications:
        unit = application.person.org_unit
        key = unit.pk if unit else None
        if key not in rows:
            rows[key] = CoverageRow(name=unit.name if unit else "No org unit", seats=None)
        row = rows[key]
        row.candidates += 1
        row.selected += application.status == S.SELECTED
        row.accepted += application.status == S.ACCEPTED
        row.waitlisted += application.status == S.WAITLISTED
    return sorted(rows.values(), key=lambda r: (r.seats is None, r.name))
