"""Members and invitations pages (admins, under /o/<slug>/members/) and the invitation accept link."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from xmhub.accounts import selectors, services
from xmhub.accounts.forms import AcceptInvitationForm, InvitationForm, MembershipRolesForm, add_application_error
from xmhub.accounts.permissions import admin_required
from xmhub.accounts.roles import Role
from xmhub.core.errors import ApplicationError
from xmhub.tenancy.context import tenant_context

# --- members ---------------------------------------------------------------------------------------------


@admin_required
def member_list(request, org_slug):
    return render(request, "accounts/member_list.html", {"memberships": selectors.membership_list()})


def _membership_or_404(pk):
    membership = selectors.membership_get(pk)
    if membership is None:
        raise Http404("No such member.")
    return membership


@admin_required
def member_edit(request, org_slug, pk):
    membership = _membership_or_404(pk)
    form = MembershipRolesForm(request.POST if request.method == "POST" else None, initial={"roles": membership.roles})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update_roles(
                actor=request.user, membership=membership, roles=form.cleaned_data["roles"]
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"Roles of {membership.user.email} saved.")
            return redirect("accounts:member_list", org_slug=org_slug)
    status = 400 if form.is_bound else 200
    return render(request, "accounts/member_edit.html", {"member": membership, "form": form}, status=status)


def _set_active(request, org_slug, pk, *, active: bool):
    membership = _membership_or_404(pk)
    service = services.membership_reactivate if active else services.membership_deactivate
    try:
        service(actor=request.user, membership=membership)
    except ApplicationError as error:
        form = MembershipRolesForm(initial={"roles": membership.roles})
        context = {"member": membership, "form": form, "error": error.message}
        return render(request, "accounts/member_edit.html", context, status=400)
    verb = "reactivated" if active else "deactivated"
    messages.success(request, f"{membership.user.email} {verb}.")
    return redirect("accounts:member_list", org_slug=org_slug)


@require_POST
@admin_required
def member_deactivate(request, org_slug, pk):
    return _set_active(request, org_slug, pk, active=False)


@require_POST
@admin_required
def member_reactivate(request, org_slug, pk):
    return _set_active(request, org_slug, pk, active=True)


# --- invitations (admin) ---------------------------------------------------------------------------------


@admin_required
def invitation_list(request, org_slug):
    invitations = _with_role_labels(selectors.invitation_list())
    return render(request, "accounts/invitation_list.html", {"invitations": invitations})


def _with_role_labels(invitations):
    invitations = list(invitations)
    for invitation in invitations:
        invitation.role_labels = [Role(r).label for r in invitation.roles]
    return invitations


@admin_required
def invitation_create(request, org_slug):
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=request.user, email=form.cleaned_data["email"], roles=form.cleaned_data["roles"]
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("accounts:invitation_list", org_slug=org_slug)
    status = 400 if form.is_bound else 200
    return render(request, "accounts/invitation_form.html", {"form": form}, status=status)


def _invitation_or_404(pk):
    invitation = selectors.invitation_get(pk)
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def _invitation_action(request, org_slug, pk, service, done: str):
    invitation = _invitation_or_404(pk)
    try:
        service(actor=request.user, invitation=invitation)
    except ApplicationError as error:
        invitations = _with_role_labels(selectors.invitation_list())
        return render(
            request, "accounts/invitation_list.html", {"invitations": invitations, "error": error.message}, status=400
        )
    messages.success(request, f"{done} {invitation.email}.")
    return redirect("accounts:invitation_list", org_slug=org_slug)


@require_POST
@admin_required
def invitation_resend(request, org_slug, pk):
    return _invitation_action(request, org_slug, pk, services.invitation_resend, "Invitation sent again to")


@require_POST
@admin_required
def invitation_revoke(request, org_slug, pk):
    return _invitation_action(request, org_slug, pk, services.invitation_revoke, "Revoked the invitation to")


# --- accepting (public link, no organization in the URL) ---------------------------------------------------

INVALID = {
    "invalid": (
        404,
        "This invitation link is not valid",
        "Check that you opened the whole link from the email, or ask for a new invitation. "
        "A link stops working when the invitation is sent again.",
    ),
    "expired": (410, "This invitation has expired", "Ask an admin of the organization to send it again."),
    "revoked": (410, "This invitation was withdrawn", "Ask an admin of the organization if you still need access."),
    "accepted": (
        410,
        "This invitation was already used",
        "Sign in to open the organization. If it was not you, tell an admin of the organization.",
    ),
}


def _invalid(request, problem):
    status, title, detail = INVALID[problem]
    return render(request, "accounts/invitation_invalid.html", {"title": title, "detail": detail}, status=status)


def invitation_accept(request, token):
    organization, problem = selectors.invitation_organization(token)
    if organization is None:
        return _invalid(request, problem)
    user = request.user if request.user.is_authenticated else None
    actor = f"user:{user.pk}" if user else "anonymous:invitation"
    with tenant_context(
        organization, actor=actor, actor_label=user.email if user else "", user_id=user.pk if user else None
    ):
        invitation = selectors.invitation_by_token(token)
        if invitation is None:
            return _invalid(request, "invalid")
        if invitation.status != "pending":
            return _invalid(request, invitation.status)
        if user is not None:
            return _accept_signed_in(request, invitation, user)
        return _accept_new_user(request, invitation, token)


def _accept_signed_in(request, invitation, user):
    context = {
        "invitation": invitation,
        "invited_org": invitation.organization,
        "role_labels": [Role(r).label for r in invitation.roles],
    }
    if user.email.lower() != invitation.email.lower():
        return render(request, "accounts/invitation_wrong_email.html", context, status=403)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=user)
        except ApplicationError as error:
            context["error"] = error.message
            return render(request, "accounts/invitation_accept.html", context, status=error.status)
        messages.success(request, f"Welcome to {invitation.organization.name}.")
        return redirect(invitation.organization.get_absolute_url())
    return render(request, "accounts/invitation_accept.html", context)


def _accept_new_user(request, invitation, token):
    context = {"invitation": invitation, "invited_org": invitation.organization}
    if selectors.user_with_email(invitation.email) is not None:
        next_url = reverse("invitations:accept", kwargs={"token": token})
        context["sign_in_url"] = f"{reverse('account_login')}?{urlencode({'next': next_url})}"
        return render(request, "accounts/invitation_sign_in.html", context)
    form = AcceptInvitationForm(request.POST if request.method == "POST" else None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                invitation=invitation, password=form.cleaned_data["password1"], name=form.cleaned_data["name"]
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            get_adapter(request).login(request, membership.user)
            messages.success(request, f"Welcome to {invitation.organization.name}.")
            return redirect(invitation.organization.get_absolute_url())
    context["form"] = form
    status = 400 if form.is_bound else 200
    return render(request, "accounts/invitation_signup.html", context, status=status)
