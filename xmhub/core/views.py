from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from ambassadors.selectors.overview import program_overview
from xmhub.accounts import roles
from xmhub.accounts.roles import Role
from xmhub.accounts.selectors import memberships_of_user
from xmhub.core.navigation import LAYOUTS, audience_for, home_widgets_for
from xmhub.core.selectors import organization_summary
from xmhub.core.sync_health import organization_today

# Who sees the program overview (charts) on the organization home.
OVERVIEW_ROLES = (Role.ADMIN, Role.PROGRAM_MANAGER, Role.EXECUTIVE)


@login_required
def home(request):
    """The signed-in user's organizations; straight to the organization when there is only one."""
    memberships = list(memberships_of_user(request.user))
    if len(memberships) == 1:
        return redirect(memberships[0].organization)
    # The same list feeds the organization switcher (saves the context processor its query).
    return render(request, "core/home.html", {"memberships": memberships, "my_memberships": memberships})


def org_home(request, org_slug):
    """Organization home: key counts, the program overview (console and executives) and next steps (any member)."""
    membership = request.membership
    can_see_directory = membership.has_role(*roles.DIRECTORY)
    audience = audience_for(membership)
    return render(
        request,
        "core/org_home.html",
        {
            "layout": LAYOUTS[audience],
            "summary": organization_summary() if can_see_directory else None,
            "overview": program_overview(today=organization_today()) if membership.has_role(*OVERVIEW_ROLES) else None,
            "audience": audience,
            "widgets": home_widgets_for(membership),
            "can_see_directory": can_see_directory,
            "is_admin": membership.has_role(*roles.ADMINISTER),
            "is_console": membership.has_role(*roles.CONSOLE),
        },
    )
