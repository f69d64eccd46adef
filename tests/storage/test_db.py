"""Engine set-up, migrations at start-up and session behaviour."""

import io
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import platformdirs
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from storage.db import (
    BUSY_TIMEOUT_MS,
    DATA_DIR_ENV,
    alembic_config,
    default_database_url,
    open_database,
)
from storage.retry import TransactionRetryError
from storage.schema import Base, Customer, Event, Product


def _head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _add_customer(session, customer_id: str = "c1") -> None:
    session.add(
        Customer(id=customer_id, display_name="Ana", created_at=datetime(2024, 1, 1))
    )


def test_default_url_uses_env_folder(monkeypatch, tmp_path: Path):
    folder = tmp_path / "nested" / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))

    url = default_database_url()

    assert url == f"sqlite:///{folder.resolve() / 'atelier.db'}"
    assert folder.is_dir()


def test_default_url_uses_platform_folder(monkeypatch, tmp_path: Path):
    # On Linux, platformdirs puts user data under XDG_DATA_HOME.
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    expected_folder = Path(platformdirs.user_data_dir("Atelier"))
    assert expected_folder.is_relative_to(tmp_path)

    url = default_database_url()

    assert url == f"sqlite:///{expected_folder.resolve() / 'atelier.db'}"
    assert expected_folder.is_dir()


def test_migrations_create_schema(db):
    tables = set(inspect(db.engine).get_table_names())
    assert {"customers", "products", "events", "settings"} <= tables
    assert "alembic_version" in tables

    indexes = {index["name"] for index in inspect(db.engine).get_indexes("events")}
    assert {"ix_events_customer_id", "ix_events_product_id"} <= indexes

    with db.session(readonly=True) as session:
        version = session.scalar(text("SELECT version_num FROM alembic_version"))
    assert version == _head_revision()


def _compare_type(context, inspected_column, metadata_column, inspected, declared):
    """Take encrypted columns as equal to the text columns that store them."""
    from sqlalchemy import String, Text

    from storage.crypto import EncryptedText

    if isinstance(declared, EncryptedText):
        return not isinstance(inspected, String | Text)
    return None


def test_migrations_match_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": _compare_type}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_reopening_keeps_data(db, database_url: str):
    with db.session() as session:
        _add_customer(session)
    db.dispose()

    reopened = open_database(database_url)
    with reopened.session(readonly=True) as session:
        names = session.scalars(select(Customer.display_name)).all()
        version_query = text("SELECT version_num FROM alembic_version")
        versions = session.scalars(version_query).all()
    reopened.dispose()

    assert names == ["Ana"]
    assert versions == [_head_revision()]


def test_sqlite_pragmas(sqlite_db):
    with sqlite_db.session(readonly=True) as session:
        journal_mode = session.scalar(text("PRAGMA journal_mode"))
        foreign_keys = session.scalar(text("PRAGMA foreign_keys"))
        busy_timeout = session.scalar(text("PRAGMA busy_timeout"))
    assert journal_mode == "wal"
    assert foreign_keys == 1
    assert busy_timeout == BUSY_TIMEOUT_MS


def test_write_session_takes_lock_at_begin(sqlite_db, db_path: Path):
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with sqlite_db.session() as session:
            session.connection()  # begins the transaction, before any write
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_write_lock_timeout_is_per_call(sqlite_db, db_path: Path):
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with pytest.raises(TransactionRetryError) as raised:
            sqlite_db.write(_add_customer, retries=1, lock_timeout_ms=200)
        elapsed = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert raised.value.attempts == 2
    # Two waits of 0.2 s and one backoff of at most 0.03 s, far below the
    # engine's 30 s busy timeout.
    assert elapsed < 5
    with sqlite_db.session(readonly=True) as session:
        busy_timeout = session.scalar(text("PRAGMA busy_timeout"))
    assert busy_timeout == BUSY_TIMEOUT_MS


def test_readonly_session_lets_writer_in(sqlite_db, db_path: Path):
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with sqlite_db.session(readonly=True) as session:
            session.scalar(select(Customer.id))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_readonly_session_discards_changes(db):
    with db.session(readonly=True) as session:
        _add_customer(session)
        session.flush()

    with db.session(readonly=True) as session:
        assert session.scalar(select(Customer.id)) is None


def test_session_commits_on_success(db):
    with db.session() as session:
        _add_customer(session)

    with db.session(readonly=True) as session:
        assert session.scalars(select(Customer.id)).all() == ["c1"]


def test_session_rolls_back_on_error(db):
    with pytest.raises(RuntimeError, match="stop"):
        with db.session() as session:
            _add_customer(session)
            session.flush()
            raise RuntimeError("stop")

    with db.session(readonly=True) as session:
        assert session.scalar(select(Customer.id)) is None


def test_foreign_keys_enforced(db):
    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        with db.session() as session:
            session.add(
                Event(
                    customer_id="nobody",
                    product_id="nothing",
                    kind="view",
                    occurred_at=datetime(2024, 1, 1),
                )
            )


@pytest.mark.parametrize(
    ("kind", "quantity", "value"),
    [("teleport", 1, None), ("view", 0, None), ("rating", 1, 6), ("rating", 1, None)],
)
def test_event_checks_reject(db, kind, quantity, value):
    with db.session() as session:
        _add_customer(session)
        session.add(Product(id="p1", name="Band", category="ring"))

    with pytest.raises(IntegrityError, match="(?i)check"):
        with db.session() as session:
            session.add(
                Event(
                    customer_id="c1",
                    product_id="p1",
                    kind=kind,
                    quantity=quantity,
                    value=value,
                    occurred_at=datetime(2024, 1, 1),
                )
            )


def test_missing_folder_named(tmp_path: Path):
    folder = tmp_path / "absent"

    with pytest.raises(FileNotFoundError, match="absent of database"):
        open_database(f"sqlite:///{folder / 'atelier.db'}")

    assert not folder.exists()


def test_failed_ddl_rolls_back(db):
    with pytest.raises(RuntimeError, match="stop"):
        with db.engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE scratch (id INTEGER)")
            raise RuntimeError("stop")

    assert "scratch" not in inspect(db.engine).get_table_names()


def test_migration_sql_renders_for_postgresql():
    output = io.StringIO()
    config = alembic_config()
    config.output_buffer = output
    config.set_main_option("sqlalchemy.url", "postgresql://atelier@localhost/atelier")

    command.upgrade(config, "head", sql=True)

    sql = output.getvalue()
    assert "CREATE TABLE events" in sql
    assert "CREATE INDEX ix_events_customer_id" in sql
    assert "PRAGMA" not in sql
    assert "AUTOINCREMENT" not in sql
