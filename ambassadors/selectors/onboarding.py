"""Reads of cohorts and onboarding plans: the console's cohort progress and the ambassador's own plan."""

from __future__ import annotations

from datetime import UTC, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ambassadors.models import Cohort, OnboardingTask, Term


def cohort_list() -> QuerySet[Cohort]:
    return (
        Cohort.objects.select_related("intake__role")
        .annotate(member_count=Count("terms", distinct=True))
        .order_by("-id")
    )


def cohort_get(*, pk: int) -> Cohort:
    return get_object_or_404(Cohort.objects.select_related("intake__role__program"), pk=pk)


def cohort_progress(*, cohort: Cohort) -> list[Term]:
    """The cohort's ambassadors with their onboarding progress (``done``, ``total``, ``percent``, ``overdue``)."""
    today = timezone.localdate()
    terms = list(
        Term.objects.filter(cohort=cohort)
        .select_related("person", "org_unit")
        .annotate(
            total=Count("onboarding_tasks"),
            done=Count("onboarding_tasks", filter=Q(onboarding_tasks__completed_at__isnull=False)),
            overdue=Count(
                "onboarding_tasks",
                filter=Q(onboarding_tasks__completed_at__isnull=True, onboarding_tasks__due_on__lt=today),
            ),
        )
        .order_by("person__last_name", "person__first_name")
    )
    for term in terms:
        term.percent = round(100 * term.done / term.total) if term.total else 100
    return terms


def my_terms(*, person) -> list[Term]:
    """The member's open terms with their onboarding plan and cohort, progress attached."""
    terms = list(
        Term.objects.filter(person=person)
        .exclude(status=Term.Status.ENDED)
        .select_related("role__program", "cohort", "org_unit")
        .prefetch_related(Prefetch("onboarding_tasks", queryset=OnboardingTask.objects.order_by("due_on", "position")))
    )
    today = timezone.localdate()
    for term in terms:
        tasks = list(term.onboarding_tasks.all())
        term.tasks = tasks
        term.total = len(tasks)
        term.done = sum(1 for t in tasks if t.completed_at)
        term.percent = round(100 * term.done / term.total) if term.total else 100
        for task in tasks:
            task.is_overdue = task.completed_at is None and task.due_on < today
    return terms


def my_task_get(*, person, pk: int) -> OnboardingTask:
    return get_object_or_404(OnboardingTask.objects.select_related("term"), term__person=person, pk=pk)


def my_cohort_get(*, person, pk: int) -> Cohort:
    """A cohort the member belongs to (404 otherwise)."""
    return get_object_or_404(Cohort.objects.filter(terms__person=person).distinct(), pk=pk)


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 folds lines longer than 75 octets."""
    out, data = [], line.encode()
    while len(data) > 75:
        cut = 75
        while (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        out.append(data[:cut].decode())
        data = b" " + data[cut:]
    out.append(data.decode())
    return "\r\n".join(out)


def cohort_ical(*, cohort: Cohort, organization, duration: timedelta = timedelta(hours=2)) -> str:
    """The kick-off as an iCalendar (.ics) invitation."""
    fmt = "%Y%m%dT%H%M%SZ"
    start = cohort.kickoff_at.astimezone(UTC)
    where = cohort.kickoff_location or cohort.kickoff_link
    description = f"Kick-off of the {cohort.name} cohort of {organization.name}."
    if cohort.kickoff_link:
        description += f"\nJoin: {cohort.kickoff_link}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//XM Hub//Ambassadors//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:cohort-{cohort.pk}-kickoff@{organization.slug}.xmhub",
        f"DTSTAMP:{timezone.now().astimezone(UTC):{fmt}}",
        f"DTSTART:{start:{fmt}}",
        f"DTEND:{start + duration:{fmt}}",
        f"SUMMARY:{_ics_text(f'{cohort.name} kick-off')}",
        f"DESCRIPTION:{_ics_text(description)}",
    ]
    if where:
        lines.append(f"LOCATION:{_ics_text(where)}")
    if cohort.kickoff_link:
        lines.append(f"URL:{cohort.kickoff_link}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
