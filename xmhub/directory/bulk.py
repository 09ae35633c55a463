"""Bulk upserts of people and org units from HR systems: 100k rows in one transaction, in seconds.

No ORM and no serializer per row. The rows are validated column by column in plain Python (the same
rules and messages as the single-row API), references are resolved with one query per table, ids of
new rows are taken from the table's sequence up front (so a row may name a manager or parent created by
the same payload), and everything is written by ONE ``INSERT … SELECT … FROM unnest(…) ON CONFLICT
(organization_id, external_id) DO UPDATE … WHERE <something changed>``. Unchanged rows are not touched
(no new ``updated_at``, no audit row). The statement-level audit triggers record the change; row-level
security checks every row belongs to the current organization.

Any invalid row → ApplicationError (400) with ``errors = {"<row index>": {"<field>": [messages]}}`` and
nothing written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction

from xmhub.core.errors import ApplicationError
from xmhub.directory.models import OrgUnit, Person
from xmhub.tenancy.context import require_organization_id

MAX_ROWS = 200_000
MAX_REPORTED_ROWS = 1_000  # rows with errors listed in one answer

REQUIRED = "This field is required."
NOT_NULL = "This field may not be null."
NOT_BLANK = "This field may not be blank."
NOT_STRING = "Not a valid string."
BAD_EMAIL = "Enter a valid email address."
BAD_DATE = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
NOT_OBJECT = "Expected an object with the row's fields."

# A strict subset of what Django's EmailValidator accepts (plain ASCII dot-atom addresses); anything
# else goes through the validator itself, so both APIs accept exactly the same addresses.
_ATOM = r"[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_TLD = r"[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])"  # letters only, as Django's (punycode TLDs take the slow way)
_EMAIL = rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+{_TLD}"
_FAST_EMAIL = re.compile(_EMAIL + r"\Z").match
_FAST_EMAIL_LINES = re.compile(rf"^{_EMAIL}$", re.MULTILINE).findall


@dataclass(frozen=True)
class BulkResult:
    created: int
    updated: int
    unchanged: int

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


class _Errors:
    """Errors per row index and field, the API's bulk error shape."""

    def __init__(self):
        self.rows: dict[int, dict[str, list[str]]] = {}
        self.not_objects: set[int] = set()  # rows that are no object: one error, not one per field

    def add(self, index: int, field: str, message: str) -> None:
        if index not in self.not_objects:
            self.rows.setdefault(index, {}).setdefault(field, []).append(message)

    def __bool__(self):
        return bool(self.rows)

    def __contains__(self, index):
        return index in self.rows

    def raise_if_any(self, total: int) -> None:
        if not self.rows:
            return
        count = len(self.rows)
        shown = sorted(self.rows)[:MAX_REPORTED_ROWS]
        detail = f"{count} of {total} row{'s' if total != 1 else ''} invalid; nothing was written."
        if count > len(shown):
            detail += f" The first {len(shown)} are listed."
        raise ApplicationError(detail, errors={str(i): self.rows[i] for i in shown})


# --- column validators: each takes the rows and returns the column of clean values ------------------------

_MISSING = object()


def _text(
    rows,
    errors: _Errors,
    name: str,
    *,
    max_length: int,
    required: bool = False,
    default: str = "",
    allow_blank: bool = False,
) -> list:
    values = [row.get(name, _MISSING) for row in rows]
    if values and set(map(type, values)) == {str}:  # the usual case, checked at C speed
        out = [value.strip() for value in values]
        lengths = list(map(len, out))
        if max(lengths) <= max_length and (allow_blank or min(lengths)) and "\x00" not in "".join(out):
            return out
    too_long = f"Ensure this field has no more than {max_length} characters."
    out = []
    append = out.append
    for i, value in enumerate(values):
        cls = value.__class__
        if cls is str:
            value = value.strip()
            if len(value) > max_length:
                errors.add(i, name, too_long)
            elif "\x00" in value:
                errors.add(i, name, "Null characters are not allowed.")
            elif not value and not allow_blank:
                errors.add(i, name, NOT_BLANK)
        elif value is _MISSING or value is None:
            if required:
                errors.add(i, name, REQUIRED if value is _MISSING else NOT_NULL)
            value = default
        elif cls is int or cls is float:
            value = str(value)
            if len(value) > max_length:
                errors.add(i, name, too_long)
        else:
            errors.add(i, name, NOT_STRING)
            value = None
        append(value)
    return out


