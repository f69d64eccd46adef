"""Count changes of profiling consent in the settings row "consent.revision".

Revision ID: 0005_consent_revision
Revises: 0004_privacy
Create Date: 2026-12-06 10:00:00

The triggers and what they count are described in
:mod:`storage.consent_triggers`.
"""

from typing import Sequence, Union

from alembic import op

from storage.consent_triggers import create_consent_triggers, drop_consent_triggers

# revision identifiers, used by Alembic.
revision: str = "0005_consent_revision"
down_revision: Union[str, Sequence[str], None] = "0004_privacy"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Create the triggers; on PostgreSQL, also the function they run."""
    create_consent_triggers(op)


def downgrade() -> None:
    """Drop the triggers, the function and the counter row."""
    drop_consent_triggers(op)
