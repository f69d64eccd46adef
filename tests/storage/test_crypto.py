"""Encryption at rest of personal data, and the key file that contains the key."""

import base64
import json
import os
import stat
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage.crypto import (
    DecryptionError,
    KeyFileError,
    KeyRing,
    check_key_file_path,
    key_file_path,
    key_id_of,
    key_ring,
    legacy_key_file_path,
    read_key_ring,
)
from storage.db import alembic_config, create_database_engine, open_database
from storage.order_schema import (
    Order,
    OrderPayment,
    OrderRevision,
    OrderTransition,
    PromisedDateChange,
)
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
REGION = "Västergötland-Nordost"
COUNTRY = "Åland Islands"
ADDRESS = "Storgatan 12, 411 38 Göteborg"
ORDER_NOTE = "leave the parcel with neighbour Ingrid"
PAYMENT_NOTE = "paid by her brother Sven"
DATE_NOTE = "Ingrid travels until the 14th"
ENGRAVING = "Für Ingrid-Maj, forever"
# A finger size the customer gave, as the frozen design stores it.
RING_SIZE_MM = "17.35"
WHEN = datetime(2026, 11, 30, 15, 0)


def _file_bytes(db_path: Path) -> bytes:
    # The write-ahead log can hold rows that are not yet in the main file.
    return b"".join(
        path.read_bytes() for path in db_path.parent.glob(db_path.name + "*")
    )


def _frozen_design() -> str:
    return json.dumps(
        {"values": {"engraving": ENGRAVING, "ring_size_mm": float(RING_SIZE_MM)}},
        ensure_ascii=False,
    )


def _add_order(session, customer_id: str = "c1") -> None:
    """Add a confirmed order with every kind of note that an order has."""
    session.add(
        Order(
            id="A-000001",
            number=1,
            customer_id=customer_id,
            product_id="ring-band",
            product_name="Wedding band",
            state="confirmed",
            revision=1,
            currency="EUR",
            total=Decimal("120.00"),
            created_at=WHEN,
            created_by="ana",
            state_changed_at=WHEN,
            delivery_address=ADDRESS,
        )
    )
    session.flush()
    session.add_all(
        [
            OrderRevision(
                order_id="A-000001",
                revision=1,
                design_hash="0" * 64,
                frozen=_frozen_design(),
                net_amount=Decimal("100.00"),
                tax_amount=Decimal("20.00"),
                total=Decimal("120.00"),
                created_at=WHEN,
                created_by="ana",
                note=ORDER_NOTE,
            ),
            OrderTransition(
                order_id="A-000001",
                to_state="confirmed",
                actor="ana",
                occurred_at=WHEN,
                note=ORDER_NOTE,
            ),
            OrderPayment(
                order_id="A-000001",
                kind="deposit",
                method="card",
                amount=Decimal("50.00"),
                received_at=WHEN,
                recorded_by="ana",
                note=PAYMENT_NOTE,
            ),
            PromisedDateChange(
                order_id="A-000001",
                new_date=date(2026, 12, 20),
                actor="ana",
                changed_at=WHEN,
                note=DATE_NOTE,
            ),
        ]
    )


def test_personal_data_absent_from_file(db, db_path):
    with db.session() as session:
        session.add(
            Customer(
                id="c1",
                display_name=NAME,
                phone=PHONE,
                email=EMAIL,
                notes="x",
                country=COUNTRY,
                region=REGION,
                birth_year=1987,
                gender="female",
                age_band="35_44",
            )
        )
        session.flush()
        record_event(session, "c1", None, "search", text=SEARCH)
        _add_order(session)
    raw = _file_bytes(db_path)

    secrets = (NAME, PHONE, EMAIL, SEARCH, REGION, COUNTRY, ADDRESS, ORDER_NOTE)
    for secret in (*secrets, PAYMENT_NOTE, DATE_NOTE, ENGRAVING, RING_SIZE_MM):
        assert secret.encode("utf-8") not in raw, secret
        assert secret.encode("utf-16-le") not in raw, secret

    with db.session(readonly=True) as session:
        customer = get_customer(session, "c1")
        order = session.get(Order, "A-000001")
        revision = session.get(OrderRevision, ("A-000001", 1))
        payment = session.query(OrderPayment).one()
        date_change = session.query(PromisedDateChange).one()
    assert customer.display_name == NAME
    assert customer.phone == PHONE
    assert customer.email == EMAIL
    assert customer.region == REGION
    assert customer.birth_year == 1987
    assert customer.gender == "female"
    assert order.delivery_address == ADDRESS
    assert revision.note == ORDER_NOTE
    assert json.loads(revision.frozen)["values"]["engraving"] == ENGRAVING
    assert payment.note == PAYMENT_NOTE
    assert date_change.note == DATE_NOTE


