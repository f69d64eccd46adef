"""Staff accounts: scrypt password hashes, lock-out, sessions that expire.

A password is stored as ``scrypt$N$R$P$SALT_HEX$DIGEST_HEX``. Five failed
sign-ins in a row lock the account for 15 minutes. A successful sign-in
returns a random token valid for :data:`SESSION_LIFETIME`. The database keeps
only the token's SHA-256, so a token cannot be read from a copy of the
database.

An administrator can disable an account, which ends its sessions and
rejects its sign-ins until the account is enabled again, and can change an
account's role. Neither change may leave the store without an enabled
administrator, because only an administrator can manage the accounts.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage.db import Database
from storage.messages import QT_TRANSLATE_NOOP, TranslatableError
from storage.schema import Staff, StaffRole, StaffSession

logger = logging.getLogger(__name__)

# scrypt cost: 128 * R * N bytes of memory per hash, 16 MiB.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_BYTES = 32
MIN_PASSWORD_LENGTH = 10
MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
DISABLED = QT_TRANSLATE_NOOP(
    "Staff",
    "Account {username!r} is disabled: ask an administrator to enable it again",
)


class SignInError(PermissionError):
    """A sign-in that failed: wrong user or password, or a locked account.

    ``locked_until`` is the end of the lock-out when the account is locked,
    and ``None`` otherwise, so a dialog can word the two cases apart.
    """

    def __init__(self, message: str, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until


class AccountDisabledError(TranslatableError, SignInError):
    """A sign-in with the right password to an account that is disabled."""


class SessionExpiredError(TranslatableError, PermissionError):
    """A staff session that is unknown, past its expiry time or disabled."""


class RoleError(TranslatableError, PermissionError):
    """A staff member whose role does not allow the requested action."""


class StaffAccountError(TranslatableError, ValueError):
    """An invalid or taken username, an unknown role or a short password.

    Also a change that would leave no enabled administrator, or an
    administrator disabling their own account.
    """


class StaffNotFoundError(TranslatableError, LookupError):
    """A username that no staff account has."""


@dataclass(frozen=True)
class ActiveSession:
    """A signed-in staff member, with the token that identifies the session.

    ``database`` is the database that stores the session. :func:`require_role`
    reads the stored session and account from it at every check, so a
    disabled account, a changed role or an ended session counts at once.
    It is ``None`` for a session returned by :func:`resume_session`, whose
    caller has just read them.
    """

    token: str
    username: str
    role: StaffRole
    expires_at: datetime
    database: Database | None = field(default=None, compare=False, repr=False)


def add_staff(session: Session, username: str, role: str, password: str) -> Staff:
    """Create a staff account with a salted scrypt hash of ``password``.

    Raises
    ------
    ValueError
        If the username is invalid or taken, the role is unknown, or the
        password has fewer than :data:`MIN_PASSWORD_LENGTH` characters.
    """
    if not USERNAME_PATTERN.fullmatch(username):
        raise StaffAccountError(
            QT_TRANSLATE_NOOP(
                "Staff",
                "Invalid username {username!r}: use 2 to 64 lower-case letters, "
                "digits, dots, dashes or underscores, starting with a letter or digit",
            ),
            username=username,
        )
    role = _parse_role(role)
    _check_password_length(username, password)
    if session.get(Staff, username) is not None:
        raise StaffAccountError(
            QT_TRANSLATE_NOOP(
                "Staff", "Username {username!r} is taken: choose another username"
            ),
            username=username,
        )
    staff = Staff(
        username=username,
        role=role.value,
        password_hash=hash_password(password),
        failed_attempts=0,
        created_at=datetime.now(),
    )
    session.add(staff)
    session.flush()
    logger.info("Added staff account %s with role %s", username, role.value)
    return staff


def list_staff(session: Session) -> list[Staff]:
    """Return every staff account ordered by username."""
    return list(session.scalars(select(Staff).order_by(Staff.username)))


def count_staff(session: Session) -> int:
    """Return the number of staff accounts."""
    return session.scalar(select(func.count()).select_from(Staff)) or 0


def hash_password(password: str) -> str:
    """Return a new salted scrypt hash of ``password`` in the stored form."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Return whether ``password`` matches a hash from :func:`hash_password`."""
    scheme, n, r, p, salt, digest = stored.split("$")
    if scheme != "scrypt":
        return False
    candidate = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    return hmac.compare_digest(candidate, bytes.fromhex(digest))


def sign_in(
    db: Database, username: str, password: str, *, now: datetime | None = None
) -> ActiveSession:
    """Check a password and open a staff session.

    The failure count is committed before the error is raised, which is why
    this function takes the database rather than a session.

    Raises
    ------
    SignInError
        If the username or password is wrong, or the account is locked.
    AccountDisabledError
        If the password is right but the account is disabled. Only a caller
        with the right password gets this error, so it reveals no more about
        which usernames exist than a wrong password does.
    """
    now = now or datetime.now()
    with db.session() as session:
        result = _check(session, session.get(Staff, username), password, now)
    if isinstance(result, SignInError):
        raise result
    return ActiveSession(
        result.token, result.username, result.role, result.expires_at, db
    )


