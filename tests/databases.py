"""Database fixtures that run storage tests on SQLite and, when given, PostgreSQL.

Pass ``--database postgresql://USER@HOST:PORT/DB`` to pytest, or set
``ATELIER_TEST_POSTGRES_URL``, to run every test that uses the ``backend``
fixture (through ``database_url`` or ``db``) once on a SQLite file and once
on that server. The user must be allowed to create databases: each test
gets a new database, dropped afterwards. ``.ci/with-postgres`` starts a
private server and sets the variable.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from storage.db import Database, open_database
from storage.db import database_url as parse_database_url

POSTGRES_URL_ENV = "ATELIER_TEST_POSTGRES_URL"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        metavar="URL",
        default=os.environ.get(POSTGRES_URL_ENV) or None,
        help="PostgreSQL server URL, such as postgresql://postgres@127.0.0.1:5432/"
        "postgres, whose user may create databases: storage tests then run on it "
        f"as well as on SQLite (default: ${POSTGRES_URL_ENV})",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    backends = ["sqlite"]
    if metafunc.config.getoption("--database"):
        backends.append("postgresql")
    metafunc.parametrize("backend", backends, scope="function")


@pytest.fixture(scope="session")
def postgres_admin(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An autocommit engine on the server named by ``--database``."""
    url = request.config.getoption("--database")
    if not url:
        pytest.fail("no PostgreSQL server: pass --database or set " + POSTGRES_URL_ENV)
    engine = create_engine(parse_database_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        engine.dispose()
        raise pytest.UsageError(
            f"PostgreSQL server {make_url(url).render_as_string()} is unreachable "
            f"({error}): start it, for example with .ci/with-postgres"
        ) from error
    yield engine
    engine.dispose()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Location of the test's SQLite file, inside the test's own folder."""
    return tmp_path / "atelier.db"


@pytest.fixture
def new_database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest):
    """Function that returns the URL of a new, empty database of ``backend``.

    Its argument is a SQLite file name in the test's folder, or a prefix
    for the PostgreSQL database's name. The databases are removed after the
    test.
    """
    created: list[str] = []

    def create(name: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / name}"
        admin = request.getfixturevalue("postgres_admin")
        database = f"atelier_{Path(name).stem}_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        created.append(database)
        return admin.url.set(database=database).render_as_string(hide_password=False)

    yield create
    if created:
        admin = request.getfixturevalue("postgres_admin")
        with admin.connect() as connection:
            for database in created:
                # FORCE ends connections that killed worker processes left open.
                connection.execute(
                    text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                )


@pytest.fixture
def database_url(new_database_url, db_path: Path) -> str:
    """URL of an empty database of ``backend``; for SQLite, at ``db_path``."""
    return new_database_url(db_path.name)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A freshly migrated database of each backend, closed after the test."""
    database = open_database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(db_path: Path) -> Iterator[Database]:
    """A freshly migrated SQLite database, for SQLite-only behaviour."""
    database = open_database(f"sqlite:///{db_path}")
    yield database
    database.dispose()
