"""Offline evaluation of product suggestions on a sales history.

The protocol for the Online Retail file:

* **Split in time.** Purchases before 2011-09-01 train the models and later
  purchases test them. Only customers with purchases in both periods are
  evaluated, and of those only customers who bought in the test period at
  least one product they had not bought before, because suggestions never
  repeat a bought product.
* **Relevant products** of a customer are those bought in the test period
  and not in the training period.
* **Candidates** are every product of the file that the customer did not
  buy in the training period. Product names and usual prices are catalogue
  data, so products first sold in the test period are candidates too, and
  only content similarity can suggest them.
* **Metrics** over the ten suggestions per customer: precision@10, recall@10
  (hits / relevant products), nDCG@10 with binary relevance, and coverage
  (the share of candidate products suggested to at least one customer).
  Every method fills a list with too few scored products with the most
  popular ones.
* **Tuning** of the hybrid weights uses only the training period: purchases
  before 2011-06-01 train and purchases from 2011-06-01 to 2011-08-31
  validate, and the grid point with the best validation nDCG@10 is kept.
"""

from __future__ import annotations

import itertools
import logging
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from os import PathLike

import numpy as np

from recommender.cf import confidence
from recommender.content import ProductInfo
from recommender.hybrid import COMPONENTS, BlendWeights, HybridParameters
from recommender.hybrid import HybridRecommender as Hybrid
from recommender.online_retail import Transaction, load_online_retail

logger = logging.getLogger(__name__)

TEST_START = datetime(2011, 9, 1)
VALIDATION_START = datetime(2011, 6, 1)
TOP_N = 10

# Candidate weights of each component. Blends that differ by a common
# factor rank alike, so the grid repeats some rankings.
USER_GRID = (0.0, 0.25, 0.5, 1.0, 2.0)
ITEM_GRID = (0.0, 0.5, 1.0)
CONTENT_GRID = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0)
POPULARITY_GRID = (0.0, 0.1, 0.25, 0.5, 1.0)
COLD_CONTENT_GRID = (0.0, 0.1, 0.3, 1.0, 3.0)

# Weight of popularity, far below any score difference that matters, that
# breaks ties between equal blended scores while tuning.
TIE_BREAK = 1e-9

# Tuning first ranks only the products in the top POOL_SIZE of some
# component, and ranks all products for the grid points where a product
# outside that pool could still reach the top ten.
POOL_SIZE = 100

# Single-component methods, as weights in COMPONENTS order.
SINGLE_METHODS = {
    "popularity": (0.0, 0.0, 0.0, 1.0),
    "user_knn": (1.0, 0.0, 0.0, 0.0),
    "item_knn": (0.0, 1.0, 0.0, 0.0),
    "content": (0.0, 0.0, 1.0, 0.0),
}


@dataclass(frozen=True)
class Period:
    """Training pairs and the relevant products of each evaluated customer."""

    customers: list[str]
    products: list[str]
    confidences: np.ndarray
    relevant: dict[str, set[str]]
    present_in_both: int


def evaluate_online_retail(path: str | PathLike[str]) -> dict[str, object]:
    """Run the whole protocol on an Online Retail file and return the figures.

    Returns
    -------
    dict
        ``methods`` maps each method to its ``precision@10``,
        ``recall@10``, ``ndcg@10`` and ``coverage``. ``customers`` is the
        number of evaluated customers. The other keys describe the split,
        the tuned weights and the timings in seconds and milliseconds.
    """
    started = time.perf_counter()
    _report, rows = load_online_retail(path)
    catalogue = build_catalogue(rows)
    load_seconds = time.perf_counter() - started

    started = time.perf_counter()
    training = [row for row in rows if row.invoice_date < TEST_START]
    tuned, validation = tune_weights(training, catalogue)
    tune_seconds = time.perf_counter() - started

    period = split_period(rows, TEST_START)
    started = time.perf_counter()
    model = Hybrid(tuned).fit(
        period.customers, period.products, period.confidences, catalogue
    )
    fit_seconds = time.perf_counter() - started

    methods, cold = evaluate_methods(model, period.relevant)
    latencies = _query_latencies(model, sorted(period.relevant))
    return {
        "methods": methods,
        "customers": len(period.relevant),
        "customers_in_both_periods": period.present_in_both,
        "cold_start_customers": cold,
        "test_start": TEST_START.date().isoformat(),
        "candidate_products": len(model.product_ids),
        "training_pairs": len(period.customers),
        "tuned": {
            "weights": _weights_dict(tuned.weights),
            "cold_weights": _weights_dict(tuned.cold_weights),
            "min_events": tuned.min_events,
            "validation_start": VALIDATION_START.date().isoformat(),
            "validation_customers": validation["customers"],
            "validation_ndcg@10": validation["ndcg@10"],
        },
        "seconds": {
            "load": round(load_seconds, 2),
            "tune": round(tune_seconds, 2),
            "fit": round(fit_seconds, 2),
        },
        "recommend_ms": latencies,
    }


