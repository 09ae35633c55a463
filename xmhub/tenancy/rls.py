"""PostgreSQL row-level security for tenant tables: the SQL, in one place.

Every tenant table gets ``ENABLE`` + ``FORCE ROW LEVEL SECURITY`` and a policy that lets a row through
only when its ``organization_id`` equals the organization of the current transaction
(``app.org_id``, set by xmhub.tenancy.context). No organization set means NULL, and NULL matches
nothing: the policy fails closed. The application connects as the owner (often a superuser, which
bypasses RLS even when forced) and switches to ``DB_APP_ROLE`` on every connection; that role owns
no table and has neither SUPERUSER nor BYPASSRLS.
"""

from django.conf import settings
from django.db import connection
from django.db.migrations.operations.base import Operation

POLICY_NAME = "tenant_isolation"

FUNCTIONS_SQL = """
CREATE OR REPLACE FUNCTION xmhub_current_org() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.org_id', true), '')::bigint $$;
CREATE OR REPLACE FUNCTION xmhub_current_user() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::bigint $$;
"""


def app_role() -> str:
    return settings.DB_APP_ROLE


def create_app_role_sql() -> str:
    # Safe when several processes migrate at once (parallel test databases share one cluster): roles
    # are cluster-wide, so a concurrent creator may win the race; that is not an error.
    role = connection.ops.quote_name(app_role())
    literal = app_role().replace("'", "''")
    return f"""
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{literal}') THEN
            BEGIN
                CREATE ROLE {role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END;
        END IF;
        -- A pre-existing role of that name must not carry privileges that bypass RLS.
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{literal}' AND (rolsuper OR rolbypassrls)) THEN
            ALTER ROLE {role} NOSUPERUSER NOBYPASSRLS;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                       JOIN pg_roles u ON u.oid = m.member
                       WHERE r.rolname = '{literal}' AND u.rolname = current_user) THEN
            BEGIN
                EXECUTE 'GRANT {role} TO ' || quote_ident(current_user);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END;
        END IF;
    END $$;
    GRANT USAGE ON SCHEMA public TO {role};
    """


def grant_all_sql() -> str:
    """Privileges of the app role on everything in the schema (run after every migrate)."""
    role = connection.ops.quote_name(app_role())
    return f"""
    GRANT USAGE ON SCHEMA public TO {role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role};
    REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM {role};
    """


def secure_table_sql(
    table: str, *, org_column: str = "organization_id", extra_using: str = "", audit: bool = True
) -> str:
    t = connection.ops.quote_name(table)
    sql = f"""
    ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE {t} FORCE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS {POLICY_NAME} ON {t};
    CREATE POLICY {POLICY_NAME} ON {t}
        USING ({org_column} = xmhub_current_org())
        WITH CHECK ({org_column} = xmhub_current_org());
    DROP POLICY IF EXISTS {POLICY_NAME}_read ON {t};
    """
    if extra_using:
        # An extra condition only widens what can be READ (e.g. a user's own memberships in every
        # organization, for the switcher); writes stay confined to the current organization.
        sql += f"""
    CREATE POLICY {POLICY_NAME}_read ON {t} FOR SELECT USING ({extra_using});
    """
    if audit:
        sql += audit_triggers_sql(table, org_column=org_column)
    return sql


def audit_triggers_sql(
    table: str, *, org_column: str = "organization_id", operations=("insert", "update", "delete")
) -> str:
    """Statement-level triggers with transition tables: one INSERT into the audit log per statement,
    so a 100k-row bulk upsert is audited by three statements, not 100k."""
    t = connection.ops.quote_name(table)
    parts = []
    refs = {
        "insert": "NEW TABLE AS new_rows",
        "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "delete": "OLD TABLE AS old_rows",
    }
    for op in operations:
        ref = refs[op]
        name = f"xmhub_audit_{op}"
        parts.append(f"""
    DROP TRIGGER IF EXISTS {name} ON {t};
    CREATE TRIGGER {name} AFTER {op.upper()} ON {t}
        REFERENCING {ref}
        FOR EACH STATEMENT EXECUTE FUNCTION xmhub_audit_{op}('{org_column}');
    """)
    return "".join(parts)


def unsecure_table_sql(table: str) -> str:
    t = connection.ops.quote_name(table)
    return f"""
    DROP POLICY IF EXISTS {POLICY_NAME} ON {t};
    DROP POLICY IF EXISTS {POLICY_NAME}_read ON {t};
    ALTER TABLE {t} NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE {t} DISABLE ROW LEVEL SECURITY;
    DROP TRIGGER IF EXISTS xmhub_audit_insert ON {t};
    DROP TRIGGER IF EXISTS xmhub_audit_update ON {t};
    DROP TRIGGER IF EXISTS xmhub_audit_delete ON {t};
    """


class SecureTenantTable(Operation):
    """Migration operation: row-level security (and the audit triggers) for one tenant model.

    Use it in the migration that creates the model::

        SecureTenantTable("person")
        SecureTenantTable("membership", extra_using="user_id = xmhub_current_user()")
    """

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name, extra_using="", audit=True, org_column="organization_id"):
        self.model_name = model_name
        self.extra_using = extra_using
        self.audit = audit
        self.org_column = org_column

    def deconstruct(self):
        kwargs = {"model_name": self.model_name}
        if self.extra_using:
            kwargs["extra_using"] = self.extra_using
        if not self.audit:
            kwargs["audit"] = False
        if self.org_column != "organization_id":
            kwargs["org_column"] = self.org_column
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass

    def _table(self, app_label, state):
        return state.apps.get_model(app_label, self.model_name)._meta.db_table

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, to_state)
        schema_editor.execute(
            secure_table_sql(table, org_column=self.org_column, extra_using=self.extra_using, audit=self.audit)
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        schema_editor.execute(unsecure_table_sql(self._table(app_label, from_state)))

    def describe(self):
        return f"Row-level security and audit triggers for {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"secure_{self.model_name.lower()}"
