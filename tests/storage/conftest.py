"""Fixtures for storage tests: a migrated SQLite database per test."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.db import Database, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Location of the test's database file, inside the test's own folder."""
    return tmp_path / "atelier.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A freshly migrated database, closed after the test."""
    database = open_database(f"sqlite:///{db_path}")
    yield database
    database.dispose()
