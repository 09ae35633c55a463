"""Cohorts and onboarding: the console's cohort page (kick-off, progress per ambassador) and the portal's
onboarding plan, with the kick-off as an .ics download."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ambassadors.forms import add_application_error
from ambassadors.forms.onboarding import CohortForm, TaskDoneForm
from ambassadors.selectors import intake as intake_selectors
from ambassadors.selectors import onboarding as selectors
from ambassadors.services import onboarding as services
from ambassadors.views import post_data, raise_for, status_for
from xmhub.accounts import roles
from xmhub.accounts.permissions import role_required
from xmhub.core.errors import ApplicationError

console_required = role_required(*roles.CONSOLE)


@require_GET
@console_required
def cohort_list(request, org_slug):
    return render(request, "ambassadors/onboarding/cohort_list.html", {"cohorts": selectors.cohort_list()})


@console_required
def cohort_detail(request, org_slug, pk):
    cohort = selectors.cohort_get(pk=pk)
    initial = {
        "name": cohort.name,
        "kickoff_location": cohort.kickoff_location,
        "kickoff_link": cohort.kickoff_link,
        "kickoff_at": timezone.localtime(cohort.kickoff_at).strftime("%Y-%m-%dT%H:%M") if cohort.kickoff_at else None,
    }
    form = CohortForm(post_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(actor=request.user, cohort=cohort, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Cohort saved. Its ambassadors have been told of the kick-off.")
            return redirect("ambassadors:cohort_detail", org_slug=org_slug, pk=cohort.pk)
    return render(
        request,
        "ambassadors/onboarding/cohort_detail.html",
        {"cohort": cohort, "form": form, "terms": selectors.cohort_progress(cohort=cohort)},
        status=status_for(form),
    )


def _ics_response(cohort, organization):
    if cohort.kickoff_at is None:
        raise Http404("No kick-off is planned yet.")
    response = HttpResponse(
        selectors.cohort_ical(cohort=cohort, organization=organization), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="kickoff-{cohort.pk}.ics"'
    return response


@require_GET
@console_required
def cohort_ics(request, org_slug, pk):
    return _ics_response(selectors.cohort_get(pk=pk), request.organization)


# --- portal ------------------------------------------------------------------------------------------------


@require_GET
def my_onboarding(request, org_slug):
    person = intake_selectors.person_for_user(user=request.user)
    if person is None:
        return render(request, "portal/apply/no_person.html", status=403)
    return render(request, "portal/onboarding/onboarding.html", {"terms": selectors.my_terms(person=person)})


@require_POST
def task_toggle(request, org_slug, pk):
    person = intake_selectors.person_for_user(user=request.user)
    if person is None:
        raise Http404("No such task.")
    task = selectors.my_task_get(person=person, pk=pk)
    form = TaskDoneForm(request.POST)
    form.is_valid()
    try:
        services.onboarding_task_set_done(actor=request.user, task=task, done=form.cleaned_data.get("done", False))
    except ApplicationError as error:
        raise_for(error)
        messages.error(request, error.message)
    return redirect("portal:onboarding", org_slug=org_slug)


@require_GET
def my_kickoff_ics(request, org_slug, pk):
    person = intake_selectors.person_for_user(user=request.user)
    if person is None:
        raise Http404("No such cohort.")
    return _ics_response(selectors.my_cohort_get(person=person, pk=pk), request.organization)
