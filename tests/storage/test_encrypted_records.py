"""Kiosk designs and quarantined factory records encrypted at rest."""

import json
from pathlib import Path

import pytest
from alembic import command
from alembic.migration import MigrationContext
from sqlalchemy import text

from designer.designs import Design
from designer.factory_status import (
    apply_status_file,
    dismiss_quarantined,
    list_quarantine,
)
from designer.kiosk_designs import load_kiosk_design, save_kiosk_design
from storage.crypto import (
    KIOSK_DESIGN_CONTEXT,
    KeyFileError,
    key_file_path,
    key_id_of,
    key_ring,
    read_key_ring,
)
from storage.db import alembic_config, create_database_engine, open_database
from storage.privacy import rotate_key

ENGRAVING = "Für Ingrid-Maj, forever"
ADDRESS = "Storgatan 12, 411 38 Göteborg"
DISMISS_NOTE = "Ingrid phoned: the parcel goes to her neighbour"
BEFORE = "0007_staff_disable"
CODE = "ACDEFG"


def _file_bytes(db_path: Path) -> bytes:
    # The write-ahead log can hold rows that are not yet in the main file.
    return b"".join(
        path.read_bytes() for path in db_path.parent.glob(db_path.name + "*")
    )


def _design() -> Design:
    return Design("ring-band", {"engraving": ENGRAVING, "width": 5.0}, ())


def _status_file(folder: Path) -> Path:
    # The order does not exist, so the record goes to quarantine.
    path = folder / "status.csv"
    path.write_text(
        "order_id,status,timestamp,note,qc_result,attachment\n"
        f'X-999999,in_production,2025-03-02T09:00:00,"{ADDRESS}",,\n',
        encoding="utf-8",
    )
    return path


def _assert_absent(db_path: Path, *texts: str) -> None:
    stored = _file_bytes(db_path)
    for plain in texts:
        assert plain.encode("utf-8") not in stored, plain
        assert plain.encode("utf-16-le") not in stored, plain


def test_kiosk_design_stored_encrypted(db, db_path, backend):
    code = save_kiosk_design(db, _design())

    with db.session(readonly=True) as session:
        stored = session.scalar(
            text("SELECT value FROM settings WHERE key = :key"),
            {"key": f"kiosk_design:{code}"},
        )
    loaded = load_kiosk_design(db, code)

    assert key_id_of(stored) == key_ring().current_id
    assert ENGRAVING not in stored
    assert loaded.values["engraving"] == ENGRAVING
    if backend == "sqlite":
        _assert_absent(db_path, ENGRAVING)


def test_quarantined_record_stored_encrypted(db, db_path, backend, tmp_path):
    report = apply_status_file(db, _status_file(tmp_path))
    with db.session() as session:
        (entry,) = list_quarantine(session)
        dismiss_quarantined(session, entry.id, "ana", DISMISS_NOTE)

    with db.session(readonly=True) as session:
        stored = session.execute(
            text("SELECT record, reason, resolution_note FROM status_quarantine")
        ).one()
        (entry,) = list_quarantine(session, include_resolved=True)
        record = json.loads(entry.record)

    assert report.quarantined == 1
    assert all(key_id_of(value) is not None for value in stored)
    assert record["note"] == ADDRESS
    assert "X-999999" in entry.reason
    assert entry.resolution_note == DISMISS_NOTE
    if backend == "sqlite":
        _assert_absent(db_path, ADDRESS, DISMISS_NOTE)


def _database_before_encryption(url: str) -> None:
    """Migrate to the revision before 0008 and store plain kiosk and factory rows."""
    engine = create_database_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), BEFORE)
        design = json.dumps(_design().to_json(), ensure_ascii=False)
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES (:key, :value)"),
            {"key": f"kiosk_design:{CODE}", "value": design},
        )
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES ('events_revision', '7')")
        )
        connection.execute(
            text(
                "INSERT INTO status_quarantine (key, source, record, order_id, "
                "status, reason, received_at, resolution_note) VALUES ('k1', "
                "'status.csv:2', :record, 'X-999999', 'in_production', :reason, "
                "'2025-03-02 10:00:00', :note)"
            ),
            {
                "record": json.dumps({"order_id": "X-999999", "note": ADDRESS}),
                "reason": f"order X-999999 not found; note {ADDRESS}",
                "note": DISMISS_NOTE,
            },
        )
        connection.execute(
            text(
                "INSERT INTO customers (id, display_name, created_at, "
                "consent_profiling, consent_marketing) VALUES ('c1', :name, "
                "'2026-01-01 10:00:00', false, false)"
            ),
            {"name": key_ring().encrypt("Zhang Wei", "customers.display_name")},
        )
    engine.dispose()


