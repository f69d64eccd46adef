"""Past designs of customers like the one on screen, and the advisor over them."""

from collections import Counter

import pytest

from designer import orders
from designer.option_history import (
    Basis,
    Fallback,
    open_choice_hints,
    option_advice,
    orders_revision,
    peer_designs,
)
from designer.session import DesignSession
from storage.order_schema import OrderState
from storage.profiles import set_consent
from tests.option_orders import MODEL_ID, freeze_band, place_segment_orders

# Every consenting customer's orders of the band that were not cancelled.
CONSENTING_METALS = Counter(
    {"platinum_950": 5, "silver_925": 5, "titanium": 1, "gold_18k_white": 1}
)


@pytest.fixture
def shop(studio_db, catalog):
    placed = place_segment_orders(studio_db, catalog)
    return studio_db, placed


def _metals(peers):
    return Counter(design["metal"] for design in peers.designs)


def _peers(database, customer_id):
    with database.session(readonly=True) as session:
        return peer_designs(session, MODEL_ID, customer_id)


def test_segment_member_gets_segment_designs(shop):
    database, placed = shop

    peers = _peers(database, "classic-2")

    assert peers.audience.basis is Basis.SEGMENT
    assert peers.audience.fallback is None
    assert peers.audience.segment.id == placed.segment_ids["Classic"]
    assert peers.audience.segment.label == "Classic"
    assert _metals(peers) == Counter({"platinum_950": 5})


def test_other_segment_gets_its_own_designs(shop):
    database, _ = shop

    peers = _peers(database, "modern-1")

    assert peers.audience.basis is Basis.SEGMENT
    assert _metals(peers) == Counter({"silver_925": 5, "titanium": 1})


def test_no_consent_gets_popular(shop):
    database, _ = shop

    peers = _peers(database, "nina")

    assert peers.audience.basis is Basis.POPULAR
    assert peers.audience.fallback is Fallback.NO_CONSENT
    assert peers.audience.segment is None
    assert _metals(peers) == CONSENTING_METALS


@pytest.mark.parametrize(
    ("customer_id", "fallback"),
    [
        ("nobody", Fallback.UNKNOWN_CUSTOMER),
        (None, Fallback.UNKNOWN_CUSTOMER),
        ("demo", Fallback.NO_SEGMENT),
    ],
)
def test_customers_without_segment_get_popular(shop, customer_id, fallback):
    database, _ = shop

    peers = _peers(database, customer_id)

    assert peers.audience.basis is Basis.POPULAR
    assert peers.audience.fallback is fallback
    assert _metals(peers) == CONSENTING_METALS


def test_small_segment_falls_back(shop):
    database, placed = shop

    peers = _peers(database, "gift-1")

    assert peers.audience.basis is Basis.POPULAR
    assert peers.audience.fallback is Fallback.FEW_SEGMENT_DESIGNS
    assert peers.audience.segment.id == placed.segment_ids["Gift"]
    assert _metals(peers) == CONSENTING_METALS


def test_withdrawn_consent_stops_counting(shop):
    database, _ = shop
    with database.session() as session:
        set_consent(session, "modern-1", source="staff", profiling=False)

    peers = _peers(database, "classic-1")
    popular = _peers(database, "nobody")

    assert _metals(peers) == Counter({"platinum_950": 5})
    assert _metals(popular)["silver_925"] == 3


def test_other_models_do_not_count(shop):
    database, _ = shop

    with database.session(readonly=True) as session:
        peers = peer_designs(session, "ring-solitaire", "classic-1")

    assert peers.designs == ()
    assert peers.audience.fallback is Fallback.FEW_SEGMENT_DESIGNS


def test_advice_kept_while_orders_unchanged(shop, catalog):
    database, _ = shop
    model = catalog.get(MODEL_ID)

    first = option_advice(database, model, "classic-1")
    again = option_advice(database, model, "classic-2")

    assert first.advisor is again.advisor
    assert first.design_count == 5


def test_new_order_refits_advice(shop, catalog):
    database, _ = shop
    model = catalog.get(MODEL_ID)
    first = option_advice(database, model, "classic-1")
    with database.session(readonly=True) as session:
        before = orders_revision(session)

    with database.session() as session:
        orders.place_order(
            session, "classic-3", freeze_band(catalog, "titanium"), "ana"
        )
    with database.session(readonly=True) as session:
        after = orders_revision(session)
    refitted = option_advice(database, model, "classic-1")

    assert after != before
    assert refitted.advisor is not first.advisor
    assert refitted.design_count == 6


def test_cancelling_order_changes_revision(shop, catalog):
    database, _ = shop
    band = freeze_band(catalog, "titanium")
    with database.session() as session:
        before = orders_revision(session)
        order = orders.place_order(session, "classic-1", band, "ana")
        placed_revision = orders_revision(session)
        orders.transition(session, order.id, OrderState.CANCELLED, "ana")
        cancelled_revision = orders_revision(session)

    assert placed_revision != before
    assert cancelled_revision != placed_revision


def test_hints_show_segment_favourite(shop, catalog):
    database, _ = shop
    model = catalog.get(MODEL_ID)
    advice = option_advice(database, model, "classic-1")

    hints = open_choice_hints(advice.advisor, DesignSession(model))

    metal = [hint for hint in hints if hint.name == "metal"]
    assert len(metal) == 1
    assert metal[0].value == "platinum_950"
    assert metal[0].score == pytest.approx(1.0)


def test_hints_skip_chosen_and_sizes(shop, catalog):
    database, _ = shop
    model = catalog.get(MODEL_ID)
    advice = option_advice(database, model, "classic-1")
    session = DesignSession(model)
    session.set_value("metal", "gold_18k_rose")

    names = {hint.name for hint in open_choice_hints(advice.advisor, session)}

    assert "metal" not in names
    assert "profile" in names
    assert "size" not in names
    assert "size_system" not in names


def test_hints_never_show_withheld_value(shop, catalog):
    database, _ = shop
    model = catalog.get(MODEL_ID)
    advice = option_advice(database, model, "modern-1")
    session = DesignSession(model)
    # Sterling silver bends below 1.5 mm, so the rules withhold it.
    session.set_value("depth", 1.2)

    hints = {h.name: h for h in open_choice_hints(advice.advisor, session)}

    assert "silver_925" in session.domains.withheld["metal"]
    assert hints["metal"].value == "titanium"


def test_invalid_frozen_design_skipped(shop, caplog):
    database, _ = shop
    with database.session() as session:
        order = orders.list_orders(session, search="classic-2")[0]
        revision = orders.current_revision(session, order.id)
        revision.frozen = '{"format": "unknown"}'

    peers = _peers(database, "nobody")

    assert _metals(peers)["platinum_950"] == 4
    assert f"Skipped order {order.id}" in caplog.text
