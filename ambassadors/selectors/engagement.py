"""Reads for recognition, input requests, success stories, exit feedback and alumni.

A person is *alumni* when they have an ended term and no open (active or paused) term. Every list is
one query for a page whatever its size (joins and correlated subqueries, no per-row reads).
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DateField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from ambassadors.models import (
    Activity,
    AlumniProfile,
    AlumniUpdate,
    Award,
    ExitFeedback,
    InputRequest,
    InputResponse,
    Kudos,
    SuccessStory,
    Term,
)
from xmhub.directory.models import Person

OPEN = (Term.Status.ACTIVE, Term.Status.PAUSED)


# --- who is who ---------------------------------------------------------------------------------------------


def person_for_user(*, user) -> Person | None:
    return Person.objects.filter(user=user).select_related("org_unit").first()


def alumni_people() -> QuerySet[Person]:
    """People with an ended term and no open term."""
    return Person.objects.filter(
        Exists(Term.objects.filter(person=OuterRef("pk"), status=Term.Status.ENDED)),
    ).exclude(Exists(Term.objects.filter(person=OuterRef("pk"), status__in=OPEN)))


def is_alumnus(*, person: Person | None) -> bool:
    return person is not None and alumni_people().filter(pk=person.pk).exists()


def is_active_ambassador(*, person: Person | None) -> bool:
    return person is not None and Term.objects.filter(person=person, status=Term.Status.ACTIVE).exists()


def audience_people(*, audience: str) -> QuerySet[Person]:
    """The people an input request with ``audience`` goes to: active ambassadors (an active term), alumni
    who opted in to input requests, or both."""
    active = Q(Exists(Term.objects.filter(person=OuterRef("pk"), status=Term.Status.ACTIVE)))
    alumni = Q(
        pk__in=alumni_people()
        .filter(Q(alumni_profile__isnull=True) | Q(alumni_profile__opt_in_input_requests=True))
        .values("pk")
    )
    condition = {InputRequest.Audience.ACTIVE: active, InputRequest.Audience.ALUMNI: alumni}.get(
        audience, active | alumni
    )
    return Person.objects.filter(condition)


def alumni_profile_for(*, person: Person) -> AlumniProfile:
    """The person's stored profile or an unsaved one with the defaults."""
    return AlumniProfile.objects.filter(person=person).first() or AlumniProfile(person=person)


def alumni_directory(*, search: str | None = None) -> QuerySet[Person]:
    """Alumni with their org unit, opt-ins and their last ended term (role, start, end), by name."""
    last = Term.objects.filter(person=OuterRef("pk"), status=Term.Status.ENDED).order_by("-ended_on", "-id")
    qs = (
        alumni_people()
        .select_related("org_unit", "alumni_profile")
        .annotate(
            last_role=Subquery(last.values("role__name")[:1], output_field=TextField()),
            last_starts_on=Subquery(last.values("starts_on")[:1], output_field=DateField()),
            last_ended_on=Subquery(last.values("ended_on")[:1], output_field=DateField()),
            last_term_unit=Subquery(last.values("org_unit__name")[:1], output_field=TextField()),
        )
        .order_by("last_name", "first_name", "id")
    )
    if search:
        for word in search.split():
            qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word))
    return qs


def alumni_updates() -> QuerySet[AlumniUpdate]:
    return AlumniUpdate.objects.select_related("author").order_by("-published_at", "-id")


# --- recognition --------------------------------------------------------------------------------------------


def term_for_console(*, pk: int) -> Term:
    return get_object_or_404(Term.objects.select_related("person", "role", "org_unit"), pk=pk)


def my_term(*, user, pk: int) -> Term:
    return get_object_or_404(Term.objects.filter(person__user=user).select_related("person", "role", "org_unit"), pk=pk)


def term_awards(*, term) -> QuerySet[Award]:
    return Award.objects.filter(term=term).select_related("granted_by").order_by("-granted_at", "-id")


def term_kudos(*, term) -> QuerySet[Kudos]:
    return Kudos.objects.filter(term=term).select_related("sender").order_by("-created_at", "-id")


def term_totals(*, term) -> dict:
    return Activity.objects.filter(term=term).aggregate(
        activities=Count("id"),
        hours=Coalesce(Sum("hours"), Decimal("0")),
        people_reached=Coalesce(Sum("people_reached"), 0),
    )


def recent_awards() -> QuerySet[Award]:
    return Award.objects.select_related("term__person", "term__role", "granted_by").order_by("-granted_at", "-id")


def recent_kudos() -> QuerySet[Kudos]:
    return Kudos.objects.select_related("term__person", "sender").order_by("-created_at", "-id")


def award_for_console(*, pk: int) -> Award:
    return get_object_or_404(Award.objects.select_related("term__person", "term__role"), pk=pk)


def my_award(*, user, pk: int) -> Award:
    return get_object_or_404(
        Award.objects.filter(term__person__user=user).select_related("term__person", "term__role"), pk=pk
    )


