"""User-based k-NN suggestions: the maths, the ranking rules and fallbacks."""

import math
from datetime import datetime, timedelta

import pytest

from recommender.interactions import build_interaction_matrix
from recommender.knn import POPULAR_REASON, recommend, similarities
from storage import repositories as repo
from storage.seed import DEMO_CUSTOMER_ID, DemoProduct, seed_demo

START = datetime(2024, 6, 1, 9, 0)


def _store(db, ratings=(), purchases=(), *, refusing=()):
    """Store ratings (customer, product, value) and purchases (customer, product).

    Customers in ``refusing`` have not consented to profiling.
    """
    customers = sorted({r[0] for r in ratings} | {p[0] for p in purchases})
    products = sorted({r[1] for r in ratings} | {p[1] for p in purchases})
    events = [
        {"customer_id": c, "product_id": p, "kind": "rating", "value": v}
        for c, p, v in ratings
    ] + [{"customer_id": c, "product_id": p, "kind": "purchase"} for c, p in purchases]
    for hours, event in enumerate(events):
        event["occurred_at"] = START + timedelta(hours=hours)

    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {"id": c, "display_name": c, "consent_profiling": c not in refusing}
                for c in customers
            ],
        )
        repo.bulk_insert_products(
            session,
            [{"id": p, "name": f"Product {p}", "category": "test"} for p in products],
        )
        repo.bulk_insert_events(session, events)


TEXTBOOK = [
    ("A", "i1", 5),
    ("A", "i2", 4),
    ("A", "i3", 3),
    ("B", "i1", 4),
    ("B", "i2", 5),
    ("B", "i3", 2),
    ("B", "i4", 4),
]


def test_textbook_similarity(db):
    _store(db, TEXTBOOK)
    with db.session(readonly=True) as session:
        matrix = build_interaction_matrix(session)

    similarity = similarities(matrix, matrix.customer_index["A"], min_support=2)

    # Deviations over i1..i3: A (1, 0, -1) around 4; B (0.25, 1.25, -1.75)
    # around its mean over all four ratings, 3.75.
    expected = 2.0 / (math.sqrt(2) * math.sqrt(0.0625 + 1.5625 + 3.0625))
    assert similarity[matrix.customer_index["B"]] == pytest.approx(expected)
    assert similarity[matrix.customer_index["A"]] == pytest.approx(1.0)


def test_textbook_prediction(db):
    _store(db, TEXTBOOK)

    suggestions = recommend(db, "A", n=1, min_k=1)

    # A's mean 4 plus B's deviation on i4, 4 - 3.75.
    assert [s.product_id for s in suggestions] == ["i4"]
    assert suggestions[0].score == pytest.approx(4.25)
    assert suggestions[0].kind == "similar_customers"
    assert suggestions[0].reason == "Liked by 1 customer with similar tastes"
    assert suggestions[0].name == "Product i4"


def test_min_support_zeroes_similarity(db):
    _store(db, TEXTBOOK)
    with db.session(readonly=True) as session:
        matrix = build_interaction_matrix(session)

    similarity = similarities(matrix, matrix.customer_index["A"], min_support=4)

    assert similarity[matrix.customer_index["B"]] == 0.0


def test_min_k_requires_two_neighbours(db):
    _store(db, TEXTBOOK, purchases=[("B", "i4")])

    suggestions = recommend(db, "A", n=1)

    assert [(s.product_id, s.kind) for s in suggestions] == [("i4", "popular")]


# B and C are equally similar to A (both deviate +1, -1 on x1, x2) and
# disagree on y1 and y2; with k = 1 the lower customer id decides.
TIE = [
    ("A", "x1", 5),
    ("A", "x2", 3),
    ("C", "x1", 5),
    ("C", "x2", 3),
    ("C", "y1", 3),
    ("C", "y2", 5),
    ("B", "x1", 5),
    ("B", "x2", 3),
    ("B", "y1", 5),
    ("B", "y2", 3),
]


def test_equal_similarity_ordered_by_customer_id(db):
    _store(db, TIE)

    suggestions = recommend(db, "A", n=2, k=1, min_k=1)

    assert [(s.product_id, s.score) for s in suggestions] == [
        ("y1", pytest.approx(5.0)),
        ("y2", pytest.approx(3.0)),
    ]


