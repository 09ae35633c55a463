"""Trigger functions of the audit trail. The actor comes from the transaction's settings
(app.actor, app.actor_label) that xmhub.tenancy.context sets with the organization."""

FUNCTIONS_SQL = r"""
CREATE OR REPLACE FUNCTION xmhub_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_auditevent (organization_id, occurred_at, table_name, row_id, action, actor, actor_label, before, after)
    SELECT (j->>TG_ARGV[0])::bigint, now(), TG_TABLE_NAME, (j->>'id')::bigint, 'insert',
           coalesce(current_setting('app.actor', true), ''), coalesce(current_setting('app.actor_label', true), ''),
           NULL, j
    FROM (SELECT to_jsonb(n) AS j FROM new_rows n) s;
    RETURN NULL;
END $$;

-- The old and new transition tables have no statistics, so the planner may join them with a nested
-- loop: quadratic, minutes for a 100k-row update. Hash joins keep every statement linear.
CREATE OR REPLACE FUNCTION xmhub_audit_update() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = off AS $$
BEGIN
    INSERT INTO audit_auditevent (organization_id, occurred_at, table_name, row_id, action, actor, actor_label, before, after)
    SELECT (nj->>TG_ARGV[0])::bigint, now(), TG_TABLE_NAME, (nj->>'id')::bigint, 'update',
           coalesce(current_setting('app.actor', true), ''), coalesce(current_setting('app.actor_label', true), ''),
           oj, nj
    FROM (SELECT to_jsonb(o) AS oj, to_jsonb(n) AS nj FROM old_rows o JOIN new_rows n ON n.id = o.id) s
    -- bookkeeping-only changes (timestamps) are not worth an audit row
    WHERE (oj - 'updated_at' - 'last_used_at' - 'last_login') IS DISTINCT FROM (nj - 'updated_at' - 'last_used_at' - 'last_login');
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION xmhub_audit_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_auditevent (organization_id, occurred_at, table_name, row_id, action, actor, actor_label, before, after)
    SELECT (j->>TG_ARGV[0])::bigint, now(), TG_TABLE_NAME, (j->>'id')::bigint, 'delete',
           coalesce(current_setting('app.actor', true), ''), coalesce(current_setting('app.actor_label', true), ''),
           j, NULL
    FROM (SELECT to_jsonb(o) AS j FROM old_rows o) s;
    RETURN NULL;
END $$;
"""

DROP_SQL = """
DROP FUNCTION IF EXISTS xmhub_audit_insert();
DROP FUNCTION IF EXISTS xmhub_audit_update();
DROP FUNCTION IF EXISTS xmhub_audit_delete();
"""
