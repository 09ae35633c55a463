"""Portal: my recognition (awards, kudos, certificates, the term summary PDF), kudos by any member, input
requests to answer, success stories (submit, read the published ones), exit feedback, and the alumni page
(updates stream and opt-ins). Everything an ambassador reads or writes is their own, through their
directory person."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ambassadors.certificates import award_certificate_pdf, term_summary_pdf
from ambassadors.forms.engagement import (
    AlumniSettingsForm,
    ExitFeedbackForm,
    InputResponseForm,
    KudosForm,
    StoryForm,
    add_service_errors,
)
from ambassadors.models import Term
from ambassadors.selectors import engagement as selectors
from ambassadors.services import engagement as services
from ambassadors.views.engagement import pdf_response
from xmhub.accounts.permissions import role_required
from xmhub.accounts.roles import Role
from xmhub.core.errors import ApplicationError
from xmhub.core.sync_health import organization_today


@require_GET
@role_required(Role.AMBASSADOR)
def recognition(request, org_slug):
    return render(
        request,
        "portal/engagement/recognition.html",
        {
            "terms": selectors.my_terms(user=request.user),
            "awards": selectors.my_awards(user=request.user),
            "kudos": selectors.my_kudos(user=request.user)[:100],
        },
    )


@require_GET
@role_required(Role.AMBASSADOR)
def award_certificate(request, org_slug, pk):
    award = selectors.my_award(user=request.user, pk=pk)
    pdf = award_certificate_pdf(
        award=award, summary=selectors.term_totals(term=award.term), organization_name=request.organization.name
    )
    return pdf_response(pdf, f"certificate-{award.pk}.pdf")


@require_GET
@role_required(Role.AMBASSADOR)
def term_certificate(request, org_slug, pk):
    """The term summary certificate: only for the user's own ended term."""
    term = selectors.my_term(user=request.user, pk=pk)
    if term.status != Term.Status.ENDED:
        raise Http404("The term summary is available when the term has ended.")
    pdf = term_summary_pdf(
        term=term,
        summary=selectors.term_totals(term=term),
        awards=list(selectors.term_awards(term=term)),
        organization_name=request.organization.name,
    )
    return pdf_response(pdf, f"term-summary-{term.pk}.pdf")


@require_http_methods(["GET", "POST"])
def kudos(request, org_slug):
    """Any member thanks an ambassador."""
    form = KudosForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.kudos_send(
                actor=request.user, term=form.cleaned_data["term"], message=form.cleaned_data["message"]
            )
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Kudos sent to {form.cleaned_data['term'].person.full_name}.")
            return redirect("portal:kudos", org_slug=org_slug)
    return render(
        request, "portal/engagement/kudos.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@require_GET
@role_required(Role.AMBASSADOR)
def input_requests(request, org_slug):
    person = selectors.person_for_user(user=request.user)
    return render(
        request,
        "portal/engagement/input_requests.html",
        {"requests": selectors.input_requests_for(person=person)[:100], "today": organization_today()},
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.AMBASSADOR)
def input_request_answer(request, org_slug, pk):
    person = selectors.person_for_user(user=request.user)
    input_request = selectors.input_request_for(person=person, pk=pk)
    existing = selectors.my_input_response(person=person, request=input_request)
    is_open = organization_today() <= input_request.deadline
    form = InputResponseForm(request.POST or None, initial={"answer": existing.answer if existing else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.input_response_submit(person=person, request=input_request, answer=form.cleaned_data["answer"])
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Answer saved. You can change it until the deadline.")
            return redirect("portal:input_requests", org_slug=org_slug)
    return render(
        request,
        "portal/engagement/input_request_answer.html",
        {"input_request": input_request, "form": form, "existing": existing, "is_open": is_open},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@role_required(Role.AMBASSADOR)
def stories(request, org_slug):
    return render(
        request,
        "portal/engagement/stories.html",
        {"stories": selectors.published_stories()[:100], "mine": selectors.my_stories(user=request.user)[:20]},
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.AMBASSADOR)
def story_new(request, org_slug):
    term = selectors.my_terms(user=request.user).first()
    if term is None:
        raise PermissionDenied("Only ambassadors with a term can submit stories.")
    form = StoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.story_submit(term=term, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Thank you! The program team will review your story.")
            return redirect("portal:stories", org_slug=org_slug)
    return render(
        request, "portal/engagement/story_form.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.AMBASSADOR)
def exit_feedback(request, org_slug, pk):
    term = selectors.my_term(user=request.user, pk=pk)
    if term.status != Term.Status.ENDED:
        raise Http404("Exit feedback opens when the term has ended.")
    if hasattr(term, "exit_feedback"):
        messages.info(request, "You already gave exit feedback for this term. Thank you!")
        return redirect("portal:recognition", org_slug=org_slug)
    form = ExitFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exit_feedback_submit(term=term, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Thank you for your feedback.")
            return redirect("portal:recognition", org_slug=org_slug)
    return render(
        request,
        "portal/engagement/exit_feedback.html",
        {"term": term, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _alumni_person(request):
    person = selectors.person_for_user(user=request.user)
    if not selectors.is_alumnus(person=person):
        raise PermissionDenied("The alumni pages are for former ambassadors.")
    return person


def _alumni_page(request, person, form, *, status=200):
    return render(
        request,
        "portal/engagement/alumni.html",
        {"is_alumnus": True, "updates": selectors.alumni_updates()[:50], "form": form},
        status=status,
    )


@require_GET
@role_required(Role.AMBASSADOR)
def alumni(request, org_slug):
    """The alumni page; an ambassador who is not alumni (yet) sees what it will hold."""
    person = selectors.person_for_user(user=request.user)
    if not selectors.is_alumnus(person=person):
        return render(request, "portal/engagement/alumni.html", {"is_alumnus": False})
    profile = selectors.alumni_profile_for(person=person)
    form = AlumniSettingsForm(initial={f: getattr(profile, f) for f in AlumniSettingsForm.base_fields})
    return _alumni_page(request, person, form)


@require_POST
@role_required(Role.AMBASSADOR)
def alumni_settings(request, org_slug):
    person = _alumni_person(request)
    form = AlumniSettingsForm(request.POST)
    if form.is_valid():
        services.alumni_profile_update(person=person, **form.cleaned_data)
        messages.success(request, "Your alumni settings are saved.")
        return redirect("portal:alumni", org_slug=org_slug)
    return _alumni_page(request, person, form, status=400)
