"""Database location, engine set-up, migrations at start-up and sessions.

``open_database`` is the one entry point: it creates the engine, brings the
schema to the newest Alembic revision and returns a :class:`Database` whose
``session()`` wraps one transaction.

SQLite connections use write-ahead logging, enforce foreign keys, wait for a
busy lock instead of failing at once, and start write transactions with
``BEGIN IMMEDIATE``. A transaction that starts by reading and then writes
fails at once with "database is locked" when another connection wrote in
between. Taking the write lock up front makes writers queue on the busy
timeout instead. :meth:`Database.write` runs a whole transaction again when
the lock stays taken past the timeout.

PostgreSQL write transactions take the same kind of lock up front: the
first statement is ``pg_advisory_xact_lock(WRITE_LOCK_KEY)``, so writers run
one at a time as on SQLite, and a transaction that reads and then writes at
READ COMMITTED sees every change committed before it got the lock. The
wait is bounded by a ``lock_timeout`` equal to SQLite's busy timeout.
Read-only sessions take no lock and run at REPEATABLE READ, which gives
them one snapshot, as SQLite's read transactions have.

A SQLite database on a network file system is rejected, because its
locking is unreliable there; see :mod:`storage.filesystems`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from storage.filesystems import filesystem_type as detect_filesystem_type
from storage.filesystems import is_network_filesystem
from storage.migrate import MIGRATIONS_DIR, alembic_config, upgrade_to_head
from storage.retry import DEFAULT_BACKOFF_S, DEFAULT_RETRIES, retry_transaction

logger = logging.getLogger(__name__)

APP_NAME = "Atelier"
DATABASE_FILENAME = "atelier.db"
DATA_DIR_ENV = "ATELIER_DATA_DIR"

__all__ = [
    "MIGRATIONS_DIR",
    "Database",
    "NetworkFilesystemError",
    "alembic_config",
    "create_database_engine",
    "default_database_url",
    "open_database",
    "upgrade_to_head",
]

T = TypeVar("T")

# Time a SQLite connection waits for another connection's lock before it
# raises "database is locked", and a PostgreSQL writer waits for the write
# lock before it raises lock_not_available.
BUSY_TIMEOUT_MS = 30_000

# Key of the PostgreSQL advisory lock that every write transaction takes
# first: the ASCII codes of "atlw", so that it is recognisable in pg_locks.
WRITE_LOCK_KEY = 0x61746C77

# Execution option that makes a SQLite transaction start with a plain
# (deferred) BEGIN, for sessions that only read.
_DEFERRED_BEGIN = "atelier_deferred_begin"
# Execution option with the milliseconds one write transaction waits for the
# write lock, in place of the engine's lock timeout.
_LOCK_TIMEOUT = "atelier_lock_timeout_ms"

# Seconds a PostgreSQL client waits for the server to accept a connection.
POSTGRES_CONNECT_TIMEOUT_S = 10


class NetworkFilesystemError(ValueError):
    """A SQLite database file on a network file system, such as NFS or SMB."""


def default_database_url() -> str:
    """Return the SQLite URL of the user's database and create its folder.

    The folder is ``$ATELIER_DATA_DIR`` when that variable is set, otherwise
    ``platformdirs.user_data_dir("Atelier")``.

    Returns
    -------
    str
        A URL such as ``sqlite:////home/ana/.local/share/Atelier/atelier.db``.
    """
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def default_database_path() -> Path:
    """Return the file of the user's SQLite database, without creating anything.

    It is ``atelier.db`` in ``$ATELIER_DATA_DIR`` when that variable is
    set, otherwise in ``platformdirs.user_data_dir("Atelier")``.
    """
    folder = os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir(APP_NAME)
    return Path(folder).expanduser().resolve() / DATABASE_FILENAME


class Database:
    """An engine with its schema migrated, and a factory for sessions.

    Attributes
    ----------
    engine
        The SQLAlchemy engine. Share it within the process, because it owns
        the connection pool.
    url
        The database URL with any password hidden, for logs and messages.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        reader = engine.execution_options(**{_DEFERRED_BEGIN: True})
        if engine.dialect.name == "postgresql":
            reader = reader.execution_options(isolation_level="REPEATABLE READ")
        self._read_sessions = sessionmaker(reader, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Database(url={self.url!r})"

    @contextmanager
    def session(
        self, *, readonly: bool = False, lock_timeout_ms: int | None = None
    ) -> Iterator[Session]:
        """Open a session that commits on success and rolls back on error.

        A write session takes the database's write lock when its transaction
        begins and does not retry; use :meth:`write` for writes that other
        kiosks may race with.

        Parameters
        ----------
        readonly
            Start the transaction without taking the write lock, so that it
            runs beside a writer. The session is rolled back at the end,
            which discards any change made through it, and the objects it
            loaded stay usable afterwards.
        lock_timeout_ms
            Milliseconds a write session waits for another connection's
            write lock before it fails; the engine's ``lock_timeout_ms``
            when None.

        Yields
        ------
        Session
            A session inside one transaction.
        """
        if readonly:
            factory = self._read_sessions
        elif lock_timeout_ms is None:
            factory = self._sessions
        else:
            engine = self.engine.execution_options(
                **{_LOCK_TIMEOUT: int(lock_timeout_ms)}
            )
            factory = sessionmaker(engine, expire_on_commit=False)
        with factory() as session:
            try:
                yield session
                if readonly:
                    # Detach first, because a rollback would expire the
                    # loaded objects that the caller keeps using.
                    session.expunge_all()
                    session.rollback()
                else:
                    session.commit()
            except BaseException:
                session.rollback()
                raise

    def write(
        self,
        work: Callable[[Session], T],
        *,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF_S,
        description: str | None = None,
        lock_timeout_ms: int | None = None,
    ) -> T:
        """Run ``work`` in one write transaction, again if it hits a lock.

        Use this for every write that other kiosks may race with. The
        transaction is rolled back and ``work`` runs again from the start
        when SQLite stays locked past the busy timeout or PostgreSQL reports
        a lock timeout, a serialization failure or a deadlock.

        Parameters
        ----------
        work
            Called with an open session; its return value is returned. It
            may run several times, so it must not change anything outside
            the session, or only in ways that are safe to repeat.
        retries
            Re-runs allowed after the first attempt.
        backoff
            Wait before the first re-run in seconds, doubled for each later
            one; see :func:`storage.retry.retry_transaction`.
        description
            What the work does, for log messages; the function's name by
            default.
        lock_timeout_ms
            Milliseconds each run waits for another connection's write lock;
            the engine's ``lock_timeout_ms`` (30 s by default) when None. A
            window that keeps staff waiting passes a short one with few
            retries.

        Returns
        -------
        T
            What ``work`` returned in the run that committed.

        Raises
        ------
        storage.retry.TransactionRetryError
            If every run failed on a lock or a serialization conflict.
        """

        def attempt() -> T:
            with self.session(lock_timeout_ms=lock_timeout_ms) as session:
                return work(session)

        name = description or getattr(work, "__name__", "write")
        return retry_transaction(
            attempt, retries=retries, backoff=backoff, description=name
        )

    def dispose(self) -> None:
        """Close every pooled connection, for example before deleting the file."""
        self.engine.dispose()


def open_database(url: str, *, filesystem_type: str | None = None) -> Database:
    """Create the engine for ``url`` and migrate its schema to the newest revision.

    Parameters
    ----------
    url
        A SQLAlchemy URL, for example ``sqlite:///C:/data/atelier.db`` or
        ``postgresql://atelier@server/atelier``. A ``postgresql://`` URL
        without a driver uses psycopg 3.
    filesystem_type
        Type of the file system that contains a SQLite database's folder, as
        ``/proc/mounts`` names it (``"ext4"``, ``"nfs4"``). Detected when
        None; pass it to skip the detection.

    Returns
    -------
    Database
        The migrated database.

    Raises
    ------
    sqlalchemy.exc.ArgumentError
        If ``url`` is not a valid database URL.
    FileNotFoundError
        If ``url`` is a SQLite file in a folder that does not exist.
    NetworkFilesystemError
        If ``url`` is a SQLite file on a network file system.
    storage.migrate.MigrationError
        If the database was migrated by a newer Atelier, or a migration
        left inconsistent data and was rolled back.
    storage.crypto.KeyFileError
        If the database contains encrypted values that the key file cannot
        open, because it is missing or belongs to another database.
    """
    folder = _check_sqlite_folder(url)
    if folder is not None:
        _check_local_filesystem(url, folder, filesystem_type)
    engine = create_database_engine(url)
    database = Database(engine)
    logger.debug("Opening database %s", database.url)
    upgrade_to_head(engine)
    # Imported here because storage.crypto imports this module.
    from storage.crypto import check_key_file

    with database.session(readonly=True) as session:
        check_key_file(session)
    return database


def create_database_engine(
    url: str | URL, *, lock_timeout_ms: int = BUSY_TIMEOUT_MS
) -> Engine:
    """Create an engine with Atelier's connection settings for its backend.

    SQLite gets the pragmas and ``BEGIN IMMEDIATE`` described above.
    PostgreSQL gets psycopg 3 when the URL names no driver, the write lock
    at the start of write transactions, a connection check on checkout and
    a connect timeout of :data:`POSTGRES_CONNECT_TIMEOUT_S` unless the URL
    sets one.

    Parameters
    ----------
    url
        A SQLAlchemy database URL.
    lock_timeout_ms
        Milliseconds a write transaction waits for another one's lock
        before it fails with an error that :meth:`Database.write` retries.
    """
    parsed = database_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        connect_args = {}
        if "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_S
        try:
            engine = create_engine(
                parsed, pool_pre_ping=True, connect_args=connect_args
            )
        except ModuleNotFoundError as error:
            raise ValueError(
                f"Database {parsed.render_as_string()} needs the psycopg driver, "
                f"which is not installed ({error}): install it with "
                "pip install 'psycopg[binary]'"
            ) from error
        _configure_postgresql(engine, lock_timeout_ms)
        return engine
    engine = create_engine(parsed)
    if backend == "sqlite":
        _configure_sqlite(engine, lock_timeout_ms)
    return engine


def database_url(url: str | URL) -> URL:
    """Parse ``url``, choosing psycopg 3 for a PostgreSQL URL without a driver.

    SQLAlchemy's default driver for ``postgresql://`` is psycopg2, which
    Atelier does not install.
    """
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _check_sqlite_folder(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if parsed.database in (None, "", ":memory:"):
        return None
    folder = Path(parsed.database).expanduser().parent
    if not folder.is_dir():
        raise FileNotFoundError(
            f"Folder {folder} of database {url} does not exist: create it or "
            "choose another database URL"
        )
    return folder


def _check_local_filesystem(url: str, folder: Path, kind: str | None) -> None:
    if kind is None:
        kind = detect_filesystem_type(folder)
    logger.debug("Database folder %s is on a %s file system", folder, kind)
    if is_network_filesystem(kind):
        raise NetworkFilesystemError(
            f"Database {url} is on a network file system ({kind}), where "
            "SQLite's file locking is unreliable and kiosks sharing the file "
            "can corrupt it. Keep the SQLite file on a local disk, or run a "
            "database server and point every kiosk at it with --database "
            "postgresql://USER@HOST/atelier"
        )


def _configure_sqlite(engine: Engine, lock_timeout_ms: int) -> None:
    # SQLAlchemy's documented recipe for the pysqlite driver: disable the
    # driver's own BEGIN and emit one from the "begin" event instead. This
    # also makes DDL transactional, so a failed migration rolls back.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _connection_record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # The busy timeout comes first, so that switching a new file to
            # WAL waits for a kiosk that is creating the same file.
            cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # FULL syncs the log at every commit, so a transaction that the
            # studio confirmed survives a power failure too, not only a crash.
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        options = connection.get_execution_options()
        # The pooled connection keeps the timeout, so every transaction sets
        # the one it needs before it takes a lock.
        timeout = options.get(_LOCK_TIMEOUT, lock_timeout_ms)
        connection.exec_driver_sql(f"PRAGMA busy_timeout={int(timeout)}")
        if options.get(_DEFERRED_BEGIN):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _configure_postgresql(engine: Engine, lock_timeout_ms: int) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        options = connection.get_execution_options()
        if options.get(_DEFERRED_BEGIN):
            return
        timeout = options.get(_LOCK_TIMEOUT, lock_timeout_ms)
        # SET LOCAL lasts until the end of this transaction only.
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {int(timeout)}")
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