def _check(
    session: Session, staff: Staff | None, password: str, now: datetime
) -> ActiveSession | SignInError:
    if staff is None:
        # Hash anyway, so the time taken does not reveal unknown usernames.
        hash_password(password)
        return SignInError("Sign-in failed: wrong username or password")
    if staff.locked_until is not None and staff.locked_until > now:
        logger.warning("Sign-in to locked staff account %s", staff.username)
        return SignInError(
            f"Account {staff.username!r} is locked after "
            f"{MAX_FAILED_ATTEMPTS} failed sign-ins: try again after "
            f"{staff.locked_until:%H:%M}",
            staff.locked_until,
        )
    if not verify_password(password, staff.password_hash):
        staff.failed_attempts += 1
        if staff.failed_attempts >= MAX_FAILED_ATTEMPTS:
            staff.locked_until = now + LOCK_DURATION
            staff.failed_attempts = 0
            logger.warning("Locked staff account %s", staff.username)
        return SignInError("Sign-in failed: wrong username or password")
    if staff.disabled_at is not None:
        logger.warning("Sign-in to disabled staff account %s", staff.username)
        return AccountDisabledError(DISABLED, username=staff.username)

    staff.failed_attempts = 0
    staff.locked_until = None
    token = secrets.token_urlsafe(32)
    expires_at = now + SESSION_LIFETIME
    session.add(
        StaffSession(
            token_hash=_token_hash(token),
            username=staff.username,
            expires_at=expires_at,
        )
    )
    # Expired sessions are of no use, so each sign-in clears them.
    session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))
    logger.info("Staff %s signed in", staff.username)
    return ActiveSession(token, staff.username, StaffRole(staff.role), expires_at)


def resume_session(
    session: Session, token: str, *, now: datetime | None = None
) -> ActiveSession:
    """Return the staff session of ``token``.

    Raises
    ------
    SessionExpiredError
        If no session has that token, it has expired, or its account is
        disabled.
    """
    now = now or datetime.now()
    stored = session.get(StaffSession, _token_hash(token))
    if stored is None or stored.expires_at <= now:
        raise SessionExpiredError(
            QT_TRANSLATE_NOOP(
                "Staff", "Staff session expired or unknown: sign in again"
            )
        )
    staff = session.get(Staff, stored.username)
    if staff.disabled_at is not None:
        raise SessionExpiredError(DISABLED, username=staff.username)
    return ActiveSession(
        token, staff.username, StaffRole(staff.role), stored.expires_at
    )


def unlock_staff(session: Session, username: str) -> Staff:
    """Clear the lock-out and the failure count of a staff account.

    Raises
    ------
    LookupError
        If no staff account has ``username``.
    """
    staff = _require_staff(session, username)
    staff.locked_until = None
    staff.failed_attempts = 0
    session.flush()
    logger.info("Unlocked staff account %s", username)
    return staff


def set_password(session: Session, username: str, password: str) -> Staff:
    """Store a new password hash for ``username`` and end all its sessions.

    Ending the sessions signs out whoever used the old password. The lock-out
    is cleared too, so the new password works at once.

    Raises
    ------
    LookupError
        If no staff account has ``username``.
    ValueError
        If the password has fewer than :data:`MIN_PASSWORD_LENGTH` characters.
    """
    staff = _require_staff(session, username)
    _check_password_length(username, password)
    staff.password_hash = hash_password(password)
    staff.locked_until = None
    staff.failed_attempts = 0
    session.execute(delete(StaffSession).where(StaffSession.username == username))
    session.flush()
    logger.info("Set a new password for staff account %s", username)
    return staff


def disable_staff(
    session: Session, username: str, *, actor: str, now: datetime | None = None
) -> Staff:
    """Disable ``username`` on behalf of ``actor`` and end all its sessions.

    The account keeps its password and role, so enabling it again restores
    it as it was. Disabling a disabled account changes nothing.

    Raises
    ------
    LookupError
        If no staff account has ``username``.
    ValueError
        If ``username`` is ``actor``, or is the last enabled administrator.
    """
    staff = _require_staff(session, username)
    if username == actor:
        raise StaffAccountError(
            QT_TRANSLATE_NOOP(
                "Staff",
                "Cannot disable {username!r}: it is your own account; ask "
                "another administrator to disable it",
            ),
            username=username,
        )
    if staff.disabled_at is not None:
        return staff
    _keep_an_administrator(
        session,
        staff,
        QT_TRANSLATE_NOOP(
            "Staff",
            "Cannot disable {username!r}: it is the only enabled administrator, "
            "and the store needs one to manage staff accounts; make another "
            "account an administrator first",
        ),
    )
    staff.disabled_at = now or datetime.now()
    staff.disabled_by = actor
    session.execute(delete(StaffSession).where(StaffSession.username == username))
    session.flush()
    logger.info("Disabled staff account %s", username)
    return staff


