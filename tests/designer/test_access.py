"""Staff roles and account management, checked in the domain layer."""

from datetime import datetime, timedelta

import pytest

from designer.access import (
    ROLE_PERMISSIONS,
    Permission,
    change_kiosk_pin,
    change_staff_role,
    check_permission,
    create_staff_account,
    disable_staff_account,
    enable_staff_account,
    has_staff_accounts,
    list_staff_accounts,
    permissions_of,
    reset_staff_password,
    roles_with,
    unlock_staff_account,
)
from designer.kiosk_designs import check_kiosk_pin
from storage.schema import StaffRole
from storage.staff import (
    SESSION_LIFETIME,
    AccountDisabledError,
    RoleError,
    SessionExpiredError,
    SignInError,
    StaffAccountError,
    sign_in,
)
from tests.staff import PASSWORD, add_staff_accounts


@pytest.fixture
def staffed(studio_db):
    add_staff_accounts(studio_db)
    return studio_db


def _sign_in(db, username):
    return sign_in(db, username, PASSWORD)


def test_every_permission_has_a_role():
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert granted == set(Permission)


def test_roles_see_only_their_screens():
    assert permissions_of("administrator") == {
        Permission.STAFF_ACCOUNTS,
        Permission.KIOSK_PIN,
    }
    assert Permission.EXPORT_PACKAGE in permissions_of("designer")
    assert Permission.ORDERS not in permissions_of("designer")
    assert Permission.ORDERS in permissions_of("sales")
    assert Permission.STAFF_ACCOUNTS not in permissions_of("sales")
    assert roles_with("kiosk_pin") == (StaffRole.ADMINISTRATOR,)
    assert roles_with("customise") == (StaffRole.DESIGNER, StaffRole.SALES)


def test_sales_cannot_manage_staff(staffed):
    sales = _sign_in(staffed, "ana")

    with pytest.raises(RoleError, match="role sales.*administrator"):
        create_staff_account(staffed, "eve", "administrator", PASSWORD, staff=sales)
    with pytest.raises(RoleError, match="administrator"):
        unlock_staff_account(staffed, "dee", staff=sales)
    with pytest.raises(RoleError, match="administrator"):
        reset_staff_password(staffed, "dee", "another password", staff=sales)
    with pytest.raises(RoleError, match="administrator"):
        list_staff_accounts(staffed, staff=sales)
    with pytest.raises(RoleError, match="administrator"):
        change_kiosk_pin(staffed, "4321", staff=sales)
    with pytest.raises(RoleError, match="administrator"):
        disable_staff_account(staffed, "dee", staff=sales)
    with pytest.raises(RoleError, match="administrator"):
        enable_staff_account(staffed, "dee", staff=sales)
    with pytest.raises(RoleError, match="administrator"):
        change_staff_role(staffed, "ana", "administrator", staff=sales)
    assert not check_kiosk_pin(staffed, "4321")
    assert _sign_in(staffed, "dee").role is StaffRole.DESIGNER
    assert _sign_in(staffed, "ana").role is StaffRole.SALES


def test_designer_cannot_take_orders(staffed):
    designer = _sign_in(staffed, "dee")

    check_permission(designer, Permission.EXPORT_PACKAGE)
    with pytest.raises(RoleError, match="role designer"):
        check_permission(designer, Permission.ORDERS)


def test_expired_session_is_refused(staffed):
    long_ago = datetime.now() - SESSION_LIFETIME - timedelta(minutes=1)
    admin = sign_in(staffed, "root", PASSWORD, now=long_ago)

    with pytest.raises(SessionExpiredError, match="sign in again"):
        list_staff_accounts(staffed, staff=admin)


def test_administrator_unlocks_account(staffed):
    for _ in range(5):
        with pytest.raises(SignInError):
            sign_in(staffed, "ana", "wrong password")
    with pytest.raises(SignInError) as locked:
        sign_in(staffed, "ana", PASSWORD)
    assert locked.value.locked_until is not None
    admin = _sign_in(staffed, "root")
    listed = {a.username: a for a in list_staff_accounts(staffed, staff=admin)}
    assert listed["ana"].is_locked()

    unlock_staff_account(staffed, "ana", staff=admin)

    assert _sign_in(staffed, "ana").username == "ana"
    listed = {a.username: a for a in list_staff_accounts(staffed, staff=admin)}
    assert not listed["ana"].is_locked()


