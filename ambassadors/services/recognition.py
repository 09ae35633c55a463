"""Recognition: milestones granted automatically, once per term and key.

Set-based: one ``INSERT … SELECT … ON CONFLICT (term_id, key) DO NOTHING`` for any number of terms, so
granting is idempotent (a repeat grants nothing) and safe under concurrency (the unique constraint
decides). Newly granted milestones notify the ambassador (one statement for the batch).
"""

from __future__ import annotations

from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse

from ambassadors.models import Milestone
from xmhub.notifications.services import Message, notifications_send
from xmhub.tenancy.context import current_organization, require_organization_id

# Milestones earned by activity totals, granted for the given terms; returns the new ones with the
# ambassador's user id (a data-modifying CTE: one statement).
_GRANT_ACTIVITY_SQL = """
WITH granted AS (
    INSERT INTO ambassadors_milestone (organization_id, term_id, key, achieved_at)
    SELECT %(org)s, s.term_id, k.key, now()
    FROM (SELECT a.term_id, count(*) AS n, coalesce(sum(a.people_reached), 0) AS reached
          FROM ambassadors_activity a
          WHERE a.organization_id = %(org)s AND a.term_id = ANY(%(terms)s)
          GROUP BY a.term_id) s
    CROSS JOIN LATERAL (VALUES ('first_activity', s.n >= 1), ('ten_activities', s.n >= 10),
                               ('hundred_reached', s.reached >= 100)) AS k(key, earned)
    WHERE k.earned
    ON CONFLICT (term_id, key) DO NOTHING
    RETURNING term_id, key
)
SELECT g.term_id, g.key, p.user_id
FROM granted g
JOIN ambassadors_term t ON t.id = g.term_id
JOIN directory_person p ON p.id = t.person_id
ORDER BY g.term_id, g.key
"""

_GRANT_KEY_SQL = """
INSERT INTO ambassadors_milestone (organization_id, term_id, key, achieved_at)
SELECT %(org)s, t, %(key)s, now() FROM unnest(%(terms)s::bigint[]) AS t
ON CONFLICT (term_id, key) DO NOTHING
RETURNING term_id
"""

LABELS = dict(Milestone.Key.choices)


_SENTINEL = 987654321


def term_url_builder(name: str, *, suffix: str = ""):
    """``pk -> url`` for a term route of the current organization, reversed once (sweeps build thousands of
    links; reversing each costs more than the SQL). A route that does not exist gives ""."""
    organization = current_organization()
    try:
        pattern = reverse(name, kwargs={"org_slug": organization.slug, "pk": _SENTINEL})
    except NoReverseMatch:
        return lambda pk: ""
    return lambda pk: pattern.replace(str(_SENTINEL), str(pk)) + suffix


def portal_term_url(term_id: int) -> str:
    return term_url_builder("portal:term_detail")(term_id)


@transaction.atomic
def milestones_grant_for_activity(*, term_ids: list[int], notify: bool = True) -> list[tuple[int, str]]:
    """Grant first activity / 10 activities / 100 people reached to the given terms where earned and not
    granted yet. Returns the new (term id, key) pairs; a repeat returns []."""
    if not term_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_GRANT_ACTIVITY_SQL, {"org": require_organization_id(), "terms": list(term_ids)})
        rows = cursor.fetchall()
    if notify:
        url = term_url_builder("portal:term_detail")
        notifications_send(
            messages=[
                Message(
                    recipient_id=user_id,
                    reason_key=f"term:{term_id}:milestone:{key}",
                    title=f"Milestone reached: {LABELS[key]}",
                    body="Thank you for what you do for the program. It shows on your term page.",
                    url=url(term_id),
                )
                for term_id, key, user_id in rows
                if user_id is not None
            ]
        )
    return [(term_id, key) for term_id, key, _ in rows]


@transaction.atomic
def milestones_grant(*, term_ids: list[int], key: str) -> list[int]:
    """Grant one milestone (e.g. term completed) to many terms, once. Returns the terms newly granted."""
    if not term_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_GRANT_KEY_SQL, {"org": require_organization_id(), "terms": list(term_ids), "key": key})
        return [row[0] for row in cursor.fetchall()]
