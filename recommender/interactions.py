"""Customer x product interaction strengths, built from stored events.

The strength ``r_ui`` of customer ``u`` for product ``i`` is the latest
rating (1 to 5) when ``u`` rated ``i``. Otherwise it is the implicit strength

    [bought] * (1 + ln(1 + q)) + 0.5 [favourite] + 0.25 [cart]
    + 0.1 * min(views, 5)

where ``q`` is the total quantity bought and ``[x]`` is 1 when ``u`` has at
least one event of that kind for ``i``. A purchase therefore always
outweighs any amount of browsing, and larger quantities count for more with
diminishing returns.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.db import Database
from storage.repositories import events_revision
from storage.schema import Event, EventKind

logger = logging.getLogger(__name__)

PURCHASE_WEIGHT = 1.0
FAVOURITE_WEIGHT = 0.5
CART_WEIGHT = 0.25
VIEW_WEIGHT = 0.1
MAX_COUNTED_VIEWS = 5


@dataclass(frozen=True)
class InteractionMatrix:
    """Interaction strengths of every customer for every product with events.

    Rows follow ``customer_ids`` and columns follow ``product_ids``. Both are
    sorted, so row and column order also break ties by id.

    Attributes
    ----------
    strengths
        CSR matrix, shape (customers, products), with an entry wherever the
        customer has an event for the product.
    centred
        ``strengths`` minus each row's mean, with the same structure. An
        entry may be 0.
    structure, squares
        Matrices with the structure of ``strengths`` that contain 1 and the
        squared centred value, for sums over shared products.
    means
        Mean strength per customer over their entries, shape (customers,).
    bought
        Whether the customer bought the product, one flag per entry of
        ``strengths.data``.
    popular
        (product id, distinct buyers) of every product bought at least once,
        most buyers first and then by product id.
    """

    customer_ids: list[str]
    product_ids: list[str]
    customer_index: dict[str, int]
    strengths: sp.csr_matrix
    centred: sp.csr_matrix
    structure: sp.csr_matrix
    squares: sp.csr_matrix
    means: np.ndarray
    bought: np.ndarray
    popular: tuple[tuple[str, int], ...]


def interaction_matrix(db: Database, session: Session) -> InteractionMatrix:
    """Return the interaction matrix of ``db``, rebuilt only when events change.

    The cache key combines the events revision (see
    ``storage.repositories.bump_events_revision``) with the highest event id,
    both read in ``session``'s transaction, so the key and the events it
    describes come from one snapshot.
    """
    revision = events_revision(session)
    highest_id = session.scalar(select(func.max(Event.id))) or 0
    key = (revision, highest_id)

    with _cache_lock:
        cached = _cache.get(db)
    if cached is not None and cached[0] == key:
        return cached[1]

    matrix = build_interaction_matrix(session)
    with _cache_lock:
        _cache[db] = (key, matrix)
    return matrix


def build_interaction_matrix(
    session: Session, only_customers: Collection[str] | None = None
) -> InteractionMatrix:
    """Read events through ``session`` and build the interaction matrix.

    Parameters
    ----------
    only_customers
        Read only these customers' events, for example to refresh a few
        rows; at most ``storage.repositories.IN_LIST_SIZE`` ids. Default:
        every event.
    """
    customers, products, kinds, quantities = _read_events(session, only_customers)
    customer_ids, customer_codes = _factorize(customers)
    product_ids, product_codes = _factorize(products)
    shape = (len(customer_ids), len(product_ids))

    def summed(kind: EventKind, weights: np.ndarray | None = None) -> sp.csr_matrix:
        # Entries for the same customer and product add up.
        mask = kinds == _KIND_CODES[kind]
        values = np.ones(mask.sum()) if weights is None else weights[mask]
        rows, columns = customer_codes[mask], product_codes[mask]
        matrix = sp.csr_matrix((values, (rows, columns)), shape=shape)
        matrix.sum_duplicates()
        return matrix

    quantity = summed(EventKind.PURCHASE, quantities.astype(float))
    views = summed(EventKind.VIEW)
    implicit = (
        _with_data(quantity, PURCHASE_WEIGHT + np.log1p(quantity.data))
        + _with_data(summed(EventKind.FAVOURITE), FAVOURITE_WEIGHT)
        + _with_data(summed(EventKind.CART), CART_WEIGHT)
        + _with_data(views, VIEW_WEIGHT * np.minimum(views.data, MAX_COUNTED_VIEWS))
    )
    ratings = _latest_ratings(session, customer_ids, product_ids, shape, only_customers)
    strengths = _override(implicit, ratings)
    strengths.sort_indices()

    bought = _bought_flags(strengths, quantity)
    buyers = np.diff(quantity.tocsc().indptr)
    means, centred = _centre_rows(strengths)

    logger.debug(
        "Built interaction matrix: %s customers, %s products, %s entries",
        shape[0],
        shape[1],
        strengths.nnz,
    )
    return InteractionMatrix(
        customer_ids=customer_ids,
        product_ids=product_ids,
        customer_index={cid: index for index, cid in enumerate(customer_ids)},
        strengths=strengths,
        centred=centred,
        structure=_with_data(strengths, 1.0),
        squares=_with_data(centred, centred.data**2),
        means=means,
        bought=bought,
        popular=_by_buyers(product_ids, buyers),
    )


def clear_cache() -> None:
    """Drop every cached interaction matrix."""
    with _cache_lock:
        _cache.clear()


# One cached matrix per open database, dropped with the Database object.
_cache: weakref.WeakKeyDictionary[Database, tuple[tuple[int, int], InteractionMatrix]]
_cache = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()

# Only these kinds carry an interaction strength. Searches, reviews and
# saved designs feed profiles instead, and a search may have no product.
MATRIX_KINDS = (
    EventKind.VIEW,
    EventKind.FAVOURITE,
    EventKind.CART,
    EventKind.PURCHASE,
    EventKind.RATING,
)
_KIND_CODES = {kind: code for code, kind in enumerate(MATRIX_KINDS)}


def _read_events(
    session: Session, only_customers: Collection[str] | None
) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    query = select(
        Event.customer_id, Event.product_id, Event.kind, Event.quantity
    ).where(Event.kind.in_([kind.value for kind in MATRIX_KINDS]))
    if only_customers is not None:
        query = query.where(Event.customer_id.in_(sorted(only_customers)))
    # The columns are plain text and integers, which need no result
    # processing. Fetching the 391,150 imported Online Retail events from the
    # driver's cursor took about half the time of building SQLAlchemy rows.
    result = session.connection().execute(query)
    rows = result.cursor.fetchall()
    result.close()

    customers = [row[0] for row in rows]
    products = [row[1] for row in rows]
    kind_codes = {kind.value: code for kind, code in _KIND_CODES.items()}
    kinds = np.fromiter((kind_codes[row[2]] for row in rows), np.int8, len(rows))
    quantities = np.fromiter((row[3] for row in rows), np.int64, len(rows))
    return customers, products, kinds, quantities


def _factorize(values: list[str]) -> tuple[list[str], np.ndarray]:
    """Return the sorted distinct values and each value's index among them."""
    distinct = sorted(set(values))
    index = {value: position for position, value in enumerate(distinct)}
    codes = np.fromiter((index[value] for value in values), np.int64, len(values))
    return distinct, codes


