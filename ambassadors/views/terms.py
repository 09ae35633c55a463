"""Program-manager console: terms with pace, a term's page and its actions, the coaches' load (roles.CONSOLE)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ambassadors.forms.terms import (
    CoachForm,
    CommitmentForm,
    EndForm,
    PauseForm,
    ReassignForm,
    RenewForm,
    ResumeForm,
    TermFilterForm,
    add_service_errors,
)
from ambassadors.models import Term
from ambassadors.selectors import terms as selectors
from ambassadors.services import terms as services
from xmhub.accounts import roles
from xmhub.accounts.permissions import role_required
from xmhub.core.errors import ApplicationError
from xmhub.core.sync_health import organization_today

PAGE_SIZE = 50


@require_GET
@role_required(*roles.CONSOLE)
def term_list(request, org_slug):
    form = TermFilterForm(request.GET or None)
    today = organization_today()
    page = Paginator(selectors.term_list(today=today, **form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "ambassadors/terms/term_list.html",
        {
            "form": form,
            "page_obj": page,
            "terms": page.object_list,
            "today": today,
            "is_filtered": form.is_bound and form.is_filtered,
        },
    )


def _detail(request, term_pk: int, *, status: int = 200, **forms):
    today = organization_today()
    term = selectors.term_detail(pk=term_pk, today=today)
    context = {
        "term": term,
        "today": today,
        "activities": selectors.term_activities(term=term)[:50],
        "summary": selectors.term_summary(term=term),
        "milestones": selectors.term_milestones(term=term),
        "commitments": selectors.term_commitments(term=term),
        "pause_form": forms.get("pause_form") or PauseForm(),
        "resume_form": forms.get("resume_form") or ResumeForm(),
        "end_form": forms.get("end_form") or EndForm(),
        "renew_form": forms.get("renew_form") or RenewForm(),
        "commitment_form": forms.get("commitment_form")
        or CommitmentForm(initial={"period": "month", "activities_target": 2, "hours_target": 8}),
        "coach_form": forms.get("coach_form") or CoachForm(initial={"coach": term.coach_id}),
    }
    return render(request, "ambassadors/terms/term_detail.html", context, status=status)


@require_GET
@role_required(*roles.CONSOLE)
def term_detail(request, org_slug, pk):
    return _detail(request, pk)


def _action(request, pk, form_class, form_name, call, success):
    """Validate ``form_class``, call the service; on success redirect with a message, else re-render the term
    page with the errors (400, and the request's transaction rolls back)."""
    term = get_object_or_404(Term.objects.all(), pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            result = call(term, form.cleaned_data)
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            target = result if isinstance(result, Term) else term
            return redirect("ambassadors:term_detail", org_slug=request.organization.slug, pk=target.pk)
    return _detail(request, pk, status=400, **{form_name: form})


@require_POST
@role_required(*roles.CONSOLE)
def term_pause(request, org_slug, pk):
    return _action(
        request,
        pk,
        PauseForm,
        "pause_form",
        lambda term, data: services.term_pause(actor=request.user, term=term, reason=data["reason"]),
        "Term paused.",
    )


@require_POST
@role_required(*roles.CONSOLE)
def term_resume(request, org_slug, pk):
    return _action(
        request,
        pk,
        ResumeForm,
        "resume_form",
        lambda term, data: services.term_resume(actor=request.user, term=term, org_unit=data["org_unit"]),
        "Term resumed.",
    )


@require_POST
@role_required(*roles.CONSOLE)
def term_end(request, org_slug, pk):
    return _action(
        request,
        pk,
        EndForm,
        "end_form",
        lambda term, data: services.term_end(
            actor=request.user, term=term, reason=data["reason"], ended_on=data["ended_on"]
        ),
        "Term ended.",
    )


@require_POST
@role_required(*roles.CONSOLE)
def term_renew(request, org_slug, pk):
    return _action(
        request,
        pk,
        RenewForm,
        "renew_form",
        lambda term, data: services.term_renew(actor=request.user, term=term, ends_on=data["ends_on"]),
        "Term renewed: this is the new term.",
    )


@require_POST
@role_required(*roles.CONSOLE)
def term_commitment(request, org_slug, pk):
    return _action(
        request,
        pk,
        CommitmentForm,
        "commitment_form",
        lambda term, data: services.commitment_set(actor=request.user, term=term, **data),
        "Commitment saved.",
    )


@require_POST
@role_required(*roles.CONSOLE)
def term_coach(request, org_slug, pk):
    return _action(
        request,
        pk,
        CoachForm,
        "coach_form",
        lambda term, data: services.term_set_coach(actor=request.user, term=term, coach=data["coach"]),
        "Coach changed.",
    )


@require_GET
@role_required(*roles.CONSOLE)
def coach_load(request, org_slug):
    coaches = selectors.coach_load()
    return render(
        request,
        "ambassadors/terms/coach_load.html",
        {"coaches": coaches, "reassignments": selectors.coach_reassignments(coaches=coaches)},
    )


@require_POST
@role_required(*roles.CONSOLE)
def coach_reassign(request, org_slug):
    form = ReassignForm(request.POST)
    if form.is_valid():
        term, coach = form.cleaned_data["term"], form.cleaned_data["coach"]
        try:
            services.term_set_coach(actor=request.user, term=term, coach=coach)
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{term.person} is now coached by {coach.person}.")
            return redirect("ambassadors:coach_load", org_slug=request.organization.slug)
    coaches = selectors.coach_load()
    return render(
        request,
        "ambassadors/terms/coach_load.html",
        {"coaches": coaches, "reassignments": selectors.coach_reassignments(coaches=coaches), "form": form},
        status=400,
    )
