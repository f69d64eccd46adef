"""Content-based similarity of products from their text and attributes.

Each product becomes one L2-normalised row that joins

* the TF-IDF vector (scikit-learn, sublinear term frequency, English stop
  words removed) of its name, description and tags, and
* one-hot attributes, the category and the price band, scaled so that they
  carry ``attribute_weight`` of the row's squared norm.

Price bands are the quintiles of the known prices, so each band contains about a
fifth of the priced products; products without a price get no band. The
cosine of two rows is their content similarity. A customer's profile is the
confidence-weighted mean of the rows of the products they bought, and a
product's score for the customer is its cosine with that profile.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from recommender.ranking import top_indices

logger = logging.getLogger(__name__)

PRICE_BANDS = 5
DEFAULT_ATTRIBUTE_WEIGHT = 0.2


@dataclass(frozen=True)
class ProductInfo:
    """The product fields that content similarity reads.

    Attributes
    ----------
    tags
        Tags without separators, for example ``("ring", "wedding")``.
    price
        Usual unit price, or ``None`` when unknown or set per design.
    """

    id: str
    name: str
    description: str = ""
    tags: tuple[str, ...] = ()
    category: str = ""
    price: float | None = None


class ContentModel:
    """TF-IDF and attribute vectors of a product catalogue.

    Parameters
    ----------
    attribute_weight
        Share, from 0 to 1, of each row's squared norm given to category
        and price band; the text takes the rest.
    """

    def __init__(self, attribute_weight: float = DEFAULT_ATTRIBUTE_WEIGHT) -> None:
        if not 0.0 <= attribute_weight <= 1.0:
            raise ValueError(
                f"Invalid attribute_weight={attribute_weight!r}: it must be "
                "between 0 and 1"
            )
        self.attribute_weight = attribute_weight

    def fit(self, products: Sequence[ProductInfo]) -> ContentModel:
        """Vectorise ``products``; their order sets the row order."""
        self.product_ids = [product.id for product in products]
        self.product_index = {pid: row for row, pid in enumerate(self.product_ids)}
        if not products:
            self.matrix = sp.csr_matrix((0, 0))
            return self
        texts = [_text(product) for product in products]
        text_rows = _tfidf(texts)
        attribute_rows = normalize(_attributes(products))
        self.matrix = normalize(
            sp.hstack(
                [
                    text_rows * np.sqrt(1.0 - self.attribute_weight),
                    attribute_rows * np.sqrt(self.attribute_weight),
                ]
            ).tocsr()
        )
        logger.debug(
            "Vectorised %s products into %s features",
            len(products),
            self.matrix.shape[1],
        )
        return self

    def similar_products(self, product_id: str, n: int = 10) -> list[tuple[str, float]]:
        """Return up to ``n`` other products most similar to ``product_id``.

        Equal similarities keep catalogue order; products with similarity 0
        are left out.

        Raises
        ------
        KeyError
            If ``product_id`` was not in the fitted catalogue.
        """
        row = self.product_index[product_id]
        scores = self.scores_for_rows([row], [1.0])
        scores[row] = 0.0
        top = top_indices(scores, n)
        return [(self.product_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def profile(self, rows: Sequence[int], weights: Sequence[float]) -> np.ndarray:
        """Return the weighted mean of product ``rows``, L2-normalised.

        Returns
        -------
        numpy.ndarray
            Shape (features,); all zeros when ``rows`` is empty.
        """
        if len(rows) == 0:
            return np.zeros(self.matrix.shape[1])
        weights = np.asarray(weights, dtype=float)
        vector = np.asarray(weights @ self.matrix[list(rows)]).ravel()
        norm = np.linalg.norm(vector)
        return vector / norm if norm > 0 else vector

    def scores_for_rows(
        self, rows: Sequence[int], weights: Sequence[float]
    ) -> np.ndarray:
        """Return every product's cosine with the profile of ``rows``."""
        return np.asarray(self.matrix @ self.profile(rows, weights)).ravel()

    def closest(self, candidate: int, rows: Sequence[int]) -> int:
        """Return the row among ``rows`` most similar to ``candidate``."""
        similarity = self.matrix[list(rows)] @ self.matrix[candidate].T
        return int(rows[int(np.argmax(similarity.toarray().ravel()))])


def _text(product: ProductInfo) -> str:
    return " ".join([product.name, product.description or "", *product.tags])


def _tfidf(texts: list[str]) -> sp.csr_matrix:
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:
        # Every text is empty or a stop word, so there is no vocabulary.
        return sp.csr_matrix((len(texts), 0))


def _attributes(products: Sequence[ProductInfo]) -> sp.csr_matrix:
    """One-hot category and price band, one row per product."""
    categories = sorted({p.category for p in products if p.category})
    category_column = {category: i for i, category in enumerate(categories)}
    prices = np.array([p.price for p in products if p.price is not None], float)
    edges = np.array([])
    if prices.size:
        edges = np.quantile(prices, np.linspace(0, 1, PRICE_BANDS + 1)[1:-1])

    rows, columns = [], []
    for row, product in enumerate(products):
        if product.category:
            rows.append(row)
            columns.append(category_column[product.category])
        if product.price is not None:
            band = int(np.searchsorted(edges, product.price, side="right"))
            rows.append(row)
            columns.append(len(categories) + band)
    shape = (len(products), len(categories) + PRICE_BANDS)
    return sp.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=shape)
