"""Encrypt demographics, order notes and frozen designs; add delivery addresses.

Revision ID: 0006_encrypt_demographics_orders
Revises: 0005_consent_revision
Create Date: 2026-12-06 10:00:00

The customers' country, birth year, age band, gender and region, the notes
of every order table and the orders' frozen designs (which hold sizes and
engraving texts) are read as plain text and written back encrypted under
the key of ``storage.crypto.key_file_path()``. A database cannot check a
ciphertext, so the CHECK constraints on gender, age band and birth year
are dropped, and the column types check those values on write instead.
The new ``orders.delivery_address`` column is encrypted from the start.
The downgrade decrypts every value and restores the old types and checks.
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from storage.consent_triggers import create_consent_triggers
from storage.migration_values import decrypt_value, encrypt_value, rewrite_column


# revision identifiers, used by Alembic.
revision: str = "0006_encrypt_demographics_orders"
down_revision: Union[str, Sequence[str], None] = "0005_consent_revision"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Customer columns that become encrypted text: name, old type and old check.
CUSTOMER_COLUMNS = (
    ("country", sa.String(length=100), None, None),
    (
        "birth_year",
        sa.Integer(),
        "ck_customers_birth_year_range",
        "birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100",
    ),
    (
        "age_band",
        sa.String(length=16),
        "ck_customers_age_band",
        "age_band IS NULL OR age_band IN ('under_25', '25_34', '35_44', '45_54', "
        "'55_64', '65_plus')",
    ),
    (
        "gender",
        sa.String(length=16),
        "ck_customers_gender",
        "gender IS NULL OR gender IN ('female', 'male', 'other')",
    ),
    ("region", sa.String(length=100), None, None),
)

# Every column this revision encrypts, with the columns of its table's key.
ENCRYPTED = (
    ("customers", ("id",), ("country", "birth_year", "age_band", "gender", "region")),
    ("order_revisions", ("order_id", "revision"), ("frozen", "note")),
    ("order_transitions", ("id",), ("note",)),
    ("order_payments", ("id",), ("note",)),
    ("order_date_changes", ("id",), ("note",)),
)


def upgrade() -> None:
    """Make the columns text, drop their checks, then encrypt every value."""
    # On SQLite this rebuilds "customers", which other tables refer to;
    # storage.migrate turns foreign keys off while a revision runs and checks
    # them before the commit.
    with op.batch_alter_table("customers") as batch:
        for name, old_type, check_name, _check in CUSTOMER_COLUMNS:
            if check_name is not None:
                batch.drop_constraint(op.f(check_name), type_="check")
            batch.alter_column(
                name,
                existing_type=old_type,
                type_=sa.Text(),
                postgresql_using=f"{name}::text",
            )

    # The rebuild dropped the consent triggers on SQLite.
    create_consent_triggers(op)
    op.add_column("orders", sa.Column("delivery_address", sa.Text(), nullable=True))

    for table, keys, columns in ENCRYPTED:
        for column in columns:
            rewrite_column(table, keys, column, encrypt_value)


def downgrade() -> None:
    """Decrypt every value, drop the delivery address, restore types and checks.

    Delivery addresses are lost, because the old schema has no place for
    them.
    """
    for table, keys, columns in ENCRYPTED:
        for column in columns:
            rewrite_column(table, keys, column, decrypt_value)

    op.drop_column("orders", "delivery_address")

    if op.get_context().dialect.name == "sqlite":
        _restore_sqlite_columns()
        return
    for name, old_type, check_name, check in CUSTOMER_COLUMNS:
        op.alter_column(
            "customers",
            name,
            existing_type=sa.Text(),
            type_=old_type,
            postgresql_using=f"{name}::{old_type.compile(op.get_bind().dialect)}",
        )
        if check_name is not None:
            op.create_check_constraint(op.f(check_name), "customers", check)


def _restore_sqlite_columns() -> None:
    # Revision 0003 added these columns with column CHECK constraints, and
    # its downgrade drops them with ALTER TABLE DROP COLUMN, which SQLite
    # refuses for a column named in a table constraint. So each column is
    # added back the way 0003 added it, and its values are copied over.
    connection = op.get_bind()
    for name, old_type, check_name, check in CUSTOMER_COLUMNS:
        rows = []
        if not op.get_context().as_sql:
            query = f"SELECT id, {name} FROM customers WHERE {name} IS NOT NULL"
            rows = [
                {"id": row_id, "value": value}
                for row_id, value in connection.execute(sa.text(query))
            ]
        op.drop_column("customers", name)
        definition = f"{name} {old_type.compile(dialect=connection.dialect)}"
        if check_name is not None:
            definition += f" CONSTRAINT {check_name} CHECK ({check})"
        op.execute(f"ALTER TABLE customers ADD COLUMN {definition}")
        if rows:
            connection.execute(
                sa.text(f"UPDATE customers SET {name} = :value WHERE id = :id"), rows
            )
