"""Create the order flow tables: orders, frozen designs, history, factory.

Revision ID: 0002_orders
Revises: 0001
Create Date: 2026-12-04 17:30:09.877170

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0002_orders'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Create the tables of ``storage.order_schema`` as first released."""
    op.create_table('factory_updates',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('order_id', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reported_at', sa.DateTime(), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('attachment', sa.String(length=500), nullable=True),
    sa.Column('attachment_sha256', sa.String(length=64), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_factory_updates'))
    )
    with op.batch_alter_table('factory_updates', schema=None) as batch_op:
        batch_op.create_index('ix_factory_updates_order_id', ['order_id'], unique=False)

    op.create_table('status_quarantine',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('record', sa.Text(), nullable=False),
    sa.Column('order_id', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('resolution', sa.String(length=20), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by', sa.String(length=100), nullable=True),
    sa.Column('resolution_note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_quarantine')),
    sa.UniqueConstraint('key', name=op.f('uq_status_quarantine_key'))
    )
    with op.batch_alter_table('status_quarantine', schema=None) as batch_op:
        batch_op.create_index('ix_status_quarantine_resolution', ['resolution'], unique=False)

    op.create_table('orders',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.String(length=64), nullable=False),
    sa.Column('product_id', sa.String(length=64), nullable=False),
    sa.Column('product_name', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('state_changed_at', sa.DateTime(), nullable=False),
    sa.Column('quote_valid_until', sa.Date(), nullable=True),
    sa.Column('promised_date', sa.Date(), nullable=True),
    sa.CheckConstraint("state IN ('draft', 'quoted', 'confirmed', 'paid', 'in_production', 'quality_check', 'shipped', 'delivered', 'cancelled', 'refunded')", name=op.f('ck_orders_state')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_orders_customer_id_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    sa.UniqueConstraint('number', name=op.f('uq_orders_number'))
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index('ix_orders_customer_id', ['customer_id'], unique=False)
        batch_op.create_index('ix_orders_state', ['state'], unique=False)

    op.create_table('order_date_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.String(length=16), nullable=False),
    sa.Column('old_date', sa.Date(), nullable=True),
    sa.Column('new_date', sa.Date(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_date_changes_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_date_changes'))
    )
    with op.batch_alter_table('order_date_changes', schema=None) as batch_op:
        batch_op.create_index('ix_order_date_changes_order_id', ['order_id'], unique=False)

    op.create_table('order_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('deposit', 'balance', 'refund')", name=op.f('ck_order_payments_kind')),
    sa.CheckConstraint("method IN ('cash', 'card', 'bank_transfer', 'other')", name=op.f('ck_order_payments_method')),
    sa.CheckConstraint('amount > 0', name=op.f('ck_order_payments_amount_positive')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_payments_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_payments'))
    )
    with op.batch_alter_table('order_payments', schema=None) as batch_op:
        batch_op.create_index('ix_order_payments_order_id', ['order_id'], unique=False)

    op.create_table('order_revisions',
    sa.Column('order_id', sa.String(length=16), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('design_hash', sa.String(length=64), nullable=False),
    sa.Column('frozen', sa.Text(), nullable=False),
    sa.Column('net_amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('tax_amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_revisions_order_id_orders')),
    sa.PrimaryKeyConstraint('order_id', 'revision', name=op.f('pk_order_revisions'))
    )
    op.create_table('order_transitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.String(length=16), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=True),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('qc_result', sa.String(length=10), nullable=True),
    sa.Column('source', sa.String(length=500), nullable=True),
    sa.CheckConstraint("to_state IN ('draft', 'quoted', 'confirmed', 'paid', 'in_production', 'quality_check', 'shipped', 'delivered', 'cancelled', 'refunded')", name=op.f('ck_order_transitions_to_state')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_transitions_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_transitions'))
    )
    with op.batch_alter_table('order_transitions', schema=None) as batch_op:
        batch_op.create_index('ix_order_transitions_order_id', ['order_id'], unique=False)



def downgrade() -> None:
    """Drop every table that ``upgrade`` created."""
    with op.batch_alter_table('order_transitions', schema=None) as batch_op:
        batch_op.drop_index('ix_order_transitions_order_id')

    op.drop_table('order_transitions')
    op.drop_table('order_revisions')
    with op.batch_alter_table('order_payments', schema=None) as batch_op:
        batch_op.drop_index('ix_order_payments_order_id')

    op.drop_table('order_payments')
    with op.batch_alter_table('order_date_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_order_date_changes_order_id')

    op.drop_table('order_date_changes')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_state')
        batch_op.drop_index('ix_orders_customer_id')

    op.drop_table('orders')
    with op.batch_alter_table('status_quarantine', schema=None) as batch_op:
        batch_op.drop_index('ix_status_quarantine_resolution')

    op.drop_table('status_quarantine')
    with op.batch_alter_table('factory_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_factory_updates_order_id')

    op.drop_table('factory_updates')
