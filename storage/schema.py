"""SQLAlchemy declarative models for customers, products and their events.

Timestamps are naive ``datetime`` values in the store's local time, because
imported sales records carry local wall-clock times without an offset.
Money columns are ``Numeric`` and map to ``decimal.Decimal``. The schema uses
only portable SQL, so the same models serve SQLite and PostgreSQL.

The first Alembic revision (``storage/migrations/versions/0001_*.py``) creates
the first tables, and ``0003_customer_profiles`` adds demographics, consent
details, text events and stored segments. ``0004_privacy`` encrypts names,
contact details and notes (:class:`storage.crypto.EncryptedText`) and adds
the audit log and staff accounts. ``0006_encrypt_demographics_orders``
encrypts demographics, order notes and frozen designs, and adds the
delivery address. ``0007_staff_disable`` lets an administrator disable a
staff account. ``0008_stored_messages`` keeps the notes and quarantine
reasons that the studio writes as translatable messages,
``0009_segment_descriptions`` the columns behind a segment's label, and
``0010_encrypt_kiosk_quarantine`` encrypts kiosk designs and quarantined
factory records, and ``0011_revision_note_messages`` keeps the notes of
revisions that the studio writes as messages. Change the models and a new
revision together.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.crypto import EncryptedChoice, EncryptedInteger, EncryptedText

# Named constraints keep migrations reproducible across databases, and
# SQLite's batch mode needs names to alter a constraint later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class EventKind(enum.StrEnum):
    """Kind of interaction between a customer and a product."""

    VIEW = "view"
    FAVOURITE = "favourite"
    CART = "cart"
    PURCHASE = "purchase"
    RATING = "rating"
    SEARCH = "search"
    REVIEW = "review"
    SAVED_DESIGN = "saved_design"


# Kinds whose ``Event.text`` is required: the search text, the review text or
# the saved design's reference.
TEXT_EVENT_KINDS = frozenset(
    {EventKind.SEARCH, EventKind.REVIEW, EventKind.SAVED_DESIGN}
)
# Kinds that may have no product: a search can match nothing in the catalog.
PRODUCTLESS_EVENT_KINDS = frozenset({EventKind.SEARCH})


class Gender(enum.StrEnum):
    """Gender as the customer chose to state it; ``None`` when not stated."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class AgeBand(enum.StrEnum):
    """Age band in whole years, for customers who give a band, not a birth year."""

    UNDER_25 = "under_25"
    FROM_25_TO_34 = "25_34"
    FROM_35_TO_44 = "35_44"
    FROM_45_TO_54 = "45_54"
    FROM_55_TO_64 = "55_64"
    FROM_65 = "65_plus"


class ProductSource(enum.StrEnum):
    """Origin of a product row: the shipped catalog or an imported sales file."""

    CATALOG = "catalog"
    IMPORT = "import"


def _in_list(
    column: str, values: Iterable[enum.StrEnum], *, negated: bool = False
) -> str:
    # Sets have no order, so members are listed in declaration order.
    members = sorted(values, key=lambda member: list(type(member)).index(member))
    quoted = ", ".join(f"'{member.value}'" for member in members)
    operator = "NOT IN" if negated else "IN"
    return f"{column} {operator} ({quoted})"


