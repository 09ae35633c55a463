"""The term-expiry sweep against a raw ``UPDATE … WHERE ends_on <= today`` of the same rows, side by side.

Data: one organization (``bench-sweeps``) with 10,000 people (each with a login, so every expiry also
writes a notification), 100 roles and 1,000,000 terms: 10,000 due (open, end date within the last week;
a tenth of them paused), 890,000 running, 100,000 ended long ago. Generated with set-based SQL as the owner
(audit triggers off while loading, on for the measurements), then VACUUM ANALYZE.

Measured, as the row-level-security role inside ``tenant_context`` (exactly as a worker runs):

- raw: one ``UPDATE ambassadors_term SET status='ended', end_reason='completed', ended_on=ends_on,
  updated_at=now() WHERE status <> 'ended' AND ends_on <= today`` (the partial index term_open_by_end);
- sweep: ``ambassadors.sweeps.sweep_expiry(today=…)`` with its production batch size: the due ids (the
  partial index), then per batch one ``UPDATE … RETURNING`` by primary key, the alumni profiles, the "term
  completed" milestones and the notifications, each one set-based statement;
- for reference only, the raw ``UPDATE`` with the term table's audit trigger off (how much of the raw
  figure is the audit trail).

Audit triggers fire for both. Each run happens in a transaction that is rolled back (state restored;
so commit time is excluded from both), after a VACUUM of the touched tables and a read of the due rows
(same warm start); after one uncounted warm-up run each, runs alternate and the medians are compared.
Terms are stored in start-date order, as they are created, so the rows due together sit together.
Target: sweep ≤ 3 × raw.

    python -m bench.sweeps [--terms 1000000] [--due 10000] [--rounds 5] [--update-docs]

``make bench`` runs it too (bench/run.py), in the benchmark database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_FILE = ROOT / "docs" / "benchmarks.md"
DOCS_START, DOCS_END = "<!-- bench-sweeps:start -->", "<!-- bench-sweeps:end -->"
TARGET = 3.0
SLUG = "bench-sweeps"
PEOPLE, ROLES = 10_000, 100
TABLES = (
    "ambassadors_term",
    "ambassadors_milestone",
    "ambassadors_alumniprofile",
    "notifications_notification",
    "audit_auditevent",
)

RAW_UPDATE = """
UPDATE ambassadors_term SET status = 'ended', end_reason = 'completed', ended_on = ends_on, updated_at = now()
WHERE status <> 'ended' AND ends_on <= %s
"""


def _owner_connection():
    import psycopg

    from bench.run import connection_params

    return psycopg.connect(**connection_params(), autocommit=True)


def generate(*, terms: int, due: int, today: date) -> int:
    """(Re)create the bench organization and its data; returns the organization id."""
    from xmhub.tenancy.models import Organization

    if terms != PEOPLE * ROLES or due <= 0 or terms % due:
        raise SystemExit(f"--terms must be {PEOPLE * ROLES:,} (people × roles) and a multiple of --due.")
    every = terms // due
    with _owner_connection() as conn:
        old = conn.execute("SELECT id FROM tenancy_organization WHERE slug = %s", [SLUG]).fetchone()
        if old:  # bench rows only: no audit rows for their removal (triggers off while deleting)
            for table in (
                "notifications_notification",
                "ambassadors_milestone",
                "ambassadors_alumniprofile",
                "ambassadors_term",
                "ambassadors_ambassadorrole",
                "ambassadors_program",
                "accounts_membership",
                "directory_person",
                "audit_auditevent",
            ):
                conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
                try:
                    conn.execute(f"DELETE FROM {table} WHERE organization_id = %s", [old[0]])
                finally:
                    conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            conn.execute("DELETE FROM accounts_user WHERE email LIKE 'bench-sweeps-%%@bench.test'")
            conn.execute("DELETE FROM tenancy_organization WHERE id = %s", [old[0]])
    org = Organization.objects.create(slug=SLUG, name="Bench (sweeps)")
    with _owner_connection() as conn:
        for table in ("ambassadors_term", "directory_person", "ambassadors_ambassadorrole", "ambassadors_program"):
            conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        try:
            conn.execute(
                """
                INSERT INTO accounts_user (password, is_superuser, email, name, is_active, is_staff, date_joined)
                SELECT '!', false, 'bench-sweeps-' || g || '@bench.test', 'Ambassador ' || g, true, false, now()
                FROM generate_series(1, %s) g""",
                [PEOPLE],
            )
            conn.execute(
                """
                INSERT INTO directory_person (organization_id, external_id, email, first_name, last_name, title, level,
                                              status, user_id, created_at, updated_at)
                SELECT %(org)s, 'BS' || lpad(g::text, 6, '0'), u.email, 'Ambassador', g::text, '',
                       'individual_contributor', 'active', u.id, now(), now()
                FROM generate_series(1, %(n)s) g
                JOIN accounts_user u ON u.email = 'bench-sweeps-' || g || '@bench.test'""",
                {"org": org.pk, "n": PEOPLE},
            )
            program = conn.execute(
                """
                INSERT INTO ambassadors_program (organization_id, name, audience, description, is_active, created_at)
                VALUES (%s, 'Bench program', 'employee', '', true, now()) RETURNING id""",
                [org.pk],
            ).fetchone()[0]
            conn.execute(
                """
                INSERT INTO ambassadors_ambassadorrole (organization_id, program_id, name, purpose, responsibilities,
                    time_share, term_months, ideal_characteristics, skills, is_active, created_at)
                SELECT %s, %s, 'Role ' || g, 'Bench', '', 10, 12, '', '', true, now() FROM generate_series(1, %s) g""",
                [org.pk, program, ROLES],
            )
            # k = 0 … terms-1 over (person, role); every `every`-th is due, every 10th (+1) ended long ago.
            conn.execute(
                """
                WITH pairs AS (
                    SELECT p.id AS person_id, r.id AS role_id, row_number() OVER (ORDER BY p.id, r.id) - 1 AS k
                    FROM directory_person p CROSS JOIN ambassadors_ambassadorrole r
                    WHERE p.organization_id = %(org)s AND r.organization_id = %(org)s
                ), shaped AS (
                    SELECT person_id, role_id, k,
                           CASE WHEN k %% %(every)s = 0 THEN %(today)s::date - (k %% 7)::int
                                WHEN k %% 10 = 1 THEN %(today)s::date - 400
                                ELSE %(today)s::date + 1 + (k %% 700)::int END AS ends_on
                    FROM pairs
                )
                INSERT INTO ambassadors_term (organization_id, person_id, role_id, starts_on, ends_on, time_share,
                    status, paused_reason, ended_on, end_reason, created_at, updated_at)
                SELECT %(org)s, person_id, role_id, ends_on - 365, ends_on, 10,
                       CASE WHEN k %% %(every)s = 0 AND k %% (%(every)s * 10) = 0 THEN 'paused'
                            WHEN k %% %(every)s = 0 THEN 'active'
                            WHEN k %% 10 = 1 THEN 'ended' ELSE 'active' END,
                       CASE WHEN k %% %(every)s = 0 AND k %% (%(every)s * 10) = 0 THEN 'leave' ELSE '' END,
                       CASE WHEN k %% %(every)s <> 0 AND k %% 10 = 1 THEN ends_on END,
                       CASE WHEN k %% %(every)s <> 0 AND k %% 10 = 1 THEN 'completed' ELSE '' END,
                       now(), now()
                FROM shaped ORDER BY ends_on - 365, person_id, role_id""",
                {"org": org.pk, "every": every, "today": today},
            )
        finally:
            for table in ("ambassadors_term", "directory_person", "ambassadors_ambassadorrole", "ambassadors_program"):
                conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        conn.execute("VACUUM ANALYZE ambassadors_term")
        conn.execute("VACUUM ANALYZE directory_person")
    return org.pk


def _vacuum(today: date) -> None:
    """Clear the dead rows of the previous (rolled-back) run, then read the due rows once so both runs start
    from the same warm cache."""
    with _owner_connection() as conn:
        for table in TABLES:
            conn.execute(f"VACUUM {table}")
        conn.execute(
            "SELECT sum(hashtext(t::text)) FROM ambassadors_term t WHERE status <> 'ended' AND ends_on <= %s", [today]
        )


def _as_app_role():
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {connection.ops.quote_name(settings.DB_APP_ROLE)}")


def _reset_role():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def _timed(org, today: date, which: str) -> tuple[float, int]:
    """One run of ``which`` (raw or sweep) in a transaction rolled back afterwards: (seconds, rows ended)."""
    from django.conf import settings
    from django.db import connection, transaction

    from ambassadors.sweeps import sweep_expiry
    from xmhub.tenancy.context import tenant_context

    _vacuum(today)
    _as_app_role()
    try:
        with transaction.atomic():
            with tenant_context(org, actor="system:bench"):
                started = time.perf_counter()
                if which == "raw_no_audit":
                    with connection.cursor() as cursor:
                        cursor.execute("RESET ROLE")
                        cursor.execute("ALTER TABLE ambassadors_term DISABLE TRIGGER USER")  # rolled back
                        cursor.execute(f"SET ROLE {connection.ops.quote_name(settings.DB_APP_ROLE)}")
                        started = time.perf_counter()
                        cursor.execute(RAW_UPDATE, [today])
                        rows = cursor.rowcount
                elif which == "raw":
                    with connection.cursor() as cursor:
                        cursor.execute(RAW_UPDATE, [today])
                        rows = cursor.rowcount
                else:
                    rows = sweep_expiry(today=today)
                elapsed = time.perf_counter() - started
            transaction.set_rollback(True)
    finally:
        _reset_role()
    return elapsed, rows


def _queries_per_batch(org, today: date) -> dict:
    """Statements of one sweep run, and the batches it took (for the "constant per batch" claim)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from ambassadors.sweeps import BATCH_SIZE, sweep_expiry
    from xmhub.tenancy.context import tenant_context

    _as_app_role()
    try:
        with transaction.atomic(), tenant_context(org, actor="system:bench"), CaptureQueriesContext(connection) as ctx:
            rows = sweep_expiry(today=today)
            transaction.set_rollback(True)
    finally:
        _reset_role()
    statements = [q for q in ctx.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]
    return {"rows": rows, "batch_size": BATCH_SIZE, "batches": -(-rows // BATCH_SIZE), "statements": len(statements)}


def run_expiry_bench(*, terms: int = PEOPLE * ROLES, due: int = 10_000, rounds: int = 5) -> dict:
    """Generate, then measure raw and sweep alternately. Django must be set up on the bench settings."""
    from xmhub.tenancy.models import Organization

    today = date.today()
    print(f"Sweeps: generating {terms:,} terms ({due:,} due) …", flush=True)
    started = time.perf_counter()
    org = Organization.objects.get(pk=generate(terms=terms, due=due, today=today))
    generated_s = time.perf_counter() - started
    runs: dict[str, list[float]] = {"raw": [], "sweep": [], "raw_no_audit": []}
    for which in ("raw", "sweep"):  # one warm-up run each, not counted
        _timed(org, today, which)
    for i in range(rounds):
        for which in ("raw", "sweep", "raw_no_audit"):
            seconds, rows = _timed(org, today, which)
            if rows != due:
                raise RuntimeError(f"{which} ended {rows} terms, expected {due}")
            runs[which].append(seconds)
            print(f"  round {i + 1}/{rounds} {which}: {seconds * 1000:.1f} ms", flush=True)
    raw, sweep = statistics.median(runs["raw"]), statistics.median(runs["sweep"])
    return {
        "terms": terms,
        "due": due,
        "rounds": rounds,
        "generated_s": generated_s,
        "raw_ms": [r * 1000 for r in runs["raw"]],
        "sweep_ms": [r * 1000 for r in runs["sweep"]],
        "raw_no_audit_ms": [r * 1000 for r in runs["raw_no_audit"]],
        "raw_no_audit_median_ms": statistics.median(runs["raw_no_audit"]) * 1000,
        "raw_median_ms": raw * 1000,
        "sweep_median_ms": sweep * 1000,
        "ratio": sweep / raw,
        "queries": _queries_per_batch(org, today),
        "load_average": os.getloadavg(),
    }


def render(result: dict) -> str:
    q = result["queries"]
    return "\n".join(
        [
            f"**Term-expiry sweep**: {result['terms']:,} terms, {result['due']:,} due; {result['rounds']} alternating "
            f"rounds, each rolled back after a VACUUM; as the row-level-security role in the tenant context; audit "
            f"triggers on (load average {'/'.join(f'{x:.1f}' for x in result['load_average'])}).",
            "",
            "| run | median | all rounds |",
            "|---|---|---|",
            f"| raw `UPDATE … WHERE status <> 'ended' AND ends_on <= today` | {result['raw_median_ms']:.1f} ms | "
            f"{', '.join(f'{x:.1f}' for x in result['raw_ms'])} ms |",
            f"| `sweep_expiry` (UPDATE … RETURNING per batch + alumni profiles + milestones + notifications) | "
            f"{result['sweep_median_ms']:.1f} ms | {', '.join(f'{x:.1f}' for x in result['sweep_ms'])} ms |",
            f"| reference only: the raw `UPDATE` with the audit trigger of the table switched off | "
            f"{result['raw_no_audit_median_ms']:.1f} ms | "
            f"{', '.join(f'{x:.1f}' for x in result['raw_no_audit_ms'])} ms |",
            "",
            f"Ratio {result['ratio']:.2f} (target ≤ {TARGET:.0f}: {'met' if result['ratio'] <= TARGET else 'MISSED'}). "
            f"The sweep took {q['statements']} statements for {q['rows']:,} terms in {q['batches']} batches of "
            f"{q['batch_size']:,} (+ savepoints).",
        ]
    )


def update_docs(text: str) -> None:
    docs = DOCS_FILE.read_text()
    if DOCS_START not in docs or DOCS_END not in docs:
        raise SystemExit(f"{DOCS_FILE} has no {DOCS_START} … {DOCS_END} block to update.")
    head, rest = docs.split(DOCS_START, 1)
    _, tail = rest.split(DOCS_END, 1)
    DOCS_FILE.write_text(f"{head}{DOCS_START}\n{text}\n{DOCS_END}{tail}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=PEOPLE * ROLES)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["XMHUB_DB_OWNER"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    from bench.run import ensure_database

    ensure_database()
    call_command("migrate", verbosity=0)
    result = run_expiry_bench(terms=args.terms, due=args.due, rounds=args.rounds)
    text = render(result)
    print("\n" + text)
    if args.update_docs:
        update_docs(text)
        print(f"\nWritten to {DOCS_FILE.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
