"""Ambassador portal: my term (progress against commitments, milestones), logging an activity in three
steps, and the manager's attestation of their reports' activities. Everything is the signed-in user's own:
terms through their directory person, attestations through Person.manager."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ambassadors.forms.terms import ACTIVITY_STEPS, add_service_errors
from ambassadors.models import Activity, Term
from ambassadors.selectors import terms as selectors
from ambassadors.services.activities import activity_attest, activity_log
from xmhub.accounts.permissions import role_required
from xmhub.accounts.roles import Role
from xmhub.core.errors import ApplicationError
from xmhub.core.sync_health import organization_today

STEP_NAMES = [name for name, _ in ACTIVITY_STEPS]
STEP_LABELS = {"what": "What", "when": "When and how long", "reach": "Reach and evidence"}


@require_GET
@role_required(Role.AMBASSADOR)
def my_term(request, org_slug):
    """The current term's page; with none, the list of past terms (or an empty state)."""
    terms = list(selectors.my_terms(user=request.user, today=organization_today()))
    current = next((t for t in terms if t.status != Term.Status.ENDED), None)
    if current is not None:
        return redirect("portal:term_detail", org_slug=request.organization.slug, pk=current.pk)
    return render(request, "portal/terms/my_terms.html", {"terms": terms})


@require_GET
@role_required(Role.AMBASSADOR)
def term_detail(request, org_slug, pk):
    today = organization_today()
    term = selectors.my_term(user=request.user, pk=pk, today=today)
    return render(
        request,
        "portal/terms/term_detail.html",
        {
            "term": term,
            "today": today,
            "summary": selectors.term_summary(term=term),
            "milestones": selectors.term_milestones(term=term),
            "activities": selectors.term_activities(term=term)[:20],
            "commitment": selectors.term_commitments(term=term).filter(effective_from__lte=today).first(),
        },
    )


def _bind(request, options, upto: int, *, files=None):
    """Bound forms of steps 0..upto from the POST (earlier steps travel as hidden fields)."""
    forms = []
    for index, (_, form_class) in enumerate(ACTIVITY_STEPS[: upto + 1]):
        kwargs = {"options": options} if index == 0 else {}
        data_files = files if index == 2 else None
        forms.append(form_class(request.POST, data_files, **kwargs))
    return forms


@require_http_methods(["GET", "POST"])
@role_required(Role.AMBASSADOR)
def activity_log_view(request, org_slug, pk):
    """Log an activity in three steps (what → when and hours → reach and evidence); the service checks it all
    again on the last step. A bad step re-renders that step with its errors (400) and nothing is written."""
    term = get_object_or_404(Term.objects.filter(person__user=request.user).select_related("role"), pk=pk)
    if term.status != Term.Status.ACTIVE:
        messages.warning(request, "Activities can be logged on an active term only.")
        return redirect("portal:term_detail", org_slug=request.organization.slug, pk=term.pk)
    options = selectors.term_options(term=term)
    if request.method == "GET":
        return _render_step(request, term, 0, [ACTIVITY_STEPS[0][1](options=options)])
    step = STEP_NAMES.index(request.POST["step"]) if request.POST.get("step") in STEP_NAMES else 0
    if "back" in request.POST and step > 0:
        forms = _bind(request, options, step - 1)
        return _render_step(request, term, step - 1, forms)
    forms = _bind(request, options, step, files=request.FILES)
    if not all(form.is_valid() for form in forms):
        failing = next(i for i, form in enumerate(forms) if not form.is_valid())
        return _render_step(request, term, failing, forms[: failing + 1], status=400)
    if step < len(ACTIVITY_STEPS) - 1:
        return _render_step(request, term, step + 1, [*forms, ACTIVITY_STEPS[step + 1][1]()])
    data = {k: v for form in forms for k, v in form.cleaned_data.items()}
    try:
        activity_log(
            actor=request.user,
            term=term,
            contribution_option=data["contribution_option"],
            occurred_on=data["occurred_on"],
            hours=data["hours"],
            people_reached=data["people_reached"],
            description=data["description"],
            evidence_url=data["evidence_url"] or "",
            evidence_file=data["evidence_file"],
        )
    except ApplicationError as exc:
        owner = {name: i for i, (_, cls) in enumerate(ACTIVITY_STEPS) for name in cls.base_fields}
        failing = min((owner[f] for f in exc.errors if f in owner), default=0)
        add_service_errors(forms[failing], exc)
        return _render_step(request, term, failing, forms[: failing + 1], status=400)
    messages.success(request, "Activity logged. Thank you!")
    return redirect("portal:term_detail", org_slug=request.organization.slug, pk=term.pk)


def _render_step(request, term, step: int, forms, *, status: int = 200):
    current = forms[step]
    return render(
        request,
        "portal/terms/activity_log.html",
        {
            "term": term,
            "step": STEP_NAMES[step],
            "step_number": step + 1,
            "step_count": len(ACTIVITY_STEPS),
            "steps": [(i + 1, STEP_LABELS[name]) for i, name in enumerate(STEP_NAMES)],
            "form": current,
            "carried": forms[:step],
            "is_last": step == len(ACTIVITY_STEPS) - 1,
        },
        status=status,
    )


@require_GET
@role_required(Role.MANAGER)
def attestation_list(request, org_slug):
    return render(
        request,
        "portal/terms/attestations.html",
        {"activities": selectors.activities_to_attest(user=request.user)[:100]},
    )


@require_POST
@role_required(Role.MANAGER)
def activity_attest_view(request, org_slug, pk):
    activity = get_object_or_404(Activity.objects.filter(term__person__manager__user=request.user), pk=pk)
    try:
        activity_attest(actor=selectors.person_for_user(user=request.user), activity=activity)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Activity attested.")
    return redirect("portal:attestations", org_slug=request.organization.slug)