class Base(DeclarativeBase):
    """Declarative base whose metadata carries the constraint naming rules."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Customer(Base):
    """A person who buys from the store, registered or imported.

    ``id`` is a short stable text key, for example ``"demo"`` for the demo
    customer or ``"17850"`` for a customer imported from a sales file.

    The demographic columns are optional and ``None`` when the customer did
    not give them. ``consent_profiling_at`` and ``consent_marketing_at`` are
    the times of the latest change of each consent flag, and
    ``consent_source`` records where that change was made (for example
    ``"kiosk"``, ``"staff"`` or ``"import"``).

    The contact columns (``display_name``, ``email``, ``phone``, ``notes``)
    and the demographic ones (``country``, ``birth_year``, ``age_band``,
    ``gender``, ``region``) are encrypted in the database, so they cannot be
    searched, sorted or checked in SQL. Their column types check the values
    on write instead of ``CHECK`` constraints.
    """

    __tablename__ = "customers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(
        EncryptedText("customers.display_name", sqlite_length=200)
    )
    email: Mapped[str | None] = mapped_column(EncryptedText("customers.email"))
    phone: Mapped[str | None] = mapped_column(EncryptedText("customers.phone"))
    notes: Mapped[str | None] = mapped_column(EncryptedText("customers.notes"))
    country: Mapped[str | None] = mapped_column(
        EncryptedText("customers.country", length=100)
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    consent_profiling: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    birth_year: Mapped[int | None] = mapped_column(
        EncryptedInteger("customers.birth_year", 1900, 2100)
    )
    age_band: Mapped[str | None] = mapped_column(
        EncryptedChoice("customers.age_band", AgeBand)
    )
    gender: Mapped[str | None] = mapped_column(
        EncryptedChoice("customers.gender", Gender)
    )
    region: Mapped[str | None] = mapped_column(
        EncryptedText("customers.region", length=100)
    )
    consent_profiling_at: Mapped[datetime | None] = mapped_column(DateTime)
    consent_marketing_at: Mapped[datetime | None] = mapped_column(DateTime)
    consent_source: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"Customer(id={self.id!r}, display_name={self.display_name!r})"


class Product(Base):
    """A product that customers can view, buy or rate.

    ``tags`` is a comma-separated list such as ``"ring,band,wedding"``.
    ``unit_price`` is the usual selling price, or ``None`` when the price
    depends on the configuration.
    """

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint(_in_list("source", ProductSource), name="source"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(64))
    tags: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default=ProductSource.CATALOG)
    description: Mapped[str | None] = mapped_column(Text)
    unit_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))

    def __repr__(self) -> str:
        return f"Product(id={self.id!r}, name={self.name!r})"


class Event(Base):
    """One interaction of a customer with a product.

    ``value`` is the rating (1 to 5) for a rating event, and the unit price
    for a purchase when it is known. Other kinds leave it empty.
    ``reference`` links an event to an outside record, such as the invoice
    number of a purchase. ``text`` is the search text, the review text or
    the saved design's reference, and is required for those kinds
    (:data:`TEXT_EVENT_KINDS`). It is encrypted in the database, because
    searches and reviews are the customer's own words. ``product_id`` is
    ``None`` only for a search that matched no product.
    """

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in_list("kind", EventKind), name="kind"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "kind <> 'rating' OR (value IS NOT NULL AND value BETWEEN 1 AND 5)",
            name="rating_range",
        ),
        CheckConstraint(
            "product_id IS NOT NULL OR " + _in_list("kind", PRODUCTLESS_EVENT_KINDS),
            name="product_required",
        ),
        CheckConstraint(
            "text IS NOT NULL OR " + _in_list("kind", TEXT_EVENT_KINDS, negated=True),
            name="text_required",
        ),
        Index("ix_events_customer_id", "customer_id"),
        Index("ix_events_product_id", "product_id"),
        Index("ix_events_reference", "reference"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    product_id: Mapped[str | None] = mapped_column(ForeignKey("products.id"))
    kind: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    value: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    reference: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(EncryptedText("events.text"))

    def __repr__(self) -> str:
        return (
            f"Event(id={self.id!r}, customer_id={self.customer_id!r}, "
            f"product_id={self.product_id!r}, kind={self.kind!r})"
        )


class Setting(Base):
    """A key and text value stored with the data, such as a revision counter."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Segment(Base):
    """A customer segment found by k-means, kept across refits.

    ``id`` is never reused: a refit matches its clusters to the active
    segments, keeps the ids and labels of matched ones, and marks unmatched
    old segments inactive. ``centroid`` is a JSON object of feature name to
    centroid value, in the features' own units, so a later refit can match
    against it whatever its scaling. ``label`` is in English, and
    ``description`` is a JSON object of the columns behind it, from which
    a screen words the label in its language; it is empty for segments
    stored before it was kept.
    """

    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer, default=0)
    centroid: Mapped[str] = mapped_column(Text, default="{}")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    fitted_at: Mapped[datetime] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"Segment(id={self.id!r}, label={self.label!r})"


class CustomerSegment(Base):
    """The segment of one customer, as assigned by the latest fit."""

    __tablename__ = "customer_segments"
    __table_args__ = (Index("ix_customer_segments_segment_id", "segment_id"),)

    customer_id: Mapped[str] = mapped_column(
        ForeignKey("customers.id"), primary_key=True
    )
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"))
    assigned_at: Mapped[datetime] = mapped_column(DateTime)


class AuditAction(enum.StrEnum):
    """Kind of access to or change of a customer's personal data."""

    VIEWED = "viewed"
    CHANGED = "changed"
    EXPORTED = "exported"
    ERASED = "erased"


class AuditEntry(Base):
    """One access to or change of a customer's personal data.

    ``customer_id`` is not a foreign key, so entries outlive an erased
    customer. ``actor`` is a staff username, or ``"system"`` for an entry
    written without a signed-in member, as older command lines did.
    ``detail`` never contains the personal data itself.
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint(_in_list("action", AuditAction), name="action"),
        Index("ix_audit_log_customer_id", "customer_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)


class StaffRole(enum.StrEnum):
    """Role of a staff account, from most to least trusted."""

    ADMINISTRATOR = "administrator"
    DESIGNER = "designer"
    SALES = "sales"


class Staff(Base):
    """A staff account with its scrypt password hash and sign-in state.

    ``password_hash`` reads ``scrypt$N$R$P$SALT_HEX$DIGEST_HEX``, so the cost
    parameters can rise later without breaking stored hashes.
    ``disabled_at`` is when an administrator disabled the account, and
    ``disabled_by`` is that administrator's username; both are ``None`` while
    the account may sign in.
    """

    __tablename__ = "staff"
    __table_args__ = (CheckConstraint(_in_list("role", StaffRole), name="role"),)

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(300))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)
    disabled_by: Mapped[str | None] = mapped_column(String(64))


class StaffSession(Base):
    """A signed-in staff session; only the SHA-256 of its token is stored."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("staff.username"))
    expires_at: Mapped[datetime] = mapped_column(DateTime)
