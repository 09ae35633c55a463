"""Portal: open intakes, applying, nominating a report, referring a colleague, and answering an offer."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ambassadors.forms import add_application_error
from ambassadors.forms.intake import ApplyForm, NominateForm, OfferResponseForm, ReferForm
from ambassadors.selectors import intake as selectors
from ambassadors.services import intake as services
from ambassadors.services import selection
from ambassadors.views import post_data, raise_for, status_for
from xmhub.core.errors import ApplicationError
from xmhub.directory.models import Person


def _no_person(request):
    return render(request, "portal/apply/no_person.html", status=403)


@require_GET
def apply_list(request, org_slug):
    person = selectors.person_for_user(user=request.user)
    if person is None:
        return _no_person(request)
    applications = list(selectors.my_applications(person=person))
    applied = {a.intake_id for a in applications}
    intakes = [i for i in selectors.open_intakes() if i.pk not in applied]
    for intake in intakes:
        intake.hours = request.organization.hours_per_week(intake.role.time_share)
    return render(
        request,
        "portal/apply/apply_list.html",
        {
            "person": person,
            "intakes": intakes,
            "applications": applications,
            "has_reports": selectors.direct_reports(person=person).exists(),
            "reviewing": selectors.reviewable_intake_ids(user=request.user),
        },
    )


def apply(request, org_slug, pk):
    person = selectors.person_for_user(user=request.user)
    if person is None:
        return _no_person(request)
    intake = selectors.open_intake_get(pk=pk)
    form = ApplyForm(post_data(request), options=selectors.role_options_for(intake=intake))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                actor=request.user,
                intake=intake,
                person=person,
                motivation=form.cleaned_data["motivation"],
                option_ids=[o.pk for o in form.cleaned_data["contribution_options"]],
            )
        except ApplicationError as error:
            raise_for(error)
            add_application_error(form, error)
        else:
            if application.status == application.Status.AWAITING_MANAGER:
                messages.success(
                    request,
                    f"Application sent. We have asked {application.manager.full_name} to "
                    "approve the time commitment; the panel reviews it after that.",
                )
            else:
                messages.success(request, "Application sent to the selection panel.")
            return redirect("portal:apply_list", org_slug=org_slug)
    return render(
        request,
        "portal/apply/apply_form.html",
        {
            "intake": intake,
            "role": intake.role,
            "form": form,
            "person": person,
            "hours": request.organization.hours_per_week(intake.role.time_share),
        },
        status=status_for(form),
    )


def nominate(request, org_slug):
    person = selectors.person_for_user(user=request.user)
    if person is None:
        return _no_person(request)
    reports = selectors.direct_reports(person=person)
    form = NominateForm(post_data(request), intakes=selectors.open_intakes(), reports=reports)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_nominate(
                actor=request.user,
                intake=form.cleaned_data["intake"],
                manager=person,
                person=form.cleaned_data["person"],
                motivation=form.cleaned_data["motivation"],
            )
        except ApplicationError as error:
            raise_for(error)
            add_application_error(form, error)
        else:
            messages.success(request, f"{application.person.full_name} nominated. The panel will review it.")
            return redirect("portal:apply_list", org_slug=org_slug)
    return render(
        request, "portal/apply/nominate_form.html", {"form": form, "reports": reports}, status=status_for(form)
    )


def refer(request, org_slug):
    person = selectors.person_for_user(user=request.user)
    if person is None:
        return _no_person(request)
    form = ReferForm(post_data(request), intakes=selectors.open_intakes())
    if request.method == "POST" and form.is_valid():
        colleague = Person.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if colleague is None:
            form.add_error("email", "Nobody in the directory has this email.")
        else:
            try:
                services.application_refer(
                    actor=request.user,
                    intake=form.cleaned_data["intake"],
                    referrer=person,
                    person=colleague,
                    motivation=form.cleaned_data["motivation"],
                )
            except ApplicationError as error:
                raise_for(error)
                add_application_error(form, error)
            else:
                messages.success(request, f"Thank you: {colleague.full_name} has been referred.")
                return redirect("portal:apply_list", org_slug=org_slug)
    return render(request, "portal/apply/refer_form.html", {"form": form}, status=status_for(form))


@require_GET
def offers(request, org_slug):
    person = selectors.person_for_user(user=request.user)
    if person is None:
        return _no_person(request)
    applications = list(selectors.my_applications(person=person))
    return render(
        request,
        "portal/offers/offer_list.html",
        {
            "offers": [a for a in applications if a.status == a.Status.SELECTED],
            "answered": [a for a in applications if a.status in (a.Status.ACCEPTED, a.Status.WITHDRAWN)],
            "organization_hours": request.organization.working_hours_per_week,
        },
    )


@require_POST
def offer_respond(request, org_slug, pk):
    person = selectors.person_for_user(user=request.user)
    if person is None:
        return _no_person(request)
    application = selectors.my_offer_get(person=person, pk=pk)
    form = OfferResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose accept or decline.")
        return redirect("portal:offers", org_slug=org_slug)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        selection.offer_respond(actor=request.user, application=application, accept=accept)
    except ApplicationError as error:
        raise_for(error)
        messages.error(request, error.message)
        return redirect("portal:offers", org_slug=org_slug)
    if accept:
        messages.success(
            request,
            f"Welcome aboard! Your term as {application.intake.role.name} is set up and your onboarding plan is ready.",
        )
        return redirect("portal:onboarding", org_slug=org_slug)
    messages.success(request, "You declined the offer. Thank you for letting us know.")
    return redirect("portal:offers", org_slug=org_slug)
