"""Create the customers, products, events and settings tables.

Revision ID: 0001
Revises:
Create Date: 2026-12-04 16:52:46.559934

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Create the tables of ``storage.schema`` as first released."""
    op.create_table(
        "customers",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("consent_profiling", sa.Boolean(), nullable=False),
        sa.Column("consent_marketing", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    op.create_table(
        "products",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.CheckConstraint(
            "source IN ('catalog', 'import')", name=op.f("ck_products_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "kind <> 'rating' OR (value IS NOT NULL AND value BETWEEN 1 AND 5)",
            name=op.f("ck_events_rating_range"),
        ),
        sa.CheckConstraint(
            "kind IN ('view', 'favourite', 'cart', 'purchase', 'rating')",
            name=op.f("ck_events_kind"),
        ),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_events_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_events_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_events_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_customer_id", "events", ["customer_id"], unique=False)
    op.create_index("ix_events_product_id", "events", ["product_id"], unique=False)
    op.create_index("ix_events_reference", "events", ["reference"], unique=False)


def downgrade() -> None:
    """Drop every table that ``upgrade`` created."""
    op.drop_index("ix_events_reference", table_name="events")
    op.drop_index("ix_events_product_id", table_name="events")
    op.drop_index("ix_events_customer_id", table_name="events")

    op.drop_table("events")
    op.drop_table("settings")
    op.drop_table("products")
    op.drop_table("customers")
