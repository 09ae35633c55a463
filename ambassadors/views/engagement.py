"""Console (program managers, roles.CONSOLE): recognition (awards, certificates, kudos), input requests and
their answers, success stories to review, exit feedback, the alumni directory and the alumni stream."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ambassadors.certificates import award_certificate_pdf
from ambassadors.forms.engagement import (
    AlumniUpdateForm,
    AwardForm,
    InputRequestForm,
    KudosForm,
    StoryFilterForm,
    TermPickForm,
    add_service_errors,
)
from ambassadors.selectors import engagement as selectors
from ambassadors.services import engagement as services
from xmhub.accounts import roles
from xmhub.accounts.permissions import role_required
from xmhub.core.errors import ApplicationError

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@role_required(*roles.CONSOLE)
def recognition(request, org_slug):
    """Recent awards and kudos, and a picker leading to a term's recognition page (to grant from)."""
    pick = TermPickForm(request.GET or None)
    if pick.is_bound and pick.is_valid():
        return redirect("ambassadors:term_recognition", org_slug=org_slug, pk=pick.cleaned_data["term"].pk)
    return render(
        request,
        "ambassadors/engagement/recognition.html",
        {"pick": pick, "awards": selectors.recent_awards()[:PAGE_SIZE], "kudos": selectors.recent_kudos()[:PAGE_SIZE]},
    )


def _term_page(request, pk, *, status=200, award_form=None, kudos_form=None):
    term = selectors.term_for_console(pk=pk)
    return render(
        request,
        "ambassadors/engagement/term_recognition.html",
        {
            "term": term,
            "awards": selectors.term_awards(term=term),
            "kudos": selectors.term_kudos(term=term),
            "award_form": award_form or AwardForm(),
            "kudos_form": kudos_form or KudosForm(fixed_term=term),
        },
        status=status,
    )


@require_GET
@role_required(*roles.CONSOLE)
def term_recognition(request, org_slug, pk):
    return _term_page(request, pk)


@require_POST
@role_required(*roles.CONSOLE)
def award_grant(request, org_slug, pk):
    term = selectors.term_for_console(pk=pk)
    form = AwardForm(request.POST)
    if form.is_valid():
        try:
            award = services.award_grant(actor=request.user, term=term, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{award.get_kind_display()} granted to {term.person.full_name}.")
            return redirect("ambassadors:term_recognition", org_slug=org_slug, pk=term.pk)
    return _term_page(request, pk, status=400, award_form=form)


@require_POST
@role_required(*roles.CONSOLE)
def term_kudos(request, org_slug, pk):
    term = selectors.term_for_console(pk=pk)
    form = KudosForm(request.POST, fixed_term=term)
    if form.is_valid():
        try:
            services.kudos_send(actor=request.user, term=term, message=form.cleaned_data["message"])
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Kudos sent.")
            return redirect("ambassadors:term_recognition", org_slug=org_slug, pk=term.pk)
    return _term_page(request, pk, status=400, kudos_form=form)


@require_GET
@role_required(*roles.CONSOLE)
def award_certificate(request, org_slug, pk):
    award = selectors.award_for_console(pk=pk)
    pdf = award_certificate_pdf(
        award=award, summary=selectors.term_totals(term=award.term), organization_name=request.organization.name
    )
    return pdf_response(pdf, f"certificate-{award.pk}.pdf")


@require_http_methods(["GET", "POST"])
@role_required(*roles.CONSOLE)
def input_request_list(request, org_slug):
    form = InputRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.input_request_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Input request sent.")
            return redirect("ambassadors:input_request_detail", org_slug=org_slug, pk=created.pk)
    return render(
        request,
        "ambassadors/engagement/input_request_list.html",
        {
            "form": form,
            "page_obj": (page := _page(request, selectors.input_request_list())),
            "requests": page.object_list,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@role_required(*roles.CONSOLE)
def input_request_detail(request, org_slug, pk):
    input_request = selectors.input_request_detail(pk=pk)
    return render(
        request,
        "ambassadors/engagement/input_request_detail.html",
        {"input_request": input_request, "answers": selectors.input_request_answers(request=input_request)},
    )


@require_GET
@role_required(*roles.CONSOLE)
def story_review_list(request, org_slug):
    form = StoryFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = _page(request, selectors.stories_for_review(status=status or None))
    return render(
        request,
        "ambassadors/engagement/story_review.html",
        {"form": form, "page_obj": page, "stories": page.object_list},
    )


def _review(request, org_slug, pk, call, done):
    story = selectors.story_for_review(pk=pk)
    try:
        call(actor=request.user, story=story)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("ambassadors:story_review", org_slug=org_slug)


@require_POST
@role_required(*roles.CONSOLE)
def story_publish(request, org_slug, pk):
    return _review(request, org_slug, pk, services.story_publish, "Story published.")


@require_POST
@role_required(*roles.CONSOLE)
def story_reject(request, org_slug, pk):
    return _review(request, org_slug, pk, services.story_reject, "Story not published.")


@require_GET
@role_required(*roles.CONSOLE)
def exit_feedback_summary(request, org_slug):
    page = _page(request, selectors.exit_feedback_list())
    return render(
        request,
        "ambassadors/engagement/exit_feedback.html",
        {"summary": selectors.exit_feedback_summary(), "page_obj": page, "feedback": page.object_list},
    )


@require_GET
@role_required(*roles.CONSOLE)
def alumni_directory(request, org_slug):
    search = request.GET.get("q", "").strip()[:200]
    page = _page(request, selectors.alumni_directory(search=search or None))
    return render(
        request,
        "ambassadors/engagement/alumni_directory.html",
        {"page_obj": page, "alumni": page.object_list, "q": search},
    )


@require_http_methods(["GET", "POST"])
@role_required(*roles.CONSOLE)
def alumni_updates(request, org_slug):
    form = AlumniUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.alumni_update_post(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Update posted to the alumni.")
            return redirect("ambassadors:alumni_updates", org_slug=org_slug)
    page = _page(request, selectors.alumni_updates())
    return render(
        request,
        "ambassadors/engagement/alumni_updates.html",
        {"form": form, "page_obj": page, "updates": page.object_list},
        status=400 if request.method == "POST" else 200,
    )
