"""Time fitting and querying the hybrid recommender on large synthetic data.

Run ``python -m bench.recommender_scale [--customers N] [--products N]
[--events N]``. The defaults are 100,000 customers, 10,000 products and
1,000,000 purchase events. It prints one JSON object with the time to fit,
the peak resident memory of the process, and the median and 95th percentile
of ten suggestions for random customers.

The data come from a fixed seed. Each customer belongs to one of 50 taste
groups and buys 80% of the time from the group's products, so neighbours
exist. Product popularity follows a Zipf law and the number of events per
customer a geometric law. Each product name has words of its group, so
content similarity has a vocabulary to work on.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

import numpy as np

from recommender.cf import confidence
from recommender.content import ProductInfo
from recommender.hybrid import HybridRecommender

SEED = 20240601
GROUPS = 50
IN_GROUP = 0.8
QUERIES = 200
WORDS = (
    "oak walnut ash brass gold silver linen wool leather suede velvet glass "
    "stone marble copper bronze cedar maple pine cotton silk satin canvas cork"
).split()
NOUNS = "table chair lamp ring boot shoe shelf desk vase bowl mug band".split()


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the benchmark and print its JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    if args.events < args.customers:
        parser.error(f"--events ({args.events}) must be at least --customers")
    print(json.dumps(run(args.customers, args.products, args.events), indent=2))


def synthetic_events(
    customers: int, products: int, events: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (customer, product) codes of ``events`` purchases and product groups.

    ``events`` must be at least ``customers``, because every customer buys.
    """
    customer_group = rng.integers(0, GROUPS, customers)
    product_group = rng.integers(0, GROUPS, products)
    # Zipf-like popularity: weight 1 / rank^0.8 over a random product order.
    weights = 1.0 / np.arange(1, products + 1) ** 0.8
    weights = weights[rng.permutation(products)]

    # Every customer buys once, and the other events follow the activity.
    activity = rng.geometric(1.0 / (events / customers), customers).astype(float)
    buyers = np.concatenate(
        [
            np.arange(customers),
            rng.choice(customers, events - customers, p=activity / activity.sum()),
        ]
    )

    by_group = [np.flatnonzero(product_group == g) for g in range(GROUPS)]
    group_weights = [weights[p] / weights[p].sum() for p in by_group]
    overall = weights / weights.sum()

    bought = np.empty(events, dtype=np.int64)
    in_group = rng.random(events) < IN_GROUP
    for group in range(GROUPS):
        chosen = np.flatnonzero(in_group & (customer_group[buyers] == group))
        bought[chosen] = rng.choice(
            by_group[group], chosen.size, p=group_weights[group]
        )
    others = np.flatnonzero(~in_group)
    bought[others] = rng.choice(products, others.size, p=overall)
    return buyers, bought, product_group


def run(customers: int, products: int, events: int) -> dict[str, object]:
    """Generate the data, fit the model and time queries."""
    rng = np.random.default_rng(SEED)
    started = time.perf_counter()
    buyers, bought, product_group = synthetic_events(customers, products, events, rng)
    pairs, counts = np.unique(buyers * products + bought, return_counts=True)
    customer_ids = [f"c{code}" for code in (pairs // products).tolist()]
    product_ids = [f"p{code}" for code in (pairs % products).tolist()]
    catalogue = [
        ProductInfo(
            f"p{code}",
            f"{WORDS[group % len(WORDS)]} {WORDS[(group * 7) % len(WORDS)]} "
            f"{NOUNS[code % len(NOUNS)]}",
            category=NOUNS[code % len(NOUNS)],
            price=float(5 + code % 500),
        )
        for code, group in enumerate(product_group.tolist())
    ]
    generate_seconds = time.perf_counter() - started

    started = time.perf_counter()
    model = HybridRecommender().fit(
        customer_ids, product_ids, confidence(counts), catalogue
    )
    fit_seconds = time.perf_counter() - started

    known = sorted(set(customer_ids))
    sample = rng.choice(len(known), QUERIES, replace=False)
    timings = []
    lengths = []
    for index in sample.tolist():
        started = time.perf_counter()
        suggestions = model.recommend(known[index], 10)
        timings.append((time.perf_counter() - started) * 1000)
        lengths.append(len(suggestions))
    timings.sort()

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "customers": len(known),
        "products": products,
        "events": events,
        "distinct_pairs": len(pairs),
        "generate_s": round(generate_seconds, 1),
        "fit_s": round(fit_seconds, 1),
        "peak_memory_mib": round(peak),
        "recommend_ms": {
            "calls": QUERIES,
            "median": round(timings[QUERIES // 2], 1),
            "p95": round(timings[int(0.95 * QUERIES) - 1], 1),
            "max": round(timings[-1], 1),
        },
        "suggestions_per_call": min(lengths),
    }


if __name__ == "__main__":
    main()
