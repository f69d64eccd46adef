"""Hybrid ranking: blending, cold-start switches, reasons and updates."""

import numpy as np
import pytest

from recommender.cf import confidence
from recommender.content import ProductInfo
from recommender.hybrid import (
    POPULAR_REASON,
    SEGMENT_REASON,
    BlendWeights,
    HybridParameters,
    HybridRecommender,
    Segment,
)

CATALOGUE = [
    ProductInfo("mug", "Blue stoneware mug", category="kitchen", price=8),
    ProductInfo("plate", "Blue stoneware plate", category="kitchen", price=12),
    ProductInfo("bowl", "Blue stoneware bowl", category="kitchen", price=10),
    ProductInfo("jug", "Glass water jug", category="kitchen", price=20),
    ProductInfo("lamp", "Brass desk lamp", category="light", price=60),
    ProductInfo("shade", "Linen lamp shade", category="light", price=25),
    ProductInfo("teapot", "Blue stoneware teapot", category="kitchen", price=30),
]

# (customer, product, purchases). a, b and c like blue stoneware; d and e
# like lamps. Nobody has bought the teapot yet.
PURCHASES = [
    ("a", "mug", 2),
    ("a", "plate", 1),
    ("b", "mug", 1),
    ("b", "plate", 3),
    ("b", "bowl", 1),
    ("c", "mug", 1),
    ("c", "bowl", 2),
    ("c", "jug", 1),
    ("d", "lamp", 1),
    ("d", "shade", 1),
    ("e", "lamp", 2),
    ("f", "jug", 1),
]


def _fit(purchases=PURCHASES, **parameters):
    customers, products, counts = zip(*purchases, strict=True)
    model = HybridRecommender(HybridParameters(**parameters))
    return model.fit(customers, products, confidence(np.array(counts)), CATALOGUE)


def test_similar_customers_reason():
    model = _fit(weights=BlendWeights(user_knn=1.0))

    suggestions = model.recommend("a", n=1)

    # b and c both share the mug with a and bought the bowl.
    assert suggestions[0].product_id == "bowl"
    assert suggestions[0].kind == "similar_customers"
    assert suggestions[0].reason == "Bought by 2 customers with similar tastes"


def test_similar_products_reason_names_bought_product():
    model = _fit(min_events=1, weights=BlendWeights(item_knn=1.0))

    suggestions = model.recommend("e", n=1)

    assert suggestions[0].product_id == "shade"
    assert suggestions[0].kind == "similar_products"
    assert suggestions[0].reason == "Similar to Brass desk lamp you bought"
    assert suggestions[0].related_product_id == "lamp"


def test_new_product_scored_by_content():
    weights = BlendWeights(user_knn=1.0, item_knn=0.5, content=0.25, popularity=0.5)
    model = _fit(weights=weights)

    suggestions = model.recommend("a", n=10)

    teapot = next(s for s in suggestions if s.product_id == "teapot")
    components = model.component_scores("a")
    content = components.scores[2, model.product_index["teapot"]]
    assert teapot.score == pytest.approx((1.0 + 0.5 + 0.25) * content)
    assert teapot.reason.startswith("Similar to Blue stoneware")


def test_cold_customer_gets_content_and_popularity():
    model = _fit(
        min_events=2,
        weights=BlendWeights(user_knn=1.0),
        cold_weights=BlendWeights(content=1.0, popularity=0.01),
    )

    suggestions = model.recommend("f", n=3)

    # f bought only the jug, so collaborative scores are not used.
    assert model.component_scores("f").cold is True
    assert all(s.kind in ("similar_products", "popular") for s in suggestions)
    assert suggestions[0].reason == "Similar to Glass water jug you bought"


def test_unknown_customer_gets_popular():
    model = _fit()

    suggestions = model.recommend("nobody", n=2)

    # The mug has three buyers; the plate, bowl, jug and lamp two each.
    assert [s.product_id for s in suggestions] == ["mug", "plate"]
    assert {s.reason for s in suggestions} == {POPULAR_REASON}


def test_segment_popularity():
    model = _fit()
    segment = Segment("lighting", frozenset({"d", "e"}))

    suggestions = model.recommend("nobody", n=1, segment=segment)

    assert suggestions[0].product_id == "lamp"
    assert suggestions[0].reason == SEGMENT_REASON
    assert suggestions[0].kind == "popular_in_segment"


def test_excludes_owned_and_given_products():
    model = _fit()

    offered = {s.product_id for s in model.recommend("b", n=10, exclude={"jug"})}

    assert offered.isdisjoint({"mug", "plate", "bowl", "jug"})


def test_owned_products_kept_when_asked():
    model = _fit(weights=BlendWeights(user_knn=1.0))

    offered = [s.product_id for s in model.recommend("a", n=10, exclude_owned=False)]

    assert "mug" in offered


def test_add_events_matches_refit():
    weights = BlendWeights(user_knn=1.0, content=0.2, popularity=0.1)
    model = _fit(weights=weights)
    extra = [("f", "mug", 1), ("g", "lamp", 1), ("g", "shade", 2)]

    model.add_events("f", {"jug": confidence(1), "mug": confidence(1)})
    model.add_events("g", {"lamp": confidence(1), "shade": confidence(2)})
    refit = _fit(PURCHASES + extra, weights=weights)

    for customer in "abcdefg":
        assert model.recommend(customer, n=5) == refit.recommend(customer, n=5)


def test_add_events_with_unknown_product():
    model = _fit()

    model.add_events("a", {"candle": confidence(1)})

    assert "candle" in model.product_ids
    assert "candle" not in {s.product_id for s in model.recommend("a", n=10)}
    assert model.recommend("b", n=10)


def test_rejects_explicit_parts():
    from recommender.cf import KNNParameters

    with pytest.raises(ValueError, match="Invalid user parameters"):
        HybridParameters(user=KNNParameters(feedback="explicit"))


def test_rejects_negative_weight():
    with pytest.raises(ValueError, match="Invalid content weight -1"):
        BlendWeights(content=-1)
