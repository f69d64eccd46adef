"""Staff sign-in, the screens of each role and the sales customer flow."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select

from app import i18n
from app.autosave import Autosaver, read_autosave
from app.main_window import MainWindow
from app.sign_in import FirstRunDialog, SignInDialog
from app.staff_gate import StaffGate
from designer import orders
from designer.access import (
    change_staff_role,
    create_staff_account,
    disable_staff_account,
    permissions_of,
    reset_staff_password,
)
from designer.designs import read_design
from designer.kiosk_designs import check_kiosk_pin, save_kiosk_design
from resources import EXAMPLES_DIR
from storage.audit import list_audit
from storage.order_schema import Order
from storage.repositories import get_customer
from storage.schema import StaffSession
from storage.staff import SESSION_LIFETIME, AccountDisabledError, sign_in
from tests.app.conftest import WAIT_MS
from tests.staff import PASSWORD, USERNAMES, add_staff_accounts


@pytest.fixture
def staffed(database):
    add_staff_accounts(database)
    return database


def _open_gated(qtbot, catalog, database):
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    gate = StaffGate(window, database)
    window.show()
    gate.start()
    return window, gate


@pytest.fixture
def gated(qtbot, catalog, staffed):
    window, gate = _open_gated(qtbot, catalog, staffed)
    yield window, gate
    window.close()


def _sign_in(qtbot, gate, role, password=PASSWORD):
    dialog = gate.dialog
    dialog.username.setText(USERNAMES[role])
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


def _sign_in_and_render(qtbot, window, gate, role):
    """Sign in with a role that has the design area, once its preview is drawn."""
    with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
        _sign_in(qtbot, gate, role)


def _shown(control) -> bool:
    if isinstance(control, QWidget):
        return not control.isHidden()
    return control.isVisible()


def _shown_permissions(window) -> set[str]:
    return {
        permission
        for permission, controls in window.guarded.items()
        if all(_shown(control) for control in controls)
    }


def _hidden_everywhere(window) -> bool:
    return not any(
        _shown(control) for controls in window.guarded.values() for control in controls
    )


def test_nothing_shown_before_sign_in(gated):
    window, gate = gated

    assert isinstance(gate.dialog, SignInDialog)
    assert gate.dialog.isVisible()
    assert gate.dialog.windowModality() == Qt.WindowModality.ApplicationModal
    assert window.staff is None
    assert _hidden_everywhere(window)
    assert window.centralWidget().isHidden()
    assert window.customer_id is None


def test_shortcuts_do_nothing_signed_out(qtbot, gated):
    window, gate = gated
    window.set_value("width", 6.0)

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.undo()

    assert window.session.values["width"] == 6.0
    assert window.open_monitor() is None
    assert window.open_profile() is None
    assert window.staff is None


def test_sign_in_success(qtbot, gated):
    window, gate = gated

    dialog = _sign_in(qtbot, gate, "designer")

    assert window.staff.username == "dee"
    assert not dialog.isVisible()
    assert gate.dialog is None
    assert gate.user_label.text() == "Signed in: dee (designer)"


def test_wrong_password_keeps_input(qtbot, gated):
    window, gate = gated

    dialog = _sign_in(qtbot, gate, "sales", password="not the password")

    assert window.staff is None
    assert dialog.isVisible()
    assert "Wrong username or password for “ana”" in dialog.message.text()
    assert "lock the account for 15 minutes" in dialog.message.text()
    assert dialog.username.text() == "ana"
    assert dialog.password.text() == "not the password"
    assert _hidden_everywhere(window)


def test_lock_out_after_five_failures(qtbot, gated):
    window, gate = gated
    for _ in range(5):
        _sign_in(qtbot, gate, "sales", password="not the password")

    dialog = _sign_in(qtbot, gate, "sales")

    assert window.staff is None
    assert "The account “ana” is locked after 5 failed sign-ins" in (
        dialog.message.text()
    )
    assert "ask an administrator to unlock it" in dialog.message.text()


@pytest.mark.parametrize("role", ["administrator", "designer", "sales"])
def test_role_sees_exactly_its_actions(qtbot, gated, role):
    window, gate = gated

    _sign_in(qtbot, gate, role)

    # The catalog editor has no control in the window yet.
    granted = set(permissions_of(role)) & set(window.guarded)
    assert _shown_permissions(window) == granted
    hidden = set(window.guarded) - granted
    for permission in hidden:
        assert not any(_shown(c) for c in window.guarded[permission]), permission
    assert _shown(gate.admin_dock) == (role == "administrator")
    assert window.centralWidget().isHidden() == (role == "administrator")
    assert window.order_menu.menuAction().isVisible() == (role == "sales")
    assert gate.menu.menuAction().isVisible()


def test_language_change_loads_no_accounts_for_designer(qtbot, gated, caplog):
    window, gate = gated
    _sign_in(qtbot, gate, "designer")

    with caplog.at_level(logging.WARNING, logger="app.staff_admin"):
        i18n.set_language("zh_CN")
        i18n.set_language("en")

    assert [r for r in caplog.records if r.name == "app.staff_admin"] == []
    assert gate.admin_panel.message.text() == ""
    assert gate.admin_panel.table.rowCount() == 0


def test_new_account_starts_as_sales(qtbot, gated, staffed):
    window, gate = gated
    _sign_in(qtbot, gate, "administrator")
    assert gate.admin_panel.new_role.currentData() == "sales"


def test_designer_refused_orders_by_domain(qtbot, gated):
    window, gate = gated
    _sign_in_and_render(qtbot, window, gate, "designer")
    window.customer_id = "demo"

    assert window.open_order_dialog() is None

    assert "does not include this screen" in window.last_message
    assert "designer" in window.last_message


def test_sign_out_clears_customer_and_design(qtbot, gated, staffed):
    window, gate = gated
    _sign_in_and_render(qtbot, window, gate, "sales")
    window.set_customer("demo-01")
    window.set_value("width", 6.0)

    gate.sign_out()

    assert window.customer_id is None
    assert window.session.values["width"] != 6.0
    assert window.session.chosen == set()
    assert isinstance(gate.dialog, SignInDialog)
    assert window.staff is None
    assert _hidden_everywhere(window)
    with staffed.session(readonly=True) as session:
        open_sessions = select(func.count()).where(StaffSession.username == "ana")
        assert session.scalar(open_sessions) == 0


def test_expired_session_keeps_design(qtbot, gated, staffed, tmp_path):
    window, gate = gated
    autosaver = Autosaver(window, tmp_path / "autosave")
    gate.locking.connect(autosaver.save_now)
    _sign_in_and_render(qtbot, window, gate, "sales")
    window.set_customer("demo-01")
    window.set_value("width", 6.0)
    long_ago = datetime.now() - SESSION_LIFETIME - timedelta(minutes=1)
    expired = sign_in(staffed, "ana", PASSWORD, now=long_ago)

    with qtbot.waitSignal(gate.signed_out, timeout=WAIT_MS):
        gate.accept_session(expired)

    assert isinstance(gate.dialog, SignInDialog)
    assert "Your session ended at" in gate.dialog.notice.text()
    assert gate.dialog.username.text() == "ana"
    assert window.session.values["width"] == 6.0
    saved = json.loads(read_autosave(autosaver.path))
    assert saved["values"]["width"] == 6.0
    _sign_in(qtbot, gate, "sales")
    assert window.staff.username == "ana"
    assert window.session.values["width"] == 6.0
    assert window.customer_id == "demo-01"


def test_expired_session_refuses_action(qtbot, gated, staffed):
    window, gate = gated
    long_ago = datetime.now() - SESSION_LIFETIME - timedelta(minutes=1)
    gate.timer.timeout.disconnect(gate._check_expiry)
    gate.accept_session(sign_in(staffed, "ana", PASSWORD, now=long_ago))

    assert window.open_monitor() is None

    assert window.staff is None
    assert "Your session ended at" in gate.dialog.notice.text()


def test_password_reset_locks_open_window(qtbot, gated, staffed):
    window, gate = gated
    _sign_in(qtbot, gate, "sales")
    admin = sign_in(staffed, "root", PASSWORD)
    reset_staff_password(staffed, "ana", "ana's new password", staff=admin)

    assert window.open_monitor() is None

    assert window.staff is None
    assert isinstance(gate.dialog, SignInDialog)


def test_other_member_gets_no_customer(qtbot, gated, staffed):
    window, gate = gated
    _sign_in_and_render(qtbot, window, gate, "sales")
    window.set_customer("demo-01")
    gate.session_expired()
    admin = sign_in(staffed, "root", PASSWORD)
    create_staff_account(staffed, "ben", "sales", PASSWORD, staff=admin)
    gate.dialog.username.setText("ben")
    gate.dialog.password.setText(PASSWORD)
    gate.dialog.attempt()

    assert window.staff.username == "ben"
    assert window.customer_id is None


def test_first_run_creates_administrator(qtbot, catalog, database):
    window, gate = _open_gated(qtbot, catalog, database)
    dialog = gate.dialog
    assert isinstance(dialog, FirstRunDialog)
    assert "at least 10 characters" in dialog.rules.text()

    dialog.username.setText("Boss Lady")
    dialog.password.setText("long enough password")
    dialog.repeated.setText("long enough password")
    assert dialog.create() is None
    assert "Invalid username “Boss Lady”" in dialog.message.text()
    assert dialog.password.text() == "long enough password"

    dialog.username.setText("boss")
    dialog.repeated.setText("long enough passwort")
    assert dialog.create() is None
    assert "The two passwords differ" in dialog.message.text()

    dialog.repeated.setText("long enough password")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert window.staff.username == "boss"
    assert window.staff.role == "administrator"
    assert gate.admin_panel.usernames() == ["boss"]
    window.close()


def test_administrator_manages_accounts(qtbot, gated, staffed):
    window, gate = gated
    _sign_in(qtbot, gate, "administrator")
    panel = gate.admin_panel
    assert panel.usernames() == ["ana", "dee", "root"]

    panel.new_username.setText("bea")
    panel.new_role.setCurrentIndex(panel.new_role.findData("sales"))
    panel.new_password.setText("short")
    panel.new_repeated.setText("short")
    assert not panel.add_account()
    assert "The password has 5 characters: use at least 10." in panel.message.text()
    assert panel.new_username.text() == "bea"
    panel.new_password.setText("bea's long password")
    panel.new_repeated.setText("bea's long password")
    assert panel.add_account()
    assert panel.usernames() == ["ana", "bea", "dee", "root"]
    assert sign_in(staffed, "bea", "bea's long password").role == "sales"

    for _ in range(5):
        with pytest.raises(PermissionError):
            sign_in(staffed, "ana", "wrong password")
    panel.refresh()
    panel.select_account("ana")
    assert (
        panel.table.item(panel.usernames().index("ana"), 2)
        .text()
        .startswith("locked until")
    )
    assert panel.unlock_selected()
    assert sign_in(staffed, "ana", PASSWORD).username == "ana"

    panel.select_account("dee")
    panel.reset_password.setText("dee's new password")
    panel.reset_repeated.setText("dee's new password")
    assert panel.reset_selected()
    assert sign_in(staffed, "dee", "dee's new password").username == "dee"

    panel.pin.setText("12a4")
    panel.pin_repeated.setText("12a4")
    assert not panel.set_pin()
    assert "at least 4 digits" in panel.message.text()
    panel.pin.setText("2468")
    panel.pin_repeated.setText("2468")
    assert panel.set_pin()
    assert check_kiosk_pin(staffed, "2468")


def _admin_panel(qtbot, gate):
    _sign_in(qtbot, gate, "administrator")
    return gate.admin_panel


def _cell(panel, username: str, column: int) -> str:
    return panel.table.item(panel.usernames().index(username), column).text()


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_administrator_disables_and_enables(qtbot, gated, staffed):
    window, gate = gated
    panel = _admin_panel(qtbot, gate)
    panel.select_account("ana")
    assert _cell(panel, "ana", 2) == "active"
    assert not panel.enable_button.isEnabled()

    _click(qtbot, panel.disable_button)

    assert _cell(panel, "ana", 2).startswith("disabled on ")
    assert _cell(panel, "ana", 2).endswith(" by root")
    assert panel.message.text() == "Disabled ana; their open sessions ended."
    assert panel.selected_username() == "ana"
    assert not panel.disable_button.isEnabled()
    assert panel.enable_button.isEnabled()
    with pytest.raises(AccountDisabledError):
        sign_in(staffed, "ana", PASSWORD)

    _click(qtbot, panel.enable_button)

    assert _cell(panel, "ana", 2) == "active"
    assert panel.message.text() == "Enabled ana; they can sign in again."
    assert sign_in(staffed, "ana", PASSWORD).username == "ana"


def test_administrator_changes_role(qtbot, gated, staffed):
    window, gate = gated
    panel = _admin_panel(qtbot, gate)
    panel.select_account("ana")
    assert panel.role.currentData() == "sales"

    panel.role.setCurrentIndex(panel.role.findData("designer"))
    _click(qtbot, panel.role_button)

    assert _cell(panel, "ana", 1) == "designer"
    assert panel.message.text() == (
        "ana now has the role designer; their open sessions ended."
    )
    assert sign_in(staffed, "ana", PASSWORD).role == "designer"
    panel.select_account("dee")
    assert panel.role.currentData() == "designer"


def test_panel_rejects_self_disable(qtbot, gated, staffed):
    window, gate = gated
    panel = _admin_panel(qtbot, gate)
    panel.select_account("root")

    assert not panel.disable_selected()

    assert "Cannot disable 'root': it is your own account" in panel.message.text()
    assert _cell(panel, "root", 2) == "active"
    assert window.staff.username == "root"


def test_panel_keeps_last_administrator(qtbot, gated, staffed):
    window, gate = gated
    panel = _admin_panel(qtbot, gate)
    panel.select_account("root")
    panel.role.setCurrentIndex(panel.role.findData("sales"))

    assert not panel.change_role_of_selected()

    assert "'root': it is the only enabled administrator" in panel.message.text()
    assert _cell(panel, "root", 1) == "administrator"
    assert window.staff.role == "administrator"


def test_own_demotion_locks_window(qtbot, gated, staffed):
    window, gate = gated
    panel = _admin_panel(qtbot, gate)
    panel.select_account("ana")
    panel.role.setCurrentIndex(panel.role.findData("administrator"))
    assert panel.change_role_of_selected()
    panel.select_account("root")
    panel.role.setCurrentIndex(panel.role.findData("sales"))

    panel.change_role_of_selected()

    assert window.staff is None
    assert isinstance(gate.dialog, SignInDialog)
    assert panel.table.rowCount() == 0
    assert sign_in(staffed, "root", PASSWORD).role == "sales"


def test_panel_errors_in_chinese(qtbot, gated, staffed):
    window, gate = gated
    panel = _admin_panel(qtbot, gate)
    try:
        i18n.set_language("zh_CN")
        panel.select_account("root")
        assert not panel.disable_selected()
        own_account = panel.message.text()
        panel.role.setCurrentIndex(panel.role.findData("designer"))
        assert not panel.change_role_of_selected()
        last_administrator = panel.message.text()
        state = _cell(panel, "ana", 2)
        disable_text = panel.disable_button.text()
    finally:
        i18n.set_language("en")

    assert "root" in own_account
    assert "Cannot" not in own_account
    assert "root" in last_administrator
    assert "Cannot" not in last_administrator
    assert state != "active"
    assert "Disable" not in disable_text


def test_disable_by_keyboard(qtbot, gated, staffed):
    window, gate = gated
    panel = _admin_panel(qtbot, gate)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    assert panel.selected_username() == "ana"

    qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
    assert window.focusWidget() is panel.unlock_button
    qtbot.keyClick(panel.unlock_button, Qt.Key.Key_Tab)
    assert window.focusWidget() is panel.disable_button

    qtbot.keyClick(panel.disable_button, Qt.Key.Key_Space)

    assert _cell(panel, "ana", 2).startswith("disabled on ")


def test_no_selection_asks_for_one(qtbot, gated):
    window, gate = gated
    panel = _admin_panel(qtbot, gate)
    panel.table.clearSelection()

    for action in (
        panel.disable_selected,
        panel.enable_selected,
        panel.change_role_of_selected,
    ):
        panel.message.clear()
        assert not action()
        assert panel.message.text() == "Select an account in the list first."


def test_disabled_member_window_locks(qtbot, gated, staffed):
    window, gate = gated
    _sign_in(qtbot, gate, "sales")
    expires_at = window.staff.expires_at
    admin = sign_in(staffed, "root", PASSWORD)
    disable_staff_account(staffed, "ana", staff=admin)

    assert window.open_monitor() is None

    assert window.staff is None
    assert isinstance(gate.dialog, SignInDialog)
    # The session ended now, hours before the expiry time it had.
    assert "Your session ended at" in gate.dialog.notice.text()
    assert f"{expires_at:%H:%M}" not in gate.dialog.notice.text()
    dialog = _sign_in(qtbot, gate, "sales")
    assert window.staff is None
    assert dialog.message.text() == (
        "Account 'ana' is disabled: ask an administrator to enable it again"
    )


def test_role_change_locks_open_window(qtbot, gated, staffed):
    window, gate = gated
    _sign_in(qtbot, gate, "sales")
    admin = sign_in(staffed, "root", PASSWORD)
    change_staff_role(staffed, "ana", "designer", staff=admin)

    assert window.open_monitor() is None

    assert window.staff is None
    _sign_in(qtbot, gate, "sales")
    assert window.staff.role == "designer"
    assert _shown_permissions(window) == set(permissions_of("designer")) & set(
        window.guarded
    )


def test_sales_finds_and_chooses_customer(qtbot, gated):
    window, gate = gated
    _sign_in_and_render(qtbot, window, gate, "sales")

    finder = gate.open_customer_finder()
    finder.search.setText("garcia")
    assert finder.run_search() == ["demo-05"]
    finder.select_customer("demo-05")
    qtbot.mouseClick(finder.choose_button, Qt.MouseButton.LeftButton)

    assert window.customer_id == "demo-05"
    assert window.customer_box.currentData() == "demo-05"
    assert not finder.isVisible()


def test_sales_registers_customer_with_consents(qtbot, gated, staffed):
    window, gate = gated
    _sign_in_and_render(qtbot, window, gate, "sales")
    finder = gate.open_customer_finder()
    finder.email.setText("mei.example.com")
    assert finder.register() is None
    assert "Enter the customer's name" in finder.message.text()
    finder.name.setText("Mei Lin")
    assert finder.register() is None
    assert "Invalid email address “mei.example.com”" in finder.message.text()
    assert finder.name.text() == "Mei Lin"

    finder.email.setText("mei.lin@example.com")
    finder.phone.setText("+44 20 7946 0123")
    finder.profiling.setChecked(True)
    qtbot.mouseClick(finder.register_button, Qt.MouseButton.LeftButton)

    assert window.customer_id == "C-000001"
    with staffed.session(readonly=True) as session:
        customer = get_customer(session, "C-000001")
        assert customer.display_name == "Mei Lin"
        assert customer.phone == "+44 20 7946 0123"
        assert customer.consent_profiling is True
        assert customer.consent_marketing is False
        assert customer.consent_source == "staff"
        assert customer.consent_profiling_at is not None
        assert customer.consent_marketing_at is not None
        actors = {entry.actor for entry in list_audit(session, customer_id="C-000001")}
    assert actors == {"ana"}

    finder = gate.open_customer_finder()
    finder.search.setText("020 7946 0123")
    assert finder.run_search() == ["C-000001"]
    finder.close()


def test_sales_orders_kiosk_design(qtbot, gated, staffed):
    window, gate = gated
    code = save_kiosk_design(staffed, read_design(EXAMPLES_DIR / "ring-band.json"))
    _sign_in_and_render(qtbot, window, gate, "sales")
    window.set_customer("demo-02")

    assert window.open_kiosk_design(code)
    assert window.session.model.id == "ring-band"
    dialog = window.open_order_dialog()
    qtbot.waitUntil(lambda: dialog.place_button.isEnabled(), timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.order_placed) as placed:
        qtbot.mouseClick(dialog.place_button, Qt.MouseButton.LeftButton)

    order_id = placed.args[0]
    with staffed.session(readonly=True) as session:
        order = session.get(Order, order_id)
        assert order.customer_id == "demo-02"
        assert order.product_id == "ring-band"
        history = orders.order_history(session, order_id)
    assert history
    assert {entry.actor for entry in history} == {"ana"}


def test_profile_view_audited_with_staff(qtbot, gated, staffed):
    window, gate = gated
    _sign_in_and_render(qtbot, window, gate, "sales")
    window.set_customer("demo-01")

    view = window.open_profile()
    qtbot.waitUntil(lambda: view.profile is not None, timeout=WAIT_MS)

    with staffed.session(readonly=True) as session:
        entries = list_audit(session, customer_id="demo-01")
    assert [(e.actor, e.action, e.detail) for e in entries] == [
        ("ana", "viewed", "profile")
    ]
    view.close()
