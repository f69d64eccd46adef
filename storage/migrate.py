"""Alembic migrations at start-up, safe when several kiosks start at once.

Each revision runs in its own transaction, which takes the migration lock
before it reads the stored revision:

- SQLite: the write transaction starts with ``BEGIN IMMEDIATE``, which
  takes the database's write lock; another kiosk waits on the busy timeout.
- PostgreSQL: the transaction first takes ``pg_advisory_xact_lock`` with
  :data:`MIGRATION_LOCK_KEY`, and runs at READ COMMITTED so that its reads
  after the wait see what the other kiosk committed.

The kiosk that gets the lock second finds the revision already applied and
does nothing. A revision that fails rolls back as a whole (both databases
run DDL inside transactions), so the database stays at the previous
revision, usable, with no temporary tables left behind.

On SQLite, foreign key enforcement is off while a revision runs. Batch mode
rebuilds a table by copying it, dropping the original and renaming the
copy, and while enforcement is on, dropping a table that other rows refer
to fails. ``PRAGMA foreign_key_check`` runs before the
commit instead, and any dangling reference rolls the revision back. This is
the procedure of https://www.sqlite.org/lang_altertable.html, section 7.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from storage.retry import DEFAULT_BACKOFF_S, DEFAULT_RETRIES, retry_transaction

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Key of the PostgreSQL advisory lock that serialises migrations: the ASCII
# codes of "atlr", so that it is recognisable in pg_locks.
MIGRATION_LOCK_KEY = 0x61746C72


class MigrationError(RuntimeError):
    """A migration that cannot run or that left the data inconsistent."""


def alembic_config(
    connection: Connection | None = None, script_location: Path | None = None
) -> Config:
    """Build the Alembic configuration for Atelier's migrations in code.

    Parameters
    ----------
    connection
        An open SQLAlchemy ``Connection`` that the migration environment
        uses instead of creating its own engine.
    script_location
        Folder with ``env.py`` and ``versions/``; ``storage/migrations`` by
        default. Tests pass a copy with extra revisions.

    Returns
    -------
    alembic.config.Config
        A configuration to pass to ``alembic.command`` functions, for example
        ``command.revision(config, message, autogenerate=True)`` with an open
        connection to write a new revision.
    """
    config = Config()
    location = str(script_location or MIGRATIONS_DIR)
    # ConfigParser treats "%" as interpolation, so escape it in the path.
    config.set_main_option("script_location", location.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(
    engine: Engine,
    *,
    script_location: Path | None = None,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF_S,
) -> list[str]:
    """Apply every pending revision, each in its own locked transaction.

    Parameters
    ----------
    engine
        The database's engine.
    script_location
        Folder of the migration scripts; ``storage/migrations`` by default.
    retries, backoff
        How often and after what first wait (seconds) a revision is run
        again when the database stays locked; see
        :func:`storage.retry.retry_transaction`.

    Returns
    -------
    list of str
        The revisions applied by this call, oldest first; empty when the
        database was already at the head revision.

    Raises
    ------
    MigrationError
        If the database carries a revision that these scripts do not know,
        which happens when a newer Atelier migrated it, or if a revision
        left foreign keys pointing at missing rows.
    """
    script = ScriptDirectory.from_config(alembic_config(None, script_location))
    head = script.get_current_head()
    applied: list[str] = []
    while True:
        revision = retry_transaction(
            lambda: _apply_next_revision(engine, script, head, script_location),
            retries=retries,
            backoff=backoff,
            description=f"migration of {engine.url.render_as_string()}",
        )
        if revision is None:
            break
        applied.append(revision)
    if applied:
        logger.info("Migrated database to %s: applied %s", head, ", ".join(applied))
    return applied


def _apply_next_revision(
    engine: Engine, script: ScriptDirectory, head: str | None, location: Path | None
) -> str | None:
    with _migration_connection(engine) as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return None
        revision = _next_revision(script, current, head)
        logger.debug("Applying migration %s on top of %s", revision, current)
        command.upgrade(alembic_config(connection, location), revision)
        if connection.dialect.name == "sqlite":
            _check_foreign_keys(connection, revision)
        return revision


def _next_revision(
    script: ScriptDirectory, current: str | None, head: str | None
) -> str:
    known = {revision.revision for revision in script.walk_revisions()}
    if current is not None and current not in known:
        raise MigrationError(
            f"Database revision {current!r} is unknown to this version of Atelier, "
            f"whose newest revision is {head!r}: a newer version migrated it, so "
            "update Atelier on this computer"
        )
    pending = list(script.iterate_revisions(head, current or "base"))
    # iterate_revisions runs from the head down, so the next one is last.
    return pending[-1].revision


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="READ COMMITTED")
            yield connection
            return
        if connection.dialect.name != "sqlite":
            yield connection
            return
        # The pragma is a no-op inside a transaction, so it goes straight to
        # the driver before SQLAlchemy begins one.
        driver_connection = connection.connection.driver_connection
        driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            yield connection
        finally:
            driver_connection.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection: Connection, revision: str) -> None:
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        table, rowid, parent, _index = problems[0]
        raise MigrationError(
            f"Migration {revision} left {len(problems)} row(s) whose foreign keys "
            f"point at missing rows, the first in table {table!r} (rowid {rowid}) "
            f"referring to {parent!r}: the revision was rolled back; make it "
            "delete or repair those rows before it changes the tables"
        )
