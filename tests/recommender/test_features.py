"""Customer features built from stored customers, products and events."""

from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest
from sqlalchemy import func, select

from recommender.features import BEHAVIOUR_COLUMNS, age_band, build_features
from storage import repositories as repo
from storage.schema import Event
from storage.seed import DEMO_CUSTOMER_IDS, DemoProduct, seed_demo

START = datetime(2024, 5, 1, 10, 0)
AS_OF = datetime(2024, 5, 11, 10, 0)


def _event(customer, product, kind, minutes, **extra):
    return {
        "customer_id": customer,
        "product_id": product,
        "kind": kind,
        "occurred_at": START + timedelta(minutes=minutes),
        **extra,
    }


@pytest.fixture
def shop(db):
    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {
                    "id": "ana",
                    "display_name": "Ana",
                    "consent_profiling": True,
                    "birth_year": 1990,
                    "gender": "female",
                    "region": "Lyon",
                    "created_at": START - timedelta(days=40),
                },
                {
                    "id": "bo",
                    "display_name": "Bo",
                    "consent_profiling": True,
                    "country": "Spain",
                    "created_at": START - timedelta(days=5),
                },
                {
                    "id": "cy",
                    "display_name": "Cy",
                    "consent_profiling": True,
                    "age_band": "65_plus",
                    "created_at": START - timedelta(days=2),
                },
                {"id": "dee", "display_name": "Dee", "created_at": START},
            ],
        )
        repo.bulk_insert_products(
            session,
            [
                {
                    "id": "ring",
                    "name": "Band",
                    "category": "ring",
                    "tags": "ring,metal",
                    "unit_price": Decimal("100"),
                },
                {
                    "id": "shoe",
                    "name": "Oxford",
                    "category": "shoe",
                    "tags": "shoe,leather",
                    "unit_price": Decimal("50"),
                },
                {
                    "id": "table",
                    "name": "Table",
                    "category": "table",
                    "tags": "table,wood",
                    "unit_price": Decimal("1000"),
                },
                {"id": "mug", "name": "Mug", "category": "uncategorised"},
            ],
        )
        repo.bulk_insert_events(
            session,
            [
                # First session: two views and a purchase within 30 minutes.
                _event("ana", "ring", "view", 0),
                _event("ana", "ring", "view", 10),
                _event(
                    "ana", "ring", "purchase", 20, quantity=2, value=90, reference="O1"
                ),
                # Second session, a day later: a purchase without price, ratings.
                _event("ana", "mug", "purchase", 1440, reference="O2"),
                _event("ana", "ring", "rating", 1450, value=2),
                _event("ana", "ring", "rating", 1460, value=4),
                _event("ana", None, "search", 1465, text="oak"),
                _event("ana", "shoe", "cart", 1470, value=1),
                _event("ana", "shoe", "cart", 1475, quantity=1, value=-1),
                # Bo buys a table without an event price.
                _event("bo", "table", "purchase", 2000, reference="O3"),
                _event("bo", "table", "saved_design", 2001, text="designs/bo.json"),
                # Dee has not consented, so this is never read.
                _event("dee", "ring", "purchase", 100, value=5000, reference="O4"),
            ],
        )
    return db


def _features(db):
    with db.session(readonly=True) as session:
        return build_features(session, as_of=AS_OF)


def test_only_consenting_customers(shop):
    features = _features(shop)

    assert features.customer_ids == ["ana", "bo", "cy"]
    assert features.report.customers == 3
    assert features.report.skipped_customers == 1
    assert features.report.events == 11
    assert features.values.shape == (3, len(features.columns))
    with pytest.raises(KeyError, match="consented to profiling"):
        features.row("dee")


def test_behaviour_of_one_customer(shop):
    ana = _features(shop).row("ana")

    assert ana["sessions"] == 2
    assert ana["events"] == 9
    assert ana["views"] == 2
    assert ana["searches"] == 1
    assert ana["cart_adds"] == 1
    assert ana["cart_removals"] == 1
    assert ana["purchases"] == 2
    assert ana["frequency"] == 2
    # 2 x 90 for the ring; the mug has no price at all.
    assert ana["monetary"] == pytest.approx(180)
    assert ana["average_order_value"] == pytest.approx(90)
    assert ana["ratings"] == 1
    assert ana["mean_rating"] == 4
    last = START + timedelta(minutes=1475)
    assert ana["recency_days"] == pytest.approx((AS_OF - last) / timedelta(days=1))
    assert ana["tenure_days"] == pytest.approx(50)


def test_cleaning_counts(shop):
    report = _features(shop).report

    assert report.superseded_ratings == 1
    assert report.purchases_priced_from_product == 1
    assert report.purchases_without_price == 1
    assert report.missing_age == 1
    assert report.missing_gender == 2
    assert report.region_from_country == 1
    assert report.missing_region == 1


