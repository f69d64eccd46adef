"""The sign-in dialog, and the first-run dialog that creates the administrator.

Both dialogs emit ``signed_in(ActiveSession)`` once a staff member is
signed in, and keep everything typed after a failure so that only the
wrong part needs retyping.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.domain_text import error_text
from designer.access import create_staff_account
from storage.schema import StaffRole
from storage.staff import (
    LOCK_DURATION,
    MAX_FAILED_ATTEMPTS,
    MIN_PASSWORD_LENGTH,
    USERNAME_PATTERN,
    AccountDisabledError,
    SignInError,
    sign_in,
)

logger = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"


def credential_rules() -> str:
    """Return the username and password rules in the current language."""
    return QCoreApplication.translate(
        "StaffForms",
        "Usernames have 2 to 64 lower-case letters, digits, dots, dashes or "
        "underscores, and start with a letter or digit. Passwords have at "
        "least %1 characters.",
    ).replace("%1", str(MIN_PASSWORD_LENGTH))


def check_new_credentials(
    username: str | None, password: str, repeated: str
) -> str | None:
    """Return why a new username or password is invalid, or ``None`` if valid.

    ``username`` is ``None`` when only a password is being set.
    """
    translate = QCoreApplication.translate
    if username is not None and not USERNAME_PATTERN.fullmatch(username):
        return translate(
            "StaffForms",
            "Invalid username “%1”: use 2 to 64 lower-case letters, digits, "
            "dots, dashes or underscores, starting with a letter or digit.",
        ).replace("%1", username)
    if len(password) < MIN_PASSWORD_LENGTH:
        return (
            translate(
                "StaffForms",
                "The password has %1 characters: use at least %2.",
            )
            .replace("%1", str(len(password)))
            .replace("%2", str(MIN_PASSWORD_LENGTH))
        )
    if password != repeated:
        return translate(
            "StaffForms",
            "The two passwords differ: type the same password in both boxes.",
        )
    return None


def role_label(role) -> str:
    """Return the name of a staff role in the current language."""
    translate = QCoreApplication.translate
    labels = {
        "administrator": translate("StaffForms", "administrator"),
        "designer": translate("StaffForms", "designer"),
        "sales": translate("StaffForms", "sales"),
    }
    return labels[str(role)]


def password_field(parent, name: str) -> QLineEdit:
    """Return a line edit that hides what is typed, named ``name``."""
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class SignInDialog(QDialog):
    """Ask for a username and password and open a staff session.

    ``notice`` is shown above the fields, for example why the previous
    session ended, and ``username`` fills in the member who was signed in.
    """

    signed_in = Signal(object)

    def __init__(
        self, database, parent=None, notice: str = "", username: str = ""
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("sign_in_dialog")
        layout = QVBoxLayout(self)
        self.notice = QLabel(notice, self)
        self.notice.setObjectName("sign_in_notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(notice))
        layout.addWidget(self.notice)

        form = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = password_field(self, "password")
        self.username_label = QLabel(self)
        self.password_label = QLabel(self)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        layout.addLayout(form)

        self.message = QLabel(self)
        self.message.setObjectName("sign_in_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.quit_button = QPushButton(self)
        self.quit_button.setObjectName("quit_button")
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("sign_in_button")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.attempt)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.sign_in_button)
        layout.addLayout(buttons)

        self.setMinimumWidth(440)
        self.retranslate()
        self.username.setText(username)
        (self.password if username else self.username).setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Sign in to Atelier"))
        self.username_label.setText(self.tr("&Username:"))
        self.password_label.setText(self.tr("&Password:"))
        self.username.setAccessibleName(self.tr("Username"))
        self.password.setAccessibleName(self.tr("Password"))
        self.quit_button.setText(self.tr("&Quit"))
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.message.setAccessibleName(self.tr("Sign-in message"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def attempt(self):
        """Sign in with the typed username and password.

        Returns the :class:`storage.staff.ActiveSession`, or ``None`` after
        showing why the sign-in failed.
        """
        username = self.username.text().strip().lower()
        if not username:
            self._fail(self.tr("Enter your username, then your password."))
            self.username.setFocus()
            return None
        try:
            active = sign_in(self.database, username, self.password.text())
        except SignInError as error:
            self._fail(self._failure_text(username, error))
            self.password.setFocus()
            self.password.selectAll()
            return None
        self.message.clear()
        self.accept()
        self.signed_in.emit(active)
        return active

    def _failure_text(self, username: str, error: SignInError) -> str:
        if isinstance(error, AccountDisabledError):
            return error_text(error)
        if error.locked_until is not None:
            return (
                self.tr(
                    "The account “%1” is locked after %2 failed sign-ins in a row. "
                    "Try again after %3, or ask an administrator to unlock it."
                )
                .replace("%1", username)
                .replace("%2", str(MAX_FAILED_ATTEMPTS))
                .replace("%3", f"{error.locked_until:%H:%M}")
            )
        minutes = int(LOCK_DURATION.total_seconds() // 60)
        return (
            self.tr(
                "Wrong username or password for “%1”. Check both and try again: "
                "%2 failures in a row lock the account for %3 minutes."
            )
            .replace("%1", username)
            .replace("%2", str(MAX_FAILED_ATTEMPTS))
            .replace("%3", str(minutes))
        )

    def _fail(self, text: str) -> None:
        logger.info("sign-in failed: %s", text)
        self.message.setText(text)


class FirstRunDialog(QDialog):
    """Create the first staff account, an administrator, and sign it in."""

    signed_in = Signal(object)

    def __init__(self, database, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("first_run_dialog")
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.rules = QLabel(self)
        self.rules.setObjectName("credential_rules")
        self.rules.setWordWrap(True)
        layout.addWidget(self.rules)

        form = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = password_field(self, "password")
        self.repeated = password_field(self, "repeated_password")
        self.labels = [QLabel(self) for _ in range(3)]
        fields = (self.username, self.password, self.repeated)
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)

        self.message = QLabel(self)
        self.message.setObjectName("first_run_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.quit_button = QPushButton(self)
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.create_button = QPushButton(self)
        self.create_button.setObjectName("create_button")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)

        self.setMinimumWidth(520)
        self.retranslate()
        self.username.setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Create the administrator account"))
        self.intro.setText(
            self.tr(
                "This database has no staff accounts yet. Create the "
                "administrator account; the administrator then adds the "
                "designer and sales accounts."
            )
        )
        self.rules.setText(credential_rules())
        names = (
            self.tr("&Username:"),
            self.tr("&Password:"),
            self.tr("&Repeat password:"),
        )
        for label, text in zip(self.labels, names, strict=True):
            label.setText(text)
        self.username.setAccessibleName(self.tr("Username"))
        self.password.setAccessibleName(self.tr("Password"))
        self.repeated.setAccessibleName(self.tr("Repeat password"))
        self.quit_button.setText(self.tr("&Quit"))
        self.create_button.setText(self.tr("&Create and sign in"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def create(self):
        """Create the administrator and sign in; ``None`` after showing why not."""
        username = self.username.text().strip()
        password = self.password.text()
        problem = check_new_credentials(username, password, self.repeated.text())
        if problem is not None:
            self.message.setText(problem)
            return None
        try:
            create_staff_account(
                self.database, username, StaffRole.ADMINISTRATOR, password
            )
            active = sign_in(self.database, username, password)
        except (ValueError, PermissionError) as error:
            # Another studio on the same database created the first account.
            logger.warning("creating the first staff account failed: %s", error)
            self.message.setText(error_text(error))
            return None
        self.accept()
        self.signed_in.emit(active)
        return active
