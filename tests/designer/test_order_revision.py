"""Revising a draft or quoted order's design, as the studio saves it back."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from designer import orders
from designer.order_design import NotOrderableError, freeze_design
from designer.order_revision import (
    REVISION_NOTE,
    RevisionConflictError,
    open_order_design,
    save_order_design,
)
from designer.store import load_store_settings
from designer.studio_data import open_studio_database
from storage.order_schema import OrderState
from storage.staff import RoleError, sign_in
from tests.old_designs import cabinet_before_handles
from tests.staff import PASSWORD, add_staff_accounts

NOW = datetime(2025, 3, 3, 10, 0)


@pytest.fixture
def store(database_url, catalog):
    """A seeded studio database on each backend, with one account per role."""
    database = open_studio_database(database_url, catalog)
    add_staff_accounts(database)
    yield database
    database.dispose()


@pytest.fixture
def quoted(store, frozen_examples):
    """The id of a quoted order of the example ring."""
    with store.session() as session:
        order = orders.place_order(
            session, "demo", frozen_examples["ring-band"], "ana", confirm=False
        )
        return order.id


@pytest.fixture
def sales(store):
    return sign_in(store, "ana", PASSWORD)


def test_revision_reprices_and_records(store, catalog, quoted, sales):
    opened = open_order_design(store, catalog, quoted, staff=sales)
    assert opened.state is OrderState.QUOTED
    assert opened.revision == 1
    before = opened.session.price().total
    opened.session.set_value("width", 5.0)
    with store.session(readonly=True) as session:
        expected = freeze_design(opened.session, load_store_settings(session))

    saved = save_order_design(
        store, quoted, opened.session, staff=sales, opened_revision=1, now=NOW
    )

    assert saved.changed
    assert saved.revision == 2
    assert saved.total == expected.price.total
    assert saved.total > before
    with store.session(readonly=True) as session:
        order = orders.get_order(session, quoted)
        stored = orders.frozen_design(session, quoted)
        history = orders.order_history(session, quoted)
    assert order.total == expected.price.total
    assert order.state == OrderState.QUOTED
    assert stored == expected
    assert stored.design_hash == expected.design_hash
    assert stored.values["width"] == 5.0
    revisions = [entry for entry in history if entry.text.startswith("revision 2")]
    assert len(revisions) == 1
    assert revisions[0].actor == "ana"
    assert revisions[0].note == "design revised in the studio"
    assert revisions[0].note_message == REVISION_NOTE
    assert revisions[0].note_message.context == "OrderHistory"
    assert revisions[0].at == NOW


def test_unchanged_design_adds_no_revision(store, catalog, quoted, sales):
    opened = open_order_design(store, catalog, quoted, staff=sales)
    saved = save_order_design(store, quoted, opened.session, staff=sales)
    assert not saved.changed
    assert saved.revision == 1


def test_opened_design_equals_frozen(store, catalog, quoted, sales, frozen_examples):
    ring = frozen_examples["ring-band"]
    opened = open_order_design(store, catalog, quoted, staff=sales)
    assert opened.session.model.id == ring.product
    assert dict(opened.session.values) == dict(ring.values)
    assert tuple(sorted(opened.session.chosen)) == ring.chosen


def test_confirmed_meanwhile_rejected(store, catalog, quoted, sales):
    opened = open_order_design(store, catalog, quoted, staff=sales)
    opened.session.set_value("width", 5.0)
    with store.session() as session:
        orders.transition(session, quoted, "confirmed", "bo")

    with pytest.raises(RevisionConflictError, match="is confirmed now") as raised:
        save_order_design(store, quoted, opened.session, staff=sales, opened_revision=1)

    assert str(raised.value).startswith(f"Order {quoted} is confirmed now")
    assert raised.value.confirmed
    assert raised.value.state is OrderState.CONFIRMED
    assert raised.value.revision == 1
    # One piece of advice: keep the design, not cancel the order.
    assert "Save design" in str(raised.value)
    assert "Cancel" not in str(raised.value)
    with store.session(readonly=True) as session:
        order = orders.get_order(session, quoted)
        stored = orders.frozen_design(session, quoted)
    assert order.revision == 1
    assert stored.values["width"] == 4.0
    # The edited design is still there to be saved elsewhere.
    assert opened.session.values["width"] == 5.0


def test_confirmed_order_cannot_open(store, catalog, quoted, sales):
    with store.session() as session:
        orders.transition(session, quoted, "confirmed", "bo")
    with pytest.raises(orders.OrderError, match="is confirmed, so its design is"):
        open_order_design(store, catalog, quoted, staff=sales)


def test_revised_meanwhile_rejected(store, catalog, quoted, sales):
    first = open_order_design(store, catalog, quoted, staff=sales)
    second = open_order_design(store, catalog, quoted, staff=sales)
    first.session.set_value("width", 5.0)
    second.session.set_value("metal", "platinum_950")
    save_order_design(store, quoted, first.session, staff=sales, opened_revision=1)

    with pytest.raises(RevisionConflictError, match="saved revision 2") as raised:
        save_order_design(store, quoted, second.session, staff=sales, opened_revision=1)

    assert str(raised.value).startswith(f"Order {quoted} changed since")
    assert not raised.value.confirmed
    assert raised.value.state is OrderState.QUOTED
    assert raised.value.revision == 2
    assert "replaces the design on screen" in str(raised.value)

    with store.session(readonly=True) as session:
        stored = orders.frozen_design(session, quoted)
    assert stored.values["metal"] != "platinum_950"


def test_role_without_orders_rejected(store, catalog, quoted):
    designer = sign_in(store, "dee", PASSWORD)
    with pytest.raises(RoleError):
        open_order_design(store, catalog, quoted, staff=designer)
    sales = sign_in(store, "ana", PASSWORD)
    opened = open_order_design(store, catalog, quoted, staff=sales)
    opened.session.set_value("width", 5.0)
    with pytest.raises(RoleError):
        save_order_design(store, quoted, opened.session, staff=designer)
    with store.session(readonly=True) as session:
        assert orders.get_order(session, quoted).revision == 1


def test_broken_design_names_rule(store, catalog, quoted, sales):
    opened = open_order_design(store, catalog, quoted, staff=sales)
    opened.session.set_value("depth", 1.2)
    opened.session.set_value("engraving", "Love")
    assert not opened.session.orderable

    with pytest.raises(NotOrderableError, match="engraving-depth") as raised:
        save_order_design(store, quoted, opened.session, staff=sales)

    assert "engraving-depth" in [rule for rule, _text in raised.value.violations]
    with store.session(readonly=True) as session:
        assert orders.get_order(session, quoted).revision == 1


def test_revision_names_options_added_since(store, catalog, frozen_examples, sales):
    older = cabinet_before_handles(frozen_examples["cabinet"])
    assert "handle" not in older.model().engine.parameters
    with store.session() as session:
        order_id = orders.place_order(session, "demo", older, "ana", confirm=False).id

    opened = open_order_design(store, catalog, order_id, staff=sales)

    assert opened.filled == ("handle",)
    assert opened.offered_later == ("handle",)
    assert opened.session.values["handle"] == "bar"


def test_revision_of_current_design_fills_nothing(store, catalog, quoted, sales):
    opened = open_order_design(store, catalog, quoted, staff=sales)

    assert opened.filled == ()


def test_revision_keeps_filled_options(store, catalog, frozen_examples, sales):
    # An order placed from a cabinet file without a handle names it filled.
    filled = replace(frozen_examples["cabinet"], filled=("handle",))
    with store.session() as session:
        order_id = orders.place_order(session, "demo", filled, "ana", confirm=False).id
    opened = open_order_design(store, catalog, order_id, staff=sales)
    assert opened.filled == ("handle",)
    assert opened.offered_later == ()
    opened.session.set_value("width", 900)

    save_order_design(
        store, order_id, opened.session, staff=sales, filled=opened.filled
    )

    with store.session(readonly=True) as session:
        stored = orders.frozen_design(session, order_id)
    assert stored.values["width"] == 900
    assert stored.filled == ("handle",)


def test_revision_drops_filled_option_chosen_since(
    store, catalog, frozen_examples, sales
):
    older = cabinet_before_handles(frozen_examples["cabinet"])
    with store.session() as session:
        order_id = orders.place_order(session, "demo", older, "ana", confirm=False).id
    opened = open_order_design(store, catalog, order_id, staff=sales)
    opened.session.set_value("handle", "knob")

    save_order_design(
        store, order_id, opened.session, staff=sales, filled=opened.filled
    )

    with store.session(readonly=True) as session:
        assert orders.frozen_design(session, order_id).filled == ()
