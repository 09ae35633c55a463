"""Directory pages of the console: people and org units (roles.DIRECTORY)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from xmhub.accounts import roles
from xmhub.accounts.permissions import role_required
from xmhub.directory import selectors
from xmhub.directory.forms import PersonFilterForm

PAGE_SIZE = 50


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _partial(request) -> bool:
    """An htmx request for the results only (a history restore wants the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
@vary_on_headers("HX-Request")
@role_required(*roles.DIRECTORY)
def person_list(request, org_slug):
    form = PersonFilterForm(request.GET or None)
    page = _page(request, selectors.person_list(**form.filters()))
    context = {
        "form": form,
        "page_obj": page,
        "people": page.object_list,
        "is_filtered": form.is_bound and form.is_filtered,
        "is_admin": request.membership.has_role(*roles.ADMINISTER),
    }
    template = "directory/partials/people_results.html" if _partial(request) else "directory/person_list.html"
    return render(request, template, context)


@require_GET
@role_required(*roles.DIRECTORY)
def person_detail(request, org_slug, pk):
    person = selectors.person_detail(pk=pk)
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "reports": selectors.direct_reports(person=person),
            "can_audit": request.membership.has_role(*roles.ADMINISTER),
        },
    )


@require_GET
@role_required(*roles.DIRECTORY)
def orgunit_list(request, org_slug):
    units = selectors.org_unit_tree()
    return render(request, "directory/orgunit_list.html", {"units": units})


@require_GET
@role_required(*roles.DIRECTORY)
def orgunit_detail(request, org_slug, pk):
    unit = selectors.org_unit_detail(pk=pk)
    page = _page(request, selectors.person_list(org_unit=unit))
    return render(
        request,
        "directory/orgunit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.org_unit_ancestors(org_unit=unit),
            "children": selectors.org_unit_children(org_unit=unit),
            "page_obj": page,
            "people": page.object_list,
            "can_audit": request.membership.has_role(*roles.ADMINISTER),
        },
    )
