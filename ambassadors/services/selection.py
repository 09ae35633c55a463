"""The panel's decisions and the candidates' answers: select, waitlist or decline in bulk; accept or decline
an offer, a decline offering the seat to the next on the waitlist (same org unit first, then overall)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import Application, Intake, IntakeReviewer
from xmhub.core.errors import ApplicationError
from xmhub.notifications.services import Message, notifications_send
from xmhub.tenancy.context import current_organization

DECISIONS = {
    "select": Application.Status.SELECTED,
    "waitlist": Application.Status.WAITLISTED,
    "decline": Application.Status.DECLINED,
}
# Where the panel may decide from (a waitlisted candidate can still be selected or declined).
DECIDABLE = {Application.Status.IN_REVIEW, Application.Status.WAITLISTED, Application.Status.SELECTED}


def _offers_url() -> str:
    return reverse("portal:offers", kwargs={"org_slug": current_organization().slug})


def _status_message(application: Application, status: str) -> Message | None:
    if not application.person.user_id:
        return None
    role = application.intake.role.name
    texts = {
        Application.Status.SELECTED: (
            f"You have been selected as {role}",
            "Congratulations! Accept or decline your offer in the portal.",
        ),
        Application.Status.WAITLISTED: (
            f"You are on the waitlist for {role}",
            "If a seat opens, it will be offered to you and we will tell you.",
        ),
        Application.Status.DECLINED: (
            f"Your application for {role}",
            "Thank you for applying. You were not selected this time; we hope you will apply again.",
        ),
    }
    title, body = texts[status]
    return Message(
        recipient_id=application.person.user_id,
        reason_key=f"application:{application.pk}:{status}",
        title=title,
        body=body,
        url=_offers_url(),
    )


@transaction.atomic
def applications_decide(*, actor, intake: Intake, application_ids: list[int], decision: str) -> list[Application]:
    """Select, waitlist or decline the chosen candidates of ``intake`` at once; each is told."""
    status = DECISIONS.get(decision)
    if status is None:
        raise ApplicationError("Choose select, waitlist or decline.", errors={"decision": ["Unknown decision."]})
    ids = {int(i) for i in application_ids}
    if not ids:
        raise ApplicationError("Tick at least one candidate.", errors={"applications": ["Tick at least one."]})
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .select_related("person", "intake__role")
        .filter(intake=intake, pk__in=ids)
        .order_by("created_at")
    )
    if len(applications) != len(ids):
        raise ApplicationError("Some candidates are not in this intake; reload the page.", status=404)
    blocked = [a for a in applications if a.status not in DECIDABLE]
    if blocked:
        names = ", ".join(a.person.full_name for a in blocked)
        raise ApplicationError(
            f"Already answered or not in review: {names}.", errors={"applications": [f"Cannot decide: {names}."]}
        )
    now = timezone.now()
    next_position = (Application.objects.filter(intake=intake).aggregate(m=Max("waitlist_position"))["m"] or 0) + 1
    messages = []
    for application in applications:
        if application.status == status:
            continue
        application.status = status
        application.decided_at = now
        if status == Application.Status.WAITLISTED:
            application.waitlist_position = next_position
            next_position += 1
        else:
            application.waitlist_position = None
        application.save(update_fields=["status", "decided_at", "waitlist_position"])
        message = _status_message(application, status)
        if message:
            messages.append(message)
    notifications_send(messages=messages)
    return applications


@transaction.atomic
def offer_respond(*, actor, application: Application, accept: bool):
    """The selected candidate accepts (their term and onboarding plan start) or declines (the seat goes to
    the next on the waitlist). Returns (application, term or None, promoted application or None)."""
    from ambassadors.services.onboarding import term_create_from_application

    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("person__org_unit", "intake__role")
        .get(pk=application.pk)
    )
    if application.person.user_id != getattr(actor, "pk", None):
        raise ApplicationError("This offer is not yours.", status=404)
    if application.status != Application.Status.SELECTED:
        raise ApplicationError("This offer was already answered.", status=409)
    application.status = Application.Status.ACCEPTED if accept else Application.Status.WITHDRAWN
    application.responded_at = timezone.now()
    application.save(update_fields=["status", "responded_at"])
    term, promoted = None, None
    if accept:
        term = term_create_from_application(actor=actor, application=application)
    else:
        promoted = _promote_next(application)
    _tell_panel(application, promoted)
    return application, term, promoted


def _promote_next(declined: Application) -> Application | None:
    waitlist = (
        Application.objects.select_for_update(of=("self",))
        .select_related("person", "intake__role")
        .filter(intake_id=declined.intake_id, status=Application.Status.WAITLISTED)
        .order_by("waitlist_position", "created_at")
    )
    unit_id = declined.person.org_unit_id
    candidate = (waitlist.filter(person__org_unit_id=unit_id).first() if unit_id else None) or waitlist.first()
    if candidate is None:
        return None
    candidate.status = Application.Status.SELECTED
    candidate.decided_at = timezone.now()
    candidate.waitlist_position = None
    candidate.save(update_fields=["status", "decided_at", "waitlist_position"])
    message = _status_message(candidate, Application.Status.SELECTED)
    if message:
        notifications_send(
            messages=[
                Message(
                    recipient_id=message.recipient_id,
                    reason_key=message.reason_key,
                    title=f"A seat opened: you have been selected as {candidate.intake.role.name}",
                    body="A seat opened up and it is yours if you want it. Accept or decline your offer in the portal.",
                    url=message.url,
                )
            ]
        )
    return candidate


def _tell_panel(application: Application, promoted: Application | None) -> None:
    answer = "accepted" if application.status == Application.Status.ACCEPTED else "declined"
    body = f"The seat was offered to {promoted.person.full_name} from the waitlist." if promoted else ""
    url = reverse("ambassadors:panel", kwargs={"org_slug": current_organization().slug, "pk": application.intake_id})
    reviewer_ids = IntakeReviewer.objects.filter(intake_id=application.intake_id).values_list("user_id", flat=True)
    notifications_send(
        messages=[
            Message(
                recipient_id=user_id,
                reason_key=f"application:{application.pk}:{answer}",
                title=f"{application.person.full_name} {answer} the offer",
                body=body,
                url=url,
            )
            for user_id in reviewer_ids
        ]
    )
