"""Alembic revisions, applied in order by ``storage.db.upgrade_to_head``."""
