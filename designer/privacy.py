"""Customer data requests: export and erasure, with role checks and auditing.

Each function writes its audit entry in the transaction that reads or
erases the data, except a file export, whose entry follows the finished
file. So the log shows exactly the exports and erasures that happened. A
staff session, when given, must have a role allowed for the action. Without
one the action is recorded as done by the system, as when an administrator
runs the command line on the store's own computer.
"""

from __future__ import annotations

import json
import logging
from os import PathLike
from pathlib import Path
from typing import Any

from designer.atomic import write_bytes_atomic
from recommender.knn import forget_model
from storage.audit import record_audit
from storage.db import Database
from storage.output_paths import (
    check_not_store_file,
    check_output_file,
    output_path_error,
)
from storage.privacy import ErasureReport, erase_customer, export_customer
from storage.schema import AuditAction, StaffRole
from storage.staff import ActiveSession, require_role

logger = logging.getLogger(__name__)

EXPORT_ROLES = (StaffRole.ADMINISTRATOR, StaffRole.SALES)
ERASE_ROLES = (StaffRole.ADMINISTRATOR,)


def export_customer_data(
    db: Database, customer_id: str, *, staff: ActiveSession | None = None
) -> dict[str, Any]:
    """Return everything stored about a customer and audit the export.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` is given and may not export, or has expired.
    storage.profiles.UnknownCustomerError
        If no customer has that id.
    """
    if staff is not None:
        require_role(staff, *EXPORT_ROLES)
    with db.session() as session:
        data = export_customer(session, customer_id)
        record_audit(session, AuditAction.EXPORTED, customer_id, actor=_actor(staff))
    return data


def export_customer_file(
    db: Database,
    customer_id: str,
    path: str | PathLike[str],
    *,
    staff: ActiveSession | None = None,
) -> Path:
    """Write everything stored about a customer to a JSON file, then audit it.

    The audit entry is written once the whole file is on disk, so a write
    that fails, such as into a missing folder, records no export. If the
    audit entry cannot be written, the file is deleted again.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    storage.output_paths.OutputPathError
        If the file cannot be written, or is one of the store's own files
        such as the database of ``db``, naming ``path`` and what is wrong.

    It also raises the staff and unknown customer errors of
    :func:`export_customer_data`.
    """
    if staff is not None:
        require_role(staff, *EXPORT_ROLES)
    path = check_output_file(path)
    check_not_store_file(path, db.engine.url)
    with db.session(readonly=True) as session:
        data = export_customer(session, customer_id)
    try:
        write_bytes_atomic(path, customer_data_json(data).encode("utf-8"))
    except OSError as error:
        raise output_path_error(path, error) from error
    try:
        with db.session() as session:
            record_audit(
                session, AuditAction.EXPORTED, customer_id, actor=_actor(staff)
            )
    except BaseException:
        # The audit log must show every export that left the studio.
        path.unlink(missing_ok=True)
        raise
    return path


def customer_data_json(data: dict[str, Any]) -> str:
    """Format :func:`export_customer_data`'s result as indented JSON text."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def erase_customer_data(
    db: Database, customer_id: str, *, staff: ActiveSession | None = None
) -> ErasureReport:
    """Erase a customer everywhere, audit it and drop the fitted suggestions model.

    See :func:`storage.privacy.erase_customer` for what is deleted and what
    is kept under an anonymous id.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` is given and may not erase, or has expired.
    storage.profiles.UnknownCustomerError
        If no customer has that id.
    """
    if staff is not None:
        require_role(staff, *ERASE_ROLES)
    with db.session() as session:
        report = erase_customer(session, customer_id)
        detail = ", ".join(
            f"{table} {count} anonymised" for table, count in report.anonymised.items()
        )
        record_audit(
            session,
            AuditAction.ERASED,
            customer_id,
            actor=_actor(staff),
            detail=detail or None,
        )
    # The kept model may contain the customer's events, so the next
    # suggestion refits from what is left.
    forget_model(db)
    return report


def _actor(staff: ActiveSession | None) -> str | None:
    return None if staff is None else staff.username
