"""Keep three decimals and twelve whole digits in every money column.

Revision ID: 0012_money_three_decimals
Revises: 0011_revision_note_messages
Create Date: 2026-12-05 14:30:00

A store may sell in any currency of ``resources/currencies.toml``. KWD and
BHD count in thousandths, so ``Numeric(12, 2)`` would lose their last
decimal, and JPY, KRW and VND totals need more whole digits than euro
totals. The money columns of ``orders``, ``order_revisions`` and
``order_payments`` become ``Numeric(15, 3)``, which keeps every stored
value. The downgrade narrows them back; a KWD amount then loses its third
decimal.
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0012_money_three_decimals"
down_revision: Union[str, Sequence[str], None] = "0011_revision_note_messages"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

MONEY_COLUMNS = (
    ("orders", ("total",)),
    ("order_revisions", ("net_amount", "tax_amount", "total")),
    ("order_payments", ("amount",)),
)
OLD = sa.Numeric(precision=12, scale=2)
NEW = sa.Numeric(precision=15, scale=3)


def upgrade() -> None:
    """Widen every money column."""
    _change(OLD, NEW)


def downgrade() -> None:
    """Narrow every money column back to two decimals."""
    _change(NEW, OLD)


def _change(old: sa.Numeric, new: sa.Numeric) -> None:
    # On SQLite each batch rebuilds its table; storage.migrate turns foreign
    # keys off while a revision runs and checks them before the commit.
    for table, columns in MONEY_COLUMNS:
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, existing_type=old, type_=new)
