"""Storage tests use the database fixtures of ``tests/databases.py``.

``db`` and ``database_url`` run a test on SQLite and, with ``--database``,
on PostgreSQL too; ``sqlite_db`` is for behaviour that only SQLite has.
"""
