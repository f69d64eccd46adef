"""Queries and bulk writes that the studio needs, as functions over a Session.

Every function takes an open :class:`~sqlalchemy.orm.Session` so that callers
can combine several of them in one transaction (``with db.session() as s``).
Bulk functions use Core ``insert()`` with a list of parameter sets, which
SQLAlchemy runs as one ``executemany`` per batch.

Functions that add or delete events call :func:`bump_events_revision`, so
caches built from the events can tell that they are stale. Code that writes
events by other means must call it too. The consent revision needs no such
call: triggers on ``customers`` (revision ``0005_consent_revision``)
increase it on every change of profiling consent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlalchemy import (
    Integer,
    Text,
    cast,
    delete,
    distinct,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from storage.schema import (
    PRODUCTLESS_EVENT_KINDS,
    TEXT_EVENT_KINDS,
    Customer,
    Event,
    EventKind,
    Product,
    Setting,
)

logger = logging.getLogger(__name__)

EVENTS_REVISION_KEY = "events.revision"
CONSENT_REVISION_KEY = "consent.revision"

# Rows per executemany call in bulk inserts. Large batches amortise the
# per-call overhead, and bounding them caps the memory of parameter lists.
BATCH_SIZE = 10_000

# Values per "IN (...)" list, below SQLite's default limit on bound
# parameters per statement (999 before SQLite 3.32, 32,766 since).
IN_LIST_SIZE = 500


def get_customer(session: Session, customer_id: str) -> Customer | None:
    """Return the customer with ``customer_id``, or ``None`` if there is none."""
    return session.get(Customer, customer_id)


def list_customers(
    session: Session, *, limit: int | None = None, offset: int = 0
) -> list[Customer]:
    """Return customers ordered by id, optionally one page of them."""
    query = select(Customer).order_by(Customer.id).offset(offset).limit(limit)
    return list(session.scalars(query))


def get_product(session: Session, product_id: str) -> Product | None:
    """Return the product with ``product_id``, or ``None`` if there is none."""
    return session.get(Product, product_id)


def list_products(
    session: Session, *, category: str | None = None, source: str | None = None
) -> list[Product]:
    """Return products ordered by id, optionally of one category or source."""
    query = select(Product).order_by(Product.id)
    if category is not None:
        query = query.where(Product.category == category)
    if source is not None:
        query = query.where(Product.source == source)
    return list(session.scalars(query))


def product_names(session: Session, product_ids: Iterable[str]) -> dict[str, str]:
    """Return the name of each product in ``product_ids`` that exists."""
    return dict(_values_by_id(session, Product.id, Product.name, product_ids))


def product_sources(session: Session, product_ids: Iterable[str]) -> dict[str, str]:
    """Return the source of each product in ``product_ids`` that exists."""
    return dict(_values_by_id(session, Product.id, Product.source, product_ids))


def existing_customer_ids(session: Session, customer_ids: Iterable[str]) -> set[str]:
    """Return the ids in ``customer_ids`` that belong to stored customers."""
    rows = _values_by_id(session, Customer.id, Customer.id, customer_ids)
    return {customer_id for customer_id, _ in rows}


def events_for_customer(
    session: Session, customer_id: str, *, kinds: Iterable[str] | None = None
) -> list[Event]:
    """Return a customer's events, oldest first, optionally of some kinds only."""
    query = (
        select(Event)
        .where(Event.customer_id == customer_id)
        .order_by(Event.occurred_at, Event.id)
    )
    if kinds is not None:
        query = query.where(Event.kind.in_([str(kind) for kind in kinds]))
    return list(session.scalars(query))


def customer_product_ids(
    session: Session,
    customer_id: str,
    kinds: Iterable[EventKind | str] = (EventKind.PURCHASE,),
) -> set[str]:
    """Return the ids of products with an event of ``kinds`` by the customer.

    By default these are the products the customer has bought.
    """
    query = select(Event.product_id).where(
        Event.customer_id == customer_id,
        Event.kind.in_([str(kind) for kind in kinds]),
    )
    return set(session.scalars(query))


