"""Encryption at rest of customer names, contact details and notes."""

import stat
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from storage.crypto import (
    DecryptionError,
    KeyFileError,
    key_file_path,
    key_id_of,
    key_ring,
    read_key_ring,
)
from storage.db import alembic_config, create_database_engine, open_database
from storage.repositories import (
    bulk_insert_customers,
    events_for_customer,
    get_customer,
    record_event,
)
from storage.schema import Customer

NAME = "Zhang Wei-Lindqvist"
PHONE = "+46 70 123 45 67"
EMAIL = "zhang.lindqvist@example.org"
SEARCH = "engagement ring for Zhang"


def _file_bytes(db_path: Path) -> bytes:
    # The write-ahead log can hold rows that are not yet in the main file.
    return b"".join(
        path.read_bytes() for path in db_path.parent.glob(db_path.name + "*")
    )


def test_personal_data_absent_from_file(db, db_path):
    with db.session() as session:
        session.add(
            Customer(id="c1", display_name=NAME, phone=PHONE, email=EMAIL, notes="x")
        )
        session.flush()
        record_event(session, "c1", None, "search", text=SEARCH)
    raw = _file_bytes(db_path)

    for secret in (NAME, PHONE, EMAIL, SEARCH):
        assert secret.encode("utf-8") not in raw
        assert secret.encode("utf-16-le") not in raw

    with db.session(readonly=True) as session:
        customer = get_customer(session, "c1")
    assert customer.display_name == NAME
    assert customer.phone == PHONE
    assert customer.email == EMAIL


def test_bulk_insert_encrypts(db, db_path):
    with db.session() as session:
        bulk_insert_customers(session, [{"id": "c2", "display_name": NAME}])
    with db.session(readonly=True) as session:
        stored = session.scalar(text("SELECT display_name FROM customers"))
        customer = get_customer(session, "c2")
    assert key_id_of(stored) == key_ring().current_id
    assert customer.display_name == NAME
    assert NAME.encode() not in _file_bytes(db_path)


def test_key_file_private_and_outside_database(db, db_path, private_folders):
    with db.session() as session:
        session.add(Customer(id="c1", display_name=NAME))
    path = key_file_path()
    ring = read_key_ring(path)
    key = ring.keys[ring.current_id]

    assert path == (private_folders / "atelier" / "key.bin").resolve()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert key not in _file_bytes(db_path)


def test_key_file_override(tmp_path, monkeypatch):
    override = tmp_path / "keys" / "studio.key"
    monkeypatch.setenv("ATELIER_KEY_FILE", str(override))
    ring = key_ring()
    assert key_file_path() == override.resolve()
    assert read_key_ring(override).keys == ring.keys


def test_value_moved_to_other_column_fails(db):
    with db.session() as session:
        session.add(Customer(id="c1", display_name=NAME, phone=PHONE))
    with db.session() as session:
        session.execute(text("UPDATE customers SET email = phone"))
    with pytest.raises(DecryptionError, match="customers.email"):
        with db.session(readonly=True) as session:
            get_customer(session, "c1")


def test_migration_encrypts_existing_names(db_path):
    engine = create_database_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0003_customer_profiles")
        connection.execute(
            text(
                "INSERT INTO customers (id, display_name, created_at, "
                "consent_profiling, consent_marketing) "
                "VALUES ('old', :name, '2026-01-01 10:00:00', 0, 0)"
            ),
            {"name": NAME},
        )
        connection.execute(
            text(
                "INSERT INTO events (customer_id, kind, quantity, occurred_at, text) "
                "VALUES ('old', 'search', 1, '2026-01-01 10:05:00', :text)"
            ),
            {"text": SEARCH},
        )
    engine.dispose()

    database = open_database(f"sqlite:///{db_path}")
    with database.session(readonly=True) as session:
        stored = session.scalar(text("SELECT display_name FROM customers"))
        customer = get_customer(session, "old")
        events = events_for_customer(session, "old")
    database.dispose()

    assert key_id_of(stored) is not None
    assert customer.display_name == NAME
    assert events[0].text == SEARCH
    assert NAME.encode() not in _file_bytes(db_path)
    assert SEARCH.encode() not in _file_bytes(db_path)


def test_migration_downgrade_decrypts(db, db_path):
    with db.session() as session:
        session.add(Customer(id="c1", display_name=NAME))
    with db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003_customer_profiles")
        stored = connection.scalar(text("SELECT display_name FROM customers"))
    assert stored == NAME


def test_loose_key_file_mode_warns(tmp_path, monkeypatch, caplog):
    path = tmp_path / "key.bin"
    monkeypatch.setenv("ATELIER_KEY_FILE", str(path))
    key_ring()
    path.chmod(0o644)

    read_key_ring(path)

    assert "readable by other users" in caplog.text


def test_lost_key_file_names_missing_key(db):
    with db.session() as session:
        session.add(Customer(id="c1", display_name=NAME))
    lost_id = key_ring().current_id
    key_file_path().unlink()

    with pytest.raises(DecryptionError, match=f"key {lost_id}, which is not in"):
        with db.session(readonly=True) as session:
            get_customer(session, "c1")


def test_open_without_key_file_raises(db, database_url):
    with db.session() as session:
        session.add(Customer(id="c1", display_name=NAME))
    db.dispose()
    key_file_path().unlink()

    with pytest.raises(KeyFileError, match="restore key.bin"):
        open_database(database_url)
    assert not key_file_path().exists()


def test_open_with_other_key_file_raises(db, database_url, tmp_path, monkeypatch):
    with db.session() as session:
        session.add(Customer(id="c1", display_name=NAME))
    db.dispose()
    monkeypatch.setenv("ATELIER_KEY_FILE", str(tmp_path / "other.bin"))
    key_ring()

    with pytest.raises(KeyFileError, match="lacks key"):
        open_database(database_url)
