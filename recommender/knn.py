"""Suggestions for a studio customer, from the events stored in the database.

:func:`recommend` ranks products with the hybrid recommender
(:mod:`recommender.hybrid`) fitted on the interaction strengths of
:mod:`recommender.interactions`: user-based and item-based k-NN, content
similarity and popularity, each suggestion with its reason.

Only customers who consented to profiling get personal suggestions or serve
as neighbours. Everyone else gets popular products, labelled as such.
Products the customer bought or rated are never suggested, while products
they only viewed, marked as a favourite or put in the cart stay candidates.

One fitted model is kept per open database. When events were only added
since it was fitted, the model refreshes the rows of the customers with new
events (:meth:`recommender.hybrid.HybridRecommender.add_events`) instead of
refitting. Deleted events, a change of consent or more than
``IN_LIST_SIZE`` customers with new events make it refit from scratch.

Each call reads the events and consent revisions
(:func:`storage.repositories.read_revisions`), which database triggers
increase on every change of profiling consent, by any process. The set of
consenting customers is read again only when the consent revision moved,
so a customer who withdraws consent gets popular products, and stops
serving as a neighbour, from the next call on.
"""

from __future__ import annotations

import logging
import threading
import weakref
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recommender.content import ProductInfo
from recommender.hybrid import (
    POPULAR_REASON,
    SEGMENT_REASON,
    HybridParameters,
    HybridRecommender,
    Segment,
    Suggestion,
)
from recommender.interactions import InteractionMatrix, build_interaction_matrix
from storage.db import Database
from storage.repositories import (
    IN_LIST_SIZE,
    Revisions,
    customer_product_ids,
    read_revisions,
)
from storage.schema import Customer, Event, EventKind, Product

__all__ = [
    "POPULAR_REASON",
    "SEGMENT_REASON",
    "Segment",
    "Suggestion",
    "clear_models",
    "forget_model",
    "recommend",
]

logger = logging.getLogger(__name__)


@dataclass
class _Fitted:
    """A fitted model and the database state it reflects."""

    model: HybridRecommender
    parameters: HybridParameters
    revision: int
    highest_id: int
    events: int
    consenting: frozenset[str]
    consent_revision: int


def recommend(
    db: Database,
    customer_id: str,
    n: int = 10,
    *,
    segment: Segment | None = None,
    parameters: HybridParameters | None = None,
) -> list[Suggestion]:
    """Suggest up to ``n`` products for ``customer_id``, each with its reason.

    Parameters
    ----------
    db
        The migrated database.
    customer_id
        Id of the customer; an unknown id gets popular products.
    n
        Maximum number of suggestions.
    segment
        The customer's segment, so that popularity counts its customers and
        reads "Popular in your segment".
    parameters
        Hybrid settings. Default: :class:`HybridParameters` defaults.

    Returns
    -------
    list[Suggestion]
        At most ``n`` suggestions, best first. There are fewer when fewer
        products have a positive score.

    Raises
    ------
    ValueError
        If ``n`` is below 1.
    """
    if n < 1:
        raise ValueError(f"Invalid n={n!r}: it must be at least 1")
    with db.session(readonly=True) as session, _lock:
        model = _studio_model(db, session, parameters)
        excluded = customer_product_ids(
            session, customer_id, (EventKind.PURCHASE, EventKind.RATING)
        )
        return model.recommend(
            customer_id, n, segment=segment, exclude=excluded, exclude_owned=False
        )


def _studio_model(
    db: Database, session: Session, parameters: HybridParameters | None = None
) -> HybridRecommender:
    """Return the fitted model of ``db``, refreshed to ``session``'s snapshot.

    The caller holds ``_lock``, because a refresh changes the model in place.
    """
    parameters = parameters or HybridParameters()
    revisions = read_revisions(session)
    fitted = _models.get(db)
    usable = (
        fitted is not None
        and fitted.parameters == parameters
        and _same_consent(fitted, session, revisions)
    )
    if usable and (fitted.revision, fitted.highest_id) == (
        revisions.events,
        revisions.last_event_id,
    ):
        return fitted.model

    # Counting every event takes a table scan, so it waits for a change.
    events = session.scalar(select(func.count()).select_from(Event)) or 0
    if usable:
        if _refresh(fitted, session, revisions.last_event_id, events):
            fitted.revision = revisions.events
            return fitted.model

    consenting = _consenting(session)
    model = _fit(session, parameters, consenting)
    _models[db] = _Fitted(
        model,
        parameters,
        revisions.events,
        revisions.last_event_id,
        events,
        consenting,
        revisions.consent,
    )
    return model