def enable_staff(session: Session, username: str) -> Staff:
    """Let a disabled account sign in again; an enabled one is left as it is.

    Raises
    ------
    LookupError
        If no staff account has ``username``.
    """
    staff = _require_staff(session, username)
    staff.disabled_at = None
    staff.disabled_by = None
    session.flush()
    logger.info("Enabled staff account %s", username)
    return staff


def set_role(session: Session, username: str, role: str) -> Staff:
    """Give ``username`` the role ``role`` and end all its sessions.

    The studio shows the screens of the role a member signed in with, so
    ending the sessions makes the member sign in again and see the screens
    of the new role. Setting the role an account has changes nothing.

    Raises
    ------
    LookupError
        If no staff account has ``username``.
    ValueError
        If ``role`` is unknown, or the change takes the administrator role
        from the last enabled administrator.
    """
    staff = _require_staff(session, username)
    role = _parse_role(role)
    if staff.role == role.value:
        return staff
    _keep_an_administrator(
        session,
        staff,
        QT_TRANSLATE_NOOP(
            "Staff",
            "Cannot change the role of {username!r}: it is the only enabled "
            "administrator, and the store needs one to manage staff accounts; "
            "make another account an administrator first",
        ),
    )
    staff.role = role.value
    session.execute(delete(StaffSession).where(StaffSession.username == username))
    session.flush()
    logger.info("Set the role of staff account %s to %s", username, role.value)
    return staff


def sign_out(session: Session, token: str) -> None:
    """End the staff session of ``token``; an unknown token is ignored."""
    session.execute(
        delete(StaffSession).where(StaffSession.token_hash == _token_hash(token))
    )


def require_role(
    active: ActiveSession, *roles: StaffRole | str, now: datetime | None = None
) -> None:
    """Raise unless ``active`` is current and its role is one of ``roles``.

    When ``active`` carries its database, the stored session and account are
    read again, so a session ended by an administrator is rejected and the
    account's current role is the one checked.

    Raises
    ------
    SessionExpiredError
        If the session has expired or ended, or its account is disabled.
    RoleError
        If the staff member's role is not one of ``roles``.
    """
    now = now or datetime.now()
    if active.expires_at <= now:
        raise SessionExpiredError(
            QT_TRANSLATE_NOOP(
                "Staff",
                "Staff session of {username!r} expired at {time:%Y-%m-%d %H:%M}: "
                "sign in again",
            ),
            username=active.username,
            time=active.expires_at,
        )
    if active.database is not None:
        with active.database.session(readonly=True) as session:
            active = resume_session(session, active.token, now=now)
    allowed = {StaffRole(role) for role in roles}
    if active.role not in allowed:
        # Other roles are sent to an administrator, so an administrator's
        # message names the account to use instead.
        template = (
            QT_TRANSLATE_NOOP(
                "Staff",
                "Staff {username!r} has the role {role}, but this action needs one "
                "of: {roles}; sign in with an account of one of those roles",
            )
            if active.role == StaffRole.ADMINISTRATOR
            else QT_TRANSLATE_NOOP(
                "Staff",
                "Staff {username!r} has the role {role}, but this action needs one "
                "of: {roles}; ask an administrator",
            )
        )
        raise RoleError(
            template,
            username=active.username,
            role=active.role,
            roles=tuple(sorted(allowed)),
        )


def _parse_role(role: str) -> StaffRole:
    try:
        return StaffRole(role)
    except ValueError:
        raise StaffAccountError(
            QT_TRANSLATE_NOOP(
                "Staff", "Invalid role {role!r}: expected one of {accepted}"
            ),
            role=role,
            accepted=", ".join(member.value for member in StaffRole),
        ) from None


def _keep_an_administrator(session: Session, staff: Staff, reason: str) -> None:
    """Raise ``reason`` if ``staff`` is the only enabled administrator.

    The enabled administrators' rows are locked (``FOR UPDATE`` on
    PostgreSQL) so that two administrators cannot each take away the other
    at the same time. SQLite needs no row lock, because a write session
    holds the whole database's write lock.
    """
    # NOTE: no test runs two such changes at once on PostgreSQL, where the
    # row lock is the only guard.
    if staff.role != StaffRole.ADMINISTRATOR or staff.disabled_at is not None:
        return
    enabled = session.scalars(
        select(Staff.username)
        .where(Staff.role == StaffRole.ADMINISTRATOR.value)
        .where(Staff.disabled_at.is_(None))
        .with_for_update()
    ).all()
    if set(enabled) <= {staff.username}:
        raise StaffAccountError(reason, username=staff.username)


def _check_password_length(username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffAccountError(
            QT_TRANSLATE_NOOP(
                "Staff",
                "Password for {username!r} is too short: use at least {minimum} "
                "characters",
            ),
            username=username,
            minimum=MIN_PASSWORD_LENGTH,
        )


def _require_staff(session: Session, username: str) -> Staff:
    staff = session.get(Staff, username)
    if staff is None:
        raise StaffNotFoundError(
            QT_TRANSLATE_NOOP(
                "Staff", "Staff account {username!r} not found: check the username"
            ),
            username=username,
        )
    return staff


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * r * n,
        dklen=SCRYPT_BYTES,
    )
