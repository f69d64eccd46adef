"""Demo data: catalog products, a dozen customers and their history.

The demo history is generated from a fixed random seed, so every new
database gets the same customers and events. Each customer has one
favourite product that they buy and rate highly. The customers whose
favourite is the first product share the taste of the ``"demo"`` customer,
and they have products that ``"demo"`` has not bought, so recommendations
for ``"demo"`` have similar customers to draw on.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import Database
from storage.repositories import (
    bulk_insert_customers,
    bulk_insert_events,
    bulk_insert_products,
    get_customer,
)
from storage.schema import Customer, EventKind, Product, ProductSource

logger = logging.getLogger(__name__)

DEMO_CUSTOMER_ID = "demo"
DEMO_RANDOM_SEED = 20240108
DEMO_START = datetime(2024, 1, 8, 10, 0)

# (id, display name, country, marketing consent) of the other demo customers.
# Every demo customer consents to profiling, so all of them can serve as
# neighbours in collaborative filtering.
_DEMO_PEOPLE = (
    ("demo-01", "Amara Okafor", "United Kingdom", True),
    ("demo-02", "Chen Jing", "China", True),
    ("demo-03", "Lukas Becker", "Germany", False),
    ("demo-04", "Sofia Rossi", "Italy", True),
    ("demo-05", "Mateo García", "Spain", False),
    ("demo-06", "Wang Fang", "China", True),
    ("demo-07", "Emma Dubois", "France", True),
    ("demo-08", "Noah Jensen", "Denmark", False),
    ("demo-09", "Aiko Tanaka", "Japan", True),
    ("demo-10", "Liam Murphy", "Ireland", True),
    ("demo-11", "Olivia Smith", "United Kingdom", False),
)

DEMO_CUSTOMER_IDS = frozenset(
    [DEMO_CUSTOMER_ID, *(person[0] for person in _DEMO_PEOPLE)]
)
"""Ids of every demo customer, who stand in for a store's own until it has some."""


def has_own_customers(session: Session) -> bool:
    """Return whether the database contains a customer who is not a demo customer."""
    own = select(Customer.id).where(Customer.id.not_in(DEMO_CUSTOMER_IDS)).limit(1)
    return session.scalar(own) is not None


@dataclass(frozen=True)
class DemoProduct:
    """A catalog product to store before the demo history refers to it.

    Attributes
    ----------
    id
        Catalog id, for example ``"ring-band"``.
    name
        Display name in the store's main language.
    category
        Catalog category, for example ``"ring"``.
    tags
        Tags without commas, because they are stored comma-separated.
    """

    id: str
    name: str
    category: str
    tags: Sequence[str] = ()


@dataclass(frozen=True)
class SeedResult:
    """Numbers of rows that one :func:`seed_demo` call added."""

    products: int
    customers: int
    events: int


def is_seeded(db: Database) -> bool:
    """Return whether the demo customer exists in ``db``."""
    with db.session(readonly=True) as session:
        return get_customer(session, DEMO_CUSTOMER_ID) is not None


def seed_demo(db: Database, products: Sequence[DemoProduct]) -> SeedResult:
    """Store the catalog products and, once, the demo customers and events.

    Products whose id is missing from the database are inserted on every
    call; existing products are left as they are. The demo customers and
    their events are inserted only while the ``"demo"`` customer does not
    exist, so a second call with the same products adds nothing. Everything
    happens in one write transaction, run again if another kiosk holds the
    database lock.

    Parameters
    ----------
    db
        The migrated database.
    products
        The catalog products, at least two, with distinct ids. The demo
        history depends on their order.

    Returns
    -------
    SeedResult
        How many products, customers and events were added.

    Raises
    ------
    ValueError
        If there are fewer than two products, an id repeats, or a tag
        contains a comma.
    """
    _validate_products(products)
    customers = _demo_customers()
    events = _demo_events([product.id for product in products])

    def store(session: Session) -> SeedResult:
        added_products = _insert_missing_products(session, products)
        if get_customer(session, DEMO_CUSTOMER_ID) is not None:
            return SeedResult(added_products, 0, 0)
        bulk_insert_customers(session, customers)
        bulk_insert_events(session, events)
        return SeedResult(added_products, len(customers), len(events))

    # Kiosks that start together may seed at once; the retry re-reads what
    # the first one stored, so the demo data goes in only once.
    result = db.write(store, description="demo data seeding")
    if result.customers:
        logger.info(
            "Seeded demo data: %s products, %s customers, %s events",
            result.products,
            result.customers,
            result.events,
        )
    else:
        logger.debug(
            "Demo data already present, added %s catalog products", result.products
        )
    return result