def test_password_reset_replaces_password(staffed):
    admin = _sign_in(staffed, "root")

    reset_staff_password(staffed, "ana", "a brand new password", staff=admin)

    with pytest.raises(SignInError, match="wrong username or password"):
        _sign_in(staffed, "ana")
    assert sign_in(staffed, "ana", "a brand new password").role is StaffRole.SALES


def test_password_reset_checks_input(staffed):
    admin = _sign_in(staffed, "root")

    with pytest.raises(ValueError, match="too short"):
        reset_staff_password(staffed, "ana", "short", staff=admin)
    with pytest.raises(LookupError, match="'zed' not found"):
        reset_staff_password(staffed, "zed", "long enough password", staff=admin)
    assert _sign_in(staffed, "ana").username == "ana"


def test_administrator_sets_kiosk_pin(staffed):
    admin = _sign_in(staffed, "root")

    change_kiosk_pin(staffed, "2468", staff=admin)

    assert check_kiosk_pin(staffed, "2468")


def test_first_account_rules(studio_db):
    assert not has_staff_accounts(studio_db)
    with pytest.raises(RoleError, match="first staff account"):
        create_staff_account(studio_db, "ana", "sales", PASSWORD)

    create_staff_account(studio_db, "root", "administrator", PASSWORD)

    assert has_staff_accounts(studio_db)
    with pytest.raises(RoleError, match="without signing in"):
        create_staff_account(studio_db, "eve", "administrator", PASSWORD)


def test_administrator_disables_and_enables(staffed):
    admin = _sign_in(staffed, "root")
    sales = _sign_in(staffed, "ana")
    check_permission(sales, Permission.ORDERS)

    disable_staff_account(staffed, "ana", staff=admin)

    with pytest.raises(SessionExpiredError):
        check_permission(sales, Permission.ORDERS)
    with pytest.raises(AccountDisabledError, match="'ana' is disabled"):
        _sign_in(staffed, "ana")
    listed = {a.username: a for a in list_staff_accounts(staffed, staff=admin)}
    assert listed["ana"].is_disabled
    assert listed["ana"].disabled_by == "root"
    assert not listed["dee"].is_disabled

    enable_staff_account(staffed, "ana", staff=admin)

    assert _sign_in(staffed, "ana").role is StaffRole.SALES


def test_administrator_cannot_disable_self(staffed):
    admin = _sign_in(staffed, "root")

    with pytest.raises(StaffAccountError, match="your own account"):
        disable_staff_account(staffed, "root", staff=admin)

    list_staff_accounts(staffed, staff=admin)


def test_role_change_applies_at_next_check(staffed):
    admin = _sign_in(staffed, "root")
    sales = _sign_in(staffed, "ana")

    change_staff_role(staffed, "ana", "designer", staff=admin)

    with pytest.raises(SessionExpiredError):
        check_permission(sales, Permission.CUSTOMERS)
    designer = _sign_in(staffed, "ana")
    check_permission(designer, Permission.EXPORT_PACKAGE)
    with pytest.raises(RoleError, match="role designer"):
        check_permission(designer, Permission.CUSTOMERS)


def test_demoted_administrator_loses_staff_screen(staffed):
    admin = _sign_in(staffed, "root")
    change_staff_role(staffed, "ana", "administrator", staff=admin)
    second = _sign_in(staffed, "ana")

    change_staff_role(staffed, "root", "sales", staff=second)

    with pytest.raises(SessionExpiredError):
        list_staff_accounts(staffed, staff=admin)
    with pytest.raises(RoleError, match="role sales"):
        list_staff_accounts(staffed, staff=_sign_in(staffed, "root"))
    with pytest.raises(StaffAccountError, match="only enabled administrator"):
        change_staff_role(staffed, "ana", "designer", staff=second)