def record_event(
    session: Session,
    customer_id: str,
    product_id: str | None,
    kind: EventKind | str,
    *,
    quantity: int = 1,
    value: Decimal | int | None = None,
    occurred_at: datetime | None = None,
    reference: str | None = None,
    text: str | None = None,
) -> Event:
    """Add one event and return it with its id assigned.

    This stores the event whatever the customer's consent; code that
    collects behaviour goes through ``recommender.collection``, which checks
    the consent first.

    Raises
    ------
    ValueError
        If ``kind`` is not an :class:`EventKind` value, a rating is missing
        or outside 1 to 5, a search, review or saved design has no text, or
        an event other than a search has no product.
    """
    kind = _validated_kind(kind)
    if kind is EventKind.RATING and (value is None or not 1 <= value <= 5):
        raise ValueError(
            f"Invalid rating {value!r} for product {product_id!r}: a rating must "
            "be a number from 1 to 5"
        )
    if kind in TEXT_EVENT_KINDS and not (text or "").strip():
        raise ValueError(
            f"Missing text for a {kind.value} event of customer {customer_id!r}: "
            "pass the search text, review text or design reference as text"
        )
    if product_id is None and kind not in PRODUCTLESS_EVENT_KINDS:
        raise ValueError(
            f"Missing product for a {kind.value} event of customer "
            f"{customer_id!r}: only a search may have no product"
        )

    event = Event(
        customer_id=customer_id,
        product_id=product_id,
        kind=kind.value,
        quantity=quantity,
        value=None if value is None else Decimal(value),
        occurred_at=occurred_at or datetime.now(),
        reference=reference,
        text=text,
    )
    session.add(event)
    session.flush()
    bump_events_revision(session)
    return event