def my_terms(*, user) -> QuerySet[Term]:
    """The user's terms with their exit feedback (if any), latest first."""
    return Term.objects.filter(person__user=user).select_related("role", "exit_feedback").order_by("-starts_on", "-id")


def my_awards(*, user) -> QuerySet[Award]:
    return Award.objects.filter(term__person__user=user).select_related("term__role").order_by("-granted_at", "-id")


def my_kudos(*, user) -> QuerySet[Kudos]:
    return Kudos.objects.filter(term__person__user=user).select_related("sender").order_by("-created_at", "-id")


def recognizable_terms() -> QuerySet[Term]:
    """Every term, by person name, open before ended (the console's picker)."""
    return Term.objects.select_related("person", "role").order_by(
        "person__last_name", "person__first_name", "status", "-starts_on", "id"
    )


def kudos_recipients() -> QuerySet[Term]:
    """Open terms anyone may thank, by name."""
    return (
        Term.objects.filter(status__in=OPEN)
        .select_related("person", "role")
        .order_by("person__last_name", "person__first_name", "id")
    )


# --- input requests -----------------------------------------------------------------------------------------


def input_request_list() -> QuerySet[InputRequest]:
    return (
        InputRequest.objects.select_related("created_by")
        .annotate(answers=Count("responses"))
        .order_by("-created_at", "-id")
    )


def input_request_detail(*, pk: int) -> InputRequest:
    return get_object_or_404(InputRequest.objects.select_related("created_by"), pk=pk)


def input_request_answers(*, request: InputRequest) -> QuerySet[InputResponse]:
    return (
        InputResponse.objects.filter(request=request).select_related("person__org_unit").order_by("submitted_at", "id")
    )


def _audiences_for(person: Person | None) -> list[str]:
    audiences = []
    if is_active_ambassador(person=person):
        audiences += [InputRequest.Audience.ACTIVE, InputRequest.Audience.BOTH]
    if person is not None and audience_people(audience=InputRequest.Audience.ALUMNI).filter(pk=person.pk).exists():
        audiences += [InputRequest.Audience.ALUMNI, InputRequest.Audience.BOTH]
    return sorted(set(audiences))


def input_requests_for(*, person: Person | None) -> QuerySet[InputRequest]:
    """Requests addressed to ``person`` (by audience, now), each with ``my_answer`` ("" when unanswered)."""
    mine = InputResponse.objects.filter(request=OuterRef("pk"), person=person)
    return (
        InputRequest.objects.filter(audience__in=_audiences_for(person))
        .annotate(
            my_answer=Coalesce(
                Subquery(mine.values("answer")[:1], output_field=TextField()), Value(""), output_field=TextField()
            )
        )
        .order_by("-deadline", "-id")
    )


def input_request_for(*, person: Person | None, pk: int) -> InputRequest:
    return get_object_or_404(input_requests_for(person=person), pk=pk)


def my_input_response(*, person, request) -> InputResponse | None:
    return InputResponse.objects.filter(person=person, request=request).first()


# --- stories ------------------------------------------------------------------------------------------------


def stories_for_review(*, status: str | None = None) -> QuerySet[SuccessStory]:
    qs = SuccessStory.objects.select_related("term__person", "term__role", "reviewed_by").order_by("-created_at", "-id")
    return qs.filter(status=status) if status else qs


def story_for_review(*, pk: int) -> SuccessStory:
    return get_object_or_404(SuccessStory.objects.select_related("term__person"), pk=pk)


def published_stories() -> QuerySet[SuccessStory]:
    return (
        SuccessStory.objects.filter(status=SuccessStory.Status.PUBLISHED)
        .select_related("term__person", "term__role")
        .order_by("-published_at", "-id")
    )


def my_stories(*, user) -> QuerySet[SuccessStory]:
    return SuccessStory.objects.filter(term__person__user=user).order_by("-created_at", "-id")


# --- exit feedback ------------------------------------------------------------------------------------------


def exit_feedback_summary() -> dict:
    """Count, average rating, share who would recommend, and the rating distribution (two queries)."""
    totals = ExitFeedback.objects.aggregate(
        count=Count("id"), average=Avg("rating"), recommend=Count("id", filter=Q(would_recommend=True))
    )
    by_rating = dict(ExitFeedback.objects.values_list("rating").annotate(n=Count("id")).order_by())
    count = totals["count"]
    return {
        "count": count,
        "average": round(totals["average"], 1) if totals["average"] is not None else None,
        "recommend_percent": round(100 * totals["recommend"] / count) if count else None,
        "distribution": [(rating, by_rating.get(rating, 0)) for rating in range(5, 0, -1)],
    }


def exit_feedback_list() -> QuerySet[ExitFeedback]:
    return ExitFeedback.objects.select_related("term__person", "term__role").order_by("-submitted_at", "-id")


def ended_term_without_feedback(*, user) -> QuerySet[Term]:
    return Term.objects.filter(person__user=user, status=Term.Status.ENDED, exit_feedback__isnull=True)