def build_catalogue(rows: Sequence[Transaction]) -> list[ProductInfo]:
    """Return one product per stock code with its usual name and price.

    The name is the most frequent description and the price the most
    frequent unit price, the alphabetically first or lowest among ties.
    Products are in stock code order.
    """
    names: defaultdict[str, Counter[str]] = defaultdict(Counter)
    prices: defaultdict[str, Counter[Decimal]] = defaultdict(Counter)
    for row in rows:
        names[row.stock_code][row.description] += 1
        prices[row.stock_code][row.unit_price] += 1
    catalogue = []
    for code in sorted(names):
        name = min(names[code].items(), key=lambda item: (-item[1], item[0]))[0]
        price = min(prices[code].items(), key=lambda item: (-item[1], item[0]))[0]
        catalogue.append(
            ProductInfo(code, name or code, category="imported", price=float(price))
        )
    return catalogue


def split_period(rows: Iterable[Transaction], start: datetime) -> Period:
    """Split purchases at ``start`` into training pairs and relevant products.

    Rows before ``start`` train and the others test.
    A customer's confidence for a product is ``1 + ln(1 + lines)``, with
    ``lines`` the number of purchase lines of that product in training.
    """
    lines: Counter[tuple[str, str]] = Counter()
    later: defaultdict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.invoice_date < start:
            lines[(row.customer_id, row.stock_code)] += 1
        else:
            later[row.customer_id].add(row.stock_code)

    bought: defaultdict[str, set[str]] = defaultdict(set)
    for customer, product in lines:
        bought[customer].add(product)
    both = [customer for customer in later if customer in bought]
    relevant = {
        customer: later[customer] - bought[customer]
        for customer in both
        if later[customer] - bought[customer]
    }
    pairs = sorted(lines)
    return Period(
        customers=[customer for customer, _ in pairs],
        products=[product for _, product in pairs],
        confidences=confidence(np.array([lines[pair] for pair in pairs])),
        relevant=relevant,
        present_in_both=len(both),
    )


def tune_weights(
    training: Sequence[Transaction], catalogue: Sequence[ProductInfo]
) -> tuple[HybridParameters, dict[str, float]]:
    """Choose blend weights on a validation split inside ``training``.

    Every grid point is scored at once per customer: one matrix product
    gives the blended scores of all points. Equal scores are ordered by
    popularity, as :func:`evaluate_methods` orders them, and products equal
    in both in an arbitrary order.

    Returns
    -------
    tuple[HybridParameters, dict]
        The parameters with the best warm and cold weights, and the
        validation figures (``customers`` and ``ndcg@10`` of the chosen
        weights).
    """
    period = split_period(training, VALIDATION_START)
    model = Hybrid().fit(
        period.customers, period.products, period.confidences, catalogue
    )
    warm_grid = np.array(
        [
            weights
            for weights in itertools.product(
                USER_GRID, ITEM_GRID, CONTENT_GRID, POPULARITY_GRID
            )
            if any(weights)
        ]
    )
    cold_grid = np.array([(0.0, 0.0, content, 1.0) for content in COLD_CONTENT_GRID])

    warm_gains = np.zeros(len(warm_grid))
    cold_gains = np.zeros(len(cold_grid))
    for customer, relevant in sorted(period.relevant.items()):
        components = model.component_scores(customer)
        if components.cold:
            cold_gains += _grid_ndcg(model, components, cold_grid, relevant)
        else:
            warm_gains += _grid_ndcg(model, components, warm_grid, relevant)

    best_warm = int(np.argmax(warm_gains))
    best_cold = int(np.argmax(cold_gains))
    tuned = replace(
        model.parameters,
        weights=BlendWeights(*warm_grid[best_warm]),
        cold_weights=BlendWeights(*cold_grid[best_cold]),
    )
    customers = len(period.relevant)
    total = float(warm_gains[best_warm] + cold_gains[best_cold])
    logger.info("Tuned hybrid weights on %s validation customers", customers)
    return tuned, {
        "customers": customers,
        "ndcg@10": round(total / max(customers, 1), 4),
    }


