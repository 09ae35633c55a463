"""Reads of the audit trail (AuditEvent, scoped to the current organization by its manager)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from xmhub.audit.models import AuditEvent

# Names a model's verbose_name gets wrong.
TABLE_LABELS = {"apikeys_apitoken": "API token", "audit_auditevent": "Audit event"}
# Pages that show one record, by table: (URL name, keyword of the row id).
RECORD_URLS = {
    "directory_person": ("directory:person_detail", "pk"),
    "directory_orgunit": ("directory:orgunit_detail", "pk"),
}
# Columns not worth showing in a diff.
HIDDEN_FIELDS = {"id", "organization_id", "updated_at", "last_used_at", "token_hash"}
NAME_FIELDS = ("name", "title", "email")


@cache
def audited_tables() -> dict[str, str]:
    """{table name: friendly label} of every tenant table (the audit triggers are on each), by label."""
    from xmhub.tenancy.checks import tenant_models

    labels = {}
    for model in tenant_models():
        table = model._meta.db_table
        if table == "audit_auditevent":
            continue
        name = str(model._meta.verbose_name)
        labels[table] = TABLE_LABELS.get(table, name[:1].upper() + name[1:])
    return dict(sorted(labels.items(), key=lambda item: item[1].lower()))


def table_label(table: str) -> str:
    return audited_tables().get(table) or table.replace("_", " ").capitalize()


def table_noun(table: str) -> str:
    """The label as a noun inside a sentence: "person", "org unit", but "API token"."""
    label = table_label(table)
    return label if table in TABLE_LABELS else label.lower()


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def audit_event_list(
    *,
    table: str | None = None,
    action: str | None = None,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    row_id: int | None = None,
) -> QuerySet[AuditEvent]:
    """Events of the current organization, newest first. ``actor`` matches the actor's label (email,
    token name) or its exact id ("user:12"); ``since``/``until`` are whole days, inclusive."""
    qs = AuditEvent.objects.all()
    if table:
        qs = qs.filter(table_name=table)
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(Q(actor_label__icontains=actor) | Q(actor=actor))
    if since:
        qs = qs.filter(occurred_at__gte=_start_of(since))
    if until:
        qs = qs.filter(occurred_at__lt=_start_of(until + timedelta(days=1)))
    if row_id is not None:
        qs = qs.filter(row_id=row_id)
    return qs.order_by("-occurred_at", "-id")


def audit_record_history(*, table: str, row_id: int) -> QuerySet[AuditEvent]:
    """Every event of one record, newest first."""
    return AuditEvent.objects.filter(table_name=table, row_id=row_id).order_by("-occurred_at", "-id")


# --- Presentation helpers (no queries) -----------------------------------------------------------------


def field_label(field: str) -> str:
    if field.endswith("_id"):
        field = field[:-3]
    return field.replace("_", " ").capitalize()


def record_name(data: dict | None) -> str:
    """A human name for a row from its JSON image: a person's name, else name/title/email."""
    if not data:
        return ""
    first, last = data.get("first_name"), data.get("last_name")
    if first or last:
        return f"{first or ''} {last or ''}".strip()
    for key in NAME_FIELDS:
        if data.get(key):
            return str(data[key])
    return ""


def record_url(table: str, row_id: int, org_slug: str) -> str | None:
    found = RECORD_URLS.get(table)
    if not found:
        return None
    url_name, kwarg = found
    try:
        return reverse(url_name, kwargs={"org_slug": org_slug, kwarg: row_id})
    except NoReverseMatch:
        return None


def actor_kind(actor: str) -> str:
    """user, token, task or system (from "user:12", "token:3", …)."""
    kind = (actor or "system").split(":", 1)[0]
    return kind if kind in {"user", "token", "task", "system"} else "system"


# Foreign-key columns whose ids the pages show as names: column → (table it points to, loader of {id: name}).
def _people_names(ids):
    from xmhub.directory.models import Person

    return {p.pk: p.full_name for p in Person.objects.filter(pk__in=ids).only("id", "first_name", "last_name")}


def _unit_names(ids):
    from xmhub.directory.models import OrgUnit

    return {u.pk: u.name for u in OrgUnit.objects.filter(pk__in=ids).only("id", "name")}


REFERENCES = {"manager_id": _people_names, "org_unit_id": _unit_names, "parent_id": _unit_names}


def _resolve_references(events) -> None:
    """Replace known foreign-key ids in the diffs by names: at most one query per referenced table."""
    wanted: dict = {}
    for event in events:
        for key, before, after in event._raw_rows:
            loader = REFERENCES.get(key)
            if loader:
                wanted.setdefault(loader, set()).update(v for v in (before, after) if isinstance(v, int))
    names = {loader: loader(ids) for loader, ids in wanted.items() if ids}
    for event in events:
        rows = []
        for key, before, after in event._raw_rows:
            found = names.get(REFERENCES.get(key), {})
            rows.append((field_label(key), _named(before, found), _named(after, found)))
        event.diff_rows = rows


def _named(value, names):
    if isinstance(value, int) and value in names:
        return f"{names[value]} (#{value})"
    return value


def decorate_events(events, org_slug: str):
    """Attach what the audit pages show to each event: labels, record link and diff rows (with names for
    people and org units they refer to; a bounded number of queries per page)."""
    events = list(events)
    for event in events:
        event.table_label = table_label(event.table_name)
        event.table_noun = table_noun(event.table_name)
        event.record_name = record_name(event.after or event.before)
        event.record_url = (
            None if event.action == AuditEvent.Action.DELETE else record_url(event.table_name, event.row_id, org_slug)
        )
        event.actor_kind = actor_kind(event.actor)
        if event.action == AuditEvent.Action.UPDATE:
            rows = event.changes()
        else:
            image = event.after if event.action == AuditEvent.Action.INSERT else event.before
            rows = [
                (k, None, v) if event.action == AuditEvent.Action.INSERT else (k, v, None)
                for k, v in sorted((image or {}).items())
                if v not in (None, "", [], {})
            ]
        event._raw_rows = [row for row in rows if row[0] not in HIDDEN_FIELDS]
    _resolve_references(events)
    return events
