"""SQLAlchemy declarative models for customers, products and their events.

Timestamps are naive ``datetime`` values in the store's local time, because
imported sales records carry local wall-clock times without an offset.
Money columns are ``Numeric`` and map to ``decimal.Decimal``. The schema uses
only portable SQL, so the same models serve SQLite and PostgreSQL.

The first Alembic revision (``storage/migrations/versions/0001_*.py``) creates
exactly these tables; change both together.
"""

from __future__ import annotations

import enum
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


class ProductSource(enum.StrEnum):
    """Origin of a product row: the shipped catalog or an imported sales file."""

    CATALOG = "catalog"
    IMPORT = "import"


def _in_list(column: str, values: type[enum.StrEnum]) -> str:
    quoted = ", ".join(f"'{member.value}'" for member in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    """Declarative base whose metadata carries the constraint naming rules."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Customer(Base):
    """A person who buys from the store, registered or imported.

    ``id`` is a short stable text key, for example ``"demo"`` for the demo
    customer or ``"17850"`` for a customer imported from a sales file.
    """

    __tablename__ = "customers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    consent_profiling: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_marketing: Mapped[bool] = mapped_column(Boolean, default=False)

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
    number of a purchase.
    """

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in_list("kind", EventKind), name="kind"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "kind <> 'rating' OR (value IS NOT NULL AND value BETWEEN 1 AND 5)",
            name="rating_range",
        ),
        Index("ix_events_customer_id", "customer_id"),
        Index("ix_events_product_id", "product_id"),
        Index("ix_events_reference", "reference"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"))
    kind: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    value: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    reference: Mapped[str | None] = mapped_column(String(64))

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
