"""Recording studio activity only for customers who consented to profiling."""

from datetime import datetime
from decimal import Decimal

import pytest

from recommender.collection import Collector, collect
from recommender.interactions import build_interaction_matrix
from storage import repositories as repo
from storage.profiles import UnknownCustomerError, set_consent
from storage.schema import Event, EventKind


@pytest.fixture
def shop(db):
    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {"id": "ana", "display_name": "Ana", "consent_profiling": True},
                {"id": "bo", "display_name": "Bo", "consent_marketing": True},
            ],
        )
        repo.bulk_insert_products(
            session,
            [
                {"id": "ring", "name": "Band", "category": "ring"},
                {"id": "shoe", "name": "Oxford", "category": "shoe"},
            ],
        )
    return db


def _every_kind(collector: Collector, customer_id: str) -> list:
    return [
        collector.view(customer_id, "ring"),
        collector.search(customer_id, "gold band"),
        collector.search(customer_id, "oxford", product_id="shoe"),
        collector.favourite(customer_id, "ring"),
        collector.cart_change(customer_id, "ring", 2),
        collector.cart_change(customer_id, "ring", -1),
        collector.purchase(customer_id, "ring", 1, Decimal("450.00"), reference="O1"),
        collector.rate(customer_id, "ring", 5),
        collector.review(customer_id, "ring", "Beautiful finish"),
        collector.saved_design(customer_id, "ring", "designs/ana-ring.json"),
    ]


def test_consenting_customer_recorded(shop):
    events = _every_kind(Collector(shop), "ana")

    assert all(event is not None for event in events)
    with shop.session(readonly=True) as session:
        stored = repo.events_for_customer(session, "ana")
    assert [event.kind for event in stored] == [
        "view",
        "search",
        "search",
        "favourite",
        "cart",
        "cart",
        "purchase",
        "rating",
        "review",
        "saved_design",
    ]
    removal = stored[5]
    assert (removal.quantity, removal.value) == (1, Decimal(-1))
    purchase = stored[6]
    assert (purchase.value, purchase.reference) == (Decimal("450.00"), "O1")
    assert stored[1].product_id is None
    assert stored[8].text == "Beautiful finish"
    assert stored[9].text == "designs/ana-ring.json"


def test_non_consenting_customer_not_recorded(shop):
    events = _every_kind(Collector(shop), "bo")

    assert events == [None] * len(events)
    with shop.session(readonly=True) as session:
        assert repo.count_rows(session, Event) == 0
        assert repo.events_revision(session) == 0


def test_withdrawn_consent_stops_recording(shop):
    collector = Collector(shop)
    assert collector.view("ana", "ring") is not None
    with shop.session() as session:
        set_consent(session, "ana", source="kiosk", profiling=False)

    assert collector.view("ana", "shoe") is None
    with shop.session(readonly=True) as session:
        assert repo.customer_product_ids(session, "ana", ["view"]) == {"ring"}


def test_collect_unknown_customer(shop):
    with pytest.raises(UnknownCustomerError, match="'zed' not found"):
        with shop.session() as session:
            collect(session, "zed", EventKind.VIEW, "ring")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.rate("ana", "ring", 6), "a rating must be a number from 1 to 5"),
        (lambda c: c.review("ana", "ring", ""), "Missing text for a review"),
        (lambda c: c.cart_change("ana", "ring", 0), "Invalid cart change 0"),
    ],
)
def test_invalid_event_rejected(shop, call, message):
    with pytest.raises(ValueError, match=message):
        call(Collector(shop))
    with shop.session(readonly=True) as session:
        assert repo.count_rows(session, Event) == 0


def test_interaction_matrix_skips_profile_kinds(shop):
    collector = Collector(shop)
    collector.search("ana", "anything")
    collector.review("ana", "shoe", "Too narrow")
    collector.view("ana", "ring")

    with shop.session(readonly=True) as session:
        matrix = build_interaction_matrix(session)
    assert matrix.customer_ids == ["ana"]
    assert matrix.product_ids == ["ring"]


def test_collect_keeps_given_time(shop):
    moment = datetime(2024, 2, 1, 9, 30)
    with shop.session() as session:
        event = collect(session, "ana", "view", "ring", occurred_at=moment)
    assert event.occurred_at == moment
