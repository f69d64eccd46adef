"""Encrypt customer names, add contact details, the audit log and staff accounts.

Revision ID: 0004_privacy
Revises: 0003_customer_profiles
Create Date: 2026-12-04 18:30:00

Existing display names and event texts are read as plain text and written
back encrypted under the key of ``storage.crypto.key_file_path()``, which is
created if it does not exist. The downgrade decrypts them again.
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from storage.migration_values import decrypt_value, encrypt_value, rewrite_column


# revision identifiers, used by Alembic.
revision: str = "0004_privacy"
down_revision: Union[str, Sequence[str], None] = "0003_customer_profiles"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Columns that held plain text before this revision.
ENCRYPTED = (("customers", "display_name"), ("events", "text"))
NEW_COLUMNS = ("email", "phone", "notes")


def _is_sqlite() -> bool:
    return op.get_context().dialect.name == "sqlite"


def upgrade() -> None:
    """Add the columns and tables, then encrypt names and event texts."""
    # SQLite ignores VARCHAR lengths, and rebuilding "customers" would fail
    # while events refer to it, so only other databases change the type.
    if not _is_sqlite():
        op.alter_column(
            "customers",
            "display_name",
            existing_type=sa.String(length=200),
            type_=sa.Text(),
        )
    for name in NEW_COLUMNS:
        op.add_column("customers", sa.Column(name, sa.Text(), nullable=True))

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "action IN ('viewed', 'changed', 'exported', 'erased')",
            name=op.f("ck_audit_log_action"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_customer_id", "audit_log", ["customer_id"])
    op.create_table(
        "staff",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('administrator', 'designer', 'sales')",
            name=op.f("ck_staff_role"),
        ),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_staff")),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["username"], ["staff.username"], name=op.f("fk_staff_sessions_username_staff")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_staff_sessions")),
    )

    for table, column in ENCRYPTED:
        rewrite_column(table, ("id",), column, encrypt_value)


def downgrade() -> None:
    """Decrypt names and event texts, and drop what ``upgrade`` added.

    Email, phone and notes are lost, because the old schema has no place
    for them.
    """
    for table, column in ENCRYPTED:
        rewrite_column(table, ("id",), column, decrypt_value)

    op.drop_table("staff_sessions")
    op.drop_table("staff")
    op.drop_index("ix_audit_log_customer_id", table_name="audit_log")
    op.drop_table("audit_log")
    for name in reversed(NEW_COLUMNS):
        op.drop_column("customers", name)
    if not _is_sqlite():
        op.alter_column(
            "customers",
            "display_name",
            existing_type=sa.Text(),
            type_=sa.String(length=200),
        )
