"""Alembic migration environment for the Atelier database."""
