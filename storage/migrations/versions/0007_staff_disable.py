"""Record when and by whom a staff account was disabled.

Revision ID: 0007_staff_disable
Revises: 0006_encrypt_demographics_orders
Create Date: 2026-12-05 00:00:00

Both columns are empty for existing accounts, so every account stays
enabled. The downgrade drops the columns, which enables every disabled
account again, because the old schema cannot tell them apart.
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0007_staff_disable"
down_revision: Union[str, Sequence[str], None] = "0006_encrypt_demographics_orders"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the nullable ``disabled_at`` and ``disabled_by`` columns."""
    op.add_column("staff", sa.Column("disabled_at", sa.DateTime(), nullable=True))
    op.add_column(
        "staff", sa.Column("disabled_by", sa.String(length=64), nullable=True)
    )


def downgrade() -> None:
    """Drop both columns, so disabled accounts can sign in again."""
    op.drop_column("staff", "disabled_by")
    op.drop_column("staff", "disabled_at")