def _validate_products(products: Sequence[DemoProduct]) -> None:
    if len(products) < 2:
        raise ValueError(
            f"Demo seeding needs at least 2 products to build a history, got "
            f"{len(products)}: pass the catalog's products"
        )
    seen: set[str] = set()
    for product in products:
        if product.id in seen:
            raise ValueError(
                f"Product id {product.id!r} appears twice in the demo products: "
                "ids must be unique"
            )
        seen.add(product.id)
        for tag in product.tags:
            if "," in tag:
                raise ValueError(
                    f"Tag {tag!r} of product {product.id!r} contains a comma: "
                    "tags are stored comma-separated, so remove the comma"
                )


def _insert_missing_products(session: Session, products: Sequence[DemoProduct]) -> int:
    ids = [product.id for product in products]
    existing = set(session.scalars(select(Product.id).where(Product.id.in_(ids))))
    rows = [
        {
            "id": product.id,
            "name": product.name,
            "category": product.category,
            "tags": ",".join(product.tags),
            "source": ProductSource.CATALOG.value,
        }
        for product in products
        if product.id not in existing
    ]
    return bulk_insert_products(session, rows)


def _demo_customers() -> list[dict[str, Any]]:
    rows = [
        {
            "id": DEMO_CUSTOMER_ID,
            "display_name": "Demo Customer",
            "country": "United Kingdom",
            "created_at": DEMO_START,
            "consent_profiling": True,
            "consent_marketing": True,
        }
    ]
    for index, (customer_id, name, country, marketing) in enumerate(_DEMO_PEOPLE):
        rows.append(
            {
                "id": customer_id,
                "display_name": name,
                "country": country,
                "created_at": DEMO_START + timedelta(days=index),
                "consent_profiling": True,
                "consent_marketing": marketing,
            }
        )
    return rows


def _demo_events(product_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Generate the demo history over ``product_ids`` from the fixed seed."""
    rng = random.Random(DEMO_RANDOM_SEED)
    events: list[dict[str, Any]] = []

    # The demo customer bought and loved the first product and keeps coming
    # back to the second one without buying it.
    history = _History(events, DEMO_CUSTOMER_ID, DEMO_START + timedelta(days=30))
    history.add(product_ids[0], EventKind.VIEW, count=2)
    history.add(product_ids[0], EventKind.FAVOURITE)
    history.add(product_ids[0], EventKind.CART)
    history.add(product_ids[0], EventKind.PURCHASE, invoice="DEMO-0001")
    history.add(product_ids[0], EventKind.RATING, value=5)
    history.add(product_ids[1], EventKind.VIEW, count=3)
    history.add(product_ids[1], EventKind.FAVOURITE)

    for index, (customer_id, *_rest) in enumerate(_DEMO_PEOPLE):
        start = DEMO_START + timedelta(days=index, hours=rng.randint(0, 8))
        history = _History(events, customer_id, start)
        favourite = index % len(product_ids)
        for position, product_id in enumerate(product_ids):
            if position == favourite:
                _add_favourite_product(history, rng, product_id)
            elif position == (favourite + 1) % len(product_ids):
                # A second product with at least a view gives every customer
                # two products, the default minimum support of a similarity.
                history.add(product_id, EventKind.VIEW, count=rng.randint(1, 3))
            else:
                _add_casual_interest(history, rng, product_id)
    return events


def _add_favourite_product(
    history: _History, rng: random.Random, product_id: str
) -> None:
    history.add(product_id, EventKind.VIEW, count=rng.randint(1, 3))
    history.add(product_id, EventKind.FAVOURITE)
    history.add(product_id, EventKind.PURCHASE, quantity=rng.randint(1, 2))
    history.add(product_id, EventKind.RATING, value=rng.choice((4, 5)))


def _add_casual_interest(
    history: _History, rng: random.Random, product_id: str
) -> None:
    level = rng.choice(("none", "view", "view", "favourite", "purchase"))
    if level == "none":
        return
    history.add(product_id, EventKind.VIEW, count=rng.randint(1, 2))
    if level == "favourite":
        history.add(product_id, EventKind.FAVOURITE)
    elif level == "purchase":
        history.add(product_id, EventKind.PURCHASE)
        if rng.random() < 0.5:
            history.add(product_id, EventKind.RATING, value=rng.choice((2, 3, 4)))


class _History:
    """Appends one customer's events with increasing timestamps."""

    def __init__(self, events: list[dict[str, Any]], customer_id: str, start: datetime):
        self._events = events
        self._customer_id = customer_id
        self._clock = start
        self._invoices = 0

    def add(
        self,
        product_id: str,
        kind: EventKind,
        *,
        count: int = 1,
        quantity: int = 1,
        value: int | None = None,
        invoice: str | None = None,
    ) -> None:
        for _ in range(count):
            self._clock += timedelta(hours=5)
            reference = None
            if kind is EventKind.PURCHASE:
                self._invoices += 1
                reference = invoice or f"{self._customer_id}-{self._invoices:04d}"
            self._events.append(
                {
                    "customer_id": self._customer_id,
                    "product_id": product_id,
                    "kind": kind.value,
                    "quantity": quantity,
                    "value": None if value is None else Decimal(value),
                    "occurred_at": self._clock,
                    "reference": reference,
                }
            )
