"""Staff accounts: password hashes, lock-out, sessions, roles and disabling."""

from datetime import datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import inspect, text

from storage.db import alembic_config, create_database_engine, open_database
from storage.schema import Staff, StaffRole
from storage.staff import (
    LOCK_DURATION,
    SESSION_LIFETIME,
    AccountDisabledError,
    RoleError,
    SessionExpiredError,
    SignInError,
    StaffAccountError,
    add_staff,
    disable_staff,
    enable_staff,
    hash_password,
    require_role,
    resume_session,
    set_role,
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


@pytest.fixture
def store(staffed):
    """A store with the administrator "root" and the sales account "ana"."""
    with staffed.session() as session:
        add_staff(session, "root", "administrator", PASSWORD)
    return staffed


def _open_sessions(db, username: str) -> int:
    with db.session(readonly=True) as session:
        return session.scalar(
            text("SELECT count(*) FROM staff_sessions WHERE username = :username"),
            {"username": username},
        )


def test_disabled_account_cannot_sign_in(store):
    with store.session() as session:
        disable_staff(session, "ana", actor="root", now=NOW)

    with pytest.raises(AccountDisabledError) as disabled:
        sign_in(store, "ana", PASSWORD, now=NOW)
    with pytest.raises(SignInError) as wrong:
        sign_in(store, "ana", "not the password", now=NOW)

    assert "'ana' is disabled" in str(disabled.value)
    assert "ask an administrator" in str(disabled.value)
    assert disabled.value.locked_until is None
    assert "wrong username or password" in str(wrong.value)
    assert _open_sessions(store, "ana") == 0


def test_disable_records_who_and_when(store):
    with store.session() as session:
        disable_staff(session, "ana", actor="root", now=NOW)
    with store.session(readonly=True) as session:
        ana = session.get(Staff, "ana")

    assert ana.disabled_at == NOW
    assert ana.disabled_by == "root"
    assert ana.role == "sales"


def test_disable_ends_open_sessions(store):
    active = sign_in(store, "ana", PASSWORD)
    other = sign_in(store, "ana", PASSWORD)

    with store.session() as session:
        disable_staff(session, "ana", actor="root")

    assert _open_sessions(store, "ana") == 0
    with store.session(readonly=True) as session:
        with pytest.raises(SessionExpiredError):
            resume_session(session, active.token)
    for session_of_ana in (active, other):
        with pytest.raises(SessionExpiredError, match="sign in again"):
            require_role(session_of_ana, "sales")


def test_resume_rejects_disabled_account(store):
    # A session row left behind, such as one in a database restored from a backup.
    active = sign_in(store, "ana", PASSWORD)
    with store.session() as session:
        session.execute(
            text("UPDATE staff SET disabled_at = :now WHERE username = 'ana'"),
            {"now": NOW},
        )

    with store.session(readonly=True) as session:
        with pytest.raises(SessionExpiredError, match="'ana' is disabled"):
            resume_session(session, active.token)
    with pytest.raises(SessionExpiredError, match="'ana' is disabled"):
        require_role(active, "sales")


def test_enable_restores_sign_in(store):
    with store.session() as session:
        disable_staff(session, "ana", actor="root", now=NOW)
    with store.session() as session:
        enable_staff(session, "ana")
    with store.session(readonly=True) as session:
        ana = session.get(Staff, "ana")

    assert ana.disabled_at is None
    assert ana.disabled_by is None
    assert sign_in(store, "ana", PASSWORD).role is StaffRole.SALES


def test_disable_twice_keeps_first_record(store):
    later = NOW + timedelta(hours=1)
    with store.session() as session:
        disable_staff(session, "ana", actor="root", now=NOW)
        add_staff(session, "boss", "administrator", PASSWORD)
    with store.session() as session:
        disable_staff(session, "ana", actor="boss", now=later)
        ana = session.get(Staff, "ana")

    assert (ana.disabled_at, ana.disabled_by) == (NOW, "root")


def test_self_disable_rejected(store):
    with store.session() as session:
        add_staff(session, "boss", "administrator", PASSWORD)
    with store.session() as session:
        with pytest.raises(StaffAccountError, match="your own account") as own:
            disable_staff(session, "root", actor="root")

    assert "'root'" in str(own.value)
    assert sign_in(store, "root", PASSWORD).username == "root"


def test_last_administrator_stays_enabled(store):
    with store.session() as session:
        with pytest.raises(StaffAccountError, match="only enabled administrator"):
            disable_staff(session, "root", actor="system")
    with store.session() as session:
        with pytest.raises(StaffAccountError, match="make another account"):
            set_role(session, "root", "sales")
    with store.session(readonly=True) as session:
        root = session.get(Staff, "root")

    assert root.role == "administrator"
    assert root.disabled_at is None


def test_disabled_administrator_does_not_count(store):
    with store.session() as session:
        add_staff(session, "boss", "administrator", PASSWORD)
    with store.session() as session:
        disable_staff(session, "boss", actor="root")

    with store.session() as session:
        with pytest.raises(StaffAccountError, match="'root'.*only enabled"):
            set_role(session, "root", "designer")
    with store.session() as session:
        # A disabled administrator may lose the role: the store keeps root.
        set_role(session, "boss", "sales")
        assert session.get(Staff, "boss").role == "sales"


def test_second_administrator_may_step_down(store):
    with store.session() as session:
        add_staff(session, "boss", "administrator", PASSWORD)
    with store.session() as session:
        set_role(session, "root", "designer")

    with store.session(readonly=True) as session:
        assert session.get(Staff, "root").role == "designer"
    with store.session() as session:
        with pytest.raises(StaffAccountError, match="'boss'"):
            disable_staff(session, "boss", actor="root")


def test_role_change_ends_sessions(store):
    active = sign_in(store, "ana", PASSWORD)
    require_role(active, "sales")

    with store.session() as session:
        set_role(session, "ana", "designer")

    with pytest.raises(SessionExpiredError):
        require_role(active, "sales")
    with pytest.raises(SessionExpiredError):
        require_role(active, "designer")
    again = sign_in(store, "ana", PASSWORD)
    assert again.role is StaffRole.DESIGNER
    require_role(again, "designer")
    with pytest.raises(RoleError, match="has the role designer"):
        require_role(again, "sales")


def test_require_role_reads_stored_role(store):
    active = sign_in(store, "ana", PASSWORD)
    with store.session() as session:
        session.execute(
            text("UPDATE staff SET role = 'designer' WHERE username = 'ana'")
        )

    assert active.role is StaffRole.SALES
    with pytest.raises(RoleError, match="has the role designer"):
        require_role(active, "sales")


def test_role_refusal_tells_each_role_what_to_do(store):
    sales = sign_in(store, "ana", PASSWORD)
    root = sign_in(store, "root", PASSWORD)

    with pytest.raises(RoleError) as refused_sales:
        require_role(sales, "administrator")
    with pytest.raises(RoleError) as refused_root:
        require_role(root, "sales")

    assert str(refused_sales.value).endswith("ask an administrator")
    # An administrator is the one the others ask.
    assert "ask an administrator" not in str(refused_root.value)
    assert "sign in with an account of one of those roles" in str(refused_root.value)


def test_set_role_rejects_unknown_role(store):
    with store.session() as session:
        with pytest.raises(StaffAccountError, match="Invalid role 'manager'"):
            set_role(session, "ana", "manager")


@pytest.mark.parametrize(
    "change",
    [
        lambda session: disable_staff(session, "bo", actor="root"),
        lambda session: enable_staff(session, "bo"),
        lambda session: set_role(session, "bo", "sales"),
    ],
    ids=["disable", "enable", "role"],
)
def test_changes_to_unknown_account(store, change):
    with store.session() as session:
        with pytest.raises(LookupError, match="'bo' not found"):
            change(session)


def test_upgrade_keeps_accounts_enabled(database_url):
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0006_encrypt_demographics_orders")
        connection.execute(
            text(
                "INSERT INTO staff (username, role, password_hash, failed_attempts, "
                "created_at) VALUES ('root', 'administrator', :hash, 0, :now), "
                "('ana', 'sales', :hash, 2, :now)"
            ),
            {"hash": hash_password(PASSWORD), "now": NOW},
        )
    engine.dispose()

    database = open_database(database_url)
    try:
        with database.session(readonly=True) as session:
            accounts = {row.username: row for row in session.query(Staff)}
        ana = sign_in(database, "ana", PASSWORD)
        with database.session() as session:
            disable_staff(session, "ana", actor="root")
        with pytest.raises(AccountDisabledError):
            sign_in(database, "ana", PASSWORD)
    finally:
        database.dispose()

    assert set(accounts) == {"root", "ana"}
    assert all(row.disabled_at is None for row in accounts.values())
    assert all(row.disabled_by is None for row in accounts.values())
    assert accounts["ana"].failed_attempts == 2
    assert ana.role is StaffRole.SALES


def test_downgrade_drops_disable_columns(store, database_url):
    with store.session() as session:
        disable_staff(session, "ana", actor="root")
    store.dispose()

    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        command.downgrade(
            alembic_config(connection), "0006_encrypt_demographics_orders"
        )
    columns = {column["name"] for column in inspect(engine).get_columns("staff")}
    with engine.connect() as connection:
        usernames = connection.scalars(text("SELECT username FROM staff")).all()
    engine.dispose()

    assert "disabled_at" not in columns
    assert "disabled_by" not in columns
    assert sorted(usernames) == ["ana", "root"]
