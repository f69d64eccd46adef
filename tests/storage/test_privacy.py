"""Key rotation, customer export and erasure, and the audit log."""

import json
import re
from datetime import datetime

import pytest
from sqlalchemy import select, text

from storage.audit import list_audit, record_audit
from storage.crypto import (
    KIOSK_DESIGN_CONTEXT,
    DecryptionError,
    KeyFileError,
    KeyRing,
    key_file_path,
    key_id_of,
    key_ring,
    read_key_ring,
    retired_key_path,
)
from storage.db import open_database
from storage.order_schema import Order
from storage.privacy import (
    encrypted_columns,
    erase_customer,
    export_customer,
    rotate_key,
)
from storage.profiles import (
    SegmentAssignment,
    UnknownCustomerError,
    replace_segments,
    set_consent,
    set_contact_details,
    set_demographics,
)
from storage.repositories import (
    bulk_insert_customers,
    bulk_insert_products,
    events_revision,
    get_customer,
    record_event,
    set_setting,
)
from storage.schema import Customer

WHEN = datetime(2026, 11, 30, 15, 0)


def _add_customers(db, count=30):
    rows = [
        {
            "id": f"c{i}",
            "display_name": f"Name {i}",
            "phone": f"+86 138 0000 {i:04d}",
            "notes": None if i % 2 else f"prefers rose gold {i}",
        }
        for i in range(count)
    ]
    with db.session() as session:
        bulk_insert_customers(session, rows)
        bulk_insert_products(
            session, [{"id": "ring", "name": "Ring", "category": "ring"}]
        )


def _stored_values(db):
    with db.session(readonly=True) as session:
        rows = session.execute(
            text("SELECT display_name, phone, notes FROM customers")
        ).all()
    return [value for row in rows for value in row if value is not None]


def test_rotate_key_reencrypts_every_row(db):
    _add_customers(db)
    old_ring = read_key_ring(key_file_path())
    old_values = _stored_values(db)

    count = rotate_key(db)

    new_ring = read_key_ring(key_file_path())
    assert count == len(old_values) == 75
    assert list(new_ring.keys) == [new_ring.current_id]
    assert new_ring.current_id != old_ring.current_id
    with db.session(readonly=True) as session:
        customers = {c.id: c for c in session.query(Customer)}
    assert len(customers) == 30
    assert customers["c7"].display_name == "Name 7"
    assert customers["c7"].phone == "+86 138 0000 0007"
    assert customers["c8"].notes == "prefers rose gold 8"
    for stored in _stored_values(db):
        assert key_id_of(stored) == new_ring.current_id
        with pytest.raises(DecryptionError):
            old_ring.decrypt(stored, "customers.display_name")


def test_rotate_key_keeps_retired_key_file(db, tmp_path):
    # A second database opened with the same key file, as a copy or a test
    # database of the same user would be.
    _add_customers(db)
    other_url = f"sqlite:///{tmp_path / 'other.db'}"
    other = open_database(other_url)
    _add_customers(other)
    other.dispose()
    old_id = read_key_ring(key_file_path()).current_id

    rotate_key(db)

    retired = retired_key_path(key_file_path(), old_id)
    assert retired.stat().st_mode & 0o777 == 0o600
    assert list(read_key_ring(retired).keys) == [old_id]
    kept = re.escape(f"rotate-key kept that key in {retired}")
    with pytest.raises(KeyFileError, match=kept):
        open_database(other_url)


def test_rotate_key_covers_demographics_and_orders(db):
    _add_customers(db, count=2)
    with db.session() as session:
        set_demographics(
            session, "c0", birth_year=1990, gender="other", region="Lappland"
        )
        _add_order(session, "A-000001", 1, "c0", "120.50")
        session.get(Order, "A-000001").delivery_address = "Kyrkogatan 3"

    rotate_key(db)

    new_id = read_key_ring(key_file_path()).current_id
    with db.session(readonly=True) as session:
        for table, column, _context in encrypted_columns():
            stored = session.scalars(
                text(f"SELECT {column} FROM {table.name} WHERE {column} IS NOT NULL")
            ).all()
            assert {key_id_of(value) for value in stored} <= {new_id}, column
        customer = get_customer(session, "c0")
        address = session.scalar(select(Order.delivery_address))
    tables = {table.name for table, _column, _context in encrypted_columns()}
    assert {"orders", "order_revisions", "order_transitions"} <= tables
    assert (customer.birth_year, customer.gender) == (1990, "other")
    assert address == "Kyrkogatan 3"


def test_old_key_fails_on_rotated_values(db):
    _add_customers(db, count=1)
    old_ring = read_key_ring(key_file_path())
    rotate_key(db)
    with db.session(readonly=True) as session:
        stored = session.scalar(text("SELECT display_name FROM customers"))
    new_id = read_key_ring(key_file_path()).current_id
    forged = KeyRing({new_id: old_ring.keys[old_ring.current_id]}, new_id)

    with pytest.raises(DecryptionError, match="authentication"):
        forged.decrypt(stored, "customers.display_name")
    with pytest.raises(DecryptionError, match="not in the key file"):
        old_ring.decrypt(stored, "customers.display_name")


def test_failed_rotation_keeps_data_readable(db):
    _add_customers(db, count=3)
    with db.session() as session:
        session.execute(text("UPDATE customers SET notes = phone WHERE id = 'c1'"))

    with pytest.raises(DecryptionError, match="customers.notes"):
        rotate_key(db)

    ring = read_key_ring(key_file_path())
    assert len(ring.keys) == 2
    with db.session(readonly=True) as session:
        customer = get_customer(session, "c2")
    assert customer.display_name == "Name 2"


