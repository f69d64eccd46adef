"""Encrypt or decrypt the stored values of a column inside an Alembic revision.

The revisions that encrypt existing columns read each row as it is stored
and write it back converted, in the revision's one transaction, on SQLite
and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

from storage.crypto import key_id_of, key_ring


def rewrite_column(
    table: str,
    keys: Sequence[str],
    column: str,
    convert: Callable[[object, str], str],
    *,
    context: str | None = None,
    condition: str = "",
) -> None:
    """Replace every non-null value of ``table.column`` by ``convert(value, context)``.

    Parameters
    ----------
    keys
        The columns of the table's primary key, which select each row.
    context
        The associated data of the ciphertexts; ``table.column`` by default.
    condition
        An SQL condition that limits the rows, for a column that stores
        encrypted values only in some of them.
    """
    # NOTE: offline SQL scripts (alembic --sql) cannot encrypt, because the
    # rows are not read; open the database with the studio to convert them.
    if op.get_context().as_sql:
        return
    connection = op.get_bind()
    context = context or f"{table}.{column}"
    query = f"SELECT {', '.join(keys)}, {column} FROM {table}"
    if condition:
        query += f" WHERE {condition}"
    rows = connection.execute(sa.text(query)).all()
    changes = [
        {
            **{f"k_{key}": value for key, value in zip(keys, row[:-1], strict=True)},
            "value": convert(row[-1], context),
        }
        for row in rows
        if row[-1] is not None
    ]
    if changes:
        where = " AND ".join(f"{key} = :k_{key}" for key in keys)
        connection.execute(
            sa.text(f"UPDATE {table} SET {column} = :value WHERE {where}"), changes
        )


def encrypt_value(value: object, context: str) -> str:
    """Encrypt a plain value under the current key; an encrypted one stays.

    Integers (birth years) are stored as their decimal text.
    """
    value = str(value)
    if key_id_of(value) is not None:
        return value
    return key_ring().encrypt(value, context)


def decrypt_value(stored: str, context: str) -> str:
    """Decrypt a value written by :func:`encrypt_value` for ``context``."""
    return key_ring().decrypt(stored, context)
