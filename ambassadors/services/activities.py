"""Activities an ambassador logs against a term, and the manager's attestation of them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from ambassadors.models import Activity, ContributionOption, Term
from ambassadors.selectors.terms import term_options
from ambassadors.services.recognition import milestones_grant_for_activity
from xmhub.core.errors import ApplicationError
from xmhub.core.sync_health import organization_today
from xmhub.directory.models import Person

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_EXTENSIONS = {
    ".pdf",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".pptx",
    ".docx",
    ".xlsx",
    ".txt",
    ".csv",
    ".mp3",
    ".m4a",
}


def activity_validate(
    *,
    term: Term,
    contribution_option: ContributionOption | None,
    occurred_on: date | None,
    hours,
    people_reached,
    evidence_url: str = "",
    evidence_file=None,
) -> dict[str, list[str]]:
    """Field errors of an activity (empty when valid). Also used by the portal's steps one by one."""
    errors: dict[str, list[str]] = {}
    today = organization_today()
    if contribution_option is None or not term_options(term=term).filter(pk=contribution_option.pk).exists():
        errors["contribution_option"] = ["Choose one of your term's contribution options."]
    if occurred_on is None:
        errors["occurred_on"] = ["Say when it happened."]
    elif occurred_on > today:
        errors["occurred_on"] = ["It cannot be in the future."]
    elif occurred_on < term.starts_on or (term.ended_on or term.ends_on) < occurred_on:
        errors["occurred_on"] = ["It must fall within your term."]
    if hours is None or not Decimal("0.1") <= Decimal(hours) <= Decimal("100"):
        errors["hours"] = ["Between 0.1 and 100 hours."]
    if people_reached is None or not 0 <= int(people_reached) <= 100_000:
        errors["people_reached"] = ["Between 0 and 100,000."]
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            errors["evidence_url"] = ["Enter a full web address (https://…)."]
    if evidence_file is not None:
        name = evidence_file.name.lower()
        if evidence_file.size > MAX_EVIDENCE_BYTES:
            errors["evidence_file"] = ["At most 10 MB."]
        elif not any(name.endswith(ext) for ext in EVIDENCE_EXTENSIONS):
            errors["evidence_file"] = ["Upload a document, image or audio file (PDF, PNG, JPG, PPTX, DOCX…)."]
    return errors


@transaction.atomic
def activity_log(
    *,
    actor=None,
    term: Term,
    contribution_option: ContributionOption | None,
    occurred_on: date | None,
    hours,
    people_reached: int = 0,
    description: str = "",
    evidence_url: str = "",
    evidence_file=None,
) -> Activity:
    """Record an activity of an active term and grant the milestones it earns (once each)."""
    term = Term.objects.select_for_update().get(pk=term.pk)
    if term.status != Term.Status.ACTIVE:
        raise ApplicationError(
            "Activities can be logged on an active term only.", errors={"term": ["This term is not active."]}
        )
    errors = activity_validate(
        term=term,
        contribution_option=contribution_option,
        occurred_on=occurred_on,
        hours=hours,
        people_reached=people_reached,
        evidence_url=evidence_url,
        evidence_file=evidence_file,
    )
    if errors:
        raise ApplicationError("Invalid input.", errors=errors)
    activity = Activity(
        term=term,
        contribution_option=contribution_option,
        occurred_on=occurred_on,
        hours=Decimal(hours),
        people_reached=int(people_reached),
        description=description.strip(),
        evidence_url=evidence_url,
    )
    if evidence_file is not None:
        activity.evidence_file = evidence_file
    activity.save()
    milestones_grant_for_activity(term_ids=[term.pk])
    return activity


@transaction.atomic
def activity_attest(*, actor: Person | None, activity: Activity) -> Activity:
    """The ambassador's manager (Person.manager, as HR records it now) confirms an activity, once."""
    activity = Activity.objects.select_for_update(of=("self",)).select_related("term__person").get(pk=activity.pk)
    if actor is None or activity.term.person.manager_id != actor.pk:
        raise ApplicationError(
            "Only the ambassador's manager can attest this activity.",
            errors={"activity": ["You are not this ambassador's manager."]},
            status=403,
        )
    if activity.attested_at is not None:
        raise ApplicationError("Already attested.", errors={"activity": ["This activity is already attested."]})
    activity.attested_by, activity.attested_at = actor, timezone.now()
    activity.save(update_fields=["attested_by", "attested_at"])
    return activity
