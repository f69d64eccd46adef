"""Demo seeding: idempotent, deterministic, with a usable demo history."""

from collections import Counter

import pytest
from sqlalchemy import select

from storage import repositories as repo
from storage.db import open_database
from storage.schema import Customer, Event, Product
from storage.seed import DEMO_CUSTOMER_ID, DemoProduct, is_seeded, seed_demo

CATALOG = [
    DemoProduct("ring-band", "Wedding band", "ring", ("ring", "band", "wedding")),
    DemoProduct("shoe-oxford", "Oxford shoe", "shoe", ("shoe", "leather")),
    DemoProduct("table-dining", "Dining table", "table", ("table", "oak")),
]

MADE_UP = [
    DemoProduct("ring-signet", "Signet ring", "ring", ("ring", "signet")),
    DemoProduct("ring-solitaire", "Solitaire", "ring", ("ring", "diamond")),
    DemoProduct("shoe-loafer", "Loafer", "shoe", ("shoe",)),
    DemoProduct("shoe-boot", "Chelsea boot", "shoe", ("shoe", "boot")),
    DemoProduct("table-coffee", "Coffee table", "table", ("table",)),
    DemoProduct("table-desk", "Writing desk", "table", ("table", "desk")),
]


def _event_rows(db):
    with db.session(readonly=True) as session:
        query = select(
            Event.customer_id,
            Event.product_id,
            Event.kind,
            Event.quantity,
            Event.value,
            Event.occurred_at,
            Event.reference,
        ).order_by(Event.id)
        return [tuple(row) for row in session.execute(query)]


def test_seed_creates_demo_customer(db):
    assert not is_seeded(db)

    result = seed_demo(db, CATALOG)

    assert is_seeded(db)
    assert result.products == 3
    assert result.customers == 12
    with db.session(readonly=True) as session:
        demo = repo.get_customer(session, DEMO_CUSTOMER_ID)
        kinds = Counter(e.kind for e in repo.events_for_customer(session, "demo"))
        bought = repo.customer_product_ids(session, DEMO_CUSTOMER_ID)
        assert repo.count_rows(session, Event) == result.events
    assert demo.display_name == "Demo Customer"
    assert demo.consent_profiling is True
    assert demo.consent_marketing is True
    assert set(kinds) == {"view", "favourite", "cart", "purchase", "rating"}
    assert bought == {"ring-band"}


def test_seed_twice_adds_nothing(db):
    seed_demo(db, CATALOG)
    events_before = _event_rows(db)

    result = seed_demo(db, CATALOG)

    assert (result.products, result.customers, result.events) == (0, 0, 0)
    assert _event_rows(db) == events_before
    with db.session(readonly=True) as session:
        assert repo.count_rows(session, Customer) == 12
        assert repo.count_rows(session, Product) == 3


def test_seed_adds_new_catalog_products(db):
    seed_demo(db, CATALOG)

    result = seed_demo(db, [*CATALOG, MADE_UP[0]])

    assert (result.products, result.customers, result.events) == (1, 0, 0)
    with db.session(readonly=True) as session:
        product = repo.get_product(session, "ring-signet")
    assert product.tags == "ring,signet"
    assert product.source == "catalog"


@pytest.mark.parametrize("products", [CATALOG, MADE_UP], ids=["catalog", "made-up"])
def test_seed_is_deterministic(tmp_path, products):
    histories = []
    for name in ("first.db", "second.db"):
        database = open_database(f"sqlite:///{tmp_path / name}")
        seed_demo(database, products)
        histories.append(_event_rows(database))
        database.dispose()

    assert histories[0] == histories[1]
    assert {row[1] for row in histories[0]} == {p.id for p in products}


def test_seed_rejects_single_product(db):
    with pytest.raises(ValueError, match="at least 2 products.*got 1"):
        seed_demo(db, CATALOG[:1])
    assert not is_seeded(db)


def test_seed_rejects_repeated_id(db):
    with pytest.raises(ValueError, match="'ring-band' appears twice"):
        seed_demo(db, [CATALOG[0], CATALOG[1], CATALOG[0]])


def test_seed_rejects_comma_in_tag(db):
    bad = DemoProduct("lamp", "Lamp", "light", ("warm, white",))
    with pytest.raises(ValueError, match="'warm, white' of product 'lamp'"):
        seed_demo(db, [CATALOG[0], bad])
