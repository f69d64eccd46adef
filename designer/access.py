"""Staff roles, what each role may do, and staff account management.

:data:`ROLE_PERMISSIONS` is the one table of which role may use which part
of the studio. The window shows a signed-in member only the screens their
role allows, and every guarded function here and in the modules that call
:func:`check_permission` checks the role again, so a hidden button is not
the only guard.

The first account must be an administrator, so that someone can manage the
others. Once any account exists, only a signed-in administrator may add,
unlock, reset, disable or enable one, or change its role. Each of these
changes is logged at info level with the administrator's username, and a
disabled account also stores who disabled it and when.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from designer.kiosk_designs import set_kiosk_pin
from storage.db import Database
from storage.messages import QT_TRANSLATE_NOOP
from storage.schema import StaffRole
from storage.staff import (
    ActiveSession,
    RoleError,
    add_staff,
    count_staff,
    disable_staff,
    enable_staff,
    list_staff,
    require_role,
    set_password,
    set_role,
    unlock_staff,
)

logger = logging.getLogger(__name__)


class Permission(enum.StrEnum):
    """A part of the studio that a role may or may not use."""

    CUSTOMISE = "customise"
    EXPORT_PACKAGE = "export_package"
    CATALOG_EDITOR = "catalog_editor"
    CUSTOMERS = "customers"
    CUSTOMER_PROFILE = "customer_profile"
    SEGMENTS = "segments"
    KIOSK_CODE = "kiosk_code"
    ORDERS = "orders"
    PRODUCTION_MONITOR = "production_monitor"
    STAFF_ACCOUNTS = "staff_accounts"
    KIOSK_PIN = "kiosk_pin"


P = Permission
ROLE_PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.ADMINISTRATOR: frozenset({P.STAFF_ACCOUNTS, P.KIOSK_PIN}),
    StaffRole.DESIGNER: frozenset({P.CUSTOMISE, P.EXPORT_PACKAGE, P.CATALOG_EDITOR}),
    StaffRole.SALES: frozenset(
        {
            P.CUSTOMISE,
            P.CUSTOMERS,
            P.CUSTOMER_PROFILE,
            P.SEGMENTS,
            P.KIOSK_CODE,
            P.ORDERS,
            P.PRODUCTION_MONITOR,
        }
    ),
}


@dataclass(frozen=True)
class StaffAccount:
    """A staff account as the administrator's screen lists it.

    ``disabled_at`` and ``disabled_by`` are when and by which administrator
    the account was disabled, or ``None`` while it is enabled.
    """

    username: str
    role: StaffRole
    locked_until: datetime | None
    created_at: datetime
    disabled_at: datetime | None = None
    disabled_by: str | None = None

    @property
    def is_disabled(self) -> bool:
        """Whether an administrator has disabled the account."""
        return self.disabled_at is not None

    def is_locked(self, now: datetime | None = None) -> bool:
        """Return whether the account is locked out at ``now``."""
        now = now or datetime.now()
        return self.locked_until is not None and self.locked_until > now


def permissions_of(role: StaffRole | str) -> frozenset[Permission]:
    """Return the permissions of ``role``."""
    return ROLE_PERMISSIONS[StaffRole(role)]


def roles_with(permission: Permission | str) -> tuple[StaffRole, ...]:
    """Return the roles that have ``permission``, most trusted first."""
    permission = Permission(permission)
    return tuple(role for role in StaffRole if permission in ROLE_PERMISSIONS[role])


def check_permission(
    staff: ActiveSession | None,
    permission: Permission | str,
    *,
    now: datetime | None = None,
) -> None:
    """Raise unless ``staff`` may use ``permission``; ``None`` is the system.

    The system actor is the first ``add-staff`` on a database without
    accounts, and a window opened without signing in, which only tests do.

    Raises
    ------
    storage.staff.RoleError
        If the staff member's role lacks the permission.
    storage.staff.SessionExpiredError
        If the staff session has expired.
    """
    if staff is not None:
        require_role(staff, *roles_with(permission), now=now)


def actor_name(staff: ActiveSession | None, system: str) -> str:
    """Return the name that records ``staff``'s changes, ``system`` without one."""
    return system if staff is None else staff.username


