"""Console: intakes (dates, seats, reviewers), blind reviews and the selection panel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ambassadors.forms import add_application_error
from ambassadors.forms.intake import (
    IntakeForm,
    PanelDecisionForm,
    ReviewerAddForm,
    ReviewForm,
    SeatFormSet,
    seats_from,
)
from ambassadors.selectors import intake as selectors
from ambassadors.selectors import programs as program_selectors
from ambassadors.services import intake as services
from ambassadors.services import selection
from ambassadors.views import layout_for, post_data, raise_for, status_for
from xmhub.accounts import roles
from xmhub.accounts.models import Membership, User
from xmhub.accounts.permissions import has_role, role_required
from xmhub.core.errors import ApplicationError
from xmhub.directory.models import OrgUnit

console_required = role_required(*roles.CONSOLE)
DONE = {"select": "selected", "waitlist": "waitlisted", "decline": "declined"}


def _units():
    return OrgUnit.objects.order_by("name")


def _seat_formset(request, initial=None):
    return SeatFormSet(post_data(request), initial=initial, prefix="seats", form_kwargs={"units": _units()})


@require_GET
@console_required
def intake_list(request, org_slug):
    return render(request, "ambassadors/intake/intake_list.html", {"intakes": selectors.intake_list()})


@console_required
def intake_create(request, org_slug):
    role_choices = program_selectors.roles_for_intake()
    initial = {}
    if request.GET.get("role", "").isdigit():
        initial["role"] = int(request.GET["role"])
    form = IntakeForm(post_data(request), roles=role_choices, initial=initial)
    seats = _seat_formset(request)
    if request.method == "POST" and form.is_valid() and seats.is_valid():
        try:
            intake = services.intake_create(actor=request.user, seats=seats_from(seats), **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"Intake “{intake.name}” created. Share the portal link with employees.")
            return redirect("ambassadors:intake_detail", org_slug=org_slug, pk=intake.pk)
    return render(
        request, "ambassadors/intake/intake_form.html", {"form": form, "seats": seats}, status=status_for([form, seats])
    )


@console_required
def intake_edit(request, org_slug, pk):
    intake = selectors.intake_get(pk=pk)
    form = IntakeForm(post_data(request), editing=True, initial=IntakeForm.initial_for(intake))
    seats = _seat_formset(
        request, initial=[{"org_unit": s.org_unit_id, "seats": s.seats} for s in selectors.intake_seats(intake=intake)]
    )
    if request.method == "POST" and form.is_valid() and seats.is_valid():
        try:
            services.intake_update(actor=request.user, intake=intake, seats=seats_from(seats), **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Intake saved.")
            return redirect("ambassadors:intake_detail", org_slug=org_slug, pk=intake.pk)
    return render(
        request,
        "ambassadors/intake/intake_form.html",
        {"form": form, "seats": seats, "intake": intake},
        status=status_for([form, seats]),
    )


def _reviewer_candidates(intake):
    taken = selectors.intake_reviewers(intake=intake).values_list("user_id", flat=True)
    members = Membership.objects.filter(is_active=True).values("user_id")
    return User.objects.filter(pk__in=members).exclude(pk__in=taken).order_by("email")


def _detail(request, intake, *, reviewer_form=None, status=200):
    from ambassadors.services.onboarding import cohort_for_intake

    return render(
        request,
        "ambassadors/intake/intake_detail.html",
        {
            "intake": intake,
            "role": intake.role,
            "applications": selectors.intake_applications(intake=intake),
            "seats": selectors.intake_seats(intake=intake),
            "reviewers": selectors.intake_reviewers(intake=intake),
            "reviewer_form": reviewer_form or ReviewerAddForm(users=_reviewer_candidates(intake)),
            "cohort": cohort_for_intake(intake=intake),
            "is_open": intake.is_open_on(timezone.localdate()),
        },
        status=status,
    )


@require_GET
@console_required
def intake_detail(request, org_slug, pk):
    return _detail(request, selectors.intake_get(pk=pk))


@require_POST
@console_required
def reviewer_add(request, org_slug, pk):
    intake = selectors.intake_get(pk=pk)
    form = ReviewerAddForm(request.POST, users=_reviewer_candidates(intake))
    if form.is_valid():
        try:
            services.intake_reviewer_add(actor=request.user, intake=intake, user=form.cleaned_data["user"])
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['user'].email} invited to review.")
            return redirect("ambassadors:intake_detail", org_slug=org_slug, pk=intake.pk)
    return _detail(request, intake, reviewer_form=form, status=400)


@require_POST
@console_required
def reviewer_remove(request, org_slug, pk, reviewer_pk):
    intake = selectors.intake_get(pk=pk)
    try:
        services.intake_reviewer_remove(actor=request.user, intake=intake, reviewer_id=reviewer_pk)
    except ApplicationError as error:
        raise_for(error)
        raise
    messages.success(request, "Reviewer removed.")
    return redirect("ambassadors:intake_detail", org_slug=org_slug, pk=intake.pk)


# --- blind review (program managers, and members invited as reviewers, e.g. alumni) -------------------------


def _check_reviewer(request, intake) -> None:
    if has_role(request, *roles.CONSOLE):
        return
    if not selectors.is_reviewer(intake=intake, user=request.user):
        raise PermissionDenied("You are not a reviewer of this intake.")


@require_GET
def my_reviews(request, org_slug):
    """The intakes the member reviews (the portal's entry for invited alumni)."""
    intakes = selectors.intake_list().filter(pk__in=selectors.reviewable_intake_ids(user=request.user))
    return render(request, "ambassadors/intake/my_reviews.html", {"intakes": intakes, "layout": layout_for(request)})


@require_GET
def review_queue(request, org_slug, pk):
    intake = selectors.intake_get(pk=pk)
    _check_reviewer(request, intake)
    return render(
        request,
        "ambassadors/intake/review_queue.html",
        {
            "intake": intake,
            "applications": selectors.review_queue(intake=intake, user=request.user),
            "layout": layout_for(request),
        },
    )


def review_application(request, org_slug, pk):
    application = selectors.application_get(pk=pk)
    intake = application.intake
    _check_reviewer(request, intake)
    page = selectors.review_page(application=application, user=request.user)
    initial = {f"c{cid}": str(score) for cid, score in page.my_scores.items()}
    initial["comment"] = page.review.comment if page.review else ""
    form = ReviewForm(post_data(request), criteria=page.criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.review_save(
                actor=request.user,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                submit=submit,
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            if submit:
                messages.success(request, "Review submitted. The other reviewers' scores are now visible to you.")
            else:
                messages.info(request, "Draft saved. Submit it to see the other reviewers' scores.")
            return redirect("ambassadors:review_application", org_slug=org_slug, pk=application.pk)
    return render(
        request,
        "ambassadors/intake/review_application.html",
        {
            "application": application,
            "intake": intake,
            "page": page,
            "form": form,
            "layout": layout_for(request),
            "options": application.contribution_options.order_by("position"),
        },
        status=status_for(form),
    )


# --- the panel ---------------------------------------------------------------------------------------------


@console_required
def panel(request, org_slug, pk):
    intake = selectors.intake_get(pk=pk)
    data = selectors.panel(intake=intake)
    form = PanelDecisionForm(post_data(request), application_ids=[a.pk for a in data.rows])
    if request.method == "POST" and form.is_valid():
        try:
            decided = selection.applications_decide(
                actor=request.user,
                intake=intake,
                application_ids=form.cleaned_data["applications"],
                decision=form.cleaned_data["decision"],
            )
        except ApplicationError as error:
            raise_for(error)
            add_application_error(form, error)
        else:
            done = DONE[form.cleaned_data["decision"]]
            count = len(decided)
            messages.success(request, f"{count} candidate{'s' if count != 1 else ''} {done}. Each has been told.")
            return redirect("ambassadors:panel", org_slug=org_slug, pk=intake.pk)
    ticked = {int(i) for i in request.POST.getlist("applications") if i.isdigit()} if form.is_bound else set()
    return render(
        request,
        "ambassadors/intake/panel.html",
        {"intake": intake, "panel": data, "form": form, "ticked": ticked},
        status=status_for(form),
    )
