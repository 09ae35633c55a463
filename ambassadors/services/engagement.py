"""Engagement writes: awards and certificates, kudos, input requests and answers, success stories, exit
feedback, alumni opt-ins and the alumni stream. Automatic milestones live in ``services/recognition.py``.

Every service checks its rules and raises ``ApplicationError`` with a field map; notifications go out in
one ``notifications_send`` batch with a reason key, so a repeat never notifies twice.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import (
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
from ambassadors.selectors import engagement as selectors
from xmhub.core.errors import ApplicationError
from xmhub.core.sync_health import organization_today
from xmhub.directory.models import Person
from xmhub.notifications.services import Message, notifications_send
from xmhub.tenancy.context import current_organization


def _portal_url(name: str, **kwargs) -> str:
    return reverse(f"portal:{name}", kwargs={"org_slug": current_organization().slug, **kwargs})


def _required(errors: dict, **values) -> None:
    for field, value in values.items():
        if not (value or "").strip():
            errors[field] = ["This field is required."]


def _raise(errors: dict) -> None:
    if errors:
        raise ApplicationError("Invalid input.", errors=errors)


# --- recognition --------------------------------------------------------------------------------------------


@transaction.atomic
def award_grant(*, actor, term: Term, kind: str, title: str, citation: str = "") -> Award:
    """Grant an award or a certificate to a term and tell the ambassador."""
    errors: dict = {}
    if kind not in Award.Kind.values:
        errors["kind"] = ["Choose award or certificate."]
    _required(errors, title=title)
    _raise(errors)
    award = Award.objects.create(term=term, kind=kind, title=title.strip(), citation=citation.strip(), granted_by=actor)
    user_id = Person.objects.filter(pk=term.person_id).values_list("user_id", flat=True).first()
    if user_id:
        notifications_send(
            messages=[
                Message(
                    recipient_id=user_id,
                    reason_key=f"award:{award.pk}",
                    title=f"You received: {award.title}",
                    body=award.citation or "The program team recognized your contribution.",
                    url=_portal_url("recognition"),
                )
            ]
        )
    return award


@transaction.atomic
def kudos_send(*, actor, term: Term, message: str) -> Kudos:
    """Anyone in the organization thanks an ambassador (an open term; not oneself)."""
    errors: dict = {}
    _required(errors, message=message)
    if len(message or "") > 500:
        errors["message"] = ["At most 500 characters."]
    if term.status == Term.Status.ENDED:
        errors["term"] = ["This ambassador's term has ended."]
    elif term.person.user_id is not None and term.person.user_id == actor.pk:
        errors["term"] = ["You cannot send kudos to yourself."]
    _raise(errors)
    kudos = Kudos.objects.create(term=term, sender=actor, message=message.strip())
    if term.person.user_id:
        sender = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
        notifications_send(
            messages=[
                Message(
                    recipient_id=term.person.user_id,
                    reason_key=f"kudos:{kudos.pk}",
                    title=f"Kudos from {sender or actor.email}",
                    body=kudos.message,
                    url=_portal_url("recognition"),
                )
            ]
        )
    return kudos


# --- input requests -----------------------------------------------------------------------------------------


@transaction.atomic
def input_request_create(*, actor, title: str, question: str, audience: str, deadline: date | None) -> InputRequest:
    """Ask the audience a question and notify everyone in it who can sign in (one batch)."""
    errors: dict = {}
    _required(errors, title=title, question=question)
    if audience not in InputRequest.Audience.values:
        errors["audience"] = ["Choose who to ask."]
    if deadline is None:
        errors["deadline"] = ["Set a deadline."]
    elif deadline < organization_today():
        errors["deadline"] = ["The deadline cannot be in the past."]
    _raise(errors)
    request = InputRequest.objects.create(
        title=title.strip(), question=question.strip(), audience=audience, deadline=deadline, created_by=actor
    )
    user_ids = (
        selectors.audience_people(audience=audience)
        .filter(user__isnull=False)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    url = _portal_url("input_request_answer", pk=request.pk)
    notifications_send(
        messages=[
            Message(
                recipient_id=user_id,
                reason_key=f"input_request:{request.pk}",
                title=f"Your input is requested: {request.title}",
                body=f"Please answer by {deadline:%d %b %Y}.",
                url=url,
            )
            for user_id in user_ids
        ]
    )
    return request


@transaction.atomic
def input_response_submit(*, person: Person | None, request: InputRequest, answer: str) -> InputResponse:
    """Answer a request once; until its deadline (inclusive) the answer may be edited."""
    if person is None or not selectors.audience_people(audience=request.audience).filter(pk=person.pk).exists():
        raise ApplicationError(
            "This request is not addressed to you.",
            errors={"answer": ["This request is not addressed to you."]},
            status=403,
        )
    if organization_today() > request.deadline:
        raise ApplicationError("The deadline has passed.", errors={"answer": ["The deadline has passed."]})
    errors: dict = {}
    _required(errors, answer=answer)
    _raise(errors)
    response, created = InputResponse.objects.select_for_update().get_or_create(
        request=request, person=person, defaults={"answer": answer.strip()}
    )
    if not created:
        response.answer = answer.strip()
        response.save(update_fields=["answer"])
    return response


# --- success stories ----------------------------------------------------------------------------------------


@transaction.atomic
def story_submit(*, term: Term, title: str, body: str) -> SuccessStory:
    errors: dict = {}
    _required(errors, title=title, body=body)
    _raise(errors)
    return SuccessStory.objects.create(term=term, title=title.strip(), body=body.strip())


def _review(*, actor, story: SuccessStory, status: str) -> SuccessStory:
    story = SuccessStory.objects.select_for_update().select_related("term__person").get(pk=story.pk)
    if story.status != SuccessStory.Status.SUBMITTED:
        raise ApplicationError(f"This story was already reviewed ({story.get_status_display().lower()}).")
    story.status = status
    story.reviewed_by = actor
    story.published_at = timezone.now() if status == SuccessStory.Status.PUBLISHED else None
    story.save(update_fields=["status", "reviewed_by", "published_at"])
    user_id = story.term.person.user_id
    if user_id:
        published = status == SuccessStory.Status.PUBLISHED
        notifications_send(
            messages=[
                Message(
                    recipient_id=user_id,
                    reason_key=f"story:{story.pk}:{status}",
                    title=f"Your story was {'published' if published else 'not published'}: {story.title}",
                    url=_portal_url("stories"),
                )
            ]
        )
    return story


@transaction.atomic
def story_publish(*, actor, story: SuccessStory) -> SuccessStory:
    return _review(actor=actor, story=story, status=SuccessStory.Status.PUBLISHED)


@transaction.atomic
def story_reject(*, actor, story: SuccessStory) -> SuccessStory:
    return _review(actor=actor, story=story, status=SuccessStory.Status.REJECTED)


# --- exit feedback ------------------------------------------------------------------------------------------


@transaction.atomic
def exit_feedback_submit(
    *, term: Term, rating, highlights: str = "", improvements: str = "", would_recommend: bool = True
) -> ExitFeedback:
    """Once per ended term."""
    if term.status != Term.Status.ENDED:
        raise ApplicationError(
            "Exit feedback opens when the term has ended.",
            errors={"rating": ["Exit feedback opens when the term has ended."]},
        )
    errors: dict = {}
    if rating is None or not 1 <= int(rating) <= 5:
        errors["rating"] = ["Choose a rating from 1 to 5."]
    _raise(errors)
    if ExitFeedback.objects.filter(term=term).exists():
        raise ApplicationError(
            "You already gave exit feedback for this term.",
            errors={"rating": ["You already gave exit feedback for this term."]},
        )
    try:
        with transaction.atomic():
            return ExitFeedback.objects.create(
                term=term,
                rating=int(rating),
                highlights=highlights.strip(),
                improvements=improvements.strip(),
                would_recommend=would_recommend,
            )
    except IntegrityError:
        raise ApplicationError(
            "You already gave exit feedback for this term.",
            errors={"rating": ["You already gave exit feedback for this term."]},
        ) from None


# --- alumni -------------------------------------------------------------------------------------------------


@transaction.atomic
def alumni_profile_update(
    *, person: Person | None, opt_in_special_projects: bool, opt_in_input_requests: bool, opt_in_reviewing: bool
) -> AlumniProfile:
    if not selectors.is_alumnus(person=person):
        raise ApplicationError("Alumni settings are for former ambassadors.", status=403)
    profile, _ = AlumniProfile.objects.select_for_update().get_or_create(person=person)
    profile.opt_in_special_projects = opt_in_special_projects
    profile.opt_in_input_requests = opt_in_input_requests
    profile.opt_in_reviewing = opt_in_reviewing
    profile.save(update_fields=["opt_in_special_projects", "opt_in_input_requests", "opt_in_reviewing"])
    return profile


@transaction.atomic
def alumni_update_post(*, actor, title: str, body: str) -> AlumniUpdate:
    """Post to the alumni stream and tell every alumnus who can sign in (one batch)."""
    errors: dict = {}
    _required(errors, title=title, body=body)
    _raise(errors)
    update = AlumniUpdate.objects.create(title=title.strip(), body=body.strip(), author=actor)
    user_ids = (
        selectors.alumni_people()
        .filter(user__isnull=False)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    url = _portal_url("alumni")
    notifications_send(
        messages=[
            Message(
                recipient_id=user_id,
                reason_key=f"alumni_update:{update.pk}",
                title=f"Alumni news: {update.title}",
                url=url,
            )
            for user_id in user_ids
        ]
    )
    return update
