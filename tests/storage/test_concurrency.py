"""Several processes writing one database, and the retry of whole transactions."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from datetime import datetime

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from storage import repositories as repo
from storage.db import WRITE_LOCK_KEY, Database, create_database_engine
from storage.retry import TransactionRetryError, retry_transaction
from storage.schema import Customer, Event, Product, Setting
from tests.storage.workers import (
    EVENTS_PER_WRITER,
    SETTINGS_PER_WRITER,
    write_events_and_settings,
)

WRITERS = 4
# Seconds the whole run may take before the test fails; it takes about 10 s
# on SQLite and 20 s on PostgreSQL with 2 cores.
WRITERS_TIMEOUT_S = 240


def _add_customer_and_product(database) -> None:
    with database.session() as session:
        session.add(Customer(id="c1", display_name="Ana", created_at=datetime.now()))
        session.add(Product(id="p1", name="Band", category="ring"))


class WriteLockHolder:
    """A separate connection that takes the database's write lock."""

    def __init__(self, database_url: str) -> None:
        url = make_url(database_url)
        if url.get_backend_name() == "sqlite":
            self._connection = sqlite3.connect(
                url.database, isolation_level=None, check_same_thread=False
            )
            self._connection.execute("BEGIN IMMEDIATE")
            self._release_sql = "ROLLBACK"
        else:
            self._connection = psycopg.connect(
                url.set(drivername="postgresql").render_as_string(False),
                autocommit=True,
            )
            self._connection.execute(f"SELECT pg_advisory_lock({WRITE_LOCK_KEY})")
            self._release_sql = f"SELECT pg_advisory_unlock({WRITE_LOCK_KEY})"

    def release(self) -> None:
        self._connection.execute(self._release_sql)
        self._connection.close()


def _impatient(database_url: str, milliseconds: int) -> Database:
    """Open the migrated database with a short wait for the write lock."""
    engine = create_database_engine(database_url, lock_timeout_ms=milliseconds)
    return Database(engine)


def test_writers_lose_nothing(db, database_url: str):
    _add_customer_and_product(db)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WRITERS)
    writers = [
        context.Process(
            target=write_events_and_settings, args=(database_url, number, start)
        )
        for number in range(WRITERS)
    ]

    for process in writers:
        process.start()
    for process in writers:
        process.join(WRITERS_TIMEOUT_S)
        if process.is_alive():
            process.kill()
    exit_codes = [process.exitcode for process in writers]

    with db.session(readonly=True) as session:
        events = session.scalar(select(func.count()).select_from(Event))
        references = session.scalar(select(func.count(func.distinct(Event.reference))))
        kiosk_settings = session.scalar(
            select(func.count()).where(Setting.key.like("kiosk.%"))
        )
        revision = repo.events_revision(session)
    assert exit_codes == [0] * WRITERS
    assert events == WRITERS * EVENTS_PER_WRITER
    assert references == WRITERS * EVENTS_PER_WRITER
    assert kiosk_settings == WRITERS * SETTINGS_PER_WRITER
    assert revision == WRITERS * EVENTS_PER_WRITER


def test_write_retries_while_locked(db, database_url: str):
    _add_customer_and_product(db)
    impatient = _impatient(database_url, 20)
    holder = WriteLockHolder(database_url)
    release = threading.Timer(0.5, holder.release)
    attempts = []

    def work(session):
        attempts.append(1)
        return repo.record_event(session, "c1", "p1", "view").id

    release.start()
    try:
        event_id = impatient.write(work, retries=20, backoff=0.05)
    finally:
        release.join()
        impatient.dispose()

    assert event_id is not None
    assert len(attempts) > 1
    with db.session(readonly=True) as session:
        assert repo.count_rows(session, Event) == 1


def test_write_gives_up_after_retries(db, database_url: str):
    _add_customer_and_product(db)
    impatient = _impatient(database_url, 10)
    holder = WriteLockHolder(database_url)
    attempts = []

    def work(session):
        attempts.append(1)
        repo.record_event(session, "c1", "p1", "view")

    try:
        with pytest.raises(TransactionRetryError, match="failed 3 times") as caught:
            impatient.write(work, retries=2, backoff=0.0, description="test write")
    finally:
        holder.release()
        impatient.dispose()

    assert caught.value.attempts == 3
    assert "test write failed 3 times" in str(caught.value)
    assert len(attempts) == 3
    with db.session(readonly=True) as session:
        assert repo.count_rows(session, Event) == 0


def test_write_keeps_other_errors(db):
    _add_customer_and_product(db)
    attempts = []

    def work(session):
        attempts.append(1)
        session.add(Product(id="p1", name="Copy", category="ring"))
        session.flush()

    with pytest.raises(IntegrityError):
        db.write(work)

    assert len(attempts) == 1
    with db.session(readonly=True) as session:
        assert repo.get_product(session, "p1").name == "Band"


def test_write_rolls_back_failed_attempt(db):
    _add_customer_and_product(db)
    attempts = []

    def work(session):
        attempts.append(1)
        repo.record_event(session, "c1", "p1", "view")
        if len(attempts) == 1:
            raise ValueError("first attempt stops after a write")

    with pytest.raises(ValueError, match="first attempt"):
        db.write(work)
    db.write(work)

    with db.session(readonly=True) as session:
        assert repo.count_rows(session, Event) == 1


@pytest.mark.parametrize(
    ("retries", "backoff", "fragment"),
    [(-1, 0.1, "retries=-1 is negative"), (1, -0.5, "backoff=-0.5 is negative")],
)
def test_retry_rejects_negative_settings(retries, backoff, fragment):
    with pytest.raises(ValueError, match=fragment):
        retry_transaction(lambda: None, retries=retries, backoff=backoff)


def write_lock_is_free(database_url: str) -> bool:
    """Try to take the write lock from a separate connection, without waiting."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        other = sqlite3.connect(url.database, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return False
        finally:
            other.close()
        return True
    with psycopg.connect(
        url.set(drivername="postgresql").render_as_string(False), autocommit=True
    ) as other:
        query = f"SELECT pg_try_advisory_xact_lock({WRITE_LOCK_KEY})"
        return other.execute(query).fetchone()[0]


def test_write_session_locks_at_begin(db, database_url: str):
    with db.session() as session:
        session.connection()  # begins the transaction, before any write
        locked_inside = not write_lock_is_free(database_url)

    assert locked_inside
    assert write_lock_is_free(database_url)


def test_readonly_session_takes_no_lock(db, database_url: str):
    with db.session(readonly=True) as session:
        session.scalar(select(Customer.id))
        free_inside = write_lock_is_free(database_url)

    assert free_inside