def test_product_price_fills_missing(shop):
    bo = _features(shop).row("bo")

    assert bo["monetary"] == pytest.approx(1000)
    assert bo["saved_designs"] == 1


def test_customer_without_events(shop):
    cy = _features(shop).row("cy")

    assert cy["events"] == 0
    assert cy["recency_days"] == pytest.approx(12)
    assert cy["tenure_days"] == pytest.approx(12)
    assert all(cy[name] == 0 for name in cy if "_share_" in name)


def test_demographics_one_hot(shop):
    features = _features(shop)
    ana, bo, cy = (features.row(c) for c in ("ana", "bo", "cy"))

    assert features.categories["ana"] == {
        "age_band": "25_34",
        "gender": "female",
        "region": "Lyon",
    }
    assert features.categories["bo"]["region"] == "Spain"
    assert features.categories["cy"]["region"] == "unknown"
    assert (ana["age_band_25_34"], ana["gender_female"], ana["region_lyon"]) == (
        1,
        1,
        1,
    )
    assert (bo["age_band_unknown"], bo["gender_unknown"], bo["region_spain"]) == (
        1,
        1,
        1,
    )
    assert cy["age_band_65_plus"] == 1
    for prefix in ("age_band_", "gender_", "region_"):
        block = [c for c in features.columns if c.startswith(prefix)]
        sums = features.values[:, [features.columns.index(c) for c in block]].sum(1)
        assert np.array_equal(sums, np.ones(3))


def test_interest_shares(shop):
    ana = _features(shop).row("ana")

    # Weights: views 0.5 each, purchases 3, ratings 1, carts 1; the search
    # has no product. Ring 1 + 3 + 2 = 6, mug 3, shoe 2, total 11.
    assert ana["family_share_jewelry"] == pytest.approx(6 / 11)
    assert ana["family_share_other"] == pytest.approx(3 / 11)
    assert ana["family_share_shoes"] == pytest.approx(2 / 11)
    assert ana["category_share_uncategorised"] == pytest.approx(3 / 11)
    assert ana["material_share_metal"] == pytest.approx(6 / 11)
    assert ana["material_share_leather"] == pytest.approx(2 / 11)
    # Unit prices 50 (shoe), 100 (ring) and 1000 (table) fall in the lower,
    # middle and upper third; the mug has no price and no band.
    assert ana["price_share_low"] == pytest.approx(2 / 11)
    assert ana["price_share_mid"] == pytest.approx(6 / 11)


def test_column_groups(shop):
    features = _features(shop)

    assert features.columns[: len(BEHAVIOUR_COLUMNS)] == list(BEHAVIOUR_COLUMNS)
    assert features.groups["monetary"] == "behaviour"
    assert features.groups["gender_female"] == "demographic"
    assert features.groups["family_share_jewelry"] == "interest"
    assert all(name.isidentifier() for name in features.columns)


def test_empty_database(db):
    with db.session(readonly=True) as session:
        features = build_features(session)

    assert features.customer_ids == []
    assert features.values.shape[0] == 0


@pytest.mark.parametrize(
    ("birth_year", "band"),
    [(2005, "under_25"), (1999, "25_34"), (1990, "25_34"), (1959, "65_plus")],
)
def test_age_band(birth_year, band):
    assert age_band(birth_year, datetime(2024, 6, 1)) == band


DEMO_PRODUCTS = [
    DemoProduct("ring-band", "Wedding band", "ring", ("ring",)),
    DemoProduct("table-dining", "Dining table", "table", ("table",)),
]


def test_demo_customers_profiled_while_the_store_has_none(db):
    seed_demo(db, DEMO_PRODUCTS)
    with db.session(readonly=True) as session:
        features = build_features(session)
        latest = session.scalar(select(func.max(Event.occurred_at)))

    assert set(features.customer_ids) == DEMO_CUSTOMER_IDS
    assert features.report.demo_customers == 0
    assert features.reference_time == latest


def test_demo_customers_left_out(shop):
    seed_demo(shop, DEMO_PRODUCTS)
    with shop.session(readonly=True) as session:
        features = build_features(session)

    assert features.customer_ids == ["ana", "bo", "cy"]
    assert features.report.demo_customers == len(DEMO_CUSTOMER_IDS)
    # Recency counts from the store's own latest event (Bo's table), not
    # from the demo history, which is years newer.
    bo_last = START + timedelta(minutes=2001)
    assert features.reference_time == bo_last
    assert features.row("bo")["recency_days"] == 0
    ana_last = START + timedelta(minutes=1475)
    assert features.row("ana")["recency_days"] == pytest.approx(
        (bo_last - ana_last) / timedelta(days=1)
    )
