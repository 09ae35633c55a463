"""Writes of an intake: the round itself, its seats and reviewers, how candidates come in (self-application,
manager nomination, peer or alumni referral), the manager's approval of the time commitment, and blind
reviews. Selection and offers are in ``selection.py``."""

from __future__ import annotations

from datetime import date
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ambassadors import links
from ambassadors.models import (
    AmbassadorRole,
    Application,
    ApplicationOption,
    Cohort,
    ContributionOption,
    Intake,
    IntakeReviewer,
    IntakeSeat,
    Review,
    ReviewScore,
    SelectionCriterion,
    Term,
)
from xmhub.core.errors import ApplicationError
from xmhub.directory.models import OrgUnit, Person
from xmhub.notifications.services import Message, notifications_send
from xmhub.tenancy.context import current_organization


def _org_slug() -> str:
    return current_organization().slug


def _console_url(name: str, **kwargs) -> str:
    return reverse(f"ambassadors:{name}", kwargs={"org_slug": _org_slug(), **kwargs})


def _portal_url(name: str, **kwargs) -> str:
    return reverse(f"portal:{name}", kwargs={"org_slug": _org_slug(), **kwargs})


# --- intakes -----------------------------------------------------------------------------------------------


def _check_dates(*, opens_on: date, closes_on: date, term_starts_on: date) -> None:
    errors = {}
    if closes_on < opens_on:
        errors["closes_on"] = ["The intake must close on or after the day it opens."]
    if term_starts_on < closes_on:
        errors["term_starts_on"] = ["Terms start after the intake closes."]
    if errors:
        raise ApplicationError("Check the dates.", errors=errors)


def _set_seats(intake: Intake, seats: list[tuple[OrgUnit, int]]) -> None:
    wanted = {}
    for unit, count in seats:
        if unit is None or not count:
            continue
        if unit.pk in wanted:
            raise ApplicationError(
                f"{unit.name} appears twice in the seats.", errors={"seats": [f"{unit.name} appears twice."]}
            )
        wanted[unit.pk] = count
    current = {seat.org_unit_id: seat for seat in IntakeSeat.objects.filter(intake=intake)}
    IntakeSeat.objects.filter(intake=intake).exclude(org_unit_id__in=wanted).delete()
    for unit_id, count in wanted.items():
        seat = current.get(unit_id)
        if seat is None:
            IntakeSeat.objects.create(intake=intake, org_unit_id=unit_id, seats=count)
        elif seat.seats != count:
            seat.seats = count
            seat.save(update_fields=["seats"])


@transaction.atomic
def intake_create(
    *,
    actor,
    role: AmbassadorRole,
    name: str,
    opens_on: date,
    closes_on: date,
    term_starts_on: date,
    seats: list[tuple[OrgUnit, int]] = (),
) -> Intake:
    """A recruitment round for ``role`` with its seats per org unit, its cohort (kick-off set later) and the
    creating program manager as its first reviewer."""
    if not role.is_active:
        raise ApplicationError("This role is inactive; reactivate it before opening an intake.")
    _check_dates(opens_on=opens_on, closes_on=closes_on, term_starts_on=term_starts_on)
    intake = Intake.objects.create(
        role=role, name=name.strip(), opens_on=opens_on, closes_on=closes_on, term_starts_on=term_starts_on
    )
    _set_seats(intake, list(seats))
    Cohort.objects.create(intake=intake, name=intake.name)
    if actor is not None and getattr(actor, "pk", None):
        IntakeReviewer.objects.create(intake=intake, user=actor)
    _invite_alumni_reviewers(intake, exclude_user_id=getattr(actor, "pk", None))
    return intake


def _invite_alumni_reviewers(intake: Intake, *, exclude_user_id: int | None) -> None:
    """Alumni who opted in to reviewing are invited to every new intake (one query, one insert, one batch
    of notifications, whatever their number)."""
    from ambassadors.models import AlumniProfile
    from xmhub.accounts.models import Membership

    alumni = (
        AlumniProfile.objects.filter(opt_in_reviewing=True, person__user__isnull=False)
        .exclude(person__ambassador_terms__status__in=[Term.Status.ACTIVE, Term.Status.PAUSED])
        .values("person__user_id")
    )
    user_ids = set(
        Membership.objects.filter(user_id__in=alumni, is_active=True)
        .exclude(user_id=exclude_user_id)
        .values_list("user_id", flat=True)
    )
    if not user_ids:
        return
    IntakeReviewer.objects.bulk_create(
        [IntakeReviewer(intake=intake, user_id=user_id) for user_id in sorted(user_ids)], ignore_conflicts=True
    )
    notifications_send(
        messages=[
            Message(
                recipient_id=user_id,
                reason_key=f"intake:{intake.pk}:reviewer",
                title=f"You are invited to review candidates of {intake.name}",
                body="As an alumnus you opted in to help select the next cohort. Score each candidate on each "
                "criterion; you see the other reviewers' scores once yours are in.",
                url=_console_url("review_queue", pk=intake.pk),
            )
            for user_id in sorted(user_ids)
        ]
    )


