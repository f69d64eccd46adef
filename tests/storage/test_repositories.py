"""Queries and bulk writes over a real SQLite database."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from storage import repositories as repo
from storage.schema import Customer, Event, EventKind, Product

START = datetime(2024, 3, 1, 9, 0)


@pytest.fixture
def shop(db):
    """Three customers, three products and a few purchases and views."""
    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {"id": "c2", "display_name": "Bo", "consent_profiling": True},
                {"id": "c1", "display_name": "Ana", "country": "Spain"},
                {"id": "c3", "display_name": "Cy"},
            ],
        )
        repo.bulk_insert_products(
            session,
            [
                {"id": "ring", "name": "Band", "category": "ring", "tags": "ring,band"},
                {"id": "shoe", "name": "Oxford", "category": "shoe"},
                {"id": "table", "name": "Dining table", "category": "table"},
            ],
        )
        repo.bulk_insert_events(
            session,
            [
                _event("c1", "ring", "purchase", 0, reference="INV-1"),
                _event("c1", "ring", "purchase", 1, reference="INV-2"),
                _event("c2", "ring", "purchase", 2, reference="INV-3"),
                _event("c2", "shoe", "purchase", 3, reference="INV-3"),
                _event("c3", "table", "purchase", 4, reference="INV-4"),
                _event("c3", "shoe", "view", 5),
                _event("c1", "shoe", "view", 6),
            ],
        )
    return db


def _event(customer, product, kind, hours, **extra):
    return {
        "customer_id": customer,
        "product_id": product,
        "kind": kind,
        "occurred_at": START + timedelta(hours=hours),
        **extra,
    }


def test_bulk_insert_counts(shop):
    with shop.session(readonly=True) as session:
        assert repo.count_rows(session, Customer) == 3
        assert repo.count_rows(session, Product) == 3
        assert repo.count_rows(session, Event) == 7


def test_bulk_insert_defaults(shop):
    with shop.session(readonly=True) as session:
        customer = repo.get_customer(session, "c3")
        product = repo.get_product(session, "shoe")
    assert customer.consent_profiling is False
    assert customer.consent_marketing is False
    assert customer.created_at is not None
    assert product.tags == ""
    assert product.source == "catalog"
    assert product.unit_price is None


def test_list_customers_ordered_and_paged(shop):
    with shop.session(readonly=True) as session:
        everyone = [c.id for c in repo.list_customers(session)]
        page = [c.id for c in repo.list_customers(session, limit=1, offset=1)]
    assert everyone == ["c1", "c2", "c3"]
    assert page == ["c2"]


def test_get_customer_unknown(shop):
    with shop.session(readonly=True) as session:
        assert repo.get_customer(session, "nobody") is None


def test_list_products_filters(shop):
    with shop.session(readonly=True) as session:
        all_ids = [p.id for p in repo.list_products(session)]
        shoes = [p.id for p in repo.list_products(session, category="shoe")]
        imported = repo.list_products(session, source="import")
    assert all_ids == ["ring", "shoe", "table"]
    assert shoes == ["shoe"]
    assert imported == []


def test_events_for_customer_oldest_first(shop):
    with shop.session(readonly=True) as session:
        events = repo.events_for_customer(session, "c1")
        views = repo.events_for_customer(session, "c1", kinds=[EventKind.VIEW])
    assert [e.reference for e in events] == ["INV-1", "INV-2", None]
    assert [e.product_id for e in views] == ["shoe"]


def test_customer_product_ids(shop):
    with shop.session(readonly=True) as session:
        bought = repo.customer_product_ids(session, "c3")
        seen = repo.customer_product_ids(session, "c3", ["view", "purchase"])
        unknown = repo.customer_product_ids(session, "nobody")
    assert bought == {"table"}
    assert seen == {"table", "shoe"}
    assert unknown == set()


def test_popular_products_by_distinct_buyers(shop):
    with shop.session(readonly=True) as session:
        popular = repo.popular_products(session)
        top = repo.popular_products(session, limit=2)
    # c1 bought the ring twice, which counts once; shoe and table tie on
    # one buyer each and follow in id order; views do not count.
    assert popular == [("ring", 2), ("shoe", 1), ("table", 1)]
    assert top == [("ring", 2), ("shoe", 1)]


def test_product_names(shop):
    with shop.session(readonly=True) as session:
        names = repo.product_names(session, ["shoe", "missing", "ring"])
    assert names == {"shoe": "Oxford", "ring": "Band"}


def test_product_sources(shop):
    with shop.session(readonly=True) as session:
        sources = repo.product_sources(session, ["table", "missing"])
    assert sources == {"table": "catalog"}


def test_existing_customer_ids(shop):
    ids = [f"x{number}" for number in range(700)] + ["c3", "c1"]
    with shop.session(readonly=True) as session:
        assert repo.existing_customer_ids(session, ids) == {"c1", "c3"}


def test_record_event(shop):
    with shop.session() as session:
        event = repo.record_event(
            session, "c3", "ring", EventKind.RATING, value=4, occurred_at=START
        )
    assert event.id is not None
    assert event.value == Decimal(4)
    assert event.kind == "rating"


def test_record_event_rejects_unknown_kind(shop):
    with pytest.raises(ValueError, match="'wish'.*view, favourite, cart"):
        with shop.session() as session:
            repo.record_event(session, "c1", "ring", "wish")


@pytest.mark.parametrize("value", [None, 0, 6])
def test_record_event_rejects_bad_rating(shop, value):
    with pytest.raises(ValueError, match="rating must be a number from 1 to 5"):
        with shop.session() as session:
            repo.record_event(session, "c1", "ring", EventKind.RATING, value=value)


def test_events_revision_follows_writes(shop):
    with shop.session() as session:
        after_seeding = repo.events_revision(session)
        repo.record_event(session, "c1", "table", EventKind.VIEW)
        after_record = repo.events_revision(session)
        repo.delete_events_by_reference(session, ["INV-4"], kind=EventKind.PURCHASE)
        after_delete = repo.events_revision(session)
        repo.delete_events_by_reference(session, ["none"], kind=EventKind.PURCHASE)
        after_noop = repo.events_revision(session)

    assert after_seeding == 1
    assert after_record == 2
    assert after_delete == 3
    assert after_noop == 3


def test_delete_events_by_reference_matches_kind(shop):
    with shop.session() as session:
        repo.record_event(session, "c1", "table", EventKind.VIEW, reference="INV-3")
        deleted = repo.delete_events_by_reference(
            session, ["INV-3", "INV-9"], kind=EventKind.PURCHASE
        )
        remaining = repo.events_for_customer(session, "c1", kinds=["view"])

    assert deleted == 2
    assert [e.reference for e in remaining] == [None, "INV-3"]


def test_delete_events_by_reference_many(db):
    references = [f"INV-{number:05d}" for number in range(1_200)]
    with db.session() as session:
        repo.bulk_insert_customers(session, [{"id": "c1", "display_name": "Ana"}])
        repo.bulk_insert_products(
            session, [{"id": "p1", "name": "Mug", "category": "kitchen"}]
        )
        repo.bulk_insert_events(
            session,
            [_event("c1", "p1", "purchase", 0, reference=ref) for ref in references],
        )

    with db.session() as session:
        deleted = repo.delete_events_by_reference(
            session, references[:1_100], kind="purchase"
        )
        left = repo.count_rows(session, Event)

    assert deleted == 1_100
    assert left == 100


def test_settings_round_trip(db):
    with db.session() as session:
        assert repo.get_setting(session, "theme") is None
        repo.set_setting(session, "theme", "dark")
        repo.set_setting(session, "theme", "light")

    with db.session(readonly=True) as session:
        assert repo.get_setting(session, "theme") == "light"


def test_batched():
    assert list(repo.batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(repo.batched([], 3)) == []
