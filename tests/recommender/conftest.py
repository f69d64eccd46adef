"""Fixtures for recommender tests: a migrated SQLite database per test."""

from collections.abc import Iterator

import pytest

from storage.db import Database


@pytest.fixture
def db(sqlite_db: Database) -> Iterator[Database]:
    """A freshly migrated SQLite database, closed after the test."""
    return sqlite_db
