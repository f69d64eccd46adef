"""Count changes of profiling consent in the settings row "consent.revision".

Revision ID: 0005_consent_revision
Revises: 0004_privacy
Create Date: 2026-12-06 10:00:00

Triggers on ``customers`` increase the counter whenever a consenting
customer is added or deleted, or a customer's ``consent_profiling`` flag
changes, whichever code or process writes the row. A served suggestion
model compares one stored counter with the one it was fitted at, instead
of reading every consenting customer on each call.

NOTE: SQLite drops a table's triggers when ``batch_alter_table`` rebuilds
it, so a later revision that rebuilds ``customers`` must create these
triggers again.
"""

from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = "0005_consent_revision"
down_revision: Union[str, Sequence[str], None] = "0004_privacy"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

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


def _is_sqlite() -> bool:
    return op.get_context().dialect.name == "sqlite"


def upgrade() -> None:
    """Create the triggers; on PostgreSQL, also the function they run."""
    if _is_sqlite():
        for name, event, condition in TRIGGERS:
            op.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON customers "
                f"FOR EACH ROW WHEN {condition} BEGIN {BUMP}; END"
            )
        return

    op.execute(
        f"CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN {BUMP}; RETURN NULL; END $$"
    )
    for name, event, condition in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON customers "
            f"FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION {FUNCTION}()"
        )


def downgrade() -> None:
    """Drop the triggers, the function and the counter row."""
    for name, _, _ in TRIGGERS:
        if _is_sqlite():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON customers")
    if not _is_sqlite():
        op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    op.execute(f"DELETE FROM settings WHERE key = '{KEY}'")