# Demographic columns with so few values that their stored lengths must match.
SHORT_VALUES = {
    "gender": ["male", "female", "other"],
    "age_band": ["under_25", "25_34", "65_plus"],
    "birth_year": [1931, 2001],
}


@pytest.mark.parametrize("column", sorted(SHORT_VALUES))
def test_demographics_stored_encrypted(db, column):
    values = SHORT_VALUES[column]
    rows = [
        {"id": f"c{i}", "display_name": NAME, column: value}
        for i, value in enumerate(values)
    ]
    with db.session() as session:
        bulk_insert_customers(session, rows)
    with db.session(readonly=True) as session:
        stored = session.scalars(
            text(f"SELECT {column} FROM customers ORDER BY id")
        ).all()
        customers = [get_customer(session, row["id"]) for row in rows]

    assert all(key_id_of(value) is not None for value in stored)
    assert len({len(value) for value in stored}) == 1
    assert [getattr(customer, column) for customer in customers] == values


def test_unpadded_values_still_decrypt():
    ring = key_ring()
    nonce = os.urandom(12)
    sealed = AESGCM(ring.keys[ring.current_id]).encrypt(
        nonce, NAME.encode(), b"customers.display_name"
    )
    stored = f"v1:{ring.current_id}:{base64.b64encode(nonce + sealed).decode()}"

    assert ring.decrypt(stored, "customers.display_name") == NAME
    assert ring.encrypt(NAME, "customers.display_name").startswith("v2:")


def test_padding_keeps_trailing_zero_bytes():
    ring = KeyRing({7: bytes(32)}, 7)
    for plain in ("", "a\x00", "\x80", "x" * 15, "x" * 16, "名字\x00\x00"):
        assert ring.decrypt(ring.encrypt(plain, "t.c"), "t.c") == plain


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

    assert path == (private_folders / "config" / "Atelier" / "key.bin").resolve()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert key not in _file_bytes(db_path)
    assert not legacy_key_file_path().exists()


def test_new_key_folder_is_private(tmp_path, monkeypatch):
    path = tmp_path / "keys" / "studio" / "key.bin"
    monkeypatch.setenv("ATELIER_KEY_FILE", str(path))

    key_ring()

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_key_beside_database_moves_to_config(database_url):
    database = open_database(database_url)
    with database.session() as session:
        session.add(Customer(id="c1", display_name=NAME))
    database.dispose()
    # Put the key file where older versions kept it, beside the database.
    legacy = legacy_key_file_path()
    legacy.parent.mkdir(parents=True, exist_ok=True)
    key_file_path().rename(legacy)

    database = open_database(database_url)
    with database.session(readonly=True) as session:
        customer = get_customer(session, "c1")
    database.dispose()

    assert customer.display_name == NAME
    assert key_file_path().is_file()
    assert not legacy.exists()


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


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660, 0o606])
def test_loose_key_file_mode_rejected(tmp_path, monkeypatch, mode):
    path = tmp_path / "key.bin"
    monkeypatch.setenv("ATELIER_KEY_FILE", str(path))
    key_ring()
    path.chmod(mode)

    with pytest.raises(KeyFileError) as raised:
        read_key_ring(path)

    message = str(raised.value)
    assert str(path) in message
    assert "mode 0600" in message
    assert f"chmod 600 '{path}'" in message


def test_invalid_key_file_message_is_text(tmp_path):
    path = tmp_path / "key.bin"
    path.write_bytes(b"not a key file")
    path.chmod(0o600)

    with pytest.raises(KeyFileError) as raised:
        read_key_ring(path)

    message = str(raised.value)
    assert str(path) in message
    assert "header ATK1 followed by entries" in message
    assert "b'" not in message


def test_open_with_loose_key_file_refused(db, database_url):
    with db.session() as session:
        session.add(Customer(id="c1", display_name=NAME))
    db.dispose()
    key_file_path().chmod(0o644)

    with pytest.raises(KeyFileError, match="accessible to its owner only"):
        open_database(database_url)


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