@transaction.atomic
def intake_update(
    *,
    actor,
    intake: Intake,
    name: str,
    opens_on: date,
    closes_on: date,
    term_starts_on: date,
    seats: list[tuple[OrgUnit, int]],
) -> Intake:
    _check_dates(opens_on=opens_on, closes_on=closes_on, term_starts_on=term_starts_on)
    if intake.term_starts_on != term_starts_on and Term.objects.filter(application__intake=intake).exists():
        raise ApplicationError(
            "Terms have started from this intake; the start date can no longer change.",
            errors={"term_starts_on": ["Terms exist already."]},
        )
    intake.name, intake.opens_on, intake.closes_on = name.strip(), opens_on, closes_on
    intake.term_starts_on = term_starts_on
    intake.save(update_fields=["name", "opens_on", "closes_on", "term_starts_on"])
    _set_seats(intake, list(seats))
    return intake


@transaction.atomic
def intake_reviewer_add(*, actor, intake: Intake, user) -> IntakeReviewer:
    """Invite a member (a program manager or an alumnus) to score this intake's candidates."""
    from xmhub.accounts.models import Membership

    if not Membership.objects.filter(user=user, is_active=True).exists():
        raise ApplicationError("Only members of the organization can review.", errors={"user": ["Not a member."]})
    reviewer, created = IntakeReviewer.objects.get_or_create(intake=intake, user=user)
    if created:
        notifications_send(
            messages=[
                Message(
                    recipient_id=user.pk,
                    reason_key=f"intake:{intake.pk}:reviewer",
                    title=f"You are invited to review candidates of {intake.name}",
                    body=(
                        "Score each candidate on each criterion. You see the other reviewers' scores once yours are in."
                    ),
                    url=_console_url("review_queue", pk=intake.pk),
                )
            ]
        )
    return reviewer


@transaction.atomic
def intake_reviewer_remove(*, actor, intake: Intake, reviewer_id: int) -> None:
    deleted, _ = IntakeReviewer.objects.filter(intake=intake, pk=reviewer_id).delete()
    if not deleted:
        raise ApplicationError("No such reviewer.", status=404)


# --- candidates come in ------------------------------------------------------------------------------------


def _check_open(intake: Intake) -> None:
    if not intake.is_open_on(timezone.localdate()):
        raise ApplicationError(f"{intake.name} is not open for applications.")


def _check_candidate(intake: Intake, person: Person) -> None:
    if person.status != Person.Status.ACTIVE:
        raise ApplicationError(f"{person.full_name} is not an active employee.", errors={"person": ["Not active."]})
    if Application.objects.filter(intake=intake, person=person).exists():
        message = f"{person.full_name} is already a candidate in {intake.name}."
        raise ApplicationError(message, errors={"person": [message]})
    if Term.objects.filter(person=person, role_id=intake.role_id).exclude(status=Term.Status.ENDED).exists():
        message = f"{person.full_name} already serves in this role."
        raise ApplicationError(message, errors={"person": [message]})


def _options(intake: Intake, option_ids, *, required: bool) -> list[ContributionOption]:
    ids = {int(i) for i in option_ids or ()}
    options = list(ContributionOption.objects.filter(role_id=intake.role_id, is_active=True, pk__in=ids))
    if len(options) != len(ids):
        raise ApplicationError(
            "Choose from the role's contribution options.",
            errors={"contribution_options": ["Choose from the options listed."]},
        )
    if required and not options:
        raise ApplicationError(
            "Choose at least one way you would like to contribute.",
            errors={"contribution_options": ["Choose at least one."]},
        )
    return options


def _create_application(*, intake, person, source, motivation, options, referred_by=None) -> Application:
    """Create the candidate; the manager must approve the time commitment first, when there is one to ask."""
    manager = person.manager if person.manager_id and person.manager.email else None
    status = Application.Status.AWAITING_MANAGER if manager else Application.Status.IN_REVIEW
    application = Application.objects.create(
        intake=intake,
        person=person,
        source=source,
        motivation=motivation,
        status=status,
        manager=manager,
        referred_by=referred_by,
    )
    ApplicationOption.objects.bulk_create([ApplicationOption(application=application, option=o) for o in options])
    if manager:
        _ask_manager(application, person, manager)
    else:
        _announce_to_reviewers(application)
    return application


