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
    change_kiosk_pin,
    create_staff_account,
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
    """List staff accounts; add, unlock and reset them; set the kiosk PIN.

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
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.unlock_button = QPushButton(self)
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.clicked.connect(self.unlock_selected)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout.addLayout(row)

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

    def _build_add_box(self) -> QGroupBox:
        box = QGroupBox(self)
        form = QFormLayout(box)
        self.new_username = QLineEdit(box)
        self.new_username.setObjectName("new_username")
        self.new_role = QComboBox(box)
        self.new_role.setObjectName("new_role")
        for role in StaffRole:
            self.new_role.addItem("", role.value)
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
        if self._is_administrator():
            self.refresh()

    def _is_administrator(self) -> bool:
        """Whether the staff in use may see the accounts; others never load them."""
        return self.staff is not None and self.staff.role is StaffRole.ADMINISTRATOR

    def refresh(self) -> bool:
        """Reload the account list."""
        ok, accounts = self._run(list_staff_accounts, self.database, staff=self.staff)
        if not ok:
            return False
        now = datetime.now()
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            state = (
                self.tr("locked until %1").replace(
                    "%1", f"{account.locked_until:%H:%M}"
                )
                if account.is_locked(now)
                else self.tr("active")
            )
            values = (
                account.username,
                role_label(account.role),
                state,
                f"{account.created_at:%Y-%m-%d}",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(USERNAME_ROLE, account.username)
                self.table.setItem(row, column, item)
        return True

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
