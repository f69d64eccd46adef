"""Key rotation, and everything stored about one customer: export and erasure.

Tables that refer to a customer are found by their ``customer_id`` column in
the live database, so tables added by later revisions (orders, for example)
are exported and erased without changes here. Tables named in
:data:`ACCOUNTING_TABLES` are kept for the accounts: their rows move to an
anonymous placeholder customer instead of being deleted.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import MetaData, Table, delete, func, inspect, select, text, update
from sqlalchemy.orm import Session

# Imported for its tables: rotation and export must see the order tables'
# encrypted columns even when nothing else has imported them yet.
from storage import order_schema  # noqa: F401
from storage.crypto import (
    KIOSK_DESIGN_CONDITION,
    KIOSK_DESIGN_CONTEXT,
    KIOSK_DESIGN_PREFIX,
    EncryptedText,
    KeyRing,
    key_file_path,
    key_ring,
    retired_key_path,
    write_key_ring,
)
from storage.db import Database
from storage.profiles import require_customer
from storage.repositories import bump_events_revision
from storage.schema import Base, Customer, CustomerSegment, Segment, Setting

logger = logging.getLogger(__name__)

# Tables whose rows the accounts need after an erasure: totals stay, and the
# customer reference is replaced by an anonymous id.
ACCOUNTING_TABLES = frozenset({"orders"})
# Columns of accounting tables that describe the customer rather than the
# sale, cleared when their rows move to the placeholder customer.
ERASED_COLUMNS = {"orders": ("delivery_address",)}
# Tables left untouched by an erasure: the audit log must show that the
# erasure happened, and its rows contain ids and actions but no personal data.
RETAINED_TABLES = frozenset({"audit_log"})
ANONYMOUS_PREFIX = "erased-"
ANONYMOUS_NAME = "(erased customer)"


@dataclass
class ErasureReport:
    """Row counts by table that an erasure deleted or anonymised."""

    deleted: dict[str, int] = field(default_factory=dict)
    anonymised: dict[str, int] = field(default_factory=dict)
    anonymous_id: str | None = None


def encrypted_columns() -> Iterator[tuple[Table, str, str]]:
    """Yield (table, column name, context) of every encrypted column."""
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, EncryptedText):
                yield table, column.name, column.type.context


def rotate_key(db: Database, reseal: Callable[[KeyRing], None] | None = None) -> int:
    """Re-encrypt every encrypted value under a new key; return the value count.

    The key file first gets the new key beside the old one, then one
    transaction rewrites every value, and only after its commit is the old
    key removed from the file. A failure leaves both keys in the file, so
    every value still decrypts, and running the rotation again finishes it.

    The key file as it was before is kept beside it, named by
    :func:`storage.crypto.retired_key_path` for its current key, because
    other databases and older backups that use the same key file still need
    its keys.

    ``reseal`` re-encrypts values kept outside the database, such as the
    studio's autosave. It is called with the ring of both keys after the
    commit and before the old key is removed, so an error it raises also
    leaves both keys in the file.

    Raises
    ------
    storage.crypto.DecryptionError
        If a stored value cannot be decrypted; nothing is re-encrypted then.
    """
    path = key_file_path()
    before = key_ring()
    write_key_ring(retired_key_path(path, before.current_id), before)
    ring = before.with_new_key()
    write_key_ring(path, ring)

    count = 0
    with db.session() as session:
        for table, column, context in encrypted_columns():
            count += _reencrypt_column(session, ring, table, column, context)
        count += _reencrypt_column(
            session,
            ring,
            Setting.__table__,
            "value",
            KIOSK_DESIGN_CONTEXT,
            KIOSK_DESIGN_CONDITION,
        )

    if reseal is not None:
        reseal(ring)
    write_key_ring(path, ring.only_current())
    logger.info("Rotated to key %s: re-encrypted %s values", ring.current_id, count)
    return count


def _reencrypt_column(
    session: Session,
    ring: KeyRing,
    table: Table,
    column: str,
    context: str,
    condition: str = "",
) -> int:
    # Plain SQL reads and writes the stored text without the column type, so
    # the explicit ring decides which key is used. ``condition`` limits the
    # rows, for a column that stores encrypted values only in some of them.
    keys = [c.name for c in table.primary_key.columns]
    where = " AND ".join(f"{key} = :k_{key}" for key in keys)
    query = f"SELECT {', '.join(keys)}, {column} FROM {table.name}"
    if condition:
        query += f" WHERE {condition}"
    rows = session.execute(text(query)).all()
    changes = []
    for row in rows:
        stored = row[-1]
        if stored is None:
            continue
        sealed = ring.encrypt(ring.decrypt(stored, context), context)
        change = {f"k_{key}": value for key, value in zip(keys, row, strict=False)}
        changes.append({**change, "value": sealed})
    if changes:
        statement = f"UPDATE {table.name} SET {column} = :value WHERE {where}"
        session.execute(text(statement), changes)
    return len(changes)


def customer_tables(session: Session) -> list[Table]:
    """Return every table other than ``customers`` with a ``customer_id`` column.

    Tables of :mod:`storage.schema` come with their column types, so their
    encrypted columns decrypt. Others are reflected from the database.
    """
    inspector = inspect(session.connection())
    reflected = MetaData()
    tables = []
    for name in sorted(inspector.get_table_names()):
        columns = {column["name"] for column in inspector.get_columns(name)}
        if name == "customers" or "customer_id" not in columns:
            continue
        table = Base.metadata.tables.get(name)
        if table is None:
            table = Table(name, reflected, autoload_with=session.connection())
        tables.append(table)
    return tables


def export_customer(session: Session, customer_id: str) -> dict[str, Any]:
    """Return everything stored about a customer, as JSON-ready values.

    The result has the customer's own fields (with consents), the rows of
    every table that refers to the customer, the customer's segment and the
    kiosk designs that name the customer.

    Raises
    ------
    storage.profiles.UnknownCustomerError
        If no customer has that id.
    """
    customer = require_customer(session, customer_id)
    result: dict[str, Any] = {
        "customer": {
            column.key: _json_value(getattr(customer, column.key))
            for column in Customer.__table__.columns
        },
        "tables": {},
    }
    for table in customer_tables(session):
        query = select(table).where(table.c.customer_id == customer_id)
        rows = [
            {key: _json_value(value) for key, value in row._mapping.items()}
            for row in session.execute(query)
        ]
        result["tables"][table.name] = rows
    result["kiosk_designs"] = dict(_kiosk_designs_of(session, customer_id))
    return result


def erase_customer(session: Session, customer_id: str) -> ErasureReport:
    """Remove a customer and every row that refers to them.

    Rows of :data:`ACCOUNTING_TABLES` are kept, but their ``customer_id``
    points to a new placeholder customer ``erased-<random hex>`` whose name is
    :data:`ANONYMOUS_NAME` and whose other fields are empty, and their
    :data:`ERASED_COLUMNS` (the delivery address) are cleared. Rows of
    :data:`RETAINED_TABLES` stay as they are. Kiosk designs that name the
    customer are deleted, and the size of the customer's segment drops by
    one. The events revision is bumped, so caches built from events see the
    change.

    Raises
    ------
    storage.profiles.UnknownCustomerError
        If no customer has that id.
    """
    customer = require_customer(session, customer_id)
    report = ErasureReport()
    tables = [t for t in customer_tables(session) if t.name not in RETAINED_TABLES]

    # The stored size counts members, and the membership is about to go.
    session.execute(
        update(Segment)
        .where(
            Segment.id
            == select(CustomerSegment.segment_id)
            .where(CustomerSegment.customer_id == customer_id)
            .scalar_subquery()
        )
        .values(size=Segment.size - 1)
        .execution_options(synchronize_session=False)
    )

    accounting_rows = sum(
        session.scalar(
            select(func.count())
            .select_from(table)
            .where(table.c.customer_id == customer_id)
        )
        or 0
        for table in tables
        if table.name in ACCOUNTING_TABLES
    )
    if accounting_rows:
        report.anonymous_id = ANONYMOUS_PREFIX + secrets.token_hex(8)
        session.add(Customer(id=report.anonymous_id, display_name=ANONYMOUS_NAME))
        session.flush()

    # Children first, because of foreign keys between these tables.
    for table in reversed(_dependency_order(tables)):
        condition = table.c.customer_id == customer_id
        if table.name in ACCOUNTING_TABLES:
            if report.anonymous_id is None:
                continue
            cleared = dict.fromkeys(ERASED_COLUMNS.get(table.name, ()))
            statement = update(table).where(condition)
            result = session.execute(
                statement.values(customer_id=report.anonymous_id, **cleared)
            )
            report.anonymised[table.name] = result.rowcount
        else:
            result = session.execute(delete(table).where(condition))
            report.deleted[table.name] = result.rowcount

    codes = [code for code, _ in _kiosk_designs_of(session, customer_id)]
    for code in codes:
        session.execute(delete(Setting).where(Setting.key == code))
    report.deleted["kiosk_designs"] = len(codes)

    session.delete(customer)
    session.flush()
    bump_events_revision(session)
    logger.info("Erased a customer: %s", report)
    return report


def _dependency_order(tables: list[Table]) -> list[Table]:
    known = [table.name for table in Base.metadata.sorted_tables]
    # Reflected tables sort after known ones, so they are erased first.
    return sorted(
        tables,
        key=lambda t: known.index(t.name) if t.name in known else len(known),
    )


def _kiosk_designs_of(session: Session, customer_id: str) -> list[tuple[str, Any]]:
    """Return (settings key, design JSON) of the kiosk designs naming the customer.

    Kiosk designs are anonymous unless a design file names its customer.

    Raises
    ------
    storage.crypto.DecryptionError
        If the key file cannot open a stored design.
    """
    query = select(Setting.key, Setting.value).where(
        Setting.key.startswith(KIOSK_DESIGN_PREFIX)
    )
    ring = key_ring()
    found = []
    for key, sealed in session.execute(query):
        plain = ring.decrypt(sealed, KIOSK_DESIGN_CONTEXT)
        try:
            design = json.loads(plain)
        except ValueError:
            continue
        if isinstance(design, dict) and design.get("customer") == customer_id:
            found.append((key, design))
    return found


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