@transaction.atomic
def application_submit(*, actor, intake: Intake, person: Person, motivation: str, option_ids) -> Application:
    """A member applies for themselves while the intake is open."""
    _check_open(intake)
    if person.user_id != getattr(actor, "pk", None):
        raise ApplicationError("You can only apply for yourself.", status=403)
    _check_candidate(intake, person)
    motivation = (motivation or "").strip()
    if len(motivation) < 20:
        raise ApplicationError(
            "Tell the panel in a sentence or two why you want the role.",
            errors={"motivation": ["Write at least 20 characters."]},
        )
    options = _options(intake, option_ids, required=True)
    return _create_application(
        intake=intake, person=person, source=Application.Source.SELF, motivation=motivation, options=options
    )


@transaction.atomic
def application_nominate(
    *, actor, intake: Intake, manager: Person, person: Person, motivation: str, option_ids=()
) -> Application:
    """A manager nominates one of their reports. The nomination is the manager's approval: straight to review."""
    _check_open(intake)
    if manager.user_id != getattr(actor, "pk", None):
        raise ApplicationError("You can only nominate as yourself.", status=403)
    if person.manager_id != manager.pk:
        message = "You can nominate your own direct reports only."
        raise ApplicationError(message, errors={"person": [message]})
    _check_candidate(intake, person)
    options = _options(intake, option_ids, required=False)
    now = timezone.now()
    application = Application.objects.create(
        intake=intake,
        person=person,
        source=Application.Source.MANAGER,
        motivation=(motivation or "").strip(),
        status=Application.Status.IN_REVIEW,
        manager=manager,
        manager_decided_at=now,
        referred_by=manager,
    )
    ApplicationOption.objects.bulk_create([ApplicationOption(application=application, option=o) for o in options])
    if person.user_id:
        notifications_send(
            messages=[
                Message(
                    recipient_id=person.user_id,
                    reason_key=f"application:{application.pk}:nominated",
                    title=f"{manager.full_name} nominated you for {intake.role.name}",
                    body="The selection panel will review your nomination. You will hear from us either way.",
                    url=_portal_url("apply_list"),
                )
            ]
        )
    _announce_to_reviewers(application)
    return application


@transaction.atomic
def application_refer(*, actor, intake: Intake, referrer: Person, person: Person, motivation: str) -> Application:
    """A peer (or an alumnus: their source says so) refers a colleague; the colleague's manager approves
    the time commitment as for a self-application."""
    _check_open(intake)
    if referrer.user_id != getattr(actor, "pk", None):
        raise ApplicationError("You can only refer as yourself.", status=403)
    if referrer.pk == person.pk:
        raise ApplicationError("Apply instead of referring yourself.", errors={"person": ["That is you."]})
    _check_candidate(intake, person)
    motivation = (motivation or "").strip()
    if len(motivation) < 20:
        raise ApplicationError(
            "Tell the panel why this colleague would make a good ambassador.",
            errors={"motivation": ["Write at least 20 characters."]},
        )
    is_alumnus = Term.objects.filter(person=referrer, status=Term.Status.ENDED).exists()
    source = Application.Source.ALUMNI if is_alumnus else Application.Source.PEER
    application = _create_application(
        intake=intake, person=person, source=source, motivation=motivation, options=[], referred_by=referrer
    )
    if person.user_id:
        notifications_send(
            messages=[
                Message(
                    recipient_id=person.user_id,
                    reason_key=f"application:{application.pk}:referred",
                    title=f"{referrer.full_name} referred you for {intake.role.name}",
                    body="A colleague thinks you would make a great XM ambassador.",
                    url=_portal_url("apply_list"),
                )
            ]
        )
    return application


# --- the manager approves the time commitment ---------------------------------------------------------------


def _ask_manager(application: Application, person: Person, manager: Person) -> None:
    organization = current_organization()
    role = application.intake.role
    link = links.approval_url(organization_id=organization.pk, application_id=application.pk, manager_id=manager.pk)
    transaction.on_commit(
        partial(
            send_manager_approval_email,
            email=manager.email,
            manager_name=manager.first_name,
            candidate_name=person.full_name,
            role_name=role.name,
            organization_name=organization.name,
            time_share=role.time_share,
            hours=organization.hours_per_week(role.time_share),
            term_months=role.term_months,
            link=link,
            valid_days=links.approval_ttl().days,
        )
    )
    if manager.user_id:
        notifications_send(
            messages=[
                Message(
                    recipient_id=manager.user_id,
                    reason_key=f"application:{application.pk}:manager_approval",
                    title=f"{person.full_name} applied to be an XM ambassador: please approve the time",
                    body=(
                        f"{role.time_share}% of working time for {role.term_months} months. The link is in your email."
                    ),
                )
            ]
        )