def _insert_plain_rows(connection) -> None:
    """Insert a customer with demographics and an order, as 0004 stored them."""
    connection.execute(
        text(
            "INSERT INTO customers (id, display_name, created_at, consent_profiling, "
            "consent_marketing, country, birth_year, age_band, gender, region) "
            "VALUES ('old', :name, :when, false, false, :country, 1987, '35_44', "
            "'female', :region)"
        ),
        {
            "name": key_ring().encrypt(NAME, "customers.display_name"),
            "when": WHEN,
            "country": COUNTRY,
            "region": REGION,
        },
    )
    connection.execute(
        text(
            "INSERT INTO orders (id, number, customer_id, product_id, product_name, "
            "state, revision, currency, total, created_at, created_by, "
            "state_changed_at) VALUES ('A-000001', 1, 'old', 'ring-band', 'Band', "
            "'confirmed', 1, 'EUR', 120, :when, 'ana', :when)"
        ),
        {"when": WHEN},
    )
    connection.execute(
        text(
            "INSERT INTO order_revisions (order_id, revision, design_hash, frozen, "
            "net_amount, tax_amount, total, created_at, created_by, note) VALUES "
            "('A-000001', 1, :hash, :frozen, 100, 20, 120, :when, 'ana', :note)"
        ),
        {"hash": "0" * 64, "frozen": _frozen_design(), "when": WHEN, "note": ""},
    )
    connection.execute(
        text(
            "INSERT INTO order_transitions (order_id, to_state, actor, occurred_at, "
            "note) VALUES ('A-000001', 'confirmed', 'ana', :when, :note)"
        ),
        {"when": WHEN, "note": ORDER_NOTE},
    )


def test_migration_encrypts_demographics_and_orders(database_url, db_path):
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0004_privacy")
        _insert_plain_rows(connection)
    engine.dispose()

    database = open_database(database_url)
    with database.session(readonly=True) as session:
        stored = session.execute(
            text("SELECT country, birth_year, age_band, gender, region FROM customers")
        ).one()
        stored_note = session.scalar(text("SELECT note FROM order_transitions"))
        stored_frozen = session.scalar(text("SELECT frozen FROM order_revisions"))
        customer = get_customer(session, "old")
        transition = session.query(OrderTransition).one()
        revision = session.get(OrderRevision, ("A-000001", 1))
        order = session.get(Order, "A-000001")
    database.dispose()

    assert all(key_id_of(value) is not None for value in stored)
    assert key_id_of(stored_note) is not None
    assert key_id_of(stored_frozen) is not None
    assert (customer.birth_year, customer.gender, customer.age_band) == (
        1987,
        "female",
        "35_44",
    )
    assert (customer.country, customer.region) == (COUNTRY, REGION)
    assert transition.note == ORDER_NOTE
    assert revision.note == ""
    assert json.loads(revision.frozen)["values"]["engraving"] == ENGRAVING
    assert order.delivery_address is None


def test_migration_downgrade_restores_plain_demographics(db, database_url):
    with db.session() as session:
        session.add(
            Customer(
                id="c1",
                display_name=NAME,
                birth_year=1987,
                gender="male",
                region=REGION,
            )
        )
        session.flush()
        _add_order(session)
    db.dispose()

    engine = create_database_engine(database_url)
    with engine.connect() as connection:
        with connection.begin():
            command.downgrade(alembic_config(connection), "0004_privacy")
        with connection.begin():
            row = connection.execute(
                text("SELECT birth_year, gender, region FROM customers")
            ).one()
            note = connection.scalar(text("SELECT note FROM order_transitions"))
            columns = connection.execute(text("SELECT * FROM orders")).keys()
        with pytest.raises(IntegrityError, match="(?i)check"):
            with connection.begin():
                connection.execute(text("UPDATE customers SET gender = 'robot'"))
    engine.dispose()

    assert tuple(row) == (1987, "male", REGION)
    assert note == ORDER_NOTE
    assert "delivery_address" not in columns


def test_new_key_file_may_need_folders(tmp_path):
    path = tmp_path / "keys" / "store" / "key.bin"

    assert check_key_file_path(path) == path
    assert not (tmp_path / "keys").exists()


def test_key_file_path_rejects_fifo_and_long_name(tmp_path):
    from storage.output_paths import OutputPathError

    pipe = tmp_path / "key.bin"
    os.mkfifo(pipe)

    with pytest.raises(KeyFileError) as raised:
        check_key_file_path(pipe)
    assert str(raised.value).startswith(f"Key file {pipe} is a FIFO (named pipe)")
    # The key is written under its name with ".tmp" added first.
    with pytest.raises(OutputPathError) as raised:
        check_key_file_path(tmp_path / ("k" * 252))
    assert "shorten it to at most 251 characters" in str(raised.value)


@pytest.mark.parametrize(
    ("make", "kind"),
    [(os.mkdir, "a folder"), (os.mkfifo, "a FIFO (named pipe)")],
)
@pytest.mark.parametrize("mode", [0o600, 0o755])
def test_key_file_of_wrong_type_named(tmp_path, monkeypatch, make, kind, mode):
    path = tmp_path / "keys"
    make(path)
    path.chmod(mode)
    monkeypatch.setenv("ATELIER_KEY_FILE", str(path))

    for check in (key_ring, check_key_file_path):
        with pytest.raises(KeyFileError) as raised:
            check()
        message = str(raised.value)
        assert message.startswith(f"Key file {path} is {kind}, not a key file")
        assert "chmod" not in message
        assert "--key-file" in message