def _email(rows, errors: _Errors, name: str = "email") -> list:
    out = _text(rows, errors, name, max_length=254, required=True)
    if None not in out:
        joined = "\n".join(out)
        if joined.count("\n") == len(out) - 1 and len(_FAST_EMAIL_LINES(joined)) == len(out):
            return out  # every address is a plain one (one line each, every line matched)
    fast = _FAST_EMAIL
    for i, value in enumerate(out):
        if value and len(value) <= 254 and not fast(value):
            try:
                validate_email(value)
            except ValidationError:
                errors.add(i, name, BAD_EMAIL)
    return out


def _choice(rows, errors: _Errors, name: str, choices, default: str) -> list:
    allowed = frozenset(choices)
    default = str(default)  # a plain str, not the TextChoices member
    values = [row.get(name, default) for row in rows]
    try:
        if set(values) <= allowed:
            return values
    except TypeError:  # unhashable values (lists, objects): reported below
        pass
    for i, value in enumerate(values):
        if value.__class__ is not str or value not in allowed:
            errors.add(i, name, NOT_NULL if value is None else f'"{value}" is not a valid choice.')
    return values


def _date(rows, errors: _Errors, name: str) -> list:
    """ISO dates (YYYY-MM-DD strings, which compare like dates) or None."""
    parse = date.fromisoformat
    out = [row.get(name) for row in rows]
    for i, value in enumerate(out):
        if value is None or value == "":
            out[i] = None
            continue
        if value.__class__ is str:
            try:
                parsed = parse(value)
            except ValueError:
                errors.add(i, name, BAD_DATE)
                out[i] = None
                continue
            if len(value) != 10 or value[4] != "-" or value[7] != "-":  # other ISO 8601 spellings
                out[i] = parsed.isoformat()
        else:
            errors.add(i, name, BAD_DATE)
            out[i] = None
    return out


def _reference(rows, errors: _Errors, name: str) -> list:
    """An external id or None ("" and null mean none)."""
    values = [row.get(name) for row in rows]
    if set(map(type, values)) <= {str, type(None)}:
        return [(value.strip() or None) if value else None for value in values]
    out = []
    append = out.append
    for i, value in enumerate(values):
        if value is not None:
            cls = value.__class__
            if cls is str:
                value = value.strip() or None
            elif cls is int:
                value = str(value)
            else:
                errors.add(i, name, "Expected an external id (a string) or null.")
                value = None
        append(value)
    return out


def _rows(payload, errors: _Errors) -> list[dict]:
    if not isinstance(payload, list):
        raise ApplicationError("Expected a JSON array of rows.", errors={"non_field_errors": ["Expected a list."]})
    if len(payload) > MAX_ROWS:
        raise ApplicationError(f"At most {MAX_ROWS} rows per request; send the rest in another request.")
    rows = payload
    for i, row in enumerate(payload):
        if row.__class__ is not dict:
            if rows is payload:
                rows = list(payload)
            rows[i] = {}
            errors.add(i, "non_field_errors", NOT_OBJECT)
            errors.not_objects.add(i)
    return rows


def _duplicates(external_ids: list, errors: _Errors) -> set[str]:
    """The payload's external ids, with a row error on every repeat."""
    present = [ext for ext in external_ids if ext]
    unique = set(present)
    if len(unique) != len(present):
        first: dict[str, int] = {}
        for i, ext in enumerate(external_ids):
            if ext:
                seen = first.setdefault(ext, i)
                if seen != i:
                    errors.add(i, "external_id", f"Duplicate external id in this payload (first in row {seen}).")
    return unique


def _cycle_members(edges: dict[int, int | None], outside: Callable[[int], int | None]) -> set[int]:
    """Nodes of ``edges`` that sit on a cycle. ``edges`` maps each payload row's id to its parent id;
    ``outside(id)`` gives the parent of a node not in the payload (as stored)."""
    state: dict[int, int] = {}  # 1 on the current path, 2 finished
    on_cycle: set[int] = set()
    for start in edges:
        if start in state:
            continue
        path: list[int] = []
        node = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = edges[node] if node in edges else outside(node)
        if node is not None and state[node] == 1:
            on_cycle.update(path[path.index(node) :])
        for seen in path:
            state[seen] = 2
    return on_cycle & edges.keys()


def _ancestors(table: str, fk: str, ids: set[int], org_id: int) -> dict[int, int | None]:
    """Stored id → parent id for ``ids`` and everything above them (one recursive query)."""
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE up(id, ref) AS (
                    SELECT id, {fk} FROM {table} WHERE organization_id = %s AND id = ANY(%s::bigint[])
                    UNION
                    SELECT t.id, t.{fk} FROM {table} t JOIN up ON t.id = up.ref WHERE t.organization_id = %s)
                SELECT id, ref FROM up""",
            [org_id, _array(list(ids)), org_id],
        )
        return dict(cursor.fetchall())


def _existing(table: str, external_ids, org_id: int) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.external_id, t.id FROM unnest(%s::text[]) AS e(external_id) "
            f"JOIN {table} t ON t.organization_id = %s AND t.external_id = e.external_id",
            [_array(list(external_ids)), org_id],
        )
        return dict(cursor.fetchall())


def _allocate_ids(table: str, count: int) -> list[int]:
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
        return [row[0] for row in cursor.fetchall()]


def _lock(table: str, org_id: int) -> None:
    """Serialize bulk upserts of one table per organization (ids are allocated before the insert)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s), %s)", [table, org_id % 2_147_483_647])


