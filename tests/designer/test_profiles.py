"""A customer's profile for staff, built from a real database."""

from datetime import datetime
from decimal import Decimal

import pytest

from designer.profiles import SummaryLine, build_profile
from recommender.collection import Collector
from recommender.segments import refit_segments
from storage import repositories as repo
from storage.db import open_database
from storage.profiles import UnknownCustomerError, set_demographics
from storage.seed import DemoProduct, seed_demo


@pytest.fixture
def shop(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'shop.db'}")
    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {
                    "id": f"c{number}",
                    "display_name": f"Customer {number}",
                    "consent_profiling": number != 4,
                    "consent_marketing": number % 2 == 0,
                    "created_at": datetime(2024, 1, 1),
                }
                for number in range(5)
            ],
        )
        repo.bulk_insert_products(
            session,
            [
                {"id": "ring", "name": "Band", "category": "ring"},
                {"id": "table", "name": "Table", "category": "table"},
            ],
        )
        set_demographics(session, "c0", gender="female", birth_year=1985)
    collector = Collector(db)
    for number in range(5):
        product = "ring" if number < 2 else "table"
        collector.view(f"c{number}", product)
        collector.purchase(f"c{number}", product, 1, Decimal(100 * (number + 1)))
    collector.review("c0", "ring", "Perfect fit")
    collector.rate("c0", "ring", 2)
    collector.rate("c0", "ring", 5)
    yield db
    db.dispose()


def test_profile_of_consenting_customer(shop):
    refit_segments(shop)

    profile = build_profile(shop, "c0")

    assert profile.consent_profiling is True
    assert profile.demographics["gender"] == "female"
    assert profile.demographics["region"] == "unknown"
    assert "jewelry-lover" in {tag.id for tag in profile.tags}
    assert "reviewer" in {tag.id for tag in profile.tags}
    assert profile.segment is not None
    assert profile.interests[0][0] == "jewelry"
    assert profile.event_count == 5
    assert [entry.kind for entry in profile.history] == [
        "rating",
        "rating",
        "review",
        "purchase",
        "view",
    ]
    assert profile.history[2].text == "Perfect fit"
    assert profile.history[3].product_name == "Band"


def test_profile_summary_against_population(shop):
    profile = build_profile(shop, "c3")

    summary = {line.feature: line for line in profile.summary}
    # Spending of the four profiled customers: 100, 200, 300, 400.
    assert summary["monetary"].value == 400
    assert summary["monetary"].median == 250
    assert summary["monetary"].rank == 75
    assert summary["monetary"].higher == 0
    assert str(summary["monetary"].standing()) == "the highest of all customers"
    assert summary["mean_rating"].value == 0
    assert profile.segment is None


def test_profile_standing_at_each_end(shop):
    lowest = {line.feature: line for line in build_profile(shop, "c1").summary}
    middle = {line.feature: line for line in build_profile(shop, "c2").summary}

    # Spending of c1 and c2: 200 and 300 of 100, 200, 300 and 400.
    assert str(lowest["monetary"].standing()) == "above 25% of customers"
    assert str(middle["monetary"].standing()) == "above 50% of customers"
    # c1, c2 and c3 have no rating, and c0 has one.
    assert str(lowest["ratings"].standing()) == "the lowest of all customers"


@pytest.mark.parametrize(
    ("rank", "higher", "text"),
    [
        (99.8, 0.0, "the highest of all customers"),
        (99.6, 0.2, "above 99% of customers"),
        (0.0, 99.8, "the lowest of all customers"),
        (0.2, 99.6, "above 1% of customers"),
        (0.0, 0.0, "the same as all customers"),
    ],
)
def test_standing_of_large_population(rank, higher, text):
    line = SummaryLine("monetary", 1.0, 1.0, rank, higher)

    assert str(line.standing()) == text


def test_profile_latest_rating_only(shop):
    summary = {line.feature: line for line in build_profile(shop, "c0").summary}

    assert summary["ratings"].value == 1
    assert summary["mean_rating"].value == 5


def test_profile_history_limit(shop):
    profile = build_profile(shop, "c0", history_limit=2)

    assert [entry.kind for entry in profile.history] == ["rating", "rating"]
    assert profile.event_count == 5


def test_no_profile_without_consent(shop):
    profile = build_profile(shop, "c4")

    assert profile.consent_profiling is False
    assert profile.tags == []
    assert profile.summary == []
    assert profile.history == []
    assert profile.segment is None


def test_profile_unknown_customer(shop):
    with pytest.raises(UnknownCustomerError, match="'nobody' not found"):
        build_profile(shop, "nobody")


def test_left_out_demo_keeps_history(shop):
    products = [
        DemoProduct("ring", "Band", "ring", ("ring",)),
        DemoProduct("table", "Table", "table", ("table",)),
    ]
    seed_demo(shop, products)

    profile = build_profile(shop, "demo")

    # The store has customers of its own, so the demo customer gets no
    # tags or statistics, but staff still see what it did.
    assert profile.consent_profiling is True
    assert profile.tags == []
    assert profile.summary == []
    assert profile.event_count > 0
    assert profile.history
    assert profile.demo_left_out