def _stored_rows(url: str) -> tuple:
    engine = create_database_engine(url)
    with engine.connect() as connection:
        design = connection.scalar(
            text("SELECT value FROM settings WHERE key = :key"),
            {"key": f"kiosk_design:{CODE}"},
        )
        counter = connection.scalar(
            text("SELECT value FROM settings WHERE key = 'events_revision'")
        )
        quarantined = connection.execute(
            text("SELECT record, reason, resolution_note FROM status_quarantine")
        ).one()
        revision = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    return design, counter, tuple(quarantined), revision


def test_migration_encrypts_existing_rows(database_url, db_path, backend):
    _database_before_encryption(database_url)

    database = open_database(database_url)
    design = load_kiosk_design(database, CODE)
    with database.session(readonly=True) as session:
        (entry,) = list_quarantine(session)
        reason, note = entry.reason, entry.resolution_note
    database.dispose()
    stored_design, counter, stored_quarantine, _ = _stored_rows(database_url)

    assert key_id_of(stored_design) is not None
    assert counter == "7"
    assert all(key_id_of(value) is not None for value in stored_quarantine)
    assert design.values["engraving"] == ENGRAVING
    assert json.loads(entry.record)["note"] == ADDRESS
    assert ADDRESS in reason
    assert note == DISMISS_NOTE
    if backend == "sqlite":
        _assert_absent(db_path, ENGRAVING, ADDRESS, DISMISS_NOTE)


def test_migration_without_key_file_changes_nothing(database_url):
    _database_before_encryption(database_url)
    saved_key = key_file_path().read_bytes()
    key_file_path().unlink()

    with pytest.raises(KeyFileError) as raised:
        open_database(database_url)
    design, _, quarantined, revision = _stored_rows(database_url)

    assert str(key_file_path()) in str(raised.value)
    assert "restore key.bin" in str(raised.value)
    assert not key_file_path().exists()
    assert revision == BEFORE
    assert json.loads(design)["values"]["engraving"] == ENGRAVING
    assert json.loads(quarantined[0])["note"] == ADDRESS

    key_file_path().write_bytes(saved_key)
    key_file_path().chmod(0o600)
    database = open_database(database_url)
    assert load_kiosk_design(database, CODE).values["engraving"] == ENGRAVING
    database.dispose()


def test_migration_downgrade_decrypts_rows(database_url):
    _database_before_encryption(database_url)
    open_database(database_url).dispose()

    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), BEFORE)
    engine.dispose()
    design, counter, quarantined, revision = _stored_rows(database_url)

    assert revision == BEFORE
    assert json.loads(design)["values"]["engraving"] == ENGRAVING
    assert counter == "7"
    assert json.loads(quarantined[0])["note"] == ADDRESS
    assert quarantined[2] == DISMISS_NOTE


def test_open_with_other_key_names_kiosk_designs(db, database_url, monkeypatch):
    # No customer is registered, so only the kiosk design shows the key.
    save_kiosk_design(db, _design())
    db.dispose()
    other = key_file_path().with_name("other.bin")
    monkeypatch.setenv("ATELIER_KEY_FILE", str(other))
    key_ring()

    with pytest.raises(KeyFileError) as raised:
        open_database(database_url)

    assert str(other) in str(raised.value)
    assert "lacks key" in str(raised.value)


def test_rotate_key_covers_kiosk_and_quarantine(db, tmp_path):
    code = save_kiosk_design(db, _design())
    apply_status_file(db, _status_file(tmp_path))
    old_id = key_ring().current_id

    rotate_key(db)

    new_ring = read_key_ring(key_file_path())
    with db.session(readonly=True) as session:
        design = session.scalar(
            text("SELECT value FROM settings WHERE key = :key"),
            {"key": f"kiosk_design:{code}"},
        )
        record = session.scalar(text("SELECT record FROM status_quarantine"))
    assert new_ring.current_id != old_id
    assert key_id_of(design) == new_ring.current_id
    assert key_id_of(record) == new_ring.current_id
    assert ENGRAVING in new_ring.decrypt(design, KIOSK_DESIGN_CONTEXT)
    assert load_kiosk_design(db, code).values["engraving"] == ENGRAVING
