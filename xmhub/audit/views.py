"""Audit log pages (admins): the organization's trail, filterable, and one record's history."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from xmhub.accounts.permissions import admin_required
from xmhub.audit import selectors
from xmhub.audit.forms import AuditFilterForm

PAGE_SIZE = 50


@require_GET
@vary_on_headers("HX-Request")
@admin_required
def event_list(request, org_slug):
    form = AuditFilterForm(request.GET or None)
    page = Paginator(selectors.audit_event_list(**form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    events = selectors.decorate_events(page.object_list, org_slug)
    context = {"form": form, "page_obj": page, "events": events, "is_filtered": form.is_filtered}
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "audit/partials/event_results.html" if partial else "audit/event_list.html", context)


@require_GET
@admin_required
def record_history(request, org_slug, table, row_id):
    if table not in selectors.audited_tables():
        raise Http404("No such record type.")
    page = Paginator(selectors.audit_record_history(table=table, row_id=row_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    if not page.object_list:
        raise Http404("No history for this record.")
    events = selectors.decorate_events(page.object_list, org_slug)
    latest = events[0]
    return render(
        request,
        "audit/record_history.html",
        {
            "page_obj": page,
            "events": events,
            "table": table,
            "row_id": row_id,
            "table_label": selectors.table_label(table),
            "record_name": latest.record_name,
            "record_url": None if latest.action == "delete" else selectors.record_url(table, row_id, org_slug),
            "deleted": latest.action == "delete",
        },
    )