def _latest_ratings(
    session: Session,
    customer_ids: list[str],
    product_ids: list[str],
    shape: tuple[int, int],
    only_customers: Collection[str] | None,
) -> sp.csr_matrix:
    query = (
        select(Event.customer_id, Event.product_id, Event.value)
        .where(Event.kind == EventKind.RATING)
        .order_by(Event.occurred_at, Event.id)
    )
    if only_customers is not None:
        query = query.where(Event.customer_id.in_(sorted(only_customers)))
    latest: dict[tuple[str, str], float] = {}
    for customer, product, value in session.execute(query):
        latest[(customer, product)] = float(value)

    customer_index = {cid: index for index, cid in enumerate(customer_ids)}
    product_index = {pid: index for index, pid in enumerate(product_ids)}
    rows = [customer_index[customer] for customer, _ in latest]
    columns = [product_index[product] for _, product in latest]
    return sp.csr_matrix((list(latest.values()), (rows, columns)), shape=shape)


def _override(implicit: sp.csr_matrix, ratings: sp.csr_matrix) -> sp.csr_matrix:
    """Return ``implicit`` with every rated entry replaced by its rating."""
    unrated = implicit - implicit.multiply(_with_data(ratings, 1.0))
    unrated.eliminate_zeros()
    return (unrated + ratings).tocsr()


def _bought_flags(strengths: sp.csr_matrix, quantity: sp.csr_matrix) -> np.ndarray:
    """Return, per entry of ``strengths.data``, whether it has a purchase.

    Every purchase entry is also a strengths entry, so the sum of the two
    indicator matrices has the structure of ``strengths`` and is 2 exactly
    where there is a purchase.
    """
    flags = _with_data(strengths, 1.0) + _with_data(quantity, 1.0)
    flags.sort_indices()
    return flags.data == 2.0


def _centre_rows(strengths: sp.csr_matrix) -> tuple[np.ndarray, sp.csr_matrix]:
    counts = np.diff(strengths.indptr)
    rows = np.repeat(np.arange(strengths.shape[0]), counts)
    sums = np.asarray(strengths.sum(axis=1)).ravel()
    means = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    centred = sp.csr_matrix(
        (strengths.data - means[rows], strengths.indices, strengths.indptr),
        shape=strengths.shape,
    )
    return means, centred


def _with_data(matrix: sp.csr_matrix, data: np.ndarray | float) -> sp.csr_matrix:
    """Return a matrix with the structure of ``matrix`` and new stored values."""
    values = np.broadcast_to(np.asarray(data, dtype=float), matrix.data.shape)
    return sp.csr_matrix(
        (values.copy(), matrix.indices.copy(), matrix.indptr.copy()),
        shape=matrix.shape,
    )


def _by_buyers(
    product_ids: list[str], buyers: np.ndarray
) -> tuple[tuple[str, int], ...]:
    order = np.lexsort((np.arange(len(product_ids)), -buyers))
    return tuple(
        (product_ids[column], int(buyers[column]))
        for column in order
        if buyers[column] > 0
    )
