"""Staff accounts: password hashes, lock-out, session expiry and roles."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from storage.schema import StaffRole
from storage.staff import (
    LOCK_DURATION,
    SESSION_LIFETIME,
    RoleError,
    SessionExpiredError,
    SignInError,
    add_staff,
    require_role,
    resume_session,
    sign_in,
    sign_out,
)

PASSWORD = "correct horse battery"
NOW = datetime(2026, 12, 4, 10, 0)


@pytest.fixture
def staffed(db):
    with db.session() as session:
        add_staff(session, "ana", "sales", PASSWORD)
    return db


def test_password_stored_as_scrypt(staffed):
    with staffed.session(readonly=True) as session:
        stored = session.scalar(text("SELECT password_hash FROM staff"))
    scheme, n, r, p, salt, digest = stored.split("$")

    assert scheme == "scrypt"
    assert (int(n), int(r), int(p)) == (2**14, 8, 1)
    assert len(bytes.fromhex(salt)) == 16
    assert PASSWORD not in stored


def test_sign_in_checks_role(staffed):
    active = sign_in(staffed, "ana", PASSWORD, now=NOW)

    assert active.role is StaffRole.SALES
    assert active.expires_at == NOW + SESSION_LIFETIME
    require_role(active, "sales", "administrator", now=NOW)
    with pytest.raises(RoleError, match="administrator"):
        require_role(active, "administrator", now=NOW)


def test_wrong_password_and_unknown_user_fail_alike(staffed):
    with pytest.raises(SignInError) as wrong:
        sign_in(staffed, "ana", "not the password", now=NOW)
    with pytest.raises(SignInError) as unknown:
        sign_in(staffed, "bo", PASSWORD, now=NOW)
    assert str(wrong.value) == str(unknown.value)


def test_lock_after_five_failures(staffed):
    for minute in range(5):
        with pytest.raises(SignInError, match="wrong username or password"):
            sign_in(staffed, "ana", "guess", now=NOW + timedelta(minutes=minute))

    with pytest.raises(SignInError, match="locked"):
        sign_in(staffed, "ana", PASSWORD, now=NOW + timedelta(minutes=5))

    later = NOW + timedelta(minutes=4) + LOCK_DURATION + timedelta(seconds=1)
    assert sign_in(staffed, "ana", PASSWORD, now=later).username == "ana"


def test_four_failures_do_not_lock(staffed):
    for _ in range(4):
        with pytest.raises(SignInError):
            sign_in(staffed, "ana", "guess", now=NOW)
    assert sign_in(staffed, "ana", PASSWORD, now=NOW).username == "ana"


def test_session_expires(staffed):
    active = sign_in(staffed, "ana", PASSWORD, now=NOW)
    expired = NOW + SESSION_LIFETIME

    with staffed.session(readonly=True) as session:
        assert resume_session(session, active.token, now=NOW).username == "ana"
        with pytest.raises(SessionExpiredError):
            resume_session(session, active.token, now=expired)
    with pytest.raises(SessionExpiredError, match="sign in again"):
        require_role(active, "sales", now=expired)


def test_sign_out_ends_session(staffed):
    active = sign_in(staffed, "ana", PASSWORD, now=NOW)
    with staffed.session() as session:
        sign_out(session, active.token)
        stored = session.scalar(text("SELECT count(*) FROM staff_sessions"))
    assert stored == 0
    with staffed.session(readonly=True) as session:
        with pytest.raises(SessionExpiredError):
            resume_session(session, active.token, now=NOW)


@pytest.mark.parametrize(
    ("username", "role", "password", "fragment"),
    [
        ("Ana Li", "sales", PASSWORD, "Invalid username"),
        ("li", "manager", PASSWORD, "Invalid role"),
        ("li", "sales", "short", "too short"),
        ("ana", "sales", PASSWORD, "taken"),
    ],
)
def test_add_staff_rejects_invalid(staffed, username, role, password, fragment):
    with staffed.session() as session, pytest.raises(ValueError, match=fragment):
        add_staff(session, username, role, password)