def test_ranking_repeats_exactly(db):
    _store(db, TIE)
    first = recommend(db, "A", n=2, min_k=1)
    second = recommend(db, "A", n=2, min_k=1)

    # With both neighbours, y1 and y2 tie at 4.0 and keep product id order.
    assert first == second
    assert [s.product_id for s in first] == ["y1", "y2"]
    assert [s.score for s in first] == pytest.approx([4.0, 4.0])


def test_excludes_bought_and_rated_products(db):
    _store(
        db,
        TEXTBOOK + [("C", "i1", 5), ("C", "i2", 4), ("C", "i3", 1), ("C", "i5", 5)],
        purchases=[("A", "i4"), ("B", "i1")],
    )

    suggestions = recommend(db, "A", n=5, min_k=1)

    # A rated i1 to i3 and bought i4, so only C's i5 is left.
    assert [(s.product_id, s.kind) for s in suggestions] == [
        ("i5", "similar_customers")
    ]


def test_fills_with_popular(db):
    _store(
        db,
        TEXTBOOK,
        purchases=[("B", "i4"), ("C", "i5"), ("D", "i5"), ("D", "i6")],
    )

    suggestions = recommend(db, "A", n=3, min_k=1)

    assert [(s.product_id, s.kind) for s in suggestions] == [
        ("i4", "similar_customers"),
        ("i5", "popular"),
        ("i6", "popular"),
    ]
    assert suggestions[0].reason == "Bought by 1 customer with similar tastes"
    assert suggestions[1].reason == POPULAR_REASON
    assert [s.score for s in suggestions[1:]] == [2.0, 1.0]


@pytest.mark.parametrize("customer_id", ["nobody", "E"])
def test_cold_start_gets_popular(db, customer_id):
    _store(
        db,
        [("E", "i9", 3)],
        purchases=[("B", "i1"), ("B", "i2"), ("C", "i2"), ("D", "i2"), ("C", "i3")],
    )

    suggestions = recommend(db, customer_id, n=10)

    # i1 and i3 tie on one buyer and follow in product id order.
    assert [s.product_id for s in suggestions] == ["i2", "i1", "i3"]
    assert {s.kind for s in suggestions} == {"popular"}
    assert {s.reason for s in suggestions} == {POPULAR_REASON}
    assert [s.score for s in suggestions] == [3.0, 1.0, 1.0]


def test_no_consent_gets_popular(db):
    _store(db, TEXTBOOK, purchases=[("B", "i4")], refusing={"A"})

    suggestions = recommend(db, "A", n=2, min_k=1)

    assert [(s.product_id, s.kind) for s in suggestions] == [("i4", "popular")]


def test_refusing_neighbour_not_used(db):
    _store(db, TEXTBOOK, refusing={"B"})

    suggestions = recommend(db, "A", n=2, min_k=1)

    assert suggestions == []


def test_new_events_change_suggestions(db):
    _store(db, [("A", "i0", 3)], purchases=[("B", "i1"), ("C", "i3")])
    before = [s.product_id for s in recommend(db, "A")]

    with db.session() as session:
        repo.record_event(session, "B", "i3", "purchase")
    after = [s.product_id for s in recommend(db, "A")]

    assert before == ["i1", "i3"]
    assert after == ["i3", "i1"]


def test_empty_database(db):
    assert recommend(db, "anyone") == []


@pytest.mark.parametrize("name", ["n", "k", "min_support", "min_k"])
def test_rejects_limits_below_one(db, name):
    with pytest.raises(ValueError, match=f"Invalid {name}=0"):
        recommend(db, "A", **{name: 0})


@pytest.mark.parametrize("count", [3, 6])
def test_demo_customer_gets_similar_suggestions(db, count):
    products = [
        DemoProduct("ring-band", "Wedding band", "ring", ("ring",)),
        DemoProduct("shoe-oxford", "Oxford shoe", "shoe", ("shoe",)),
        DemoProduct("table-dining", "Dining table", "table", ("table",)),
        DemoProduct("ring-signet", "Signet ring", "ring", ("ring",)),
        DemoProduct("shoe-boot", "Chelsea boot", "shoe", ("shoe",)),
        DemoProduct("table-desk", "Writing desk", "table", ("table",)),
    ][:count]
    seed_demo(db, products)

    suggestions = recommend(db, DEMO_CUSTOMER_ID, n=count)

    assert suggestions[0].kind == "similar_customers"
    assert suggestions[0].reason.endswith("with similar tastes")
    assert "ring-band" not in {s.product_id for s in suggestions}
