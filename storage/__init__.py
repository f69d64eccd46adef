"""Database schema, sessions, migrations and repositories."""
