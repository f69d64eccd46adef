"""Fixtures for recommender tests, shared with the storage tests."""

from tests.storage.conftest import db, db_path

__all__ = ["db", "db_path"]
