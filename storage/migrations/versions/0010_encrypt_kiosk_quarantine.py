"""Encrypt kiosk designs and quarantined factory records.

Revision ID: 0010_encrypt_kiosk_quarantine
Revises: 0009_segment_descriptions
Create Date: 2026-12-05 03:00:00

Kiosk designs (``settings`` rows under ``kiosk_design:CODE``) hold a
customer's sizes and engraving, and quarantined factory records, with their
reasons (in English and as stored messages) and review notes, can hold delivery addresses and notes. Their
values are read as plain text and written back encrypted under the key of
``storage.crypto.key_file_path()``. Both columns are already ``TEXT``, so no
table is rebuilt and the consent triggers that revision 0006 recreated stay
in place on SQLite. The revision runs in one transaction on SQLite and
PostgreSQL alike, so a failure leaves every value as it was. The downgrade
decrypts every value.
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from storage.crypto import (
    ENCRYPTED_NAME_QUERY,
    KIOSK_DESIGN_CONDITION,
    KIOSK_DESIGN_CONTEXT,
    check_key_of,
)
from storage.migration_values import decrypt_value, encrypt_value, rewrite_column


# revision identifiers, used by Alembic.
revision: str = "0010_encrypt_kiosk_quarantine"
down_revision: Union[str, Sequence[str], None] = "0009_segment_descriptions"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Table, key column, value column, context the value is bound to, and the
# condition that selects the rows that hold encrypted values.
ENCRYPTED = (
    ("settings", "key", "value", KIOSK_DESIGN_CONTEXT, KIOSK_DESIGN_CONDITION),
    ("status_quarantine", "id", "record", "status_quarantine.record", ""),
    ("status_quarantine", "id", "reason", "status_quarantine.reason", ""),
    (
        "status_quarantine",
        "id",
        "reason_message",
        "status_quarantine.reason_message",
        "",
    ),
    (
        "status_quarantine",
        "id",
        "resolution_note",
        "status_quarantine.resolution_note",
        "",
    ),
)


def upgrade() -> None:
    """Encrypt every kiosk design and quarantined record, reason and note."""
    if not op.get_context().as_sql:
        # A missing or foreign key file would otherwise be replaced by a new
        # key, and the values sealed with it would not open once the right
        # file is restored. KeyFileError rolls the revision back.
        stored_name = op.get_bind().scalar(sa.text(ENCRYPTED_NAME_QUERY))
        check_key_of(stored_name, "the database")
    for table, key, column, context, condition in ENCRYPTED:
        rewrite_column(
            table, (key,), column, encrypt_value, context=context, condition=condition
        )


def downgrade() -> None:
    """Decrypt every kiosk design and quarantined record, reason and note."""
    for table, key, column, context, condition in ENCRYPTED:
        rewrite_column(
            table, (key,), column, decrypt_value, context=context, condition=condition
        )
