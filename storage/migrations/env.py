"""Alembic environment: run the revisions on the connection that Atelier passes.

``storage.db.upgrade_to_head`` opens a transaction and hands its connection
over in ``config.attributes["connection"]``. Without one, the environment
connects to the ``sqlalchemy.url`` main option, or writes SQL to standard
output in offline mode (``alembic upgrade --sql``).
"""

from alembic import context
from sqlalchemy import Connection

from storage import order_schema  # noqa: F401 - registers the order tables
from storage.db import create_database_engine
from storage.schema import Base

config = context.config
target_metadata = Base.metadata


def run_on_connection(connection: Connection) -> None:
    """Apply the pending revisions through an open connection."""
    # Batch mode lets later revisions alter SQLite tables by copying them.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Write the SQL of the pending revisions instead of executing it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Apply the pending revisions on the shared connection or a new engine."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on_connection(connection)
        return

    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise ValueError(
            "Alembic has no database to migrate: pass an open connection in "
            "config.attributes['connection'] or set the sqlalchemy.url option"
        )
    engine = create_database_engine(url)
    try:
        with engine.begin() as new_connection:
            run_on_connection(new_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