def _grid_ndcg(
    model: Hybrid, components, grid: np.ndarray, relevant: set[str]
) -> np.ndarray:
    """Return nDCG@10 of the customer's list for every row of ``grid``."""
    scores = np.where(np.isfinite(components.scores), components.scores, 0.0)
    scores[:, components.blocked] = 0.0
    size = scores.shape[1]
    if size <= POOL_SIZE + TOP_N:
        everything = np.arange(size)
        return _grid_ndcg_over(model, components, grid, relevant, everything)[0]

    # Every product outside the pool scores at most `outside` on each
    # component, which bounds its blended score from above.
    partitioned = np.argpartition(-scores, POOL_SIZE, axis=1)
    pool = np.unique(partitioned[:, :POOL_SIZE])
    outside = scores[np.arange(len(scores)), partitioned[:, POOL_SIZE]]
    cf_share = grid[:, :3].sum(axis=1)
    bound = np.maximum(grid @ outside, cf_share * outside[2]) + TIE_BREAK

    gains, tenth = _grid_ndcg_over(model, components, grid, relevant, pool)
    unsure = tenth <= bound
    if unsure.any():
        everything = np.arange(size)
        exact, _tenth = _grid_ndcg_over(
            model, components, grid[unsure], relevant, everything
        )
        gains[unsure] = exact
    return gains


