"""Triggers that count changes of profiling consent, for the migrations.

Triggers on ``customers`` increase the settings row ``consent.revision``
whenever a consenting customer is added or deleted, or a customer's
``consent_profiling`` flag changes, whichever code or process writes the
row. A served suggestion model compares that one counter with the one it
was fitted at, instead of reading every consenting customer on each call.

SQLite drops a table's triggers when ``batch_alter_table`` rebuilds it, so a
revision that rebuilds ``customers`` calls :func:`create_consent_triggers`
again afterwards.
"""

from __future__ import annotations

from alembic.operations import Operations

KEY = "consent.revision"

# The counter row is created by the first change, so the statement works on
# a database where no customer ever consented. Both databases accept it.
BUMP = (
    f"INSERT INTO settings (key, value) VALUES ('{KEY}', '1') "
    "ON CONFLICT (key) DO UPDATE "
    "SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)"
)

# (trigger name, event, condition) of each change that bumps the counter.
TRIGGERS = (
    ("customers_consent_inserted", "INSERT", "NEW.consent_profiling"),
    ("customers_consent_deleted", "DELETE", "OLD.consent_profiling"),
    # The column is NOT NULL, so <> compares every pair of values.
    (
        "customers_consent_changed",
        "UPDATE OF consent_profiling",
        "OLD.consent_profiling <> NEW.consent_profiling",
    ),
)
FUNCTION = "bump_consent_revision"


def _is_sqlite(op: Operations) -> bool:
    return op.get_context().dialect.name == "sqlite"


def create_consent_triggers(op: Operations) -> None:
    """Create the triggers where missing; on PostgreSQL, also their function."""
    if _is_sqlite(op):
        for name, event, condition in TRIGGERS:
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON customers "
                f"FOR EACH ROW WHEN {condition} BEGIN {BUMP}; END"
            )
        return
    op.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
    )
    for name, event, condition in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON customers")
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON customers "
            f"FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION {FUNCTION}()"
        )


def drop_consent_triggers(op: Operations) -> None:
    """Drop the triggers, their function and the counter row."""
    for name, _, _ in TRIGGERS:
        if _is_sqlite(op):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON customers")
    if not _is_sqlite(op):
        op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    op.execute(f"DELETE FROM settings WHERE key = '{KEY}'")
