"""Database location, engine set-up, migrations at start-up and sessions.

``open_database`` is the one entry point: it creates the engine, brings the
schema to the newest Alembic revision and returns a :class:`Database` whose
``session()`` wraps one transaction.

SQLite connections use write-ahead logging, enforce foreign keys, wait for a
busy lock instead of failing at once, and start write transactions with
``BEGIN IMMEDIATE``. A transaction that starts by reading and then writes
fails at once with "database is locked" when another connection wrote in
between. Taking the write lock up front makes writers queue on the busy
timeout instead.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

logger = logging.getLogger(__name__)

APP_NAME = "Atelier"
DATABASE_FILENAME = "atelier.db"
DATA_DIR_ENV = "ATELIER_DATA_DIR"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Time a SQLite connection waits for another connection's lock before it
# raises "database is locked".
BUSY_TIMEOUT_MS = 30_000

# Execution option that makes a SQLite transaction start with a plain
# (deferred) BEGIN, for sessions that only read.
_DEFERRED_BEGIN = "atelier_deferred_begin"


def default_database_url() -> str:
    """Return the SQLite URL of the user's database and create its folder.

    The folder is ``$ATELIER_DATA_DIR`` when that variable is set, otherwise
    ``platformdirs.user_data_dir("Atelier")``.

    Returns
    -------
    str
        A URL such as ``sqlite:////home/ana/.local/share/Atelier/atelier.db``.
    """
    folder = os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir(APP_NAME)
    path = Path(folder).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path / DATABASE_FILENAME}"


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
        self._read_sessions = sessionmaker(reader, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Database(url={self.url!r})"

    @contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """Open a session that commits on success and rolls back on error.

        Parameters
        ----------
        readonly
            Start the transaction without taking SQLite's write lock, so that
            it runs beside a writer. The session is rolled back at the end,
            which discards any change made through it, and the objects it
            loaded stay usable afterwards.

        Yields
        ------
        Session
            A session inside one transaction.
        """
        factory = self._read_sessions if readonly else self._sessions
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

    def dispose(self) -> None:
        """Close every pooled connection, for example before deleting the file."""
        self.engine.dispose()


def open_database(url: str) -> Database:
    """Create the engine for ``url`` and migrate its schema to the newest revision.

    Parameters
    ----------
    url
        A SQLAlchemy URL, for example ``sqlite:///C:/data/atelier.db`` or
        ``postgresql+psycopg://atelier@server/atelier``.

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
    storage.crypto.KeyFileError
        If the database contains encrypted values that the key file cannot
        open, because it is missing or belongs to another database.
    """
    _check_sqlite_folder(url)
    engine = create_database_engine(url)
    database = Database(engine)
    logger.debug("Opening database %s", database.url)
    upgrade_to_head(engine)
    # Imported here because storage.crypto imports this module.
    from storage.crypto import check_key_file

    with database.session(readonly=True) as session:
        check_key_file(session)
    return database


def create_database_engine(url: str) -> Engine:
    """Create an engine, with the SQLite connection settings when ``url`` is SQLite."""
    parsed = make_url(url)
    engine = create_engine(parsed)
    if parsed.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    return engine


def _check_sqlite_folder(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    if parsed.database in (None, "", ":memory:"):
        return
    folder = Path(parsed.database).expanduser().parent
    if not folder.is_dir():
        raise FileNotFoundError(
            f"Folder {folder} of database {url} does not exist: create it or "
            "choose another database URL"
        )


def _configure_sqlite(engine: Engine) -> None:
    # SQLAlchemy's documented recipe for the pysqlite driver: disable the
    # driver's own BEGIN and emit one from the "begin" event instead. This
    # also makes DDL transactional, so a failed migration rolls back.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _connection_record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # In WAL mode, NORMAL stays consistent after a crash and may only
            # lose the last transactions after a power failure.
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if connection.get_execution_options().get(_DEFERRED_BEGIN):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config(connection: Connection | None = None) -> Config:
    """Build the Alembic configuration for Atelier's migrations in code.

    Parameters
    ----------
    connection
        An open SQLAlchemy ``Connection`` that the migration environment
        uses instead of creating its own engine.

    Returns
    -------
    alembic.config.Config
        A configuration whose ``script_location`` is ``storage/migrations``.
        Pass it to ``alembic.command`` functions, for example
        ``command.revision(config, message, autogenerate=True)`` with an open
        connection to write a new revision.
    """
    config = Config()
    # ConfigParser treats "%" as interpolation, so escape it in the path.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Apply every pending Alembic migration in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
