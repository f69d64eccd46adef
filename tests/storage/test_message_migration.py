"""Revisions 0008 and 0011: they read old English texts back as messages."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import inspect, select

from storage.db import alembic_config
from storage.messages import message_from_json
from storage.order_schema import (
    Order,
    OrderRevision,
    PromisedDateChange,
    QuarantinedUpdate,
)
from storage.schema import Customer

NOW = datetime(2025, 3, 3, 10, 0)
NOT_FOUND = (
    "order 'A-999999' not found; check the id on the quote or in the production monitor"
)
UNKNOWN = "a reason worded by a studio version that no template matches"


def add_old_rows(db) -> None:
    """Store an order's date changes and two quarantined records."""
    with db.session() as session:
        session.add(Customer(id="c1", display_name="Ana", created_at=NOW))
        session.flush()
        session.add(
            Order(
                id="A-000001",
                number=1,
                customer_id="c1",
                product_id="ring-band",
                product_name="Wedding band",
                state="confirmed",
                revision=1,
                currency="EUR",
                total=Decimal("100.00"),
                created_at=NOW,
                created_by="ana",
                state_changed_at=NOW,
            )
        )
        session.flush()
        for note in ("set on confirmation from the lead time of 21 days", "moved"):
            session.add(
                PromisedDateChange(
                    order_id="A-000001",
                    new_date=date(2025, 3, 24),
                    actor="ana",
                    changed_at=NOW,
                    note=note,
                )
            )
        for number, reason in enumerate((NOT_FOUND, UNKNOWN)):
            session.add(
                QuarantinedUpdate(
                    key=f"k{number}",
                    source=f"status.csv:{number + 2}",
                    record="{}",
                    reason=reason,
                    received_at=NOW,
                )
            )


@pytest.fixture
def migrated(db):
    """The database with old rows, taken back to revision 0007 and up again."""
    add_old_rows(db)
    _migrate_back_and_up(
        db, "0007_staff_disable", "status_quarantine", "reason_message"
    )
    return db


def _migrate_back_and_up(db, revision: str, table: str, column: str) -> None:
    """Downgrade to ``revision``, check that ``table.column`` is gone, upgrade."""
    with db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)
    columns = {c["name"] for c in inspect(db.engine).get_columns(table)}
    assert column not in columns
    with db.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def test_confirmation_note_becomes_message(migrated):
    with migrated.session(readonly=True) as session:
        query = select(PromisedDateChange).order_by(PromisedDateChange.id)
        confirmation, staff_note = session.scalars(query).all()
    message = message_from_json(confirmation.note_message)
    assert message.context == "OrderHistory"
    assert message.values == {"days": 21}
    assert str(message) == confirmation.note
    assert staff_note.note_message is None
    assert staff_note.note == "moved"


def test_known_reason_becomes_message(migrated):
    with migrated.session(readonly=True) as session:
        query = select(QuarantinedUpdate).order_by(QuarantinedUpdate.id)
        known, unknown = session.scalars(query).all()
    message = message_from_json(known.reason_message)
    assert message.context == "Orders"
    assert message.values == {"order": "A-999999"}
    assert str(message) == NOT_FOUND
    assert unknown.reason_message is None
    assert unknown.reason == UNKNOWN


def test_revision_note_becomes_message(db):
    add_old_rows(db)
    notes = ("", "design revised in the studio", "new quote", "customer asked")
    with db.session() as session:
        for number, note in enumerate(notes, start=1):
            session.add(
                OrderRevision(
                    order_id="A-000001",
                    revision=number,
                    design_hash=f"{number:064d}",
                    frozen="{}",
                    net_amount=Decimal("80.00"),
                    tax_amount=Decimal("20.00"),
                    total=Decimal("100.00"),
                    created_at=NOW,
                    created_by="ana",
                    note=note,
                )
            )
    _migrate_back_and_up(
        db, "0010_encrypt_kiosk_quarantine", "order_revisions", "note_message"
    )

    with db.session(readonly=True) as session:
        query = select(OrderRevision).order_by(OrderRevision.revision)
        rows = session.scalars(query).all()
    stored = {row.note: row.note_message for row in rows}
    assert stored[""] is None
    assert stored["customer asked"] is None
    for note in ("design revised in the studio", "new quote"):
        message = message_from_json(stored[note])
        assert message.context == "OrderHistory"
        assert str(message) == note
