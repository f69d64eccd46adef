"""Interaction strengths built from stored events, and their cache."""

import math
from datetime import datetime, timedelta

import pytest

from recommender.interactions import (
    build_interaction_matrix,
    clear_cache,
    interaction_matrix,
)
from storage import repositories as repo

START = datetime(2024, 5, 1, 12, 0)


def _store(db, events):
    """Store customers and products named in ``events``, then the events."""
    customers = sorted({event[0] for event in events})
    products = sorted({event[1] for event in events})
    rows = []
    for hours, (customer, product, kind, quantity, value) in enumerate(events):
        rows.append(
            {
                "customer_id": customer,
                "product_id": product,
                "kind": kind,
                "quantity": quantity,
                "value": value,
                "occurred_at": START + timedelta(hours=hours),
            }
        )
    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {"id": c, "display_name": c, "consent_profiling": True}
                for c in customers
            ],
        )
        repo.bulk_insert_products(
            session, [{"id": p, "name": p, "category": "test"} for p in products]
        )
        repo.bulk_insert_events(session, rows)


def _strength(matrix, customer, product):
    row = matrix.customer_ids.index(customer)
    column = matrix.product_ids.index(product)
    return matrix.strengths[row, column]


def _build(db):
    with db.session(readonly=True) as session:
        return build_interaction_matrix(session)


def test_implicit_strength_formula(db):
    _store(
        db,
        [
            ("ana", "mug", "purchase", 2, 3),
            ("ana", "mug", "purchase", 1, 3),
            ("ana", "mug", "favourite", 1, None),
            *[("ana", "mug", "view", 1, None)] * 7,
            ("ana", "vase", "cart", 1, None),
            ("ana", "vase", "view", 1, None),
            ("ana", "vase", "view", 1, None),
        ],
    )

    matrix = _build(db)

    # Bought 3 in all, a favourite, and 7 views counted as 5.
    assert _strength(matrix, "ana", "mug") == pytest.approx(1 + math.log(4) + 0.5 + 0.5)
    assert _strength(matrix, "ana", "vase") == pytest.approx(0.25 + 0.2)


def test_latest_rating_wins(db):
    _store(
        db,
        [
            ("ana", "mug", "purchase", 10, 3),
            ("ana", "mug", "rating", 1, 5),
            ("ana", "mug", "rating", 1, 2),
            ("ana", "vase", "rating", 1, 4),
        ],
    )

    matrix = _build(db)

    assert _strength(matrix, "ana", "mug") == 2
    assert _strength(matrix, "ana", "vase") == 4


def test_means_and_bought_flags(db):
    _store(
        db,
        [
            ("ana", "mug", "rating", 1, 5),
            ("ana", "vase", "rating", 1, 3),
            ("ana", "vase", "purchase", 1, 3),
            ("bo", "mug", "purchase", 1, 3),
        ],
    )

    matrix = _build(db)

    assert matrix.customer_ids == ["ana", "bo"]
    assert matrix.product_ids == ["mug", "vase"]
    assert matrix.means.tolist() == pytest.approx([4.0, 1 + math.log(2)])
    assert matrix.centred.data.tolist() == pytest.approx([1.0, -1.0, 0.0])
    assert matrix.bought.tolist() == [False, True, True]
    assert matrix.popular == (("mug", 1), ("vase", 1))


def test_empty_database_builds_empty_matrix(db):
    matrix = _build(db)

    assert matrix.strengths.shape == (0, 0)
    assert matrix.popular == ()


def test_cache_reused_until_events_change(db):
    clear_cache()
    _store(db, [("ana", "mug", "purchase", 1, 3)])
    with db.session(readonly=True) as session:
        first = interaction_matrix(db, session)
        second = interaction_matrix(db, session)

    with db.session() as session:
        repo.record_event(session, "ana", "mug", "view")
    with db.session(readonly=True) as session:
        third = interaction_matrix(db, session)

    assert second is first
    assert third is not first
    assert _strength(third, "ana", "mug") == pytest.approx(1 + math.log(2) + 0.1)


def test_cache_rebuilt_after_delete(db):
    clear_cache()
    _store(db, [("ana", "mug", "purchase", 1, 3), ("bo", "vase", "purchase", 1, 3)])
    with db.session() as session:
        repo.record_event(session, "bo", "vase", "purchase", reference="INV-1")
    with db.session(readonly=True) as session:
        before = interaction_matrix(db, session)

    with db.session() as session:
        repo.delete_events_by_reference(session, ["INV-1"], kind="purchase")
    with db.session(readonly=True) as session:
        after = interaction_matrix(db, session)

    assert _strength(before, "bo", "vase") == pytest.approx(1 + math.log(3))
    assert _strength(after, "bo", "vase") == pytest.approx(1 + math.log(2))