def send_manager_approval_email(
    *,
    email,
    manager_name,
    candidate_name,
    role_name,
    organization_name,
    time_share,
    hours,
    term_months,
    link,
    valid_days,
) -> None:
    context = {
        "manager_name": manager_name,
        "candidate_name": candidate_name,
        "role_name": role_name,
        "organization_name": organization_name,
        "time_share": time_share,
        "hours": hours,
        "term_months": term_months,
        "link": link,
        "valid_days": valid_days,
    }
    subject = " ".join(render_to_string("email/ambassadors/manager_approval_subject.txt", context).split())
    body = render_to_string("email/ambassadors/manager_approval_message.txt", context)
    html = render_to_string("email/ambassadors/manager_approval_message.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    message.attach_alternative(html, "text/html")
    message.send()


@transaction.atomic
def application_manager_decide(
    *, application: Application, manager_id: int, approve: bool, note: str = ""
) -> Application:
    """The manager's answer from the emailed link: awaiting_manager → in_review or manager_declined."""
    application = (
        Application.objects.select_for_update().select_related("intake__role", "person").get(pk=application.pk)
    )
    if application.manager_id != manager_id:
        raise ApplicationError("This link is not for the current manager of the candidate.", status=404)
    if application.status != Application.Status.AWAITING_MANAGER:
        raise ApplicationError("This request was already answered.", status=410)
    application.status = Application.Status.IN_REVIEW if approve else Application.Status.MANAGER_DECLINED
    application.manager_decided_at = timezone.now()
    application.manager_note = (note or "").strip()
    application.save(update_fields=["status", "manager_decided_at", "manager_note"])
    person, role = application.person, application.intake.role
    if person.user_id:
        if approve:
            title, body = (
                f"Your manager approved your time for {role.name}",
                "Your application now goes to the selection panel.",
            )
        else:
            title, body = (
                f"Your manager did not approve your time for {role.name}",
                application.manager_note
                or "Talk with your manager about timing; you can apply again in a later intake.",
            )
        notifications_send(
            messages=[
                Message(
                    recipient_id=person.user_id,
                    reason_key=f"application:{application.pk}:manager_{'approved' if approve else 'declined'}",
                    title=title,
                    body=body,
                    url=_portal_url("apply_list"),
                )
            ]
        )
    if approve:
        _announce_to_reviewers(application)
    return application


def _announce_to_reviewers(application: Application) -> None:
    reviewer_ids = IntakeReviewer.objects.filter(intake_id=application.intake_id).values_list("user_id", flat=True)
    url = _console_url("review_application", pk=application.pk)
    notifications_send(
        messages=[
            Message(
                recipient_id=user_id,
                reason_key=f"application:{application.pk}:to_review",
                title=f"New candidate to review: {application.person.full_name}",
                url=url,
            )
            for user_id in reviewer_ids
        ]
    )


# --- blind reviews -----------------------------------------------------------------------------------------


@transaction.atomic
def review_save(
    *, actor, application: Application, scores: dict[int, int | None], comment: str = "", submit: bool = False
) -> Review:
    """Save (and with ``submit``, lock in) ``actor``'s scores for ``application``: {criterion id: score}.
    A submitted review no longer changes: others' scores were shown against it."""
    if application.status not in (Application.Status.IN_REVIEW, Application.Status.WAITLISTED):
        raise ApplicationError("This candidate is not in review.")
    review, _ = Review.objects.select_for_update().get_or_create(application=application, reviewer=actor)
    if review.submitted_at:
        raise ApplicationError("You have submitted this review already.")
    criteria = {c.pk: c for c in SelectionCriterion.objects.filter(role_id=application.intake.role_id)}
    errors = {}
    clean = {}
    for criterion_id, score in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise ApplicationError("Unknown criterion; reload the page.")
        if score in (None, ""):
            continue
        if not 1 <= int(score) <= criterion.scale_max:
            errors[f"c{criterion.pk}"] = [f"Score from 1 to {criterion.scale_max}."]
            continue
        clean[criterion.pk] = int(score)
    if submit:
        for criterion in criteria.values():
            if criterion.pk not in clean and f"c{criterion.pk}" not in errors:
                errors[f"c{criterion.pk}"] = ["Score every criterion before you submit."]
    if errors:
        raise ApplicationError("Check the scores.", errors=errors)
    existing = {s.criterion_id: s for s in ReviewScore.objects.filter(review=review)}
    ReviewScore.objects.filter(review=review).exclude(criterion_id__in=clean).delete()
    for criterion_id, score in clean.items():
        row = existing.get(criterion_id)
        if row is None:
            ReviewScore.objects.create(review=review, criterion_id=criterion_id, score=score)
        elif row.score != score:
            row.score = score
            row.save(update_fields=["score"])
    review.comment = (comment or "").strip()
    if submit:
        review.submitted_at = timezone.now()
    review.save(update_fields=["comment", "submitted_at"])
    return review