def _same_consent(fitted: _Fitted, session: Session, revisions: Revisions) -> bool:
    """Return whether ``fitted`` has the consenting customers of ``session``.

    A moved revision can still leave the same customers, for example after
    consent was withdrawn and given again, and then the model stays.
    """
    if fitted.consent_revision == revisions.consent:
        return True
    if _consenting(session) != fitted.consenting:
        return False
    fitted.consent_revision = revisions.consent
    return True


def _consenting(session: Session) -> frozenset[str]:
    """Return the ids of the customers who consent to profiling."""
    # A Core query skips the ORM's per-row work, a third of a query's time
    # with a few thousand customers.
    query = select(Customer.id).where(Customer.consent_profiling.is_(True))
    return frozenset(session.connection().execute(query).scalars())


def forget_model(db: Database) -> None:
    """Drop the kept model of ``db``, so that its next call refits.

    Call it after erasing a customer, so that no kept model still contains
    the customer's events or serves them as a neighbour.
    """
    with _lock:
        _models.pop(db, None)


def clear_models() -> None:
    """Drop every kept model, so that the next call refits."""
    with _lock:
        _models.clear()


# One fitted model per open database, dropped with the Database object. The
# lock also serialises queries, because a refresh changes the model in place.
_models: weakref.WeakKeyDictionary[Database, _Fitted] = weakref.WeakKeyDictionary()
_lock = threading.RLock()


def _fit(
    session: Session, parameters: HybridParameters, consenting: frozenset[str]
) -> HybridRecommender:
    matrix = build_interaction_matrix(session)
    customers, products, strengths = _pairs(matrix, consenting)
    catalogue = [
        ProductInfo(
            id=product.id,
            name=product.name,
            description=product.description or "",
            tags=tuple(tag for tag in product.tags.split(",") if tag),
            category=product.category,
            price=None if product.unit_price is None else float(product.unit_price),
        )
        for product in session.scalars(select(Product).order_by(Product.id))
    ]
    return HybridRecommender(parameters).fit(customers, products, strengths, catalogue)


def _refresh(fitted: _Fitted, session: Session, highest_id: int, events: int) -> bool:
    """Apply events added since ``fitted`` was built; return whether it could."""
    new_rows = session.scalar(
        select(func.count()).select_from(Event).where(Event.id > fitted.highest_id)
    )
    if highest_id < fitted.highest_id or events != fitted.events + new_rows:
        return False  # Events were deleted.
    changed = set(
        session.scalars(
            select(Event.customer_id).where(Event.id > fitted.highest_id).distinct()
        )
    )
    changed &= fitted.consenting
    if len(changed) > IN_LIST_SIZE:
        return False

    if changed:
        matrix = build_interaction_matrix(session, changed)
        customers, products, strengths = _pairs(matrix, fitted.consenting)
        rows: dict[str, dict[str, float]] = {}
        for customer, product, strength in zip(
            customers, products, strengths, strict=True
        ):
            rows.setdefault(customer, {})[product] = strength
        for customer, values in rows.items():
            fitted.model.add_events(customer, values)
    fitted.highest_id = highest_id
    fitted.events = events
    logger.debug("Refreshed suggestions of %s customers", len(changed))
    return True


def _pairs(
    matrix: InteractionMatrix, consenting: frozenset[str]
) -> tuple[list[str], list[str], list[float]]:
    """Return (customer, product, strength) of consenting customers' entries."""
    strengths = matrix.strengths.tocoo()
    customers, products, values = [], [], []
    for row, column, value in zip(
        strengths.row, strengths.col, strengths.data, strict=True
    ):
        customer = matrix.customer_ids[row]
        if customer in consenting and value > 0:
            customers.append(customer)
            products.append(matrix.product_ids[column])
            values.append(float(value))
    return customers, products, values
