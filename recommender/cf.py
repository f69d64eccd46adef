"""Neighbourhood collaborative filtering on sparse matrices.

:class:`KNN` is user-based or item-based k-nearest-neighbour filtering over a
:class:`RatingData` matrix, for explicit ratings or implicit feedback. The
similarity measures are in :mod:`recommender.similarity`.

**Explicit ratings** follow Surprise 1.1's ``KNNWithMeans``, so that its
results can be checked against Surprise. For user-based filtering, with
``mu_u`` the mean of all of ``u``'s ratings and ``N`` the at most ``k``
customers most similar to ``u`` among those who rated ``i``::

    r_ui = mu_u + sum_{v in N, sim > 0} sim(u, v) (r_vi - mu_v)
                  / sum_{v in N, sim > 0} sim(u, v)

Item-based filtering swaps the roles of customers and products. The
prediction falls back to the global mean when the customer or product is
unknown, and to ``mu_u`` when fewer than ``min_k`` neighbours have a positive
similarity. Neighbours of equal similarity are taken in the order in which
their ratings were added (Surprise's ``heapq.nlargest`` order), so equal data
always gives equal predictions.

**Implicit feedback** values are confidences, such as ``1 + ln(1 + purchases)``,
and only ranks products. User-based: the ``k`` customers most similar to
``u`` (ties by row index) vote for each product with
``sum_v sim(u, v) c_vi``. Item-based (Deshpande and Karypis, 2004): each
product keeps its ``k`` most similar products, and a product's score is
``sum_{j bought by u} sim_k(j, i) c_uj``. A product is scored only when at
least ``min_k`` neighbours contribute to it.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

import numpy as np
import scipy.sparse as sp

from recommender.similarity import (
    SIMILARITIES,
    RowStatistics,
    SimilarityName,
    explicit_similarity,
    gather_rows,
    implicit_similarity,
    shared_sums,
)

logger = logging.getLogger(__name__)

Kind = Literal["user", "item"]
Feedback = Literal["explicit", "implicit"]

KINDS: tuple[Kind, ...] = ("user", "item")
FEEDBACKS: tuple[Feedback, ...] = ("explicit", "implicit")

# Similarity rows kept between calls, in bytes; a row has 8 bytes per row
# of the compared side.
SIMILARITY_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class KNNParameters:
    """Settings of a :class:`KNN` model.

    Attributes
    ----------
    kind
        ``"user"`` compares customers, ``"item"`` compares products.
    similarity
        ``"cosine"``, ``"pearson"`` or ``"adjusted-cosine"``.
    k
        Maximum number of neighbours per prediction.
    min_k
        Minimum number of neighbours with a positive similarity before a
        prediction uses them.
    min_support
        Minimum number of shared columns for a non-zero similarity.
    shrinkage
        ``lambda`` in ``sim * n / (n + lambda)``, with ``n`` shared columns;
        0 leaves similarities unchanged.
    feedback
        ``"explicit"`` for ratings, ``"implicit"`` for confidences.
    """

    kind: Kind = "user"
    similarity: SimilarityName = "pearson"
    k: int = 40
    min_k: int = 1
    min_support: int = 1
    shrinkage: float = 0.0
    feedback: Feedback = "explicit"

    def __post_init__(self) -> None:
        choices = {
            "kind": (self.kind, KINDS),
            "similarity": (self.similarity, SIMILARITIES),
            "feedback": (self.feedback, FEEDBACKS),
        }
        for name, (value, accepted) in choices.items():
            if value not in accepted:
                raise ValueError(
                    f"Invalid {name}={value!r}: expected one of {', '.join(accepted)}"
                )
        for name in ("k", "min_k", "min_support"):
            value = getattr(self, name)
            if value < 1:
                raise ValueError(f"Invalid {name}={value!r}: it must be at least 1")
        if not self.shrinkage >= 0:
            raise ValueError(
                f"Invalid shrinkage={self.shrinkage!r}: it must be 0 or more"
            )


class Prediction(NamedTuple):
    """One predicted rating.

    ``impossible`` is true when the estimate is a fallback: the global mean
    for an unknown customer or product, or the mean of the customer
    (product, item-based) when fewer than ``min_k`` neighbours apply.
    """

    estimate: float
    impossible: bool
    neighbours: int


@dataclass(frozen=True)
class RatingData:
    """Customers x products values with the order in which they were added.

    Attributes
    ----------
    user_ids, item_ids
        Ids of the rows and columns, in first-appearance order.
    values
        CSR matrix (users, items); explicit zeros are kept as entries.
    order
        For each entry of ``values.data``, its position in the input.
    """

    user_ids: list[str]
    item_ids: list[str]
    values: sp.csr_matrix
    order: np.ndarray

    @classmethod
    def from_triples(
        cls,
        users: Sequence[str],
        items: Sequence[str],
        values: Sequence[float] | np.ndarray,
    ) -> RatingData:
        """Build the matrix from parallel sequences, one entry per position.

        Raises
        ------
        ValueError
            If the lengths differ or a (user, item) pair repeats.
        """
        if not len(users) == len(items) == len(values):
            raise ValueError(
                f"Invalid rating triples: {len(users)} users, {len(items)} items "
                f"and {len(values)} values; pass one of each per rating"
            )
        user_ids, user_codes = _codes(users)
        item_ids, item_codes = _codes(items)
        data = np.asarray(values, dtype=float)
        order = np.arange(len(data), dtype=np.int64)
        matrix, matrix_order = _csr(
            user_codes, item_codes, data, order, (len(user_ids), len(item_ids))
        )
        duplicates = _duplicate_entries(matrix)
        if duplicates.size:
            first = duplicates[0]
            raise ValueError(
                f"Invalid ratings: user {user_ids[_entry_rows(matrix)[first]]!r} has "
                f"two values for item {item_ids[matrix.indices[first]]!r}; keep one"
            )
        return cls(user_ids, item_ids, matrix, matrix_order)

    @property
    def user_index(self) -> dict[str, int]:
        """Row of each user id."""
        return {user: row for row, user in enumerate(self.user_ids)}

    @property
    def item_index(self) -> dict[str, int]:
        """Column of each item id."""
        return {item: column for column, item in enumerate(self.item_ids)}


class KNN:
    """User-based or item-based k-NN over a :class:`RatingData` matrix.

    Similarity rows are computed when a prediction needs them and kept in a
    bounded cache, except for implicit item-based filtering, whose product
    neighbourhoods are computed by :meth:`fit`. The cache makes a model
    unsafe to share between threads without a lock.

    Examples
    --------
    >>> data = RatingData.from_triples(["a", "a", "b"], ["x", "y", "x"], [5, 3, 4])
    >>> model = KNN(KNNParameters(similarity="cosine")).fit(data)
    >>> model.predict("b", "y").estimate
    4.0
    """

    def __init__(self, parameters: KNNParameters | None = None) -> None:
        self.parameters = parameters or KNNParameters()
        self._cache: OrderedDict[int, np.ndarray] = OrderedDict()
        self._neighbours: sp.csr_matrix | None = None

    def fit(self, data: RatingData) -> KNN:
        """Store ``data`` and compute what every prediction shares."""
        self.data = data
        self._user_index = data.user_index
        self._item_index = data.item_index
        self._prepare()
        if self._item_neighbourhoods:
            self._neighbours = self._neighbour_matrix()
        logger.debug(
            "Fitted %s k-NN: %s users, %s items, %s entries",
            self.parameters.kind,
            len(data.user_ids),
            len(data.item_ids),
            data.values.nnz,
        )
        return self

    @property
    def global_mean(self) -> float:
        """Mean of all stored values, the fallback for unknown ids."""
        return self._global_mean

    def user_row(self, user_id: str) -> int | None:
        """Return the row of ``user_id``, or ``None`` if it has no values."""
        return self._user_index.get(user_id)

    def item_column(self, item_id: str) -> int | None:
        """Return the column of ``item_id``, or ``None`` if it has no values."""
        return self._item_index.get(item_id)

    def similarities(self, x: int) -> np.ndarray:
        """Return the similarity of row ``x`` of the compared side with all rows.

        The compared side is customers for ``kind="user"`` and products for
        ``kind="item"``. Entry ``x`` is 1.
        """
        cached = self._cache.get(x)
        if cached is not None:
            self._cache.move_to_end(x)
            return cached

        p = self.parameters
        if p.feedback == "explicit":
            sums = shared_sums(
                self._rows, self._columns, x, self._row_centred, self._column_centred
            )
            similarity = explicit_similarity(
                p.similarity, sums, p.min_support, p.shrinkage
            )
        else:
            sums = shared_sums(self._rows, self._columns, x)
            similarity = implicit_similarity(
                p.similarity,
                sums.products,
                sums.count,
                self._statistics,
                x,
                slice(None),
                p.min_support,
                p.shrinkage,
            )
        similarity[x] = 1.0

        self._cache[x] = similarity
        while len(self._cache) * similarity.nbytes > SIMILARITY_CACHE_BYTES:
            self._cache.popitem(last=False)
        return similarity

    def predict(self, user_id: str, item_id: str) -> Prediction:
        """Predict the explicit rating of ``item_id`` by ``user_id``, unclipped."""
        self._require("explicit", "predict")
        user = self._user_index.get(user_id)
        item = self._item_index.get(item_id)
        if user is None or item is None:
            return Prediction(self._global_mean, True, 0)
        x, y = (user, item) if self.parameters.kind == "user" else (item, user)
        return self._predict_one(x, y, self.similarities(x))

    def predict_pairs(
        self, user_ids: Sequence[str], item_ids: Sequence[str]
    ) -> list[Prediction]:
        """Predict many pairs, computing each similarity row once.

        Returns
        -------
        list[Prediction]
            One prediction per pair, in the order of the input.
        """
        self._require("explicit", "predict_pairs")
        users = [self._user_index.get(u) for u in user_ids]
        items = [self._item_index.get(i) for i in item_ids]
        results: list[Prediction | None] = [None] * len(users)
        pending: dict[int, list[tuple[int, int]]] = {}
        for position, (user, item) in enumerate(zip(users, items, strict=True)):
            if user is None or item is None:
                results[position] = Prediction(self._global_mean, True, 0)
                continue
            x, y = (user, item) if self.parameters.kind == "user" else (item, user)
            pending.setdefault(x, []).append((position, y))

        for x, requested in pending.items():
            similarity = self.similarities(x)
            for position, y in requested:
                results[position] = self._predict_one(x, y, similarity)
        return results  # type: ignore[return-value]

    def scores(self, user_id: str) -> tuple[np.ndarray, np.ndarray]:
        """Score every item for ``user_id``, for ranking.

        Returns
        -------
        tuple[numpy.ndarray, numpy.ndarray]
            Scores and neighbour counts, shape (items,) each. Items that
            fewer than ``min_k`` neighbours support score ``-inf``. Explicit
            scores are predicted ratings, implicit scores are summed votes.
            Items the user already has are not excluded.

        Raises
        ------
        KeyError
            If ``user_id`` has no values.
        """
        user = self._user_index[user_id]
        p = self.parameters
        if p.feedback == "implicit" and p.kind == "item":
            contributions = self.item_contributions(user)
            support = np.diff(contributions.tocsc().indptr)
            scores = np.asarray(contributions.sum(axis=0)).ravel()
        elif p.feedback == "implicit":
            scores, support = self._user_votes(user)
        elif p.kind == "user":
            scores, support = self._user_predictions(user)
        else:
            scores, support = self._item_predictions(user)
        scores = np.where(support >= p.min_k, scores, -np.inf)
        return scores, support

    def item_contributions(self, user: int) -> sp.csr_matrix:
        """Return ``sim_k(j, i) c_uj`` for each item ``j`` of ``user`` (rows).

        Only for implicit item-based filtering. Shape (user's items, items);
        row ``r`` belongs to item ``self.user_items(user)[0][r]``.
        """
        self._require("implicit", "item_contributions")
        items, confidences = self.user_items(user)
        block = self._neighbours[items]
        return sp.csr_matrix(sp.diags(confidences) @ block)

    def user_items(self, user: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the item columns of ``user`` and their values."""
        values = self.data.values
        start, stop = values.indptr[user], values.indptr[user + 1]
        return values.indices[start:stop], values.data[start:stop]

    def neighbours(self, user: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the ``k`` customers most similar to ``user`` and their similarity.

        Only for user-based filtering. Only positive similarities count, the
        user is left out, and equal similarities keep row order.
        """
        similarity = self.similarities(user).copy()
        similarity[user] = 0.0
        candidates = np.flatnonzero(similarity > 0)
        ranked = candidates[np.lexsort((candidates, -similarity[candidates]))]
        chosen = ranked[: self.parameters.k]
        return chosen, similarity[chosen]

    def update_user(
        self, user_id: str, item_ids: Sequence[str], values: Sequence[float]
    ) -> None:
        """Set values of one customer without recomputing any other similarity.

        New items become columns and a new customer a row. Given values
        replace the customer's earlier values for the same items and count
        as added last for tie-breaking. Means, whole-row statistics and the
        transposed matrix are rebuilt, which costs time linear in the number
        of entries, and cached similarity rows are dropped, so the customer's
        next similarities and suggestions use their new row.

        NOTE: implicit item-based neighbourhoods stay as :meth:`fit` computed
        them, so until the next fit only the customer's own row changes their
        item-based scores.

        Raises
        ------
        ValueError
            If ``item_ids`` and ``values`` differ in length.
        """
        if len(item_ids) != len(values):
            raise ValueError(
                f"Invalid update of user {user_id!r}: {len(item_ids)} items and "
                f"{len(values)} values; pass one value per item"
            )
        data = self.data
        user_ids = list(data.user_ids)
        all_items = list(data.item_ids)
        user = self._user_index.get(user_id)
        if user is None:
            user = len(user_ids)
            user_ids.append(user_id)
            self._user_index[user_id] = user
        latest: dict[int, float] = {}
        for item_id, value in zip(item_ids, values, strict=True):
            column = self._item_index.get(item_id)
            if column is None:
                column = len(all_items)
                all_items.append(item_id)
                self._item_index[item_id] = column
            latest[column] = float(value)

        old = data.values
        rows = _entry_rows(old)
        replaced = (rows == user) & np.isin(old.indices, list(latest))
        keep = ~replaced
        first_order = int(data.order.max()) + 1 if data.order.size else 0
        matrix, order = _csr(
            np.concatenate([rows[keep], np.full(len(latest), user)]),
            np.concatenate([old.indices[keep], np.fromiter(latest, np.int64)]),
            np.concatenate([old.data[keep], np.fromiter(latest.values(), float)]),
            np.concatenate(
                [data.order[keep], first_order + np.arange(len(latest), dtype=np.int64)]
            ),
            (len(user_ids), len(all_items)),
        )
        self.data = RatingData(user_ids, all_items, matrix, order)
        self._prepare()
        self._cache.clear()
        if self._neighbours is not None:
            self._neighbours.resize((len(all_items), len(all_items)))
        logger.debug("Updated user %s with %s values", user_id, len(latest))

    @property
    def _item_neighbourhoods(self) -> bool:
        p = self.parameters
        return p.feedback == "implicit" and p.kind == "item"

    def _require(self, feedback: Feedback, method: str) -> None:
        if self.parameters.feedback != feedback:
            raise ValueError(
                f"{method} needs feedback={feedback!r}, but this model has "
                f"feedback={self.parameters.feedback!r}: fit a model with "
                f"KNNParameters(feedback={feedback!r})"
            )

    def _prepare(self) -> None:
        """Orient the matrix to the compared side and compute means."""
        data = self.data
        p = self.parameters
        if p.feedback == "implicit" and data.values.nnz and data.values.data.min() <= 0:
            raise ValueError(
                f"Invalid implicit feedback: confidence {data.values.data.min()!r} "
                "is not positive; pass confidences such as 1 + ln(1 + purchases)"
            )
        if p.kind == "user":
            self._rows, self._row_order = data.values, data.order
        else:
            self._rows, self._row_order = _transpose(data.values, data.order)
        self._columns, self._column_order = _transpose(self._rows, self._row_order)

        values = self._rows.data
        self._global_mean = float(values.mean()) if values.size else 0.0
        self._row_means = _means(self._rows)
        self._column_means = _means(self._columns)
        self._row_centred = self._column_centred = None
        if p.feedback == "explicit" and p.similarity == "adjusted-cosine":
            self._row_centred = values - self._column_means[self._rows.indices]
            column_rows = _entry_rows(self._columns)
            self._column_centred = self._columns.data - self._column_means[column_rows]
        if p.feedback == "implicit":
            self._statistics = RowStatistics.of(self._rows)

    def _predict_one(self, x: int, y: int, similarity: np.ndarray) -> Prediction:
        start, stop = self._columns.indptr[y], self._columns.indptr[y + 1]
        others = self._columns.indices[start:stop]
        values = self._columns.data[start:stop]
        orders = self._column_order[start:stop]
        weights = similarity[others]

        candidates = np.flatnonzero(weights > 0)
        ranked = candidates[np.lexsort((orders[candidates], -weights[candidates]))]
        chosen = ranked[: self.parameters.k]
        mean = float(self._row_means[x])
        if chosen.size < self.parameters.min_k:
            return Prediction(mean, True, int(chosen.size))

        used = weights[chosen]
        deviations = values[chosen] - self._row_means[others[chosen]]
        estimate = mean + float(np.dot(used, deviations)) / float(used.sum())
        return Prediction(estimate, False, int(chosen.size))

    def _user_predictions(self, user: int) -> tuple[np.ndarray, np.ndarray]:
        """Predict every item for ``user`` with per-item neighbourhoods."""
        similarity = self.similarities(user)
        candidates = np.flatnonzero(similarity > 0)
        positions, owner = gather_rows(self._rows.indptr, candidates)
        columns = self._rows.indices[positions]
        neighbours = candidates[owner]
        weights = similarity[neighbours]
        deviations = self._rows.data[positions] - self._row_means[neighbours]

        # Per item: most similar first, then the order the values were added.
        order = np.lexsort((self._row_order[positions], -weights, columns))
        columns, weights, deviations = columns[order], weights[order], deviations[order]
        keep = _rank_in_groups(columns) < self.parameters.k

        width = self._rows.shape[1]
        numerator = np.bincount(
            columns[keep], weights=weights[keep] * deviations[keep], minlength=width
        )
        denominator = np.bincount(columns[keep], weights=weights[keep], minlength=width)
        support = np.bincount(columns[keep], minlength=width)
        scores = np.full(width, self._row_means[user])
        scored = denominator > 0
        scores[scored] += numerator[scored] / denominator[scored]
        return scores, support

    def _item_predictions(self, user: int) -> tuple[np.ndarray, np.ndarray]:
        """Predict every item for ``user`` from the user's rated items."""
        start, stop = self._columns.indptr[user], self._columns.indptr[user + 1]
        items = self._columns.indices[start:stop]
        width = self._rows.shape[0]
        if items.size == 0:
            return np.full(width, self._global_mean), np.zeros(width, dtype=np.int64)
        by_order = np.argsort(self._column_order[start:stop], kind="stable")
        items = items[by_order]
        deviations = (self._columns.data[start:stop] - self._row_means[items])[by_order]

        # Similarities are symmetric, so row j contains sim(i, j) for every i.
        similarity = np.vstack([self.similarities(int(j)) for j in items])
        ranked = np.argsort(-similarity, axis=0, kind="stable")[: self.parameters.k]
        weights = np.take_along_axis(similarity, ranked, axis=0)
        weights = np.where(weights > 0, weights, 0.0)
        numerator = (weights * deviations[ranked]).sum(axis=0)
        denominator = weights.sum(axis=0)
        support = (weights > 0).sum(axis=0)
        scores = self._row_means.copy()
        scored = denominator > 0
        scores[scored] += numerator[scored] / denominator[scored]
        return scores, support

    def _user_votes(self, user: int) -> tuple[np.ndarray, np.ndarray]:
        neighbours, weights = self.neighbours(user)
        block = self._rows[neighbours]
        scores = block.T @ weights
        support = np.bincount(block.indices, minlength=self._rows.shape[1])
        return np.asarray(scores, dtype=float), support

    def _neighbour_matrix(self) -> sp.csr_matrix:
        """Keep the ``k`` most similar products of each product (implicit).

        Equal similarities keep the product with the lower column.
        """
        p = self.parameters
        rows = self._rows
        structure = sp.csr_matrix(
            (np.ones(rows.nnz), rows.indices, rows.indptr), shape=rows.shape
        )
        products = (rows @ rows.T).tocsr()
        counts = (structure @ structure.T).tocsr()
        # Confidences are positive, so both products have the same structure.
        products.sort_indices()
        counts.sort_indices()

        size = rows.shape[0]
        first = _entry_rows(products)
        similarity = implicit_similarity(
            p.similarity,
            products.data,
            counts.data,
            self._statistics,
            first,
            products.indices,
            p.min_support,
            p.shrinkage,
        )
        similarity[first == products.indices] = 0.0
        del first, counts

        kept_rows, kept_columns, kept_values = [], [], []
        indptr, indices = products.indptr, products.indices
        for row in range(size):
            start, stop = indptr[row], indptr[row + 1]
            values = similarity[start:stop]
            candidates = np.flatnonzero(values > 0)
            if candidates.size > p.k:
                threshold = np.partition(values[candidates], -p.k)[-p.k]
                candidates = candidates[values[candidates] >= threshold]
            columns = indices[start:stop][candidates]
            order = np.lexsort((columns, -values[candidates]))[: p.k]
            kept_rows.append(np.full(order.size, row))
            kept_columns.append(columns[order])
            kept_values.append(values[candidates][order])
        if not kept_rows:
            return sp.csr_matrix((size, size))
        return sp.csr_matrix(
            (
                np.concatenate(kept_values),
                (np.concatenate(kept_rows), np.concatenate(kept_columns)),
            ),
            shape=(size, size),
        )


def confidence(counts: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Return ``1 + alpha ln(1 + counts)``, the confidence of implicit feedback.

    The logarithm lets repeat purchases count for more with diminishing
    returns (Hu, Koren and Volinsky, 2008).
    """
    return 1.0 + alpha * np.log1p(np.asarray(counts, dtype=float))


def _codes(values: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Return the distinct values in first-appearance order and their codes."""
    index: dict[str, int] = {}
    codes = np.fromiter(
        (index.setdefault(value, len(index)) for value in values),
        np.int64,
        len(values),
    )
    return list(index), codes


def _csr(
    rows: np.ndarray,
    columns: np.ndarray,
    data: np.ndarray,
    order: np.ndarray,
    shape: tuple[int, int],
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Build a CSR matrix that keeps zeros and repeats, and reorder ``order``."""
    sort = np.lexsort((order, columns, rows))
    counts = np.bincount(rows, minlength=shape[0]) if rows.size else np.zeros(shape[0])
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    matrix = sp.csr_matrix(
        (data[sort], columns[sort].astype(np.int64), indptr), shape=shape
    )
    return matrix, order[sort]


def _transpose(
    matrix: sp.csr_matrix, order: np.ndarray
) -> tuple[sp.csr_matrix, np.ndarray]:
    rows = _entry_rows(matrix)
    shape = (matrix.shape[1], matrix.shape[0])
    return _csr(matrix.indices, rows, matrix.data, order, shape)


def _entry_rows(matrix: sp.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))


def _duplicate_entries(matrix: sp.csr_matrix) -> np.ndarray:
    """Return positions of entries whose row and column repeat the previous one."""
    rows = _entry_rows(matrix)
    same = (rows[1:] == rows[:-1]) & (matrix.indices[1:] == matrix.indices[:-1])
    return np.flatnonzero(same) + 1


def _means(matrix: sp.csr_matrix) -> np.ndarray:
    counts = np.diff(matrix.indptr)
    sums = np.bincount(_entry_rows(matrix), weights=matrix.data, minlength=len(counts))
    return np.divide(sums, counts, out=np.zeros(len(counts)), where=counts > 0)


def _rank_in_groups(groups: np.ndarray) -> np.ndarray:
    """Return each element's position within its run of equal sorted ``groups``."""
    if groups.size == 0:
        return groups.astype(np.int64)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    lengths = np.diff(np.r_[starts, groups.size])
    return np.arange(groups.size) - np.repeat(starts, lengths)
