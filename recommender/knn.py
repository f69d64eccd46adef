"""User-based k-nearest-neighbour collaborative filtering over stored events.

The model is the mean-centred user k-NN of Herlocker et al. (1999), the rule
that Surprise calls ``KNNWithMeans``, over the interaction strengths of
:mod:`recommender.interactions`:

* **Similarity** of customers ``u`` and ``v`` is the cosine of their
  mean-centred strengths ``r - mean`` over the products that both have.
  Each customer's mean runs over all of their products. The similarity is 0
  when they share fewer than ``min_support`` products.
* **Prediction** for ``u`` and product ``i`` uses the ``k`` customers most
  similar to ``u`` (similarity above 0) who have ``i``:
  ``mean_u + sum_v sim(u, v) (r_vi - mean_v) / sum_v |sim(u, v)|``.
  Equal similarities are ordered by customer id, so equal data always gives
  the same ranking.

Only customers who consented to profiling get personal suggestions or serve
as neighbours. Everyone else, and anyone without usable history, gets the
products with the most distinct buyers, labelled as popular.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

import numpy as np
import scipy.sparse as sp
from sqlalchemy import select
from sqlalchemy.orm import Session

from recommender.interactions import InteractionMatrix, interaction_matrix
from storage.db import Database
from storage.repositories import customer_product_ids, product_names
from storage.schema import Customer, EventKind

logger = logging.getLogger(__name__)

DEFAULT_K = 40
# Over a single shared product the mean-centred cosine can only be -1, 0
# or 1, which carries no information about taste.
DEFAULT_MIN_SUPPORT = 2
# One neighbour's history alone is too thin to present as a shared taste.
DEFAULT_MIN_K = 2

POPULAR_REASON = "Popular with all customers"

SuggestionKind = Literal["similar_customers", "popular"]


@dataclass(frozen=True)
class Suggestion:
    """One suggested product with the reason to show beside it.

    Attributes
    ----------
    score
        For ``"similar_customers"``, the predicted interaction strength on
        the customer's own scale. For ``"popular"``, the number of distinct
        buyers.
    """

    product_id: str
    name: str
    score: float
    reason: str
    kind: SuggestionKind


class _Prediction(NamedTuple):
    column: int
    score: float
    neighbours: int
    buying_neighbours: int


def recommend(
    db: Database,
    customer_id: str,
    n: int = 10,
    *,
    k: int = DEFAULT_K,
    min_support: int = DEFAULT_MIN_SUPPORT,
    min_k: int = DEFAULT_MIN_K,
) -> list[Suggestion]:
    """Suggest up to ``n`` products that ``customer_id`` has not bought or rated.

    Products the customer only viewed, marked as a favourite or put in the
    cart remain candidates. Suggestions from similar customers come first,
    best prediction first.
    When there are fewer than ``n`` of them, the most popular products fill
    the list. A customer who is unknown, has no usable history or has not
    consented to profiling gets popular products only.

    Parameters
    ----------
    db
        The migrated database.
    customer_id
        Id of the customer to suggest products to.
    n
        Maximum number of suggestions.
    k
        Maximum neighbours per predicted product.
    min_support
        Minimum number of shared products for a non-zero similarity.
    min_k
        Minimum neighbours who have a product before it is predicted.

    Returns
    -------
    list[Suggestion]
        At most ``n`` suggestions. There are fewer when the predicted
        products and the products with buyers, less those the customer
        bought or rated, number fewer than ``n``.

    Raises
    ------
    ValueError
        If ``n``, ``k``, ``min_support`` or ``min_k`` is below 1.
    """
    limits = {"n": n, "k": k, "min_support": min_support, "min_k": min_k}
    for name, value in limits.items():
        if value < 1:
            raise ValueError(f"Invalid {name}={value!r}: it must be at least 1")

    with db.session(readonly=True) as session:
        matrix = interaction_matrix(db, session)
        consenting = _consenting_rows(session, matrix)
        excluded = customer_product_ids(
            session, customer_id, (EventKind.PURCHASE, EventKind.RATING)
        )

        row = matrix.customer_index.get(customer_id)
        ranked: list[_Prediction] = []
        if row is not None and consenting[row]:
            ranked = _predict(matrix, row, consenting, k, min_support, min_k)
        else:
            logger.debug("No personal suggestions for customer %s", customer_id)

        suggestions = _collaborative_suggestions(matrix, ranked, excluded, n)
        suggestions += _popular_suggestions(matrix, excluded, suggestions, n)
        names = product_names(session, [s.product_id for s in suggestions])

    return [replace(s, name=names.get(s.product_id, s.product_id)) for s in suggestions]


def similarities(matrix: InteractionMatrix, row: int, min_support: int) -> np.ndarray:
    """Compute the mean-centred cosine similarity of one customer with all.

    Parameters
    ----------
    matrix
        The interaction matrix.
    row
        Row of the customer in ``matrix``.
    min_support
        Minimum number of shared products for a non-zero similarity.

    Returns
    -------
    numpy.ndarray
        Similarities in [-1, 1], shape (customers,). Entry ``row`` is the
        customer's similarity with itself.
    """
    centred = matrix.centred
    start, stop = centred.indptr[row], centred.indptr[row + 1]
    columns = centred.indices[start:stop]
    target = np.zeros(centred.shape[1])
    target[columns] = centred.data[start:stop]
    target_has = np.zeros(centred.shape[1])
    target_has[columns] = 1.0

    # Every sum runs over the products both customers have, so each norm
    # is masked by the other customer's structure.
    dot = centred @ target
    norm_other = np.sqrt(matrix.squares @ target_has)
    norm_target = np.sqrt(matrix.structure @ (target * target))
    support = matrix.structure @ target_has

    denominator = norm_other * norm_target
    similarity = np.zeros_like(dot)
    valid = (denominator > 0) & (support >= min_support)
    similarity[valid] = dot[valid] / denominator[valid]
    return np.clip(similarity, -1.0, 1.0)


def _consenting_rows(session: Session, matrix: InteractionMatrix) -> np.ndarray:
    consenting_ids = session.scalars(
        select(Customer.id).where(Customer.consent_profiling.is_(True))
    )
    mask = np.zeros(len(matrix.customer_ids), dtype=bool)
    for customer_id in consenting_ids:
        row = matrix.customer_index.get(customer_id)
        if row is not None:
            mask[row] = True
    return mask


def _predict(
    matrix: InteractionMatrix,
    row: int,
    consenting: np.ndarray,
    k: int,
    min_support: int,
    min_k: int,
) -> list[_Prediction]:
    """Predict every product that at least ``min_k`` neighbours have, best first."""
    similarity = similarities(matrix, row, min_support)
    similarity[row] = 0.0
    similarity[~consenting] = 0.0

    candidates = np.flatnonzero(similarity > 0)
    if candidates.size == 0:
        return []
    # Most similar first; equal similarities in customer id order.
    neighbours = candidates[np.lexsort((candidates, -similarity[candidates]))]

    # The stored values are each entry's position in strengths.data plus 1,
    # so that no entry is 0 and every one survives the change to columns.
    strengths = matrix.strengths
    positions = sp.csr_matrix(
        (np.arange(1, strengths.nnz + 1), strengths.indices, strengths.indptr),
        shape=strengths.shape,
    )
    by_column = positions[neighbours].tocsc()
    by_column.sort_indices()

    # Within a column the rows follow the neighbour order, so the first k
    # entries are the k most similar neighbours who have that product.
    width = by_column.shape[1]
    entry_columns = np.repeat(np.arange(width), np.diff(by_column.indptr))
    rank = np.arange(by_column.nnz) - by_column.indptr[entry_columns]
    keep = rank < k

    entries = by_column.data[keep] - 1
    columns = entry_columns[keep]
    weights = similarity[neighbours[by_column.indices[keep]]]
    deviations = matrix.centred.data[entries]
    numerator = np.bincount(columns, weights=weights * deviations, minlength=width)
    denominator = np.bincount(columns, weights=np.abs(weights), minlength=width)
    used = np.bincount(columns, minlength=width)
    buying = np.bincount(columns, weights=matrix.bought[entries], minlength=width)

    predicted = np.flatnonzero((used >= min_k) & (denominator > 0))
    scores = matrix.means[row] + numerator[predicted] / denominator[predicted]
    # Best score first, then more neighbours, then product id.
    order = np.lexsort((predicted, -used[predicted], -scores))
    return [
        _Prediction(
            column=int(predicted[i]),
            score=float(scores[i]),
            neighbours=int(used[predicted[i]]),
            buying_neighbours=int(buying[predicted[i]]),
        )
        for i in order
    ]


def _collaborative_suggestions(
    matrix: InteractionMatrix,
    ranked: list[_Prediction],
    excluded: set[str],
    n: int,
) -> list[Suggestion]:
    suggestions: list[Suggestion] = []
    for prediction in ranked:
        if len(suggestions) == n:
            break
        product_id = matrix.product_ids[prediction.column]
        if product_id in excluded:
            continue
        suggestions.append(
            Suggestion(
                product_id=product_id,
                name=product_id,
                score=prediction.score,
                reason=_similar_reason(
                    prediction.neighbours, prediction.buying_neighbours
                ),
                kind="similar_customers",
            )
        )
    return suggestions


def _popular_suggestions(
    matrix: InteractionMatrix,
    excluded: set[str],
    collaborative: list[Suggestion],
    n: int,
) -> list[Suggestion]:
    skip = excluded | {suggestion.product_id for suggestion in collaborative}
    room = n - len(collaborative)
    suggestions: list[Suggestion] = []
    for product_id, buyers in matrix.popular:
        if len(suggestions) >= room:
            break
        if product_id not in skip:
            suggestions.append(
                Suggestion(
                    product_id=product_id,
                    name=product_id,
                    score=float(buyers),
                    reason=POPULAR_REASON,
                    kind="popular",
                )
            )
    return suggestions


def _similar_reason(neighbours: int, buying_neighbours: int) -> str:
    if buying_neighbours > 0:
        return f"Bought by {_customers(buying_neighbours)} with similar tastes"
    return f"Liked by {_customers(neighbours)} with similar tastes"


def _customers(count: int) -> str:
    return "1 customer" if count == 1 else f"{count} customers"
