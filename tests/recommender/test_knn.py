"""Studio suggestions from stored events: exclusions, consent, reasons, refresh."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import text

from recommender import knn
from recommender.knn import POPULAR_REASON, SEGMENT_REASON, Segment, recommend
from storage import repositories as repo
from storage.db import open_database
from storage.profiles import set_consent
from storage.seed import DEMO_CUSTOMER_ID, DemoProduct, seed_demo

START = datetime(2024, 6, 1, 9, 0)


def _store(db, ratings=(), purchases=(), *, refusing=(), names=None):
    """Store ratings (customer, product, value) and purchases (customer, product).

    Customers in ``refusing`` have not consented to profiling. ``names``
    maps product ids to names; the default name is "Product <id>".
    """
    names = names or {}
    customers = sorted({r[0] for r in ratings} | {p[0] for p in purchases})
    products = sorted({r[1] for r in ratings} | {p[1] for p in purchases} | set(names))
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
            [
                {"id": p, "name": names.get(p, f"Product {p}"), "category": "test"}
                for p in products
            ],
        )
        repo.bulk_insert_events(session, events)


# A and B share mug and plate; B also bought a jug and C a lamp.
SHOP = [("A", "mug"), ("A", "plate"), ("B", "mug"), ("B", "plate"), ("B", "jug")]
SHOP += [("C", "lamp"), ("C", "shade"), ("D", "lamp")]
NAMES = {
    "mug": "Blue mug",
    "plate": "Blue plate",
    "jug": "Water jug",
    "lamp": "Desk lamp",
    "shade": "Lamp shade",
    "vase": "Glass vase",
    "bulb": "Desk lamp bulb",
}


def test_similar_customer_reason(db):
    _store(db, purchases=SHOP, names=NAMES)

    suggestions = recommend(db, "A", n=1)

    assert [s.product_id for s in suggestions] == ["jug"]
    assert suggestions[0].name == "Water jug"
    assert suggestions[0].kind in {"similar_customers", "similar_products"}
    assert suggestions[0].reason in {
        "Bought by 1 customer with similar tastes",
        "Similar to Blue mug you bought",
        "Similar to Blue plate you bought",
    }


def test_excludes_bought_and_rated_products(db):
    _store(db, ratings=[("A", "jug", 2)], purchases=SHOP, names=NAMES)

    suggestions = recommend(db, "A", n=10)

    offered = {s.product_id for s in suggestions}
    assert offered.isdisjoint({"mug", "plate", "jug"})
    assert offered


def test_viewed_product_stays_candidate(db):
    _store(db, purchases=SHOP, names=NAMES)
    with db.session() as session:
        repo.record_event(session, "A", "jug", "view")

    suggestions = recommend(db, "A", n=3)

    assert suggestions[0].product_id == "jug"


def test_viewed_product_is_not_its_own_reason(db):
    _store(db, purchases=SHOP, names=NAMES)
    with db.session() as session:
        repo.record_event(session, "A", "jug", "view")

    suggestions = recommend(db, "A", n=5)

    for suggestion in suggestions:
        assert suggestion.related_product_id != suggestion.product_id
        assert NAMES[suggestion.product_id] not in suggestion.reason


def test_demo_customer_reasons_name_other_products(db):
    seed_demo(
        db,
        [
            DemoProduct("ring-band", "Wedding band", "ring", ("ring",)),
            DemoProduct("shoe-oxford", "Oxford shoe", "shoe", ("shoe",)),
            DemoProduct("table-dining", "Dining table", "table", ("table",)),
            DemoProduct("bookshelf", "Bookshelf", "furniture", ("table",)),
        ],
    )
    for suggestion in recommend(db, DEMO_CUSTOMER_ID, n=10):
        assert suggestion.related_product_id != suggestion.product_id


@pytest.mark.parametrize("customer_id", ["nobody", "E"])
def test_cold_start_gets_popular(db, customer_id):
    _store(db, ratings=[("E", "i9", 3)], purchases=[("B", "i1"), ("C", "i1")])

    suggestions = recommend(db, customer_id, n=10)

    assert suggestions[0].product_id == "i1"
    assert suggestions[0].kind == "popular"
    assert suggestions[0].reason == POPULAR_REASON


def test_content_suggests_product_without_events(db):
    _store(db, purchases=SHOP, names=NAMES)

    suggestions = recommend(db, "D", n=10)

    # Nobody bought the bulb or the vase; the bulb's name shares words with
    # the lamp D bought, the vase shares only the category.
    offered = [s.product_id for s in suggestions]
    bulb = suggestions[offered.index("bulb")]
    assert bulb.reason == "Similar to Desk lamp you bought"
    assert bulb.kind == "similar_products"
    assert bulb.related_product_id == "lamp"
    assert offered.index("bulb") < offered.index("vase")


def test_segment_popularity_reason(db):
    _store(
        db,
        purchases=[("A", "mug"), ("B", "jug"), ("C", "jug"), ("D", "lamp")],
        names=NAMES,
    )
    segment = Segment("s1", frozenset({"D", "E"}))

    suggestions = recommend(db, "E", n=2, segment=segment)

    assert [s.product_id for s in suggestions] == ["lamp"]
    assert suggestions[0].reason == SEGMENT_REASON
    assert suggestions[0].kind == "popular_in_segment"


def test_no_consent_gets_popular(db):
    _store(db, purchases=SHOP, refusing={"A"}, names=NAMES)

    suggestions = recommend(db, "A", n=3)

    assert {s.kind for s in suggestions} == {"popular"}
    assert {s.product_id for s in suggestions}.isdisjoint({"mug", "plate"})


def test_refusing_neighbour_not_used(db):
    _store(db, purchases=SHOP, refusing={"B"}, names=NAMES)

    suggestions = recommend(db, "A", n=10)

    # Only B bought the jug, so no consenting customer vouches for it.
    assert "similar_customers" not in {s.kind for s in suggestions}
    assert all("customer" not in s.reason for s in suggestions)


def test_new_event_refreshes_without_refit(db):
    _store(db, purchases=SHOP, names=NAMES)
    with db.session() as session:
        repo.bulk_insert_customers(
            session, [{"id": "E", "display_name": "E", "consent_profiling": True}]
        )
    recommend(db, "E", n=3)
    fitted = knn._models[db].model

    with db.session() as session:
        repo.record_event(session, "E", "mug", "purchase")
        repo.record_event(session, "E", "plate", "purchase")
    suggestions = recommend(db, "E", n=1)

    assert knn._models[db].model is fitted
    assert [s.product_id for s in suggestions] == ["jug"]


def test_deleted_event_refits(db):
    _store(db, purchases=SHOP, names=NAMES)
    with db.session() as session:
        repo.record_event(session, "A", "jug", "purchase", reference="INV-1")
    before = [s.product_id for s in recommend(db, "A", n=10)]
    fitted = knn._models[db].model

    with db.session() as session:
        repo.delete_events_by_reference(session, ["INV-1"], kind="purchase")
    after = [s.product_id for s in recommend(db, "A", n=10)]

    assert knn._models[db].model is not fitted
    assert "jug" not in before
    assert after[0] == "jug"


def test_consent_change_refits(db):
    _store(db, purchases=SHOP, names=NAMES)
    recommend(db, "A", n=1)
    fitted = knn._models[db].model

    with db.session() as session:
        repo.get_customer(session, "B").consent_profiling = False
    suggestions = recommend(db, "A", n=10)

    assert knn._models[db].model is not fitted
    assert "similar_customers" not in {s.kind for s in suggestions}


PERSONAL_KINDS = {"similar_customers", "similar_products"}


def _kinds(suggestions):
    return {s.kind for s in suggestions}


def _withdraw(session, customer_id):
    set_consent(session, customer_id, source="kiosk", profiling=False)


def test_withdrawn_consent_applies_next_call(db):
    _store(db, purchases=SHOP, names=NAMES)
    before = recommend(db, "A", n=3)

    db.write(lambda session: _withdraw(session, "A"))
    after = recommend(db, "A", n=3)

    assert _kinds(before) & PERSONAL_KINDS
    assert _kinds(after) == {"popular"}
    assert {s.reason for s in after} == {POPULAR_REASON}


def test_consent_withdrawn_elsewhere_applies(db, db_path):
    _store(db, purchases=SHOP, names=NAMES)
    before = recommend(db, "A", n=3)

    # Another kiosk on the same file, writing without the storage functions.
    other = open_database(f"sqlite:///{db_path}")
    try:
        with other.session() as session:
            statement = "UPDATE customers SET consent_profiling = false WHERE id = 'A'"
            session.execute(text(statement))
    finally:
        other.dispose()
    after = recommend(db, "A", n=3)

    assert _kinds(before) & PERSONAL_KINDS
    assert _kinds(after) == {"popular"}


def test_same_consenting_customers_keep_model(db):
    _store(db, purchases=SHOP, names=NAMES)
    recommend(db, "A", n=1)
    fitted = knn._models[db].model

    def withdraw_and_give_again(session):
        _withdraw(session, "B")
        set_consent(session, "B", source="kiosk", profiling=True, marketing=True)

    db.write(withdraw_and_give_again)
    recommend(db, "A", n=1)

    assert knn._models[db].model is fitted


def test_served_call_skips_customer_list(db):
    _store(db, purchases=SHOP, names=NAMES)
    recommend(db, "A", n=3)
    statements = []

    def record(connection, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sqlalchemy_event.listen(db.engine, "before_cursor_execute", record)
    try:
        recommend(db, "A", n=3)
    finally:
        sqlalchemy_event.remove(db.engine, "before_cursor_execute", record)

    assert statements
    assert not [s for s in statements if "FROM customers" in s]


def test_ranking_repeats_exactly(db):
    _store(db, purchases=SHOP, names=NAMES)

    first = recommend(db, "A", n=5)
    knn.clear_models()
    second = recommend(db, "A", n=5)

    assert first == second


def test_empty_database(db):
    assert recommend(db, "anyone") == []


def test_rejects_n_below_one(db):
    with pytest.raises(ValueError, match="Invalid n=0"):
        recommend(db, "A", n=0)


@pytest.mark.parametrize("count", [3, 6])
def test_demo_customer_gets_personal_suggestions(db, count):
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

    assert suggestions[0].kind in {"similar_customers", "similar_products"}
    assert "ring-band" not in {s.product_id for s in suggestions}
