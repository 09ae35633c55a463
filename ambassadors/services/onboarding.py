"""Onboarding start: the term an accepted offer creates, the cohort and its kick-off, the onboarding plan
and ticking its tasks off. Everything after the term exists (commitments, activities, expiry) is in
``terms.py``."""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import (
    Application,
    ApplicationOption,
    Cohort,
    OnboardingTask,
    OnboardingTemplateTask,
    Term,
    TermOption,
)
from xmhub.core.errors import ApplicationError
from xmhub.notifications.services import Message, notifications_send
from xmhub.tenancy.context import current_organization


def cohort_for_intake(*, intake) -> Cohort:
    """The intake's cohort (created with the intake; created here for older intakes)."""
    cohort = Cohort.objects.filter(intake=intake).first()
    if cohort is None:
        cohort = Cohort.objects.create(intake=intake, name=intake.name)
    return cohort


@transaction.atomic
def term_create_from_application(*, actor, application: Application) -> Term:
    """The term of an accepted candidate: it starts on the intake's term start, lasts the role's term length,
    commits the role's time share, keeps the chosen contribution options, represents the person's org unit,
    joins the intake's cohort, and gets its onboarding plan from the role's template. Idempotent: a second
    call returns the term already made."""
    existing = Term.objects.filter(application=application).first()
    if existing is not None:
        return existing
    if application.status != Application.Status.ACCEPTED:
        raise ApplicationError("Only an accepted offer starts a term.")
    intake, person = application.intake, application.person
    role = intake.role
    if Term.objects.filter(person=person, role=role).exclude(status=Term.Status.ENDED).exists():
        raise ApplicationError(f"{person.full_name} already has an open term in this role.")
    starts_on = intake.term_starts_on
    term = Term.objects.create(
        person=person,
        role=role,
        application=application,
        cohort=cohort_for_intake(intake=intake),
        org_unit_id=person.org_unit_id,
        starts_on=starts_on,
        ends_on=starts_on + relativedelta(months=role.term_months),
        time_share=role.time_share,
        status=Term.Status.ACTIVE,
    )
    option_ids = ApplicationOption.objects.filter(application=application).values_list("option_id", flat=True)
    TermOption.objects.bulk_create([TermOption(term=term, option_id=option_id) for option_id in option_ids])
    OnboardingTask.objects.bulk_create(
        [
            OnboardingTask(
                term=term,
                title=t.title,
                description=t.description,
                category=t.category,
                due_on=starts_on + timedelta(days=t.due_after_days),
                position=t.position,
            )
            for t in OnboardingTemplateTask.objects.filter(role=role)
        ]
    )
    if person.user_id:
        notifications_send(
            messages=[
                Message(
                    recipient_id=person.user_id,
                    reason_key=f"term:{term.pk}:welcome",
                    title=f"Welcome, {role.name}! Your onboarding plan is ready",
                    body=f"Your term starts on {starts_on:%d %B %Y}. Tick your onboarding tasks off as you go.",
                    url=reverse("portal:onboarding", kwargs={"org_slug": current_organization().slug}),
                )
            ]
        )
    return term


@transaction.atomic
def cohort_update(
    *, actor, cohort: Cohort, name: str, kickoff_at: datetime | None, kickoff_location: str = "", kickoff_link: str = ""
) -> Cohort:
    """Name the cohort and set its kick-off event; members are told of each new kick-off time."""
    if kickoff_at is not None and not (kickoff_location.strip() or kickoff_link.strip()):
        message = "Give a place or a link for the kick-off."
        raise ApplicationError(message, errors={"kickoff_location": [message]})
    changed = kickoff_at != cohort.kickoff_at
    cohort.name, cohort.kickoff_at = name.strip(), kickoff_at
    cohort.kickoff_location, cohort.kickoff_link = kickoff_location.strip(), kickoff_link.strip()
    cohort.save(update_fields=["name", "kickoff_at", "kickoff_location", "kickoff_link"])
    if changed and kickoff_at is not None:
        user_ids = Term.objects.filter(cohort=cohort, person__user__isnull=False).values_list(
            "person__user_id", flat=True
        )
        when = timezone.localtime(kickoff_at).strftime("%d %B %Y, %H:%M")
        url = reverse("portal:onboarding", kwargs={"org_slug": current_organization().slug})
        notifications_send(
            messages=[
                Message(
                    recipient_id=user_id,
                    reason_key=f"cohort:{cohort.pk}:kickoff:{kickoff_at:%Y%m%dT%H%M}",
                    title=f"Cohort kick-off: {when}",
                    body=cohort.kickoff_location or cohort.kickoff_link,
                    url=url,
                )
                for user_id in user_ids
            ]
        )
    return cohort


@transaction.atomic
def onboarding_task_set_done(*, actor, task: OnboardingTask, done: bool) -> OnboardingTask:
    """The ambassador ticks a task of their own plan off (or back on)."""
    if task.term.person.user_id != getattr(actor, "pk", None):
        raise ApplicationError("This task is not yours.", status=404)
    if task.term.status == Term.Status.ENDED:
        raise ApplicationError("This term has ended.")
    task.completed_at = timezone.now() if done else None
    task.save(update_fields=["completed_at"])
    return task
