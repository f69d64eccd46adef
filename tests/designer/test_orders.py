"""The order flow: transitions, revisions, payments and promised dates."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from designer import orders
from designer.order_design import freeze_design
from designer.store import StoreSettings, save_store_settings
from storage.order_schema import OrderState, OrderTransition

S = OrderState
NOW = datetime(2025, 3, 3, 10, 0)
ROOT = Path(__file__).resolve().parents[2]


def _new_order(database, frozen, state=S.DRAFT, customer="demo"):
    """Create an order and walk it to ``state`` along the happy path."""
    path = [
        S.QUOTED,
        S.CONFIRMED,
        S.PAID,
        S.IN_PRODUCTION,
        S.QUALITY_CHECK,
        S.SHIPPED,
        S.DELIVERED,
    ]
    with database.session() as session:
        order = orders.create_order(session, customer, frozen, "ana", now=NOW)
        for step in path[: path.index(state) + 1] if state != S.DRAFT else []:
            if step is S.PAID:
                total = orders.payment_summary(session, order.id).total
                orders.record_payment(
                    session, order.id, "balance", total, "card", "ana"
                )
            qc = "passed" if step is S.SHIPPED else None
            orders.transition(
                session, order.id, step, "ana", occurred_at=NOW, qc_result=qc
            )
        return order.id


@pytest.fixture
def ring(frozen_examples):
    return frozen_examples["ring-band"]


def test_order_ids_are_short_and_sequential(studio_db, ring):
    first = _new_order(studio_db, ring)
    second = _new_order(studio_db, ring)
    assert first == "A-000001"
    assert second == "A-000002"


def test_order_prefix_comes_from_store(studio_db, ring):
    with studio_db.session() as session:
        save_store_settings(session, StoreSettings(order_prefix="ZH"))
    assert _new_order(studio_db, ring) == "ZH-000001"


def test_unknown_customer_rejected(studio_db, ring):
    with studio_db.session() as session:
        with pytest.raises(orders.CustomerNotFoundError, match="'nobody' not found"):
            orders.create_order(session, "nobody", ring, "ana")


def test_unknown_order_named(studio_db):
    with studio_db.session() as session:
        with pytest.raises(orders.OrderNotFoundError, match="'A-999999' not found"):
            orders.get_order(session, "A-999999")


@pytest.mark.parametrize(
    ("start", "requested"),
    [
        (S.DRAFT, S.PAID),
        (S.DRAFT, S.SHIPPED),
        (S.QUOTED, S.IN_PRODUCTION),
        (S.CONFIRMED, S.IN_PRODUCTION),
        (S.PAID, S.CANCELLED),
        (S.IN_PRODUCTION, S.CANCELLED),
        (S.IN_PRODUCTION, S.SHIPPED),
        (S.SHIPPED, S.IN_PRODUCTION),
        (S.DELIVERED, S.SHIPPED),
    ],
)
def test_disallowed_transition_names_states(studio_db, ring, start, requested):
    order_id = _new_order(studio_db, ring, start)
    with studio_db.session() as session:
        with pytest.raises(orders.TransitionError) as caught:
            orders.transition(session, order_id, requested, "ana")
    message = str(caught.value)
    assert f"from {start} to {requested}" in message
    for state in orders.allowed_next_states(start):
        assert state.value in message
    assert caught.value.allowed == orders.TRANSITIONS[start]
    with studio_db.session(readonly=True) as session:
        assert orders.get_order(session, order_id).state == start


def test_final_states_allow_nothing(studio_db, ring):
    order_id = _new_order(studio_db, ring)
    with studio_db.session() as session:
        orders.transition(session, order_id, S.CANCELLED, "ana", "changed mind")
        with pytest.raises(orders.TransitionError, match="none, it is a final state"):
            orders.transition(session, order_id, S.QUOTED, "ana")


def test_happy_path_records_every_step(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.DELIVERED)
    with studio_db.session(readonly=True) as session:
        rows = session.query(OrderTransition).filter_by(order_id=order_id).all()
    steps = [(row.from_state, row.to_state) for row in rows]
    assert steps[0] == (None, "draft")
    assert steps[-1] == ("shipped", "delivered")
    assert len(steps) == 8
    assert all(row.actor == "ana" for row in rows)
    shipped = [row for row in rows if row.to_state == "shipped"][0]
    assert shipped.qc_result == "passed"


def test_transition_records_actor_time_note(studio_db, ring):
    order_id = _new_order(studio_db, ring)
    when = datetime(2025, 4, 1, 9, 30)
    with studio_db.session() as session:
        row = orders.transition(
            session, order_id, "quoted", "bo", "sent by email", occurred_at=when
        )
    assert row.actor == "bo"
    assert row.occurred_at == when
    assert row.note == "sent by email"


def test_blank_actor_rejected(studio_db, ring):
    order_id = _new_order(studio_db, ring)
    with studio_db.session() as session:
        with pytest.raises(orders.OrderError, match="non-empty actor"):
            orders.transition(session, order_id, "quoted", "  ")


def test_qc_failed_returns_to_production(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.QUALITY_CHECK)
    with studio_db.session() as session:
        orders.transition(
            session, order_id, S.IN_PRODUCTION, "qc", "scratch", qc_result="failed"
        )
        assert orders.get_order(session, order_id).state == S.IN_PRODUCTION


@pytest.mark.parametrize(
    ("requested", "qc", "fragment"),
    [
        (S.SHIPPED, None, "needs the QC result 'passed', and none was given"),
        (S.SHIPPED, "", "needs the QC result 'passed', and none was given"),
        (S.SHIPPED, "failed", "needs the QC result 'passed', not 'failed'"),
        (S.IN_PRODUCTION, "passed", "needs the QC result 'failed', not 'passed'"),
    ],
)
def test_leaving_qc_needs_matching_result(studio_db, ring, requested, qc, fragment):
    order_id = _new_order(studio_db, ring, S.QUALITY_CHECK)
    with studio_db.session() as session:
        with pytest.raises(orders.TransitionError) as caught:
            orders.transition(session, order_id, requested, "qc", qc_result=qc)
    assert fragment in str(caught.value)
    assert "None" not in str(caught.value)


def test_qc_result_rejected_elsewhere(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.PAID)
    with studio_db.session() as session:
        with pytest.raises(orders.TransitionError, match="applies only when"):
            orders.transition(
                session, order_id, S.IN_PRODUCTION, "ana", qc_result="passed"
            )


def test_quote_sets_validity_and_expires(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.QUOTED)
    with studio_db.session() as session:
        order = orders.get_order(session, order_id)
        assert order.quote_valid_until == NOW.date() + timedelta(30)
        late = datetime.combine(order.quote_valid_until + timedelta(1), NOW.time())
        with pytest.raises(orders.TransitionError, match="quote expired"):
            orders.transition(session, order_id, S.CONFIRMED, "ana", occurred_at=late)


def test_requote_renews_expired_quote(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.QUOTED)
    later = NOW + timedelta(days=60)
    with studio_db.session() as session:
        orders.requote(session, order_id, "ana", now=later)
        orders.transition(session, order_id, S.CONFIRMED, "ana", occurred_at=later)
        order = orders.get_order(session, order_id)
    assert order.state == S.CONFIRMED


def test_confirm_sets_promised_date_from_lead_time(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.CONFIRMED)
    with studio_db.session(readonly=True) as session:
        order = orders.get_order(session, order_id)
        history = orders.order_history(session, order_id)
    assert ring.lead_time_days == 21
    assert order.promised_date == date(2025, 3, 24)
    assert any("lead time of 21 days" in entry.note for entry in history)


def test_promised_date_change_needs_note(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.CONFIRMED)
    with studio_db.session() as session:
        with pytest.raises(orders.OrderError, match="needs a note"):
            orders.change_promised_date(session, order_id, date(2025, 4, 1), "ana", "")
        change = orders.change_promised_date(
            session, order_id, date(2025, 4, 1), "ana", "casting queue is long"
        )
        order = orders.get_order(session, order_id)
    assert change.old_date == date(2025, 3, 24)
    assert change.new_date == date(2025, 4, 1)
    assert order.promised_date == date(2025, 4, 1)


def test_promised_date_not_before_creation(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.CONFIRMED)
    with studio_db.session() as session:
        with pytest.raises(orders.OrderError, match="created on 2025-03-03"):
            orders.change_promised_date(
                session, order_id, date(2025, 3, 2), "ana", "typo in the year"
            )
        change = orders.change_promised_date(
            session, order_id, date(2025, 3, 3), "ana", "ready the same day"
        )
    assert change.new_date == date(2025, 3, 3)


def test_long_note_and_address_rejected(studio_db, ring):
    limit = orders.MAX_NOTE_LENGTH
    order_id = _new_order(studio_db, ring, S.DRAFT)
    with studio_db.session() as session:
        with pytest.raises(orders.OrderError, match=f"{limit + 1} characters"):
            orders.transition(session, order_id, S.QUOTED, "ana", "x" * (limit + 1))
        with pytest.raises(orders.OrderError, match="delivery address has 501"):
            orders.create_order(
                session, "demo", ring, "ana", delivery_address="a" * 501
            )
        row = orders.transition(session, order_id, S.QUOTED, "ana", "x" * limit)
    assert len(row.note) == limit


def test_placed_order_shows_its_note_once(studio_db, ring):
    with studio_db.session() as session:
        order = orders.place_order(
            session, "demo", ring, "ana", note="gift wrap", now=NOW
        )
        history = orders.order_history(session, order.id)
    notes = [entry.note for entry in history]
    assert notes.count("gift wrap") == 1
    assert len(history) == 5


def test_promised_date_fixed_after_shipping(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.SHIPPED)
    with studio_db.session() as session:
        with pytest.raises(orders.OrderError, match="is shipped"):
            orders.change_promised_date(
                session, order_id, date(2025, 5, 1), "ana", "late"
            )


def test_overdue_only_before_leaving_factory():
    promised = date(2025, 3, 24)
    assert orders.is_overdue(S.IN_PRODUCTION, promised, date(2025, 3, 25))
    assert not orders.is_overdue(S.IN_PRODUCTION, promised, date(2025, 3, 24))
    assert not orders.is_overdue(S.SHIPPED, promised, date(2025, 4, 30))
    assert not orders.is_overdue(S.DRAFT, None, date(2025, 4, 30))


def test_list_orders_filters(studio_db, ring, frozen_examples):
    late = _new_order(studio_db, ring, S.IN_PRODUCTION)
    table = _new_order(studio_db, frozen_examples["table-dining"], S.QUOTED)
    _new_order(studio_db, ring, S.DRAFT)
    today = date(2025, 6, 1)
    with studio_db.session(readonly=True) as session:
        everything = orders.list_orders(session, today=today)
        overdue = orders.list_orders(session, overdue_only=True, today=today)
        quoted = orders.list_orders(session, states=["quoted"], today=today)
        found = orders.list_orders(session, search="dining", today=today)
        by_name = orders.list_orders(session, search="demo cust", today=today)
    assert len(everything) == 3
    assert [row.id for row in overdue] == [late]
    assert overdue[0].overdue
    assert overdue[0].paid == overdue[0].total
    assert [row.id for row in quoted] == [table]
    assert [row.id for row in found] == [table]
    assert len(by_name) == 3


# Payments ------------------------------------------------------------------


def test_paid_needs_payments_to_cover_total(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.CONFIRMED)
    with studio_db.session() as session:
        orders.record_payment(session, order_id, "deposit", "200.00", "cash", "ana")
        with pytest.raises(orders.TransitionError, match="payments cover 200.00"):
            orders.transition(session, order_id, S.PAID, "ana")
        outstanding = orders.payment_summary(session, order_id).outstanding
        assert outstanding == ring.price.total - Decimal("200.00")
        orders.record_payment(
            session, order_id, "balance", outstanding, "bank_transfer", "ana"
        )
        orders.transition(session, order_id, S.PAID, "ana")
        summary = orders.payment_summary(session, order_id)
    assert summary.net == ring.price.total
    assert summary.outstanding == Decimal("0.00")


@pytest.mark.parametrize(
    ("kind", "amount", "method", "fragment"),
    [
        ("deposit", "0", "cash", "above zero"),
        ("deposit", "-5", "cash", "above zero"),
        ("deposit", "10.005", "cash", "more decimals than EUR allows"),
        ("deposit", "ten", "cash", "not a number"),
        ("deposit", "1e400", "cash", "not a number; write it as 120.50"),
        ("deposit", "1e2", "cash", "not a number"),
        ("deposit", "1_000", "cash", "not a number"),
        ("deposit", "1,000", "cash", "has a comma; write it without thousands"),
        ("deposit", "120,50", "cash", "point before the decimals, as 120.50"),
        ("deposit", "", "cash", "enter an amount, such as 120.50"),
        ("deposit", "  ", "cash", "enter an amount"),
        ("deposit", "¹²⁰", "cash", "not a number"),
        ("deposit", "①②⓪", "cash", "not a number"),
        ("deposit", "𝟏𝟐𝟎", "cash", "not a number"),
        ("deposit", "0x10", "cash", "not a number"),
        ("deposit", "Infinity", "cash", "not a number"),
        ("deposit", "10000000000", "cash", "too large; an order stores amounts below"),
        ("deposit", "10000000000", "cash", "too large"),
        ("deposit", "99999", "cash", "exceeds the outstanding"),
        ("balance", "10.00", "cash", "must equal the outstanding"),
        ("deposit", "10.00", "cheque", "payment method 'cheque' is unknown"),
        ("tip", "10.00", "cash", "payment kind 'tip' is unknown"),
        ("refund", "10.00", "cash", "exceeds the 0.00"),
    ],
)
def test_invalid_payment_rejected(studio_db, ring, kind, amount, method, fragment):
    order_id = _new_order(studio_db, ring, S.CONFIRMED)
    with studio_db.session() as session:
        with pytest.raises(orders.PaymentError, match=fragment):
            orders.record_payment(session, order_id, kind, amount, method, "ana")


@pytest.mark.parametrize(
    "typed", ["１２０．５０", "１２０。５０", " 120.50 ", "+120.5"]
)
def test_payment_read_as_typed(studio_db, ring, typed):
    """Full-width digits from a Chinese input method and spaces around the
    amount are read as the plain amount."""
    order_id = _new_order(studio_db, ring, S.CONFIRMED)
    with studio_db.session() as session:
        payment = orders.record_payment(
            session, order_id, "deposit", typed, "cash", "ana"
        )
        assert payment.amount == Decimal("120.50")


def test_receipts_only_while_confirmed(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.QUOTED)
    with studio_db.session() as session:
        with pytest.raises(orders.PaymentError, match="is quoted"):
            orders.record_payment(session, order_id, "deposit", "10", "cash", "ana")


def test_cancel_blocked_while_money_held(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.CONFIRMED)
    with studio_db.session() as session:
        orders.record_payment(session, order_id, "deposit", "100", "card", "ana")
        with pytest.raises(orders.TransitionError, match="holds 100.00 EUR"):
            orders.transition(session, order_id, S.CANCELLED, "ana")
        with pytest.raises(orders.TransitionError, match="no refund is recorded"):
            orders.transition(session, order_id, S.REFUNDED, "ana")
        orders.record_payment(session, order_id, "refund", "100", "card", "ana")
        orders.transition(session, order_id, S.REFUNDED, "ana", "customer withdrew")
        summary = orders.payment_summary(session, order_id)
    assert summary.net == Decimal("0.00")
    assert summary.refunded == Decimal("100.00")


def test_cancel_without_payments(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.CONFIRMED)
    with studio_db.session() as session:
        orders.transition(session, order_id, S.CANCELLED, "ana", "no longer wanted")
        assert orders.get_order(session, order_id).state == S.CANCELLED


def test_refund_after_delivery(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.DELIVERED)
    with studio_db.session() as session:
        orders.record_payment(session, order_id, "refund", "50.00", "card", "ana")
        orders.transition(session, order_id, S.REFUNDED, "ana", "partial return")
        history = orders.order_history(session, order_id)
    assert any(entry.text.startswith("refund 50.00 EUR") for entry in history)


# Revisions --------------------------------------------------------------------


def test_revision_changes_with_design(studio_db, catalog, ring):
    order_id = _new_order(studio_db, ring, S.QUOTED)
    session_design = ring.session()
    values = dict(ring.values, width=5.0)
    from designer.session import DesignSession

    wider = DesignSession(catalog.get("ring-band"), values, ring.chosen)
    revised = freeze_design(wider, StoreSettings())
    with studio_db.session() as session:
        same = orders.revise_design(session, order_id, ring, "ana")
        assert same.revision == 1
        row = orders.revise_design(session, order_id, revised, "ana", "wider band")
        order = orders.get_order(session, order_id)
        first = orders.frozen_design(session, order_id, revision=1)
    assert row.revision == 2
    assert row.design_hash != ring.design_hash
    assert order.revision == 2
    assert order.total == revised.price.total
    assert order.total > ring.price.total
    assert first.values["width"] == session_design.values["width"] == 4.0


def _without_values(stored: str) -> str:
    data = json.loads(stored)
    data["values"] = {}
    return json.dumps(data)


@pytest.mark.parametrize(
    "damage",
    [
        lambda _stored: "{not json",
        lambda _stored: '{"format": "atelier-order-design/1"}',
        lambda _stored: "null",
        _without_values,
    ],
    ids=["not-json", "no-fields", "null", "no-values"],
)
def test_damaged_stored_design_is_named(studio_db, ring, damage):
    order_id = _new_order(studio_db, ring, S.QUOTED)
    with studio_db.session() as session:
        row = orders.current_revision(session, order_id)
        row.frozen = damage(row.frozen)
    with studio_db.session(readonly=True) as session:
        with pytest.raises(orders.OrderError) as raised:
            orders.frozen_design(session, order_id)
    text = str(raised.value)
    assert text.startswith(f"the stored design of order {order_id}, revision 1,")
    assert "restore it from its latest backup" in text
    assert "Expecting" not in text


def test_confirmed_design_is_frozen(studio_db, ring):
    order_id = _new_order(studio_db, ring, S.CONFIRMED)
    with studio_db.session() as session:
        with pytest.raises(orders.OrderError, match="design is frozen"):
            orders.revise_design(session, order_id, ring, "ana")


def test_user_guide_lists_transitions():
    guide = (ROOT / "docs" / "USER_GUIDE.md").read_text(encoding="utf-8")
    section = guide.split("### Allowed transitions", 1)[1].split("\n\n")[1]
    documented = {}
    for line in section.splitlines()[2:]:
        state, targets, _condition = (
            cell.strip() for cell in line.strip("|").split("|")
        )
        documented[S(state)] = tuple(
            S(t.strip()) for t in targets.split(",") if t.strip()
        )
    assert documented == orders.TRANSITIONS
