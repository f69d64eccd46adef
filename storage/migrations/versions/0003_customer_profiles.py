"""Add customer demographics, consent details, text events and segments.

Revision ID: 0003_customer_profiles
Revises: 0001
Create Date: 2026-12-05 09:00:00

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0003_customer_profiles"
down_revision: Union[str, Sequence[str], None] = "0002_orders"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

OLD_KINDS = "kind IN ('view', 'favourite', 'cart', 'purchase', 'rating')"
NEW_KINDS = (
    "kind IN ('view', 'favourite', 'cart', 'purchase', 'rating', 'search', "
    "'review', 'saved_design')"
)
TEXT_KINDS = "('search', 'review', 'saved_design')"


# New customer columns with their CHECK constraints, if any.
CUSTOMER_COLUMNS = (
    (
        "birth_year",
        sa.Integer(),
        "birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100",
    ),
    (
        "age_band",
        sa.String(length=16),
        "age_band IS NULL OR age_band IN ('under_25', '25_34', '35_44', '45_54', "
        "'55_64', '65_plus')",
    ),
    (
        "gender",
        sa.String(length=16),
        "gender IS NULL OR gender IN ('female', 'male', 'other')",
    ),
    ("region", sa.String(length=100), None),
    ("consent_profiling_at", sa.DateTime(), None),
    ("consent_marketing_at", sa.DateTime(), None),
    ("consent_source", sa.String(length=64), None),
)
CHECK_NAMES = {
    "birth_year": "ck_customers_birth_year_range",
    "age_band": "ck_customers_age_band",
    "gender": "ck_customers_gender",
}


def _is_sqlite() -> bool:
    return op.get_context().dialect.name == "sqlite"


def _add_customer_columns() -> None:
    # SQLite cannot add a table constraint without rebuilding the table, and
    # rebuilding "customers" fails while events refer to it with foreign keys
    # enforced. ADD COLUMN accepts a named column CHECK instead, which
    # enforces the same rule.
    for name, column_type, check in CUSTOMER_COLUMNS:
        if check is not None and _is_sqlite():
            sql_type = column_type.compile(dialect=op.get_context().dialect)
            op.execute(
                f"ALTER TABLE customers ADD COLUMN {name} {sql_type} "
                f"CONSTRAINT {CHECK_NAMES[name]} CHECK ({check})"
            )
            continue
        op.add_column("customers", sa.Column(name, column_type, nullable=True))
        if check is not None:
            op.create_check_constraint(op.f(CHECK_NAMES[name]), "customers", check)


def upgrade() -> None:
    """Add the profile columns and constraints, and the segment tables."""
    _add_customer_columns()

    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("text", sa.Text(), nullable=True))
        batch.alter_column(
            "product_id", existing_type=sa.String(length=64), nullable=True
        )
        batch.drop_constraint(op.f("ck_events_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_events_kind"), NEW_KINDS)
        batch.create_check_constraint(
            op.f("ck_events_product_required"),
            "product_id IS NOT NULL OR kind IN ('search')"
        )
        batch.create_check_constraint(
            op.f("ck_events_text_required"),
            f"text IS NOT NULL OR kind NOT IN {TEXT_KINDS}"
        )

    op.create_table(
        "segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("centroid", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("fitted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segments")),
    )
    op.create_table(
        "customer_segments",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_segments_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_customer_segments_segment_id_segments"),
        ),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_segments")),
    )
    op.create_index(
        "ix_customer_segments_segment_id",
        "customer_segments",
        ["segment_id"],
        unique=False,
    )


def downgrade() -> None:
    """Drop the segment tables and the profile columns.

    Events of the kinds this revision added (searches, reviews and saved
    designs) are deleted first, because the old schema cannot hold them.
    """
    op.drop_index("ix_customer_segments_segment_id", table_name="customer_segments")
    op.drop_table("customer_segments")
    op.drop_table("segments")

    op.execute(f"DELETE FROM events WHERE kind IN {TEXT_KINDS}")
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint(op.f("ck_events_text_required"), type_="check")
        batch.drop_constraint(op.f("ck_events_product_required"), type_="check")
        batch.drop_constraint(op.f("ck_events_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_events_kind"), OLD_KINDS)
        batch.alter_column(
            "product_id", existing_type=sa.String(length=64), nullable=False
        )
        batch.drop_column("text")

    for name, _column_type, check in reversed(CUSTOMER_COLUMNS):
        # SQLite (3.35 and later) drops a column together with its own CHECK.
        if check is not None and not _is_sqlite():
            op.drop_constraint(op.f(CHECK_NAMES[name]), "customers", type_="check")
        op.drop_column("customers", name)