def has_staff_accounts(db: Database) -> bool:
    """Return whether any staff account exists, so the studio requires a sign-in."""
    with db.session(readonly=True) as session:
        return count_staff(session) > 0


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
    check_permission(staff, Permission.STAFF_ACCOUNTS)
    with db.session() as session:
        existing = count_staff(session)
        if existing and staff is None:
            raise RoleError(
                QT_TRANSLATE_NOOP(
                    "Staff",
                    "Cannot add {username!r} without signing in: staff accounts "
                    "exist, so an administrator must pass --staff",
                ),
                username=username,
            )
        if not existing and role != StaffRole.ADMINISTRATOR:
            raise RoleError(
                QT_TRANSLATE_NOOP(
                    "Staff",
                    "Invalid role {role!r} for the first staff account: it must be "
                    "an administrator, who can then add the others",
                ),
                role=role,
            )
        add_staff(session, username, role, password)


def list_staff_accounts(db: Database, *, staff: ActiveSession) -> list[StaffAccount]:
    """Return every staff account, for an administrator.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` is not an administrator, or has expired.
    """
    check_permission(staff, Permission.STAFF_ACCOUNTS)
    with db.session(readonly=True) as session:
        return [
            StaffAccount(
                row.username,
                StaffRole(row.role),
                row.locked_until,
                row.created_at,
                row.disabled_at,
                row.disabled_by,
            )
            for row in list_staff(session)
        ]


def unlock_staff_account(db: Database, username: str, *, staff: ActiveSession) -> None:
    """Lift the lock-out of ``username`` before it ends by itself.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` is not an administrator, or has expired.
    LookupError
        If no account has ``username``.
    """
    check_permission(staff, Permission.STAFF_ACCOUNTS)
    with db.session() as session:
        unlock_staff(session, username)
    logger.info("%s unlocked staff account %s", staff.username, username)


def reset_staff_password(
    db: Database, username: str, password: str, *, staff: ActiveSession
) -> None:
    """Give ``username`` a new password and sign out its open sessions.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` is not an administrator, or has expired.
    LookupError
        If no account has ``username``.
    ValueError
        If the password is too short.
    """
    check_permission(staff, Permission.STAFF_ACCOUNTS)
    with db.session() as session:
        set_password(session, username, password)
    logger.info("%s reset the password of staff account %s", staff.username, username)


def disable_staff_account(db: Database, username: str, *, staff: ActiveSession) -> None:
    """Stop ``username`` from signing in and end its open sessions at once.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` is not an administrator, or has expired.
    LookupError
        If no account has ``username``.
    ValueError
        If ``username`` is ``staff``'s own account or the last enabled
        administrator.
    """
    check_permission(staff, Permission.STAFF_ACCOUNTS)
    with db.session() as session:
        disable_staff(session, username, actor=staff.username)
    logger.info("%s disabled staff account %s", staff.username, username)


def enable_staff_account(db: Database, username: str, *, staff: ActiveSession) -> None:
    """Let the disabled account ``username`` sign in again.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` is not an administrator, or has expired.
    LookupError
        If no account has ``username``.
    """
    check_permission(staff, Permission.STAFF_ACCOUNTS)
    with db.session() as session:
        enable_staff(session, username)
    logger.info("%s enabled staff account %s", staff.username, username)


def change_staff_role(
    db: Database, username: str, role: str, *, staff: ActiveSession
) -> None:
    """Give ``username`` the role ``role`` and sign out its open sessions.

    The member's next sign-in shows the screens of the new role, and every
    permission check of an old session is rejected.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` is not an administrator, or has expired.
    LookupError
        If no account has ``username``.
    ValueError
        If ``role`` is unknown, or ``username`` is the last enabled
        administrator and ``role`` is another role.
    """
    check_permission(staff, Permission.STAFF_ACCOUNTS)
    with db.session() as session:
        set_role(session, username, role)
    logger.info(
        "%s set the role of staff account %s to %s", staff.username, username, role
    )


def change_kiosk_pin(db: Database, pin: str, *, staff: ActiveSession) -> None:
    """Set the PIN that staff type to leave kiosk mode, for an administrator.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` is not an administrator, or has expired.
    ValueError
        If the PIN has fewer than four digits or anything but digits.
    """
    check_permission(staff, Permission.KIOSK_PIN)
    set_kiosk_pin(db, pin)
    logger.info("%s changed the kiosk PIN", staff.username)
