"""Staff account management with the role rule that guards it.

The first account must be an administrator, so that someone can manage the
others. Once any account exists, only a signed-in administrator may add one.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from storage.db import Database
from storage.schema import Staff, StaffRole
from storage.staff import ActiveSession, RoleError, add_staff, require_role

logger = logging.getLogger(__name__)


def create_staff_account(
    db: Database,
    username: str,
    role: str,
    password: str,
    *,
    staff: ActiveSession | None = None,
) -> None:
    """Add a staff account if the rule above allows it.

    Raises
    ------
    storage.staff.RoleError
        If accounts exist and ``staff`` is missing or not an administrator,
        or if the first account would not be an administrator.
    storage.staff.SessionExpiredError
        If ``staff`` has expired.
    ValueError
        If the username, role or password is invalid (see
        :func:`storage.staff.add_staff`).
    """
    if staff is not None:
        require_role(staff, StaffRole.ADMINISTRATOR)
    with db.session() as session:
        existing = session.scalar(select(func.count()).select_from(Staff)) or 0
        if existing and staff is None:
            raise RoleError(
                f"Cannot add {username!r} without signing in: staff accounts "
                "exist, so an administrator must pass --staff"
            )
        if not existing and role != StaffRole.ADMINISTRATOR:
            raise RoleError(
                f"Invalid role {role!r} for the first staff account: it must be "
                "an administrator, who can then add the others"
            )
        add_staff(session, username, role, password)
