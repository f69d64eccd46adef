"""The administrator's screen: staff accounts and the kiosk PIN.

Every action calls a function of :mod:`designer.access`, which checks the
administrator role again. A failure is shown in ``message`` and keeps what
was typed, and an expired session locks the window through the gate.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain_text import error_text
from app.sign_in import check_new_credentials, password_field, role_label
from designer.access import (
    StaffAccount,
    change_kiosk_pin,
    change_staff_role,
    create_staff_account,
    disable_staff_account,
    enable_staff_account,
    list_staff_accounts,
    reset_staff_password,
    unlock_staff_account,
)
from designer.kiosk_designs import MIN_PIN_LENGTH
from storage.schema import StaffRole
from storage.staff import SessionExpiredError

logger = logging.getLogger(__name__)

USERNAME_ROLE = Qt.ItemDataRole.UserRole + 4


class StaffAdminPanel(QWidget):
    """The staff account list with the actions on accounts, and the kiosk PIN.

    An administrator adds, unlocks, resets, disables and enables accounts
    and changes their role here.

    Signals
    -------
    changed()
        An action succeeded and the list was reloaded.
    """

    changed = Signal()

    def __init__(self, database, gate=None, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.gate = gate
        self.staff = None
        self.accounts: dict[str, StaffAccount] = {}
        self.setObjectName("staff_admin")
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(self.heading)

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("staff_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the table, and the arrow keys move between its rows.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        self.table.itemSelectionChanged.connect(self._follow_selection)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_account_row())

        forms = QHBoxLayout()
        forms.addWidget(self._build_add_box())
        forms.addWidget(self._build_reset_box())
        forms.addWidget(self._build_pin_box())
        layout.addLayout(forms)

        self.message = QLabel(self)
        self.message.setObjectName("staff_admin_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.retranslate()

    def _build_account_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.unlock_button = QPushButton(self)
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.disable_button = QPushButton(self)
        self.disable_button.setObjectName("disable_account_button")
        self.disable_button.clicked.connect(self.disable_selected)
        self.enable_button = QPushButton(self)
        self.enable_button.setObjectName("enable_account_button")
        self.enable_button.clicked.connect(self.enable_selected)
        self.role_label = QLabel(self)
        self.role = QComboBox(self)
        self.role.setObjectName("account_role")
        for role in StaffRole:
            self.role.addItem("", role.value)
        self.role_label.setBuddy(self.role)
        self.role_button = QPushButton(self)
        self.role_button.setObjectName("change_role_button")
        self.role_button.clicked.connect(self.change_role_of_selected)
        for widget in (self.unlock_button, self.disable_button, self.enable_button):
            row.addWidget(widget)
        row.addSpacing(24)
        for widget in (self.role_label, self.role, self.role_button):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _build_add_box(self) -> QGroupBox:
        box = QGroupBox(self)
        form = QFormLayout(box)
        self.new_username = QLineEdit(box)
        self.new_username.setObjectName("new_username")
        self.new_role = QComboBox(box)
        self.new_role.setObjectName("new_role")
        for role in StaffRole:
            self.new_role.addItem("", role.value)
        # New members start with the fewest rights; an administrator is chosen.
        self.new_role.setCurrentIndex(self.new_role.findData(StaffRole.SALES.value))
        self.new_password = password_field(box, "new_password")
        self.new_repeated = password_field(box, "new_repeated_password")
        self.add_labels = [QLabel(box) for _ in range(4)]
        fields = (
            self.new_username,
            self.new_role,
            self.new_password,
            self.new_repeated,
        )
        for label, field in zip(self.add_labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.add_button = QPushButton(box)
        self.add_button.setObjectName("add_account_button")
        self.add_button.clicked.connect(self.add_account)
        form.addRow(self.add_button)
        self.add_box = box
        return box

    def _build_reset_box(self) -> QGroupBox:
        box = QGroupBox(self)
        form = QFormLayout(box)
        self.reset_password = password_field(box, "reset_password")
        self.reset_repeated = password_field(box, "reset_repeated_password")
        self.reset_labels = [QLabel(box) for _ in range(2)]
        fields = (self.reset_password, self.reset_repeated)
        for label, field in zip(self.reset_labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.reset_button = QPushButton(box)
        self.reset_button.setObjectName("reset_password_button")
        self.reset_button.clicked.connect(self.reset_selected)
        form.addRow(self.reset_button)
        self.reset_box = box
        return box

    def _build_pin_box(self) -> QGroupBox:
        box = QGroupBox(self)
        form = QFormLayout(box)
        self.pin = password_field(box, "kiosk_pin")
        self.pin_repeated = password_field(box, "kiosk_pin_repeated")
        self.pin_labels = [QLabel(box) for _ in range(2)]
        for label, field in zip(
            self.pin_labels, (self.pin, self.pin_repeated), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.pin_button = QPushButton(box)
        self.pin_button.setObjectName("set_pin_button")
        self.pin_button.clicked.connect(self.set_pin)
        form.addRow(self.pin_button)
        self.pin_box = box
        return box

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.heading.setText(self.tr("Staff accounts"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Username"), self.tr("Role"), self.tr("State"), self.tr("Created")]
        )
        self.table.setAccessibleName(self.tr("Staff accounts"))
        self.unlock_button.setText(self.tr("&Unlock selected account"))
        self.disable_button.setText(self.tr("&Disable account"))
        self.disable_button.setToolTip(
            self.tr("Stop the selected account from signing in and end its sessions.")
        )
        self.enable_button.setText(self.tr("E&nable account"))
        self.enable_button.setToolTip(
            self.tr("Let the selected disabled account sign in again.")
        )
        self.role_label.setText(self.tr("Ne&w role:"))
        for index in range(self.role.count()):
            self.role.setItemText(index, role_label(self.role.itemData(index)))
        self.role.setAccessibleName(self.tr("New role of the selected account"))
        self.role_button.setText(self.tr("C&hange role"))
        self.role_button.setToolTip(
            self.tr(
                "Give the selected account the chosen role; "
                "its open sessions end, so it signs in again."
            )
        )

        self.add_box.setTitle(self.tr("Add account"))
        add_texts = (
            self.tr("Username:"),
            self.tr("Role:"),
            self.tr("Password:"),
            self.tr("Repeat password:"),
        )
        for label, text in zip(self.add_labels, add_texts, strict=True):
            label.setText(text)
        for index in range(self.new_role.count()):
            self.new_role.setItemText(index, role_label(self.new_role.itemData(index)))
        self.new_username.setAccessibleName(self.tr("New username"))
        self.new_role.setAccessibleName(self.tr("Role of the new account"))
        self.new_password.setAccessibleName(self.tr("Password of the new account"))
        self.new_repeated.setAccessibleName(
            self.tr("Repeat the new account's password")
        )
        self.add_button.setText(self.tr("&Add account"))

        self.reset_box.setTitle(self.tr("New password for the selected account"))
        self.reset_labels[0].setText(self.tr("Password:"))
        self.reset_labels[1].setText(self.tr("Repeat password:"))
        self.reset_password.setAccessibleName(self.tr("New password"))
        self.reset_repeated.setAccessibleName(self.tr("Repeat the new password"))
        self.reset_button.setText(self.tr("&Reset password"))

        self.pin_box.setTitle(self.tr("Kiosk PIN"))
        self.pin_labels[0].setText(self.tr("PIN:"))
        self.pin_labels[1].setText(self.tr("Repeat PIN:"))
        self.pin.setAccessibleName(self.tr("Kiosk PIN"))
        self.pin_repeated.setAccessibleName(self.tr("Repeat the kiosk PIN"))
        self.pin.setToolTip(
            self.tr("At least %1 digits; staff type it to leave kiosk mode.").replace(
                "%1", str(MIN_PIN_LENGTH)
            )
        )
        self.pin_button.setText(self.tr("Set &kiosk PIN"))
        self.message.setAccessibleName(self.tr("Staff accounts message"))
        if self._is_administrator():
            self.refresh()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # Data -----------------------------------------------------------------------

    def set_staff(self, staff) -> None:
        """Act as ``staff`` from now on and reload the list; ``None`` clears it."""
        self.staff = staff
        self.message.clear()
        self.table.setRowCount(0)
        self.accounts = {}
        self._follow_selection()
        if self._is_administrator():
            self.refresh()

    def _is_administrator(self) -> bool:
        """Return whether the signed-in member may see the accounts list."""
        return self.staff is not None and self.staff.role is StaffRole.ADMINISTRATOR

    def refresh(self) -> bool:
        """Reload the account list, keeping the selected account selected."""
        ok, accounts = self._run(list_staff_accounts, self.database, staff=self.staff)
        if not ok:
            return False
        selected = self.selected_username()
        now = datetime.now()
        self.accounts = {account.username: account for account in accounts}
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            values = (
                account.username,
                role_label(account.role),
                self.state_text(account, now),
                f"{account.created_at:%Y-%m-%d}",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(USERNAME_ROLE, account.username)
                self.table.setItem(row, column, item)
        if selected in self.accounts:
            self.select_account(selected)
        self._follow_selection()
        return True

    def state_text(self, account: StaffAccount, now: datetime) -> str:
        """Return whether ``account`` is active, locked or disabled, in words."""
        if account.is_disabled:
            return (
                self.tr("disabled on %1 by %2")
                .replace("%1", f"{account.disabled_at:%Y-%m-%d %H:%M}")
                .replace("%2", account.disabled_by or "")
            )
        if account.is_locked(now):
            return self.tr("locked until %1").replace(
                "%1", f"{account.locked_until:%H:%M}"
            )
        return self.tr("active")

    def _follow_selection(self) -> None:
        """Offer only the state change that fits the selected account.

        With no account selected, both buttons stay enabled and ask for a
        selection when pressed, like the others.
        """
        account = self.accounts.get(self.selected_username())
        self.disable_button.setEnabled(account is None or not account.is_disabled)
        self.enable_button.setEnabled(account is None or account.is_disabled)
        if account is not None:
            self.role.setCurrentIndex(self.role.findData(account.role.value))

    def usernames(self) -> list[str]:
        """Return the listed usernames, in table order."""
        return [self.table.item(row, 0).text() for row in range(self.table.rowCount())]

    def select_account(self, username: str) -> None:
        """Select ``username``'s row."""
        self.table.selectRow(self.usernames().index(username))

    def selected_username(self) -> str | None:
        """Return the username of the selected row, or ``None``."""
        items = self.table.selectedItems()
        return items[0].data(USERNAME_ROLE) if items else None

    # Actions --------------------------------------------------------------------

    def add_account(self) -> bool:
        """Create the account typed in the form; the fields clear on success."""
        username = self.new_username.text().strip()
        password = self.new_password.text()
        problem = check_new_credentials(username, password, self.new_repeated.text())
        if problem is not None:
            return self._show_error(problem)
        role = self.new_role.currentData()
        ok, _ = self._run(
            create_staff_account,
            self.database,
            username,
            role,
            password,
            staff=self.staff,
        )
        if not ok:
            return False
        for field in (self.new_username, self.new_password, self.new_repeated):
            field.clear()
        return self._done(
            self.tr("Added %1 with the role %2.")
            .replace("%1", username)
            .replace("%2", role_label(role))
        )

    def unlock_selected(self) -> bool:
        """Lift the lock-out of the selected account."""
        username = self._selected_or_warn()
        if username is None:
            return False
        ok, _ = self._run(
            unlock_staff_account, self.database, username, staff=self.staff
        )
        if not ok:
            return False
        return self._done(self.tr("Unlocked %1.").replace("%1", username))

    def disable_selected(self) -> bool:
        """Disable the selected account, which also ends its open sessions."""
        username = self._selected_or_warn()
        if username is None:
            return False
        ok, _ = self._run(
            disable_staff_account, self.database, username, staff=self.staff
        )
        if not ok:
            return False
        return self._done(
            self.tr("Disabled %1; their open sessions ended.").replace("%1", username)
        )

    def enable_selected(self) -> bool:
        """Let the selected account sign in again."""
        username = self._selected_or_warn()
        if username is None:
            return False
        ok, _ = self._run(
            enable_staff_account, self.database, username, staff=self.staff
        )
        if not ok:
            return False
        return self._done(
            self.tr("Enabled %1; they can sign in again.").replace("%1", username)
        )

    def change_role_of_selected(self) -> bool:
        """Give the selected account the role chosen in ``role``."""
        username = self._selected_or_warn()
        if username is None:
            return False
        role = self.role.currentData()
        ok, _ = self._run(
            change_staff_role, self.database, username, role, staff=self.staff
        )
        if not ok:
            return False
        return self._done(
            self.tr("%1 now has the role %2; their open sessions ended.")
            .replace("%1", username)
            .replace("%2", role_label(role))
        )

    def reset_selected(self) -> bool:
        """Give the selected account the password typed in the reset form."""
        username = self._selected_or_warn()
        if username is None:
            return False
        password = self.reset_password.text()
        problem = check_new_credentials(None, password, self.reset_repeated.text())
        if problem is not None:
            return self._show_error(problem)
        ok, _ = self._run(
            reset_staff_password, self.database, username, password, staff=self.staff
        )
        if not ok:
            return False
        self.reset_password.clear()
        self.reset_repeated.clear()
        return self._done(
            self.tr("New password set for %1; their open sessions ended.").replace(
                "%1", username
            )
        )

    def set_pin(self) -> bool:
        """Store the kiosk PIN typed twice."""
        pin = self.pin.text()
        if len(pin) < MIN_PIN_LENGTH or not pin.isdigit():
            return self._show_error(
                self.tr(
                    "The kiosk PIN needs at least %1 digits and nothing else; "
                    "type another PIN."
                ).replace("%1", str(MIN_PIN_LENGTH))
            )
        if pin != self.pin_repeated.text():
            return self._show_error(
                self.tr("The two PINs differ: type the same PIN in both boxes.")
            )
        ok, _ = self._run(change_kiosk_pin, self.database, pin, staff=self.staff)
        if not ok:
            return False
        self.pin.clear()
        self.pin_repeated.clear()
        return self._done(self.tr("Kiosk PIN set."))

    def _selected_or_warn(self) -> str | None:
        username = self.selected_username()
        if username is None:
            self._show_error(self.tr("Select an account in the list first."))
        return username

    def _run(self, function, *args, **kwargs) -> tuple[bool, object]:
        """Call ``function``; return whether it succeeded, and its result.

        A failure is shown in ``message``; an expired session locks the window.
        """
        try:
            return True, function(*args, **kwargs)
        except SessionExpiredError:
            if self.gate is not None:
                self.gate.session_expired()
        except (ValueError, LookupError, PermissionError) as error:
            logger.warning("staff administration failed: %s", error)
            self._show_error(error_text(error))
        return False, None

    def _show_error(self, text: str) -> bool:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)
        return False

    def _done(self, text: str) -> bool:
        self.refresh()
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text)
        self.changed.emit()
        return True
