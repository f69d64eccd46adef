"""Keep studio-written notes and quarantine reasons as translatable messages.

Revision ID: 0008_stored_messages
Revises: 0007_staff_disable
Create Date: 2026-12-05 03:00:00

``order_date_changes.note_message`` and ``status_quarantine.reason_message``
hold a message as JSON (see ``storage.messages.message_to_json``), so the
production monitor shows it in the staff's language, while ``note`` and
``reason`` keep the English text for the command line and exports. The
upgrade fills the new columns for existing rows whose English text matches
one of the templates below, copied from the studio's code when this
revision was written. Other rows keep their text, shown as stored. The
downgrade drops both columns; the English text stays.
"""

import re
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from storage.crypto import ENCRYPTED_NAME_QUERY, check_key_of, key_ring
from storage.messages import QT_TRANSLATE_NOOP, Message, message_to_json


# revision identifiers, used by Alembic.
revision: str = "0008_stored_messages"
down_revision: Union[str, Sequence[str], None] = "0007_staff_disable"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CONFIRMATION_NOTE = QT_TRANSLATE_NOOP(
    "OrderHistory", "set on confirmation from the lead time of {days} days"
)

# Quarantine reasons whose values are plain text. Reasons that name order
# states, such as a rejected state change, are left as stored, because
# their states would show in English inside a translated sentence.
QUARANTINE_REASONS = tuple(
    QT_TRANSLATE_NOOP("Orders", template)
    for template in (
        "missing {fields}",
        "status {status} cannot come from the factory; use {allowed}",
        "qc_result {value} is unknown; use passed or failed",
        "note has {length} characters; give at most {maximum}",
        "timestamp {timestamp} is not ISO 8601, such as 2025-03-02T09:00:00+01:00",
        "timestamp {timestamp} is out of range in the store's time zone; give a "
        "date between the years 1 and 9999",
        "attachment {name} cannot be read: {error}",
        "attachment path {name}... is {length} characters long; give a path of "
        "at most {maximum}",
        "attachment {name} contains a NUL character",
        "attachment {name} is an absolute path; give a path relative to the "
        "status file's folder",
        "attachment {name} leads outside the status file's folder",
        "attachment {name} leads outside the status file's folder {folder}; put "
        "the file inside that folder",
        "attachment {name} not found in {folder}",
        "file {name} links to {target}, outside the folder; copy the file into "
        "the folder instead",
        "order {order!r} not found; check the id on the quote or in the "
        "production monitor",
        "order {order!r} not found (ids look like A-000123); check the id on "
        "the quote or in the production monitor",
        "order {order}: the record's timestamp {timestamp} is before the "
        "order's last state change at {changed}; correct the timestamp in the "
        "factory file and apply it again, or dismiss the record",
        "order {order}: the record's timestamp {timestamp} is more than a day "
        "after the current time {now}; correct the timestamp in the factory "
        "file and apply it again, or dismiss the record",
    )
)

_FIELD = re.compile(r"\{(\w+)(!r)?\}")


def _pattern(template: str) -> re.Pattern[str]:
    """Return a regular expression that reads ``template``'s values back.

    A ``{name!r}`` field matches a quoted value and captures it unquoted, so
    that formatting it again with ``!r`` gives the same text.
    """
    parts, end = [], 0
    for field in _FIELD.finditer(template):
        parts.append(re.escape(template[end : field.start()]))
        name, quoted = field.group(1), field.group(2)
        parts.append(f"'(?P<{name}>.*?)'" if quoted else f"(?P<{name}>.*?)")
        end = field.end()
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts), re.DOTALL)


def reason_message(reason: str) -> Message | None:
    """Return the message whose English text is ``reason``, or ``None``."""
    for template in QUARANTINE_REASONS:
        found = _pattern(template).fullmatch(reason)
        if found is None:
            continue
        message = Message(template, found.groupdict())
        # A value with a quote inside reads back differently; keep the text.
        return message if str(message) == reason else None
    return None


def note_message(note: str) -> Message | None:
    """Return the confirmation note's message if ``note`` is one, else ``None``."""
    found = re.fullmatch(r"set on confirmation from the lead time of (\d+) days", note)
    return (
        None if found is None else Message(CONFIRMATION_NOTE, {"days": int(found[1])})
    )


def upgrade() -> None:
    """Add both columns, then fill them for the rows that can be read back."""
    op.add_column(
        "order_date_changes", sa.Column("note_message", sa.Text(), nullable=True)
    )
    op.add_column(
        "status_quarantine", sa.Column("reason_message", sa.Text(), nullable=True)
    )
    # Offline SQL scripts (alembic --sql) read no rows, so they only add
    # the columns.
    if op.get_context().as_sql:
        return
    # key_ring() makes a new key file when none exists, and the notes sealed
    # under the lost one would then never open, so check the file first.
    # KeyFileError rolls the revision back.
    connection = op.get_bind()
    check_key_of(connection.scalar(sa.text(ENCRYPTED_NAME_QUERY)), "the database")
    check_key_of(
        connection.scalar(sa.text("SELECT note FROM order_date_changes LIMIT 1")),
        "the database",
    )
    ring = key_ring()
    _fill(
        "order_date_changes",
        "note",
        "note_message",
        lambda stored: note_message(ring.decrypt(stored, "order_date_changes.note")),
    )
    _fill("status_quarantine", "reason", "reason_message", reason_message)


def _fill(table: str, source: str, target: str, read) -> None:
    """Set ``target`` to the JSON of ``read(source)`` where it returns a message."""
    connection = op.get_bind()
    changes = []
    for row_id, stored in connection.execute(
        sa.text(f"SELECT id, {source} FROM {table}")
    ):
        message = read(stored)
        if message is not None:
            changes.append({"id": row_id, "value": message_to_json(message)})
    if changes:
        connection.execute(
            sa.text(f"UPDATE {table} SET {target} = :value WHERE id = :id"), changes
        )


def downgrade() -> None:
    """Drop both columns; the English notes and reasons stay."""
    op.drop_column("status_quarantine", "reason_message")
    op.drop_column("order_date_changes", "note_message")
