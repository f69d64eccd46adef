"""Tables of the order flow: orders, frozen designs, history, payments, factory.

Revision ``0002_orders`` (``storage/migrations/versions/0002_orders.py``)
creates these tables, and ``0006_encrypt_demographics_orders`` encrypts
their personal columns and adds ``orders.delivery_address``; change the
models and a new revision together. Money columns are ``Numeric(12, 2)``
and map to ``decimal.Decimal``. Timestamps are naive ``datetime`` values in
the store's local time, like the rest of the schema.

Free-text notes, the delivery address and the frozen design (which holds
the customer's sizes and engraving texts) are encrypted at rest with
:class:`storage.crypto.EncryptedText`, so they cannot be searched in SQL.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.crypto import EncryptedText
from storage.schema import Base, _in_list


class OrderState(enum.StrEnum):
    """Position of an order in its flow, from draft to delivered."""

    DRAFT = "draft"
    QUOTED = "quoted"
    CONFIRMED = "confirmed"
    PAID = "paid"
    IN_PRODUCTION = "in_production"
    QUALITY_CHECK = "quality_check"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class PaymentKind(enum.StrEnum):
    """Money received (deposit, balance) or paid back (refund)."""

    DEPOSIT = "deposit"
    BALANCE = "balance"
    REFUND = "refund"


class PaymentMethod(enum.StrEnum):
    """Means of payment."""

    CASH = "cash"
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    OTHER = "other"


class QcResult(enum.StrEnum):
    """Outcome of the factory's quality check."""

    PASSED = "passed"
    FAILED = "failed"


MONEY = Numeric(12, 2)


class Order(Base):
    """One customer's order of one designed product.

    ``id`` is the readable order id such as ``"A-000123"``, built from a
    prefix and ``number``. ``revision`` points at the current row of
    :class:`OrderRevision`, and ``total`` repeats that revision's total for
    listings. ``delivery_address`` is the address the customer gave for this
    order, as free text, or ``None`` for a collection in the store.
    """

    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint(_in_list("state", OrderState), name="state"),
        Index("ix_orders_customer_id", "customer_id"),
        Index("ix_orders_state", "state"),
    )

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    product_id: Mapped[str] = mapped_column(String(64))
    product_name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20))
    revision: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    total: Mapped[Decimal] = mapped_column(MONEY)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    state_changed_at: Mapped[datetime] = mapped_column(DateTime)
    quote_valid_until: Mapped[date | None] = mapped_column(Date)
    promised_date: Mapped[date | None] = mapped_column(Date)
    delivery_address: Mapped[str | None] = mapped_column(
        EncryptedText("orders.delivery_address")
    )

    def __repr__(self) -> str:
        return f"Order(id={self.id!r}, state={self.state!r})"


class OrderRevision(Base):
    """A frozen design of an order, one row per revision.

    ``frozen`` is canonical JSON holding the values, derived values, catalog
    file hash, rule version and source text, quantities and price lines, so
    the order never depends on the catalog files again. ``design_hash`` is
    the SHA-256 of ``frozen``. A note the studio writes itself, such as the
    one of a design revised in the studio, is also kept as a translatable
    message in ``note_message``, like a date change's note.
    """

    __tablename__ = "order_revisions"

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    design_hash: Mapped[str] = mapped_column(String(64))
    frozen: Mapped[str] = mapped_column(EncryptedText("order_revisions.frozen"))
    net_amount: Mapped[Decimal] = mapped_column(MONEY)
    tax_amount: Mapped[Decimal] = mapped_column(MONEY)
    total: Mapped[Decimal] = mapped_column(MONEY)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(EncryptedText("order_revisions.note"), default="")
    note_message: Mapped[str | None] = mapped_column(Text)


class OrderTransition(Base):
    """One change of an order's state: who, when, why and from where.

    ``from_state`` is empty for the order's creation. ``source`` names the
    factory file and record for updates that came from the factory.
    """

    __tablename__ = "order_transitions"
    __table_args__ = (
        CheckConstraint(_in_list("to_state", OrderState), name="to_state"),
        Index("ix_order_transitions_order_id", "order_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(
        EncryptedText("order_transitions.note"), default=""
    )
    qc_result: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str | None] = mapped_column(String(500))


class OrderPayment(Base):
    """Money received for an order or paid back; ``amount`` is always positive."""

    __tablename__ = "order_payments"
    __table_args__ = (
        CheckConstraint(_in_list("kind", PaymentKind), name="kind"),
        CheckConstraint(_in_list("method", PaymentMethod), name="method"),
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_order_payments_order_id", "order_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"))
    kind: Mapped[str] = mapped_column(String(10))
    method: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    reference: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(EncryptedText("order_payments.note"), default="")


class PromisedDateChange(Base):
    """A change of the date promised to the customer, with the staff's note.

    A change the studio makes itself, such as the date set on confirmation,
    also stores its note as a translatable message in ``note_message`` (see
    :func:`storage.messages.message_to_json`), and ``note`` keeps the
    English text. Staff notes leave ``note_message`` empty.
    """

    __tablename__ = "order_date_changes"
    __table_args__ = (Index("ix_order_date_changes_order_id", "order_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"))
    old_date: Mapped[date | None] = mapped_column(Date)
    new_date: Mapped[date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(EncryptedText("order_date_changes.note"))
    note_message: Mapped[str | None] = mapped_column(Text)


class FactoryUpdate(Base):
    """A factory status update that was applied or found already in effect.

    ``key`` is the SHA-256 of the update's order id, status, timestamp and
    QC result, so a file applied twice is recognised record by record.
    """

    __tablename__ = "factory_updates"
    __table_args__ = (Index("ix_factory_updates_order_id", "order_id"),)

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(20))
    reported_at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(500))
    outcome: Mapped[str] = mapped_column(String(20))
    attachment: Mapped[str | None] = mapped_column(String(500))
    attachment_sha256: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class QuarantinedUpdate(Base):
    """A factory record that could not be applied, kept for staff to review.

    ``record`` is the record as read (JSON text). ``reason`` is in English,
    and ``reason_message`` is the same reason as a translatable message
    (see :func:`storage.messages.message_to_json`), empty for a reason
    stored before the studio kept one. ``resolution`` is empty while the
    entry waits for review, then ``"applied"`` or ``"dismissed"``. A record
    can hold a delivery address or notes, and the reasons and the staff's
    note can quote it, so those four columns are encrypted.
    """

    __tablename__ = "status_quarantine"
    __table_args__ = (Index("ix_status_quarantine_resolution", "resolution"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(500))
    record: Mapped[str] = mapped_column(EncryptedText("status_quarantine.record"))
    order_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(EncryptedText("status_quarantine.reason"))
    reason_message: Mapped[str | None] = mapped_column(
        EncryptedText("status_quarantine.reason_message")
    )
    received_at: Mapped[datetime] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(String(20))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolution_note: Mapped[str | None] = mapped_column(
        EncryptedText("status_quarantine.resolution_note")
    )