def _assign_ids(external_ids: list[str], existing: dict[str, int], table: str) -> list[int]:
    new = [ext for ext in external_ids if ext not in existing]
    fresh = dict(zip(new, _allocate_ids(table, len(new)), strict=True))
    return [existing.get(ext) or fresh[ext] for ext in external_ids]


def _array(values: list):
    """A list as one PostgreSQL array literal, built by the C JSON encoder: JSON's escapes for ``"`` and
    ``\\`` are the array syntax's, and ``null`` is NULL. psycopg would adapt a list element by element in
    Python (seconds for 100k rows). Values JSON escapes otherwise (control characters) take that slow way.
    ``unnest()`` of a literal also tells the planner the true row count."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    if "\\" in text and any(escape not in _SAME_ESCAPES for escape in _ESCAPES(text)):
        return values
    return "{" + text[1:-1] + "}"


_ESCAPES = re.compile(r"\\.").findall
_SAME_ESCAPES = frozenset({'\\"', "\\\\"})


def _upsert(table: str, columns: list[tuple[str, str]], values: list[list], org_id: int) -> BulkResult:
    """One INSERT … ON CONFLICT for all rows. ``columns`` are (name, SQL type) after ``id``; ``values`` the
    columns of values, ``id`` first."""
    names = [name for name, _ in columns]
    arrays = ", ".join(f"%s::{kind}[]" for kind in ["bigint", *(kind for _, kind in columns)])
    compared = [name for name in names if name != "external_id"]
    target = ", ".join(f"t.{name}" for name in compared)
    excluded = ", ".join(f"EXCLUDED.{name}" for name in compared)
    sets = ", ".join(f"{name} = EXCLUDED.{name}" for name in compared)
    sql = f"""
        WITH up AS (
            INSERT INTO {table} AS t (id, {", ".join(names)}, organization_id, created_at, updated_at)
            SELECT u.*, %s::bigint, statement_timestamp(), statement_timestamp() FROM unnest({arrays}) AS u
            ON CONFLICT (organization_id, external_id) DO UPDATE SET {sets}, updated_at = EXCLUDED.updated_at
            WHERE ({target}) IS DISTINCT FROM ({excluded})
            RETURNING (t.xmax = 0) AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up
    """
    total = len(values[0])
    params = [_array(column) for column in values]
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [org_id, *params])
            created, updated = cursor.fetchone()
    except IntegrityError as exc:  # a concurrent single-row write of the same external id
        raise ApplicationError("The directory changed while this request ran; send it again.", status=409) from exc
    return BulkResult(created=created, updated=updated, unchanged=total - created - updated)


# --- org units -------------------------------------------------------------------------------------------

ORG_UNIT_TABLE = OrgUnit._meta.db_table


@transaction.atomic
def org_unit_bulk_upsert(*, rows) -> BulkResult:
    """Create or update org units by ``external_id``. Row fields: ``external_id``, ``name``, ``kind``
    (default business_unit), ``parent`` (external id of a unit in the payload or stored; null for none)."""
    org_id = require_organization_id()
    errors = _Errors()
    rows = _rows(rows, errors)
    external_ids = _text(rows, errors, "external_id", max_length=64, required=True)
    names = _text(rows, errors, "name", max_length=200, required=True)
    kinds = _choice(rows, errors, "kind", OrgUnit.Kind.values, OrgUnit.Kind.BUSINESS_UNIT)
    parents = _reference(rows, errors, "parent")
    in_payload = _duplicates(external_ids, errors)

    _lock(ORG_UNIT_TABLE, org_id)
    stored = _existing(ORG_UNIT_TABLE, {*in_payload, *(p for p in parents if p)}, org_id)
    unknown = [i for i, ref in enumerate(parents) if ref and ref not in in_payload and ref not in stored]
    for i in unknown:
        errors.add(i, "parent", f'Unknown org unit external id "{parents[i]}".')
    errors.raise_if_any(len(rows))
    if not rows:
        return BulkResult(0, 0, 0)

    ids = _assign_ids(external_ids, stored, ORG_UNIT_TABLE)
    id_of = dict(zip(external_ids, ids, strict=True))
    parent_ids = [(id_of.get(ref) or stored[ref]) if ref else None for ref in parents]
    _reject_cycles(
        ORG_UNIT_TABLE,
        "parent_id",
        "parent",
        ids,
        parent_ids,
        org_id,
        errors,
        "This parent would put the org unit inside itself (a cycle).",
    )
    return _upsert(
        ORG_UNIT_TABLE,
        [("external_id", "text"), ("name", "text"), ("kind", "text"), ("parent_id", "bigint")],
        [ids, external_ids, names, kinds, parent_ids],
        org_id,
    )


def _reject_cycles(table, fk, field, ids, ref_ids, org_id, errors: _Errors, message: str) -> None:
    edges = dict(zip(ids, ref_ids, strict=True))
    outside_refs = {ref for ref in ref_ids if ref is not None and ref not in edges}
    stored = _ancestors(table, fk, outside_refs, org_id)
    on_cycle = _cycle_members(edges, stored.get)
    if on_cycle:
        for i, row_id in enumerate(ids):
            if row_id in on_cycle:
                errors.add(i, field, message)
        errors.raise_if_any(len(ids))


# --- people ----------------------------------------------------------------------------------------------

PERSON_TABLE = Person._meta.db_table


@transaction.atomic
def person_bulk_upsert(*, rows) -> BulkResult:
    """Create or update people by ``external_id``. Each row is the person's full record (omitted optional
    fields take their defaults): ``external_id``, ``email``, ``first_name``, ``last_name``, ``title``,
    ``level``, ``status``, ``start_date``, ``end_date``, and the external ids ``manager`` (a person in the
    payload or stored) and ``org_unit`` (a stored org unit)."""
    org_id = require_organization_id()
    errors = _Errors()
    rows = _rows(rows, errors)
    external_ids = _text(rows, errors, "external_id", max_length=64, required=True)
    emails = _email(rows, errors)
    first_names = _text(rows, errors, "first_name", max_length=100, required=True)
    last_names = _text(rows, errors, "last_name", max_length=100, required=True)
    titles = _text(rows, errors, "title", max_length=200, allow_blank=True)
    levels = _choice(rows, errors, "level", Person.Level.values, Person.Level.INDIVIDUAL_CONTRIBUTOR)
    statuses = _choice(rows, errors, "status", Person.Status.values, Person.Status.ACTIVE)
    start_dates = _date(rows, errors, "start_date")
    end_dates = _date(rows, errors, "end_date")
    managers = _reference(rows, errors, "manager")
    org_units = _reference(rows, errors, "org_unit")
    for i, (start, end) in enumerate(zip(start_dates, end_dates, strict=True)):
        if start is not None and end is not None and end < start:
            errors.add(i, "end_date", "End date must not be before the start date.")
    in_payload = _duplicates(external_ids, errors)

    _lock(PERSON_TABLE, org_id)
    outside_managers = {m for m in managers if m and m not in in_payload}
    stored = _existing(PERSON_TABLE, in_payload | outside_managers, org_id)
    for i, ref in enumerate(managers):
        if ref and ref not in in_payload and ref not in stored:
            errors.add(i, "manager", f'Unknown person external id "{ref}".')
    unit_refs = {u for u in org_units if u}
    units = _existing(ORG_UNIT_TABLE, unit_refs, org_id) if unit_refs else {}
    for i, ref in enumerate(org_units):
        if ref and ref not in units:
            errors.add(i, "org_unit", f'Unknown org unit external id "{ref}".')
    errors.raise_if_any(len(rows))
    if not rows:
        return BulkResult(0, 0, 0)

    ids = _assign_ids(external_ids, stored, PERSON_TABLE)
    id_of = dict(zip(external_ids, ids, strict=True))
    manager_ids = [(id_of.get(ref) or stored[ref]) if ref else None for ref in managers]
    org_unit_ids = [units[ref] if ref else None for ref in org_units]
    _reject_cycles(
        PERSON_TABLE,
        "manager_id",
        "manager",
        ids,
        manager_ids,
        org_id,
        errors,
        "This manager reports to the person already (a cycle).",
    )
    return _upsert(
        PERSON_TABLE,
        [
            ("external_id", "text"),
            ("email", "text"),
            ("first_name", "text"),
            ("last_name", "text"),
            ("title", "text"),
            ("level", "text"),
            ("manager_id", "bigint"),
            ("org_unit_id", "bigint"),
            ("status", "text"),
            ("start_date", "date"),
            ("end_date", "date"),
        ],
        [
            ids,
            external_ids,
            emails,
            first_names,
            last_names,
            titles,
            levels,
            manager_ids,
            org_unit_ids,
            statuses,
            start_dates,
            end_dates,
        ],
        org_id,
    )