def _grid_ndcg_over(
    model: Hybrid,
    components,
    grid: np.ndarray,
    relevant: set[str],
    products: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Rank ``products`` for every grid row; return nDCG@10 and 10th scores."""
    blended = model.blend_grid(components, grid, products)
    blended += TIE_BREAK * components.scores[3, products]
    top = np.argpartition(-blended, TOP_N, axis=1)[:, :TOP_N]
    values = np.take_along_axis(blended, top, axis=1)
    order = np.argsort(-values, axis=1, kind="stable")
    top = np.take_along_axis(top, order, axis=1)
    tenth = np.take_along_axis(values, order, axis=1)[:, -1]

    targets = np.fromiter(_indexes(model, relevant), np.int64)
    hits = np.isin(products[top], targets)
    discounts = 1.0 / np.log2(np.arange(2, TOP_N + 2))
    ideal = discounts[: min(TOP_N, len(targets))].sum()
    return (hits * discounts).sum(axis=1) / ideal, tenth


def evaluate_methods(
    model: Hybrid, relevant: dict[str, set[str]]
) -> tuple[dict[str, dict[str, float]], int]:
    """Score every method on ``relevant`` and return the metrics and cold count."""
    rankers: dict[str, Callable[[object], np.ndarray]] = {}
    for name, single in SINGLE_METHODS.items():
        rankers[name] = _single_ranker(np.array(single))
    rankers["hybrid"] = _hybrid_ranker(model)

    lists: dict[str, list[np.ndarray]] = {name: [] for name in rankers}
    targets = []
    cold = 0
    for customer in sorted(relevant):
        components = model.component_scores(customer)
        cold += components.cold
        targets.append(_indexes(model, relevant[customer]))
        for name, ranker in rankers.items():
            lists[name].append(ranker(components))

    size = len(model.product_ids)
    methods = {name: ranking_metrics(lists[name], targets, size) for name in rankers}
    return methods, cold


def ranking_metrics(
    ranked_lists: Sequence[np.ndarray],
    relevant: Sequence[set[int]],
    catalogue_size: int,
) -> dict[str, float]:
    """Return mean precision@N, recall@N and nDCG@N, and catalogue coverage.

    ``N`` is :data:`TOP_N`. Coverage is the number of distinct products in
    all lists divided by ``catalogue_size``.
    """
    precision = recall = gain = 0.0
    suggested: set[int] = set()
    for ranked, targets in zip(ranked_lists, relevant, strict=True):
        hits = sum(1 for product in ranked[:TOP_N] if product in targets)
        precision += hits / TOP_N
        recall += hits / len(targets)
        gain += ndcg(ranked, targets)
        suggested.update(int(product) for product in ranked[:TOP_N])
    count = max(len(ranked_lists), 1)
    return {
        f"precision@{TOP_N}": round(precision / count, 4),
        f"recall@{TOP_N}": round(recall / count, 4),
        f"ndcg@{TOP_N}": round(gain / count, 4),
        "coverage": round(len(suggested) / max(catalogue_size, 1), 4),
    }


def ndcg(ranked: Sequence[int], relevant: set[int], n: int = TOP_N) -> float:
    """Return the normalised discounted cumulative gain of ``ranked[:n]``.

    Relevance is binary: ``DCG = sum over hits at rank r (from 1) of
    1 / log2(r + 1)``, divided by the DCG of ``min(n, |relevant|)`` hits.
    """
    if not relevant:
        return 0.0
    dcg = sum(
        1.0 / math.log2(rank + 2)
        for rank, product in enumerate(ranked[:n])
        if product in relevant
    )
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(n, len(relevant))))
    return dcg / ideal


def _single_ranker(weights: np.ndarray):
    def rank(components) -> np.ndarray:
        scores = weights @ components.scores
        return _ranked(scores, components.scores[3], components.blocked)

    return rank


def _hybrid_ranker(model: Hybrid):
    def rank(components) -> np.ndarray:
        scores = model.blend(components, components.weights)
        return _ranked(scores, components.scores[3], components.blocked)

    return rank


def _ranked(
    scores: np.ndarray, popularity: np.ndarray, blocked: np.ndarray
) -> np.ndarray:
    """Return the top products by score, then popularity, then index.

    Non-finite scores count as -1, below every scored product, so the list
    is filled with popular products. Blocked products are left out.
    """
    scores = np.where(np.isfinite(scores), scores, -1.0)
    scores[blocked] = -np.inf
    size = scores.size
    threshold = (
        np.partition(scores, size - TOP_N)[size - TOP_N] if size > TOP_N else -np.inf
    )
    # Fewer than TOP_N products score above the threshold, so only the
    # products at the threshold need the popularity order.
    above = np.flatnonzero(scores > threshold)
    tied = np.flatnonzero(scores == threshold)
    tied = tied[np.lexsort((tied, -popularity[tied]))][: TOP_N - above.size]
    pool = np.concatenate([above, tied])
    ranked = pool[np.lexsort((pool, -popularity[pool], -scores[pool]))]
    return ranked[np.isfinite(scores[ranked])]


def _indexes(model: Hybrid, product_ids: Iterable[str]) -> set[int]:
    return {model.product_index[p] for p in product_ids if p in model.product_index}


def _weights_dict(weights: BlendWeights) -> dict[str, float]:
    return {name: getattr(weights, name) for name in COMPONENTS}


def _query_latencies(model: Hybrid, customers: Sequence[str]) -> dict[str, float]:
    timings = []
    for customer in customers:
        started = time.perf_counter()
        model.recommend(customer, TOP_N)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "calls": len(timings),
        "median": round(timings[len(timings) // 2], 2),
        "p95": round(timings[max(0, math.ceil(0.95 * len(timings)) - 1)], 2),
    }
