"""Reads of programs and roles for the console pages (current organization only, joined for the page)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from ambassadors.models import AmbassadorRole, ContributionOption, OnboardingTemplateTask, Program, SelectionCriterion


def program_list() -> QuerySet[Program]:
    return Program.objects.annotate(
        role_count=Count("roles", distinct=True),
        active_role_count=Count("roles", filter=Q(roles__is_active=True), distinct=True),
    ).order_by("-is_active", "name")


def program_get(*, pk: int) -> Program:
    return get_object_or_404(Program.objects.all(), pk=pk)


def program_roles(*, program: Program) -> QuerySet[AmbassadorRole]:
    return (
        AmbassadorRole.objects.filter(program=program)
        .annotate(
            option_count=Count("contribution_options", filter=Q(contribution_options__is_active=True), distinct=True),
            criterion_count=Count("criteria", distinct=True),
            intake_count=Count("intakes", distinct=True),
        )
        .order_by("-is_active", "name")
    )


def role_get(*, pk: int) -> AmbassadorRole:
    return get_object_or_404(AmbassadorRole.objects.select_related("program"), pk=pk)


def role_options(*, role: AmbassadorRole, active_only: bool = False) -> QuerySet[ContributionOption]:
    qs = ContributionOption.objects.filter(role=role).order_by("position", "name")
    return qs.filter(is_active=True) if active_only else qs


def role_criteria(*, role: AmbassadorRole) -> QuerySet[SelectionCriterion]:
    return SelectionCriterion.objects.filter(role=role).order_by("position", "name")


def role_onboarding_template(*, role: AmbassadorRole) -> QuerySet[OnboardingTemplateTask]:
    return OnboardingTemplateTask.objects.filter(role=role).order_by("position", "due_after_days")


def roles_for_intake() -> QuerySet[AmbassadorRole]:
    return AmbassadorRole.objects.filter(is_active=True, program__is_active=True).select_related("program")
