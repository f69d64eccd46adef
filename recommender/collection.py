"""Record what customers do in the studio, only when they consented to profiling.

Every function here checks the customer's ``consent_profiling`` flag in the
same transaction as the write and records nothing without it, returning
``None``. What each kind stores:

=============  =========  ==========================================
kind           product    quantity, value and text
=============  =========  ==========================================
view           required   \\-
search         optional   text: the search text
favourite      required   \\-
cart           required   quantity: units changed; value: the signed
                          change (positive added, negative removed)
purchase       required   quantity; value: the unit price paid
rating         required   value: 1 to 5
review         required   text: the review
saved_design   required   text: the design's reference (file or id)
=============  =========  ==========================================
"""

from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from storage.db import Database
from storage.profiles import require_customer
from storage.repositories import record_event
from storage.schema import Event, EventKind

logger = logging.getLogger(__name__)


def collect(
    session: Session,
    customer_id: str,
    kind: EventKind | str,
    product_id: str | None = None,
    *,
    quantity: int = 1,
    value: Decimal | int | float | None = None,
    text: str | None = None,
    occurred_at: datetime | None = None,
    reference: str | None = None,
) -> Event | None:
    """Record one event in ``session`` if the customer consented to profiling.

    Returns
    -------
    Event or None
        The stored event, or ``None`` when the customer has not consented.

    Raises
    ------
    storage.profiles.UnknownCustomerError
        If no customer has ``customer_id``.
    ValueError
        If the event is invalid for its kind (see
        :func:`storage.repositories.record_event`).
    """
    customer = require_customer(session, customer_id)
    if not customer.consent_profiling:
        logger.debug(
            "Not recording a %s event: customer %s has not consented to profiling",
            kind,
            customer_id,
        )
        return None
    if value is not None and not isinstance(value, Decimal):
        value = Decimal(str(value))
    return record_event(
        session,
        customer_id,
        product_id,
        kind,
        quantity=quantity,
        value=value,
        occurred_at=occurred_at,
        reference=reference,
        text=text,
    )


class Collector:
    """Records studio activity for one database, one transaction per event.

    Each method returns the stored event, or ``None`` when the customer has
    not consented to profiling. Errors are those of :func:`collect`.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def view(self, customer_id: str, product_id: str) -> Event | None:
        """Record that the customer opened a product."""
        return self._collect(customer_id, EventKind.VIEW, product_id)

    def search(
        self, customer_id: str, text: str, product_id: str | None = None
    ) -> Event | None:
        """Record a search, with the product it led to if any."""
        return self._collect(customer_id, EventKind.SEARCH, product_id, text=text)

    def favourite(self, customer_id: str, product_id: str) -> Event | None:
        """Record that the customer marked a product as a favourite."""
        return self._collect(customer_id, EventKind.FAVOURITE, product_id)

    def cart_change(
        self, customer_id: str, product_id: str, change: int
    ) -> Event | None:
        """Record units added to (``change`` > 0) or removed from the cart.

        Raises
        ------
        ValueError
            If ``change`` is 0.
        """
        if change == 0:
            raise ValueError(
                f"Invalid cart change 0 for product {product_id!r}: pass the "
                "units added (positive) or removed (negative)"
            )
        return self._collect(
            customer_id, EventKind.CART, product_id, quantity=abs(change), value=change
        )

    def purchase(
        self,
        customer_id: str,
        product_id: str,
        quantity: int,
        unit_price: Decimal,
        *,
        reference: str | None = None,
    ) -> Event | None:
        """Record a purchase of ``quantity`` units at ``unit_price`` each."""
        return self._collect(
            customer_id,
            EventKind.PURCHASE,
            product_id,
            quantity=quantity,
            value=unit_price,
            reference=reference,
        )

    def rate(self, customer_id: str, product_id: str, rating: int) -> Event | None:
        """Record a rating from 1 to 5; the latest rating of a product counts."""
        return self._collect(customer_id, EventKind.RATING, product_id, value=rating)

    def review(self, customer_id: str, product_id: str, text: str) -> Event | None:
        """Record a written review of a product."""
        return self._collect(customer_id, EventKind.REVIEW, product_id, text=text)

    def saved_design(
        self, customer_id: str, product_id: str, design_reference: str
    ) -> Event | None:
        """Record that the customer saved a design of a product."""
        return self._collect(
            customer_id, EventKind.SAVED_DESIGN, product_id, text=design_reference
        )

    def _collect(self, customer_id, kind, product_id, **details) -> Event | None:
        with self.db.session() as session:
            return collect(session, customer_id, kind, product_id, **details)