def _customer_with_history(db):
    _add_customers(db, count=2)
    with db.session() as session:
        set_consent(session, "c0", source="kiosk", profiling=True, at=WHEN)
        record_event(session, "c0", "ring", "view", occurred_at=WHEN)
        record_event(session, "c0", None, "search", occurred_at=WHEN, text="gold")
        record_event(session, "c1", "ring", "view", occurred_at=WHEN)
        replace_segments(
            session,
            [SegmentAssignment(None, "Browsers", {"views": 1.0}, ["c0", "c1"])],
            fitted_at=WHEN,
            fit_summary={},
        )
        design = {"product": "ring", "customer": "c0", "values": {}}
        set_setting(session, "kiosk_design:ACDEFG", _sealed_design(design))
        set_setting(session, "kiosk_design:HJKMNP", _sealed_design({"product": "ring"}))


def _sealed_design(design: dict) -> str:
    # Kiosk designs are stored encrypted, as designer.kiosk_designs saves them.
    return key_ring().encrypt(json.dumps(design), KIOSK_DESIGN_CONTEXT)


def test_export_customer_contains_everything(db):
    _customer_with_history(db)
    with db.session(readonly=True) as session:
        exported = export_customer(session, "c0")

    assert exported["customer"]["display_name"] == "Name 0"
    assert exported["customer"]["phone"] == "+86 138 0000 0000"
    assert exported["customer"]["consent_profiling"] is True
    assert exported["customer"]["consent_profiling_at"] == WHEN.isoformat()
    assert len(exported["tables"]["events"]) == 2
    assert exported["tables"]["customer_segments"][0]["segment_id"] == 1
    assert list(exported["kiosk_designs"]) == ["kiosk_design:ACDEFG"]
    assert exported["kiosk_designs"]["kiosk_design:ACDEFG"]["customer"] == "c0"
    json.dumps(exported)


def test_erase_customer_removes_everything(db, db_path):
    _customer_with_history(db)
    with db.session(readonly=True) as session:
        revision = events_revision(session)

    with db.session() as session:
        report = erase_customer(session, "c0")

    assert report.deleted == {
        "customer_segments": 1,
        "events": 2,
        "kiosk_designs": 1,
    }
    assert report.anonymous_id is None
    with db.session(readonly=True) as session:
        assert get_customer(session, "c0") is None
        assert get_customer(session, "c1") is not None
        assert events_revision(session) > revision
        keys = session.scalars(text("SELECT key FROM settings")).all()
        events = session.scalar(text("SELECT count(*) FROM events"))
        segment_size = session.scalar(text("SELECT size FROM segments"))
    assert "kiosk_design:ACDEFG" not in keys
    assert "kiosk_design:HJKMNP" in keys
    assert events == 1
    assert segment_size == 1


def _add_order(session, order_id: str, number: int, customer_id: str, total: str):
    session.execute(
        text(
            "INSERT INTO orders (id, number, customer_id, product_id, "
            "product_name, state, revision, currency, total, created_at, "
            "created_by, state_changed_at) VALUES (:id, :number, :customer, "
            "'ring-band', 'Wedding band', 'paid', 1, 'EUR', :total, :when, "
            "'staff', :when)"
        ),
        {
            "id": order_id,
            "number": number,
            "customer": customer_id,
            "total": total,
            "when": WHEN,
        },
    )


def test_erase_anonymises_orders(db):
    _add_customers(db, count=2)
    with db.session() as session:
        _add_order(session, "A-000001", 1, "c0", "120.50")
        _add_order(session, "A-000002", 2, "c1", "80.00")
        for order in session.scalars(select(Order)):
            order.delivery_address = f"Kyrkogatan 3 for {order.customer_id}"

    with db.session() as session:
        exported = export_customer(session, "c0")
        report = erase_customer(session, "c0")

    assert exported["tables"]["orders"][0]["total"] == "120.50"
    assert exported["tables"]["orders"][0]["delivery_address"] == "Kyrkogatan 3 for c0"
    assert report.anonymised == {"orders": 1}
    with db.session(readonly=True) as session:
        orders = session.execute(
            select(Order.customer_id, Order.total, Order.delivery_address).order_by(
                Order.number
            )
        ).all()
        placeholder = get_customer(session, report.anonymous_id)
    assert orders[0].customer_id == report.anonymous_id
    assert float(orders[0].total) == 120.50
    assert orders[0].delivery_address is None
    assert orders[1].customer_id == "c1"
    assert orders[1].delivery_address == "Kyrkogatan 3 for c1"
    assert placeholder.phone is None
    assert "Name 0" not in placeholder.display_name


def test_erase_unknown_customer_raises(db):
    with db.session() as session, pytest.raises(UnknownCustomerError, match="nobody"):
        erase_customer(session, "nobody")


def test_changes_are_audited(db):
    _add_customers(db, count=1)
    with db.session() as session:
        set_contact_details(session, "c0", actor="ana", phone="+1 555 0100")
        set_consent(session, "c0", source="staff", marketing=True)
        record_audit(session, "viewed", "c0", actor="li")
    with db.session(readonly=True) as session:
        entries = list_audit(session, customer_id="c0")
        everyone = list_audit(session)

    assert [e.action for e in entries] == ["changed", "changed", "viewed"]
    assert [e.actor for e in entries] == ["ana", "system", "li"]
    assert entries[0].detail == "phone"
    assert len(everyone) == 3
    with pytest.raises(ValueError, match="Invalid audit action"):
        with db.session() as session:
            record_audit(session, "printed", "c0")


def test_contact_details_rejects_unknown_field(db):
    _add_customers(db, count=1)
    with db.session() as session, pytest.raises(ValueError, match="shoe_size"):
        set_contact_details(session, "c0", shoe_size="42")
