"""Keep the notes the studio writes on order revisions as translatable messages.

Revision ID: 0011_revision_note_messages
Revises: 0010_encrypt_kiosk_quarantine
Create Date: 2026-12-05 07:10:00

``order_revisions.note_message`` holds a message as JSON (see
``storage.messages.message_to_json``), so the production monitor shows the
note of a design revised in the studio, or of a new quote, in the staff's
language, while ``note`` keeps the English text. The upgrade fills the new
column for existing rows whose English note is one of the two texts below,
copied from the studio's code when this revision was written. Staff notes
keep their text. The downgrade drops the column; the English text stays.
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from storage.crypto import ENCRYPTED_NAME_QUERY, check_key_of, key_ring
from storage.messages import QT_TRANSLATE_NOOP, Message, message_to_json


# revision identifiers, used by Alembic.
revision: str = "0011_revision_note_messages"
down_revision: Union[str, Sequence[str], None] = "0010_encrypt_kiosk_quarantine"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

STUDIO_NOTES = {
    template: Message(template)
    for template in (
        QT_TRANSLATE_NOOP("OrderHistory", "design revised in the studio"),
        QT_TRANSLATE_NOOP("OrderHistory", "new quote"),
    )
}


def upgrade() -> None:
    """Add the column, then fill it for the notes the studio wrote."""
    op.add_column(
        "order_revisions", sa.Column("note_message", sa.Text(), nullable=True)
    )
    # Offline SQL scripts (alembic --sql) read no rows, so they only add
    # the column.
    if op.get_context().as_sql:
        return
    connection = op.get_bind()
    # key_ring() makes a new key file when none exists, and the notes sealed
    # under the lost one would then never open, so check the file first.
    # KeyFileError rolls the revision back.
    check_key_of(connection.scalar(sa.text(ENCRYPTED_NAME_QUERY)), "the database")
    check_key_of(
        connection.scalar(sa.text("SELECT note FROM order_revisions LIMIT 1")),
        "the database",
    )
    ring = key_ring()
    changes = []
    for order_id, number, stored in connection.execute(
        sa.text("SELECT order_id, revision, note FROM order_revisions")
    ):
        found = STUDIO_NOTES.get(ring.decrypt(stored, "order_revisions.note"))
        if found is not None:
            changes.append(
                {"order": order_id, "number": number, "value": message_to_json(found)}
            )
    if changes:
        connection.execute(
            sa.text(
                "UPDATE order_revisions SET note_message = :value "
                "WHERE order_id = :order AND revision = :number"
            ),
            changes,
        )


def downgrade() -> None:
    """Drop the column; the English notes stay."""
    op.drop_column("order_revisions", "note_message")
