"""Console: programs and ambassador roles, with their contribution options, criteria and onboarding plan."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ambassadors.forms import add_application_error, add_formset_error
from ambassadors.forms.programs import (
    CriterionRowForm,
    OptionRowForm,
    ProgramForm,
    RoleForm,
    TemplateTaskRowForm,
    formset_for,
    kept_rows,
)
from ambassadors.selectors import programs as selectors
from ambassadors.selectors.intake import intake_list
from ambassadors.services import programs as services
from ambassadors.views import post_data, status_for
from xmhub.accounts import roles
from xmhub.accounts.permissions import role_required
from xmhub.core.errors import ApplicationError

console_required = role_required(*roles.CONSOLE)


@require_GET
@console_required
def program_list(request, org_slug):
    return render(request, "ambassadors/programs/program_list.html", {"programs": selectors.program_list()})


@console_required
def program_create(request, org_slug):
    form = ProgramForm(post_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"Program “{program.name}” created. Now define its ambassador role.")
            return redirect("ambassadors:role_create", org_slug=org_slug, pk=program.pk)
    return render(request, "ambassadors/programs/program_form.html", {"form": form}, status=status_for(form))


@require_GET
@console_required
def program_detail(request, org_slug, pk):
    program = selectors.program_get(pk=pk)
    return render(
        request,
        "ambassadors/programs/program_detail.html",
        {"program": program, "roles": selectors.program_roles(program=program)},
    )


@console_required
def program_edit(request, org_slug, pk):
    program = selectors.program_get(pk=pk)
    initial = {
        "name": program.name,
        "audience": program.audience,
        "description": program.description,
        "is_active": program.is_active,
    }
    form = ProgramForm(post_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.program_update(actor=request.user, program=program, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Program saved.")
            return redirect("ambassadors:program_detail", org_slug=org_slug, pk=program.pk)
    return render(
        request, "ambassadors/programs/program_form.html", {"form": form, "program": program}, status=status_for(form)
    )


def _role_context(request, form, **extra):
    organization = request.organization
    return {"form": form, "working_hours": organization.working_hours_per_week, **extra}


@console_required
def role_create(request, org_slug, pk):
    program = selectors.program_get(pk=pk)
    form = RoleForm(post_data(request), organization=request.organization)
    del form.fields["is_active"]
    if request.method == "POST" and form.is_valid():
        try:
            role = services.role_create(actor=request.user, program=program, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(
                request,
                f"Role “{role.name}” created with a starting menu of contribution options, "
                "selection criteria and an onboarding plan. Adjust them to fit.",
            )
            return redirect("ambassadors:role_detail", org_slug=org_slug, pk=role.pk)
    return render(
        request,
        "ambassadors/programs/role_form.html",
        _role_context(request, form, program=program),
        status=status_for(form),
    )


@require_GET
@console_required
def role_detail(request, org_slug, pk):
    role = selectors.role_get(pk=pk)
    hours = request.organization.hours_per_week(role.time_share)
    return render(
        request,
        "ambassadors/programs/role_detail.html",
        {
            "role": role,
            "program": role.program,
            "hours": hours,
            "options": selectors.role_options(role=role),
            "criteria": selectors.role_criteria(role=role),
            "template_tasks": selectors.role_onboarding_template(role=role),
            "intakes": intake_list().filter(role=role),
        },
    )


@console_required
def role_edit(request, org_slug, pk):
    role = selectors.role_get(pk=pk)
    initial = {name: getattr(role, name) for name in services.ROLE_FIELDS}
    form = RoleForm(post_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_update(actor=request.user, role=role, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Role saved.")
            return redirect("ambassadors:role_detail", org_slug=org_slug, pk=role.pk)
    return render(
        request,
        "ambassadors/programs/role_form.html",
        _role_context(request, form, program=role.program, role=role),
        status=status_for(form),
    )


def _rows_page(request, org_slug, pk, *, form_class, initial, service, template, done, extra=1):
    role = selectors.role_get(pk=pk)
    FormSet = formset_for(form_class, extra=extra)
    formset = FormSet(post_data(request), initial=initial(role), prefix="rows")
    if request.method == "POST" and formset.is_valid():
        try:
            service(actor=request.user, role=role, rows=kept_rows(formset))
        except ApplicationError as error:
            add_formset_error(formset, error)
        else:
            messages.success(request, done)
            return redirect("ambassadors:role_detail", org_slug=org_slug, pk=role.pk)
    return render(
        request, template, {"role": role, "program": role.program, "formset": formset}, status=status_for(formset)
    )


@console_required
def role_options(request, org_slug, pk):
    return _rows_page(
        request,
        org_slug,
        pk,
        form_class=OptionRowForm,
        extra=2,
        initial=lambda role: [
            {"id": o.pk, "name": o.name, "description": o.description, "is_active": o.is_active}
            for o in selectors.role_options(role=role)
        ],
        service=services.role_options_save,
        template="ambassadors/programs/role_options.html",
        done="Contribution options saved.",
    )


@console_required
def role_criteria(request, org_slug, pk):
    return _rows_page(
        request,
        org_slug,
        pk,
        form_class=CriterionRowForm,
        initial=lambda role: [CriterionRowForm.initial_for(c) for c in selectors.role_criteria(role=role)],
        service=services.role_criteria_save,
        template="ambassadors/programs/role_criteria.html",
        done="Selection criteria saved.",
    )


@console_required
def role_onboarding(request, org_slug, pk):
    return _rows_page(
        request,
        org_slug,
        pk,
        form_class=TemplateTaskRowForm,
        initial=lambda role: [
            {
                "id": t.pk,
                "title": t.title,
                "description": t.description,
                "category": t.category,
                "due_after_days": t.due_after_days,
            }
            for t in selectors.role_onboarding_template(role=role)
        ],
        service=services.role_onboarding_template_save,
        template="ambassadors/programs/role_onboarding.html",
        done="Onboarding plan saved.",
    )