def bulk_insert_customers(session: Session, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert customers from mappings of column name to value; return the count.

    Keys follow :class:`~storage.schema.Customer`. ``created_at``, the
    consent flags and the optional demographic and consent-detail columns
    take their defaults when a mapping leaves them out, and so do the
    encrypted ``email``, ``phone`` and ``notes``.
    """
    defaults = {
        "email": None,
        "phone": None,
        "notes": None,
        "country": None,
        "consent_profiling": False,
        "consent_marketing": False,
        "birth_year": None,
        "age_band": None,
        "gender": None,
        "region": None,
        "consent_profiling_at": None,
        "consent_marketing_at": None,
        "consent_source": None,
    }
    now = datetime.now()
    prepared = ({**defaults, "created_at": now, **row} for row in rows)
    return _insert_batches(session, Customer, prepared)


def bulk_insert_products(session: Session, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert products from mappings of column name to value; return the count.

    Keys follow :class:`~storage.schema.Product`; ``tags``, ``source``,
    ``description`` and ``unit_price`` may be left out.
    """
    defaults = {
        "tags": "",
        "source": "catalog",
        "description": None,
        "unit_price": None,
    }
    prepared = ({**defaults, **row} for row in rows)
    return _insert_batches(session, Product, prepared)


def bulk_insert_events(session: Session, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert events from mappings of column name to value; return the count.

    Keys follow :class:`~storage.schema.Event`; ``quantity``, ``value``,
    ``reference`` and ``text`` may be left out. The caller checks the kinds,
    and the database's CHECK constraints reject any that slip through.
    """
    defaults = {"quantity": 1, "value": None, "reference": None, "text": None}
    prepared = ({**defaults, **row} for row in rows)
    count = _insert_batches(session, Event, prepared)
    if count:
        bump_events_revision(session)
    return count


def delete_events_by_reference(
    session: Session, references: Iterable[str], *, kind: EventKind | str
) -> int:
    """Delete events of one kind whose reference is in ``references``.

    Returns
    -------
    int
        The number of events deleted.
    """
    kind = _validated_kind(kind)
    deleted = 0
    for chunk in batched(sorted(set(references)), IN_LIST_SIZE):
        statement = delete(Event).where(
            Event.kind == kind.value, Event.reference.in_(chunk)
        )
        deleted += session.execute(
            statement, execution_options={"synchronize_session": False}
        ).rowcount
    if deleted:
        bump_events_revision(session)
    return deleted


def popular_products(
    session: Session, *, limit: int | None = None
) -> list[tuple[str, int]]:
    """Return product ids with their number of distinct buyers, most bought first.

    Ties are ordered by product id, so equal data gives an equal list.
    Products without purchases are left out.
    """
    buyers = func.count(distinct(Event.customer_id)).label("buyers")
    query = (
        select(Event.product_id, buyers)
        .where(Event.kind == EventKind.PURCHASE)
        .group_by(Event.product_id)
        .order_by(buyers.desc(), Event.product_id)
        .limit(limit)
    )
    return [(product_id, count) for product_id, count in session.execute(query)]


def count_rows(session: Session, model: type) -> int:
    """Return the number of rows in the table of ``model``."""
    return session.scalar(select(func.count()).select_from(model)) or 0


def get_setting(session: Session, key: str) -> str | None:
    """Return the stored value of ``key``, or ``None`` if it is not set."""
    setting = session.get(Setting, key)
    return None if setting is None else setting.value


def set_setting(session: Session, key: str, value: str) -> None:
    """Store ``value`` under ``key``, replacing any earlier value."""
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value
    session.flush()


def events_revision(session: Session) -> int:
    """Return the counter that increases whenever events are added or deleted."""
    query = select(Setting.value).where(Setting.key == EVENTS_REVISION_KEY)
    value = session.scalar(query)
    return 0 if value is None else int(value)


@dataclass(frozen=True)
class Revisions:
    """Counters that tell a cache built from events and consent that it is stale.

    ``events`` and ``consent`` are the stored revisions, 0 before the first
    change, and ``last_event_id`` is the highest event id, 0 without events.
    """

    events: int
    consent: int
    last_event_id: int


def read_revisions(session: Session) -> Revisions:
    """Read both revisions and the highest event id in one query.

    Each part is a lookup in a primary-key index (``max`` reads the last
    entry of the events' index), so the query reads no customer rows and
    stays cheap as events grow.
    """

    def stored(key: str):
        return select(Setting.value).where(Setting.key == key).scalar_subquery()

    query = select(
        stored(EVENTS_REVISION_KEY),
        stored(CONSENT_REVISION_KEY),
        select(func.max(Event.id)).scalar_subquery(),
    )
    events, consent, last_event_id = session.execute(query).one()
    return Revisions(int(events or 0), int(consent or 0), last_event_id or 0)


def bump_events_revision(session: Session) -> int:
    """Increase the events revision in the current transaction and return it."""
    # The increment happens inside the UPDATE, so two concurrent writers on
    # PostgreSQL cannot both write the same next value.
    incremented = cast(cast(Setting.value, Integer) + 1, Text)
    statement = (
        update(Setting)
        .where(Setting.key == EVENTS_REVISION_KEY)
        .values(value=incremented)
        .execution_options(synchronize_session=False)
    )
    if session.execute(statement).rowcount == 0:
        session.add(Setting(key=EVENTS_REVISION_KEY, value="1"))
        session.flush()
    return events_revision(session)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Yield lists of up to ``size`` consecutive items."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _values_by_id(
    session: Session, id_column, value_column, ids: Iterable[str]
) -> Iterator[tuple[str, Any]]:
    for chunk in batched(sorted(set(ids)), IN_LIST_SIZE):
        query = select(id_column, value_column).where(id_column.in_(chunk))
        yield from session.execute(query)


def _insert_batches(
    session: Session, model: type, rows: Iterable[Mapping[str, Any]]
) -> int:
    # Core insert on the table skips the ORM unit of work, which is what
    # makes hundreds of thousands of rows per transaction affordable.
    statement = insert(model.__table__)
    count = 0
    for chunk in batched(rows, BATCH_SIZE):
        session.execute(statement, chunk)
        count += len(chunk)
    logger.debug("Inserted %s rows into %s", count, model.__tablename__)
    return count


def _validated_kind(kind: EventKind | str) -> EventKind:
    try:
        return EventKind(kind)
    except ValueError:
        accepted = ", ".join(member.value for member in EventKind)
        raise ValueError(
            f"Invalid event kind {kind!r}: expected one of {accepted}"
        ) from None
