"""Signed emailed links (no login): a manager approves or declines a report's time commitment."""

from django.shortcuts import render

from ambassadors.forms.intake import ManagerDecisionForm
from ambassadors.selectors import intake as selectors
from ambassadors.services import intake as services
from ambassadors.views import post_data
from xmhub.core.errors import ApplicationError
from xmhub.tenancy.context import tenant_context

PROBLEMS = {
    "invalid": (
        404,
        "This link is not valid",
        "Check that you opened the whole link from the email. If the candidate's manager changed in the "
        "directory, the link was replaced.",
    ),
    "expired": (410, "This link has expired", "Ask the XM core team or your report to apply again."),
}


def _problem(request, problem):
    status, title, detail = PROBLEMS[problem]
    return render(request, "ambassadors/intake/link_problem.html", {"title": title, "detail": detail}, status=status)


def manager_approval(request, token):
    organization, approval = selectors.approval_organization(token)
    if organization is None:
        return _problem(request, approval)
    with tenant_context(
        organization, actor=f"link:manager:{approval.manager_id}", actor_label="Manager (emailed link)"
    ):
        application = selectors.approval_application(approval=approval)
        if application is None:
            return _problem(request, "invalid")
        role = application.intake.role
        context = {
            "application": application,
            "role": role,
            "link_organization": organization,
            "hours": organization.hours_per_week(role.time_share),
        }
        if application.status != application.Status.AWAITING_MANAGER:
            return render(request, "ambassadors/intake/manager_approval_done.html", context)
        form = ManagerDecisionForm(post_data(request))
        if request.method == "POST" and form.is_valid():
            try:
                application = services.application_manager_decide(
                    application=application,
                    manager_id=approval.manager_id,
                    approve=form.cleaned_data["decision"] == "approve",
                    note=form.cleaned_data["note"],
                )
            except ApplicationError as error:
                context["error"] = error.message
                return render(request, "ambassadors/intake/manager_approval_done.html", context, status=error.status)
            context["application"] = application
            context["just_decided"] = True
            return render(request, "ambassadors/intake/manager_approval_done.html", context)
        context["form"] = form
        return render(
            request, "ambassadors/intake/manager_approval.html", context, status=400 if form.is_bound else 200
        )
