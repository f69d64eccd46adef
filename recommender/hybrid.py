"""Hybrid suggestions: collaborative filtering, content and popularity blended.

For a customer ``u`` and a product ``i`` the score is

    w_user s_user(i) + w_item s_item(i) + w_content s_content(i)
    + w_popularity s_popularity(i)

where each component is divided by its highest value over the candidate
products, so all four lie in [0, 1]:

* ``s_user``: implicit user-based k-NN votes (:mod:`recommender.cf`);
* ``s_item``: implicit item-based k-NN scores;
* ``s_content``: cosine of the product with the customer's content profile
  (:mod:`recommender.content`);
* ``s_popularity``: ``ln(1 + buyers)``, counting buyers in the customer's
  segment when one is given and all customers otherwise.

Two switches handle cold starts. A customer with fewer than ``min_events``
distinct products gets ``cold_weights`` (content and popularity only),
because a few events make unreliable neighbours. A product without events
has no collaborative or popularity evidence, so its score is
``(w_user + w_item + w_content) s_content(i)``: content replaces the
missing collaborative share.

Every suggestion carries the reason of its largest weighted component.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

from recommender.cf import KNN, KNNParameters, RatingData
from recommender.content import ContentModel, ProductInfo
from recommender.ranking import top_indices

logger = logging.getLogger(__name__)

SuggestionKind = Literal[
    "similar_customers", "similar_products", "popular_in_segment", "popular"
]

POPULAR_REASON = "Popular with all customers"
SEGMENT_REASON = "Popular in your segment"

COMPONENTS = ("user_knn", "item_knn", "content", "popularity")


@dataclass(frozen=True)
class Suggestion:
    """One suggested product with the reason to show beside it.

    Attributes
    ----------
    score
        The blended score, from 0 up to the sum of the weights in use.
    related_product_id
        For ``"similar_products"``, the bought product that the reason
        names; otherwise ``None``.
    buyers
        For ``"similar_customers"``, how many customers with similar tastes
        bought it; otherwise 0.
    """

    product_id: str
    name: str
    score: float
    reason: str
    kind: SuggestionKind
    related_product_id: str | None = None
    buyers: int = 0


@dataclass(frozen=True)
class Segment:
    """Customers who share a segment, for "Popular in your segment"."""

    id: str
    customer_ids: frozenset[str]


@dataclass(frozen=True)
class BlendWeights:
    """Weight of each normalised component in the blended score."""

    user_knn: float = 0.0
    item_knn: float = 0.0
    content: float = 0.0
    popularity: float = 0.0

    def __post_init__(self) -> None:
        for name in COMPONENTS:
            value = getattr(self, name)
            if not value >= 0:
                raise ValueError(f"Invalid {name} weight {value!r}: it must be >= 0")

    def as_array(self) -> np.ndarray:
        """Return the weights in :data:`COMPONENTS` order."""
        return np.array([getattr(self, name) for name in COMPONENTS])


@dataclass(frozen=True)
class HybridParameters:
    """Settings of :class:`HybridRecommender`.

    The default weights are those that ``evaluate-recommender`` chose on the
    validation split of the Online Retail training period (see
    :mod:`recommender.evaluation`). ``min_events`` counts distinct products.
    """

    weights: BlendWeights = BlendWeights(
        user_knn=1.0, item_knn=0.5, content=2.0, popularity=1.0
    )
    cold_weights: BlendWeights = BlendWeights(content=0.3, popularity=1.0)
    # TODO: tune min_events and both k on the validation split, as the
    # weights are; they are fixed by hand.
    min_events: int = 2
    user: KNNParameters = KNNParameters(
        kind="user", similarity="cosine", feedback="implicit", k=50
    )
    item: KNNParameters = KNNParameters(
        kind="item", similarity="cosine", feedback="implicit", k=100
    )
    attribute_weight: float = 0.2

    def __post_init__(self) -> None:
        if self.min_events < 1:
            raise ValueError(
                f"Invalid min_events={self.min_events!r}: it must be at least 1"
            )
        for name in ("user", "item"):
            if getattr(self, name).feedback != "implicit":
                raise ValueError(
                    f"Invalid {name} parameters: the hybrid ranks with "
                    "feedback='implicit'"
                )


@dataclass
class _Components:
    """Normalised component scores of one customer over all products."""

    scores: np.ndarray  # (4, products), rows in COMPONENTS order
    weights: np.ndarray  # (4,)
    owned: np.ndarray  # indexes of the customer's products
    blocked: np.ndarray  # indexes of products never to suggest
    confidences: np.ndarray
    user_support: np.ndarray
    cold: bool
    user_row: int | None
    segment: Segment | None
    item_contributions: sp.csr_matrix | None = None


class HybridRecommender:
    """Product ranking for a customer from all four components.

    Products are indexed by :attr:`product_ids`: the catalogue first, in
    its order, then products that only appear in events.
    """

    def __init__(self, parameters: HybridParameters | None = None) -> None:
        self.parameters = parameters or HybridParameters()
        self._segment_cache: dict[str, np.ndarray] = {}

    def fit(
        self,
        customer_ids: Sequence[str],
        product_ids: Sequence[str],
        confidences: Sequence[float] | np.ndarray,
        catalogue: Sequence[ProductInfo] = (),
    ) -> HybridRecommender:
        """Fit every component.

        Parameters
        ----------
        customer_ids, product_ids, confidences
            One entry per (customer, product) pair, each pair once, with a
            positive confidence such as ``1 + ln(1 + purchases)``.
        catalogue
            Products with their text and attributes, including products
            that nobody has bought yet.
        """
        products = list(catalogue)
        known = {product.id for product in products}
        for product_id in dict.fromkeys(product_ids):
            if product_id not in known:
                products.append(ProductInfo(product_id, product_id))
                known.add(product_id)
        self.catalogue = products
        self.product_ids = [product.id for product in products]
        self.product_index = {pid: row for row, pid in enumerate(self.product_ids)}
        self.names = {product.id: product.name for product in products}

        data = RatingData.from_triples(customer_ids, product_ids, confidences)
        self.user_model = KNN(self.parameters.user).fit(data)
        self.item_model = KNN(self.parameters.item).fit(data)
        self.content = ContentModel(self.parameters.attribute_weight).fit(products)
        self._refresh_product_maps()
        self._segment_cache.clear()
        logger.info(
            "Fitted hybrid recommender: %s customers, %s products, %s pairs",
            len(data.user_ids),
            len(products),
            data.values.nnz,
        )
        return self

    @property
    def data(self) -> RatingData:
        """The customer x product confidences the models use."""
        return self.user_model.data

    def knows(self, customer_id: str) -> bool:
        """Return whether ``customer_id`` has at least one event."""
        return self.user_model.user_row(customer_id) is not None

    def component_scores(
        self,
        customer_id: str,
        segment: Segment | None = None,
        exclude: Collection[str] = (),
        exclude_owned: bool = True,
    ) -> _Components:
        """Compute the four normalised components for ``customer_id``.

        Products in ``exclude``, and those the customer has unless
        ``exclude_owned`` is false, get score 0 and do not count towards
        the maximum used to normalise.
        """
        size = len(self.product_ids)
        scores = np.zeros((len(COMPONENTS), size))
        user = self.user_model.user_row(customer_id)
        owned = np.array([], dtype=np.int64)
        confidences = np.array([])
        user_support = np.zeros(size, dtype=np.int64)
        cold = True
        contributions = None
        if user is not None:
            columns, confidences = self.user_model.user_items(user)
            owned = self._column_products[columns]
            cold = len(owned) < self.parameters.min_events
            if not cold:
                votes, support = self.user_model.scores(customer_id)
                scores[0, self._column_products] = np.maximum(votes, 0)
                user_support[self._column_products] = support
                contributions = self.item_model.item_contributions(user)
                item_scores = np.asarray(contributions.sum(axis=0)).ravel()
                support = np.diff(contributions.tocsc().indptr)
                item_scores[support < self.parameters.item.min_k] = 0.0
                scores[1, self._column_products] = item_scores
            if len(owned):
                rows = list(owned)
                scores[2] = np.maximum(
                    self.content.scores_for_rows(rows, confidences), 0
                )
        scores[3] = self._popularity(segment)

        blocked = np.zeros(size, dtype=bool)
        blocked[owned] = exclude_owned
        for product_id in exclude:
            index = self.product_index.get(product_id)
            if index is not None:
                blocked[index] = True
        scores[:, blocked] = 0.0
        peaks = scores.max(axis=1, keepdims=True, initial=0.0)
        np.divide(scores, peaks, out=scores, where=peaks > 0)

        weights = self.parameters.cold_weights if cold else self.parameters.weights
        return _Components(
            scores=scores,
            weights=weights.as_array(),
            owned=owned,
            blocked=np.flatnonzero(blocked),
            confidences=confidences,
            user_support=user_support,
            cold=cold,
            user_row=user,
            segment=segment,
            item_contributions=contributions,
        )

    def blend(self, components: _Components, weights: np.ndarray) -> np.ndarray:
        """Return the blended scores for ``weights`` in :data:`COMPONENTS` order.

        Products without events score ``(w_user + w_item + w_content)`` times
        their content score. Blocked products score ``-inf``.
        """
        blended = weights @ components.scores
        new = self._without_events
        cf_share = weights[0] + weights[1] + weights[2]
        blended[new] = cf_share * components.scores[2, new]
        blended[components.blocked] = -np.inf
        return blended

    def blend_grid(
        self, components: _Components, grid: np.ndarray, products: np.ndarray
    ) -> np.ndarray:
        """Return :meth:`blend` of ``products`` for every row of ``grid``.

        Returns
        -------
        numpy.ndarray
            Shape (grid rows, products).
        """
        scores = components.scores[:, products]
        blended = grid @ scores
        new = self._without_events[products]
        cf_share = grid[:, :3].sum(axis=1, keepdims=True)
        blended[:, new] = cf_share * scores[2, new]
        blended[:, np.isin(products, components.blocked)] = -np.inf
        return blended

    def recommend(
        self,
        customer_id: str,
        n: int = 10,
        *,
        segment: Segment | None = None,
        exclude: Collection[str] = (),
        exclude_owned: bool = True,
    ) -> list[Suggestion]:
        """Suggest up to ``n`` products for ``customer_id``.

        Parameters
        ----------
        customer_id
            The customer; one without events gets popular products.
        n
            Maximum number of suggestions.
        segment
            The customer's segment: popularity is then counted among its
            customers and the reason reads "Popular in your segment".
        exclude
            Further product ids never to suggest, for example rated ones.
        exclude_owned
            Leave out every product the customer has a value for. The
            studio passes false with its bought and rated products in
            ``exclude``, so that viewed products stay candidates.

        Raises
        ------
        ValueError
            If ``n`` is below 1.
        """
        if n < 1:
            raise ValueError(f"Invalid n={n!r}: it must be at least 1")
        components = self.component_scores(customer_id, segment, exclude, exclude_owned)
        blended = self.blend(components, components.weights)
        # A product that no component scores is no suggestion.
        blended[blended <= 0] = -np.inf
        chosen = top_indices(blended, n)
        by_item, by_content = self._related_products(chosen, components)
        return [
            self._suggestion(
                int(index), float(blended[index]), components, int(item), int(text)
            )
            for index, item, text in zip(chosen, by_item, by_content, strict=True)
        ]

    def add_events(
        self,
        customer_id: str,
        confidences: Mapping[str, float],
    ) -> None:
        """Set the customer's confidence for some products, without a refit.

        Both k-NN models update only this customer's row (see
        :meth:`recommender.cf.KNN.update_user`). Products new to the models
        are added; products new to the catalogue get no content vector.
        """
        product_ids = list(confidences)
        values = [float(confidences[p]) for p in product_ids]
        self.user_model.update_user(customer_id, product_ids, values)
        self.item_model.update_user(customer_id, product_ids, values)
        for product_id in product_ids:
            if product_id not in self.product_index:
                self.product_index[product_id] = len(self.product_ids)
                self.product_ids.append(product_id)
                self.names[product_id] = product_id
                self.catalogue.append(ProductInfo(product_id, product_id))
        self._refresh_product_maps()
        self._segment_cache.clear()

    def _refresh_product_maps(self) -> None:
        """Map model columns to product indexes and count buyers."""
        item_ids = self.user_model.data.item_ids
        self._column_products = np.array(
            [self.product_index[item] for item in item_ids], dtype=np.int64
        )
        size = len(self.product_ids)
        content_rows = self.content.matrix.shape[0]
        if content_rows < size:
            padding = sp.csr_matrix((size - content_rows, self.content.matrix.shape[1]))
            self.content.matrix = sp.vstack([self.content.matrix, padding]).tocsr()
        values = self.user_model.data.values
        buyers = np.zeros(size)
        buyers[self._column_products] = np.diff(values.tocsc().indptr)
        self._buyers = buyers
        self._without_events = buyers == 0

    def _popularity(self, segment: Segment | None) -> np.ndarray:
        if segment is None:
            return np.log1p(self._buyers)
        cached = self._segment_cache.get(segment.id)
        if cached is None:
            rows = [
                row
                for row in map(self.user_model.user_row, sorted(segment.customer_ids))
                if row is not None
            ]
            values = self.user_model.data.values[rows]
            buyers = np.zeros(len(self.product_ids))
            buyers[self._column_products] = np.bincount(
                values.indices, minlength=values.shape[1]
            )
            cached = np.log1p(buyers)
            self._segment_cache[segment.id] = cached
        return cached

    def _suggestion(
        self,
        index: int,
        score: float,
        components: _Components,
        item_related: int,
        content_related: int,
    ) -> Suggestion:
        """Build the suggestion of product ``index`` with its strongest reason.

        ``item_related`` and ``content_related`` are the bought products
        closest to it by item k-NN and by content, or -1 if there is none.
        """
        product_id = self.product_ids[index]
        contributions = components.weights * components.scores[:, index]
        if self._without_events[index]:
            contributions = np.array([0.0, 0.0, score, 0.0])
        name = self.names.get(product_id, product_id)
        buyers = int(components.user_support[index])
        # The strongest component that can name its evidence gives the
        # reason: a product is never explained by itself, so an item or
        # content score without another product to point to gives way.
        related = -1
        strongest = "popularity"
        for position in np.argsort(-contributions, kind="stable"):
            component = COMPONENTS[int(position)]
            if contributions[position] <= 0 or component == "popularity":
                break
            if component == "user_knn" and buyers > 0:
                strongest = component
                break
            if component == "item_knn":
                related = item_related if item_related >= 0 else content_related
            elif component == "content":
                related = content_related
            if related >= 0:
                strongest = component
                break

        if strongest == "user_knn":
            reason = f"Bought by {_customers(buyers)} with similar tastes"
            return Suggestion(
                product_id, name, score, reason, "similar_customers", buyers=buyers
            )
        if related >= 0:
            related_id = self.product_ids[related]
            reason = f"Similar to {self.names.get(related_id, related_id)} you bought"
            return Suggestion(
                product_id, name, score, reason, "similar_products", related_id
            )
        if components.segment is not None:
            return Suggestion(
                product_id, name, score, SEGMENT_REASON, "popular_in_segment"
            )
        return Suggestion(product_id, name, score, POPULAR_REASON, "popular")

    def _related_products(
        self, chosen: np.ndarray, components: _Components
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return, per chosen product, the bought product that explains it best.

        Returns
        -------
        tuple[numpy.ndarray, numpy.ndarray]
            The bought product with the largest item k-NN contribution, and
            the bought product with the highest content similarity; -1 where
            there is none.
        """
        owned = components.owned
        by_item = np.full(len(chosen), -1, dtype=np.int64)
        by_content = np.full(len(chosen), -1, dtype=np.int64)
        if len(owned) == 0 or len(chosen) == 0:
            return by_item, by_content

        content = self.content.matrix
        similarity = (content[chosen] @ content[owned].T).toarray()
        # A product is never its own reason, because "Similar to Bookshelf"
        # for the bookshelf that the customer saved gives no information.
        itself = chosen[:, None] == owned[None, :]
        similarity[itself] = 0.0
        by_content = np.where(
            similarity.max(axis=1) > 0, owned[np.argmax(similarity, axis=1)], -1
        )

        contributions = components.item_contributions
        if contributions is not None:
            columns = [self.user_model.item_column(self.product_ids[i]) for i in chosen]
            known = np.array([k for k, c in enumerate(columns) if c is not None])
            if known.size:
                wanted = [columns[k] for k in known]
                shares = contributions[:, wanted].toarray()
                shares[itself[known].T] = 0.0
                has = shares.max(axis=0) > 0
                by_item[known[has]] = owned[np.argmax(shares, axis=0)[has]]
        return by_item, by_content


def _customers(count: int) -> str:
    return "1 customer" if count == 1 else f"{count} customers"
