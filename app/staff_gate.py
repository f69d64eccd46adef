"""Staff sign-in in front of the studio window, and the screens of each role.

:class:`StaffGate` keeps the window's screens hidden until a staff member
signs in, then shows only those that :data:`designer.access.ROLE_PERMISSIONS`
gives their role. On a database without staff accounts, the administrator's
account is created first. ``Staff > Sign out`` clears the customer and the
design and asks for a sign-in again. When the session expires, the window
locks behind the sign-in dialog but keeps the open design (the autosaver
writes it to disk first, through ``locking``), and the customer too when
the same member signs in again.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QPushButton, QWidget
from sqlalchemy.exc import SQLAlchemyError

from app.sign_in import FirstRunDialog, SignInDialog, role_label
from designer.access import (
    Permission,
    check_permission,
    has_staff_accounts,
    permissions_of,
)
from storage.staff import (
    ActiveSession,
    RoleError,
    SessionExpiredError,
    resume_session,
    sign_out,
)

logger = logging.getLogger(__name__)

# Longest single wait of the expiry timer. QTimer takes a 32-bit count of
# milliseconds, so a longer session is checked again after each wait.
MAX_TIMER_MS = 2**31 - 1

SIGN_OUT_LOCK_TIMEOUT_MS = 2_000
"""How long signing out waits for another till's write lock to delete the
stored session, so that the window locks at once."""


def permitted(window, permission: Permission | str) -> bool:
    """Check that ``window``'s staff member may use ``permission``.

    A refusal is shown in the window, and an expired or ended session (after
    a password reset, for example) locks it.
    A window with a gate permits nothing while no one is signed in, and a
    window opened without a gate (as in tests) permits everything.
    """
    if window.staff_gate is not None and window.staff is None:
        # Signed out: hidden actions keep their shortcuts, so refuse here.
        return False
    try:
        check_permission(window.staff, permission)
        if window.staff is not None:
            # A password reset deletes the stored session before it expires.
            with window.database.session(readonly=True) as session:
                resume_session(session, window.staff.token)
    except SessionExpiredError:
        if window.staff_gate is not None:
            window.staff_gate.session_expired()
        return False
    except RoleError:
        translate = QCoreApplication.translate
        window.show_message(
            translate("MainWindow", "Not allowed"),
            translate(
                "MainWindow",
                "Your role, %1, does not include this screen; ask an "
                "administrator if you need it.",
            ).replace("%1", role_label(window.staff.role)),
        )
        return False
    return True


class StaffGate(QObject):
    """Sign staff in and out of ``window`` and show the screens of their role.

    Signals
    -------
    signed_in(object)
        The new :class:`storage.staff.ActiveSession`; its role's screens show.
    signed_out()
        Someone signed out, or the session expired; only the sign-in shows.
    locking()
        The window is about to lock; connect the autosaver's ``save_now``.
    """

    signed_in = Signal(object)
    signed_out = Signal()
    locking = Signal()

    def __init__(self, window, database) -> None:
        super().__init__(window)
        self.window = window
        self.database = database
        self.dialog = None
        self.finder = None
        self._previous_user: str | None = None
        self._closing = False
        window.staff_gate = self
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._check_expiry)
        self._build_staff_menu()
        self._build_customer_controls()
        self._build_admin_dock()
        self.retranslate()
        window.installEventFilter(self)
        window.apply_permissions(frozenset())
        # No customer is on screen until a staff member chooses one.
        window.set_customer(None)

    # Layout ---------------------------------------------------------------------

    def _build_staff_menu(self) -> None:
        window = self.window
        self.menu = window.menuBar().addMenu("")
        self.menu.setObjectName("staff_menu")
        self.user_action = QAction(self)
        self.user_action.setObjectName("signed_in_user")
        self.user_action.setEnabled(False)
        self.sign_out_action = QAction(self)
        self.sign_out_action.setObjectName("sign_out_action")
        self.sign_out_action.triggered.connect(self.sign_out)
        self.menu.addAction(self.user_action)
        self.menu.addSeparator()
        self.menu.addAction(self.sign_out_action)
        self.user_label = QLabel(window)
        self.user_label.setObjectName("signed_in_label")
        window.statusBar().addPermanentWidget(self.user_label)

    def _build_customer_controls(self) -> None:
        window = self.window
        self.find_action = QAction(self)
        self.find_action.setObjectName("find_customer_action")
        self.find_action.triggered.connect(self.open_customer_finder)
        first = window.customers_menu.actions()[0]
        window.customers_menu.insertAction(first, self.find_action)
        self.find_button = QPushButton(window.suggestions_box)
        self.find_button.setObjectName("find_customer_button")
        self.find_button.clicked.connect(self.open_customer_finder)
        window.suggestions_box.layout().insertWidget(1, self.find_button)
        window.guard(Permission.CUSTOMERS, self.find_action, self.find_button)

    def _build_admin_dock(self) -> None:
        from app.staff_admin import StaffAdminPanel

        self.admin_panel = StaffAdminPanel(self.database, self)
        dock = QDockWidget(self.window)
        dock.setObjectName("staff_admin_dock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setTitleBarWidget(QWidget(dock))
        dock.setWidget(self.admin_panel)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.admin_dock = dock
        self.window.guard(Permission.STAFF_ACCOUNTS, dock)
        self.window.guard(Permission.KIOSK_PIN, self.admin_panel.pin_box)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.menu.setTitle(self.tr("S&taff"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.find_action.setText(self.tr("&Find or register customer…"))
        self.find_button.setText(self.tr("Find or register customer…"))
        self.find_button.setAccessibleName(self.tr("Find or register customer"))
        self._show_user()

    def _show_user(self) -> None:
        staff = self.window.staff
        text = (
            self.tr("Not signed in")
            if staff is None
            else self.tr("Signed in: %1 (%2)")
            .replace("%1", staff.username)
            .replace("%2", role_label(staff.role))
        )
        self.user_action.setText(text)
        self.user_label.setText(text)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif watched is self.window and event.type() == QEvent.Type.Close:
            self._closing = True
            self._end_session()
        return False

    # Signing in and out ---------------------------------------------------------

    def start(self):
        """Ask for a sign-in, or for the first account on a database without one."""
        if has_staff_accounts(self.database):
            return self._open_sign_in("")
        dialog = FirstRunDialog(self.database, self.window)
        return self._show_dialog(dialog)

    def _open_sign_in(self, notice: str, username: str = ""):
        dialog = SignInDialog(self.database, self.window, notice, username)
        return self._show_dialog(dialog)

    def _show_dialog(self, dialog):
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(self.accept_session)
        dialog.rejected.connect(self._dialog_rejected)
        self.dialog = dialog
        dialog.show()
        return dialog

    def _dialog_rejected(self) -> None:
        # Quitting the dialog quits the studio; the window closing closes
        # the dialog too, which must not close the window a second time.
        if not self._closing:
            self.window.close()

    def accept_session(self, active: ActiveSession) -> None:
        """Show the window's screens for ``active``'s role."""
        window = self.window
        if self._previous_user not in (None, active.username):
            # The customer belongs to the conversation of the member who left.
            window.set_customer(None)
        self._previous_user = active.username
        window.staff = active
        dialog, self.dialog = self.dialog, None
        if dialog is not None and dialog.isVisible():
            # A session accepted from elsewhere than the dialog replaces it.
            dialog.rejected.disconnect(self._dialog_rejected)
            dialog.close()
        window.apply_permissions(permissions_of(active.role))
        self.admin_panel.set_staff(active)
        self._show_user()
        self._start_timer(active)
        logger.info("%s signed in to the studio as %s", active.username, active.role)
        self.signed_in.emit(active)

    def sign_out(self) -> None:
        """End the session, clear the customer and design, and ask for a sign-in.

        Changes to an order's design that are not saved to the order are
        asked about first, and Cancel keeps the session.
        """
        if self.window.staff is None:
            # Already signed out, or locked by an expiry, while a save that
            # this sign-out waited for ran.
            return
        if not self.window.confirm_sign_out(self.sign_out):
            return
        self._lock()
        self._previous_user = None
        self.window.reset_workspace()
        self._open_sign_in("")

    def session_expired(self) -> None:
        """Lock the window behind the sign-in dialog, keeping the open design."""
        staff = self.window.staff
        if staff is None or self.dialog is not None:
            return
        # A password reset, a disable or a role change ends a session before
        # its expiry time.
        ended = min(staff.expires_at, datetime.now())
        notice = self.tr(
            "Your session ended at %1. Sign in again to go on; the open design is kept."
        ).replace("%1", f"{ended:%H:%M}")
        logger.info("staff session of %s expired", staff.username)
        self._lock()
        self._open_sign_in(notice, staff.username)

    def _lock(self) -> None:
        self.locking.emit()
        self.timer.stop()
        self._end_session()
        self._close_screens()
        self.window.apply_permissions(frozenset())
        self._show_user()
        self.signed_out.emit()

    def _end_session(self) -> None:
        staff, self.window.staff = self.window.staff, None
        if staff is None:
            return
        try:
            with self.database.session(
                lock_timeout_ms=SIGN_OUT_LOCK_TIMEOUT_MS
            ) as session:
                sign_out(session, staff.token)
        except SQLAlchemyError as error:
            # The window locks all the same; the stored session only lapses
            # at its expiry time instead of now.
            logger.warning(
                "the session of %s stays stored until it expires: %s",
                staff.username,
                error,
            )
        self.admin_panel.set_staff(None)
        logger.info("%s signed out of the studio", staff.username)

    def _close_screens(self) -> None:
        """Close the windows that show customer or order data."""
        for child in self.window.findChildren(QWidget):
            if child.isWindow() and child.isVisible():
                child.close()
        monitor, self.window.monitor = self.window.monitor, None
        if monitor is not None:
            monitor.close()
            monitor.deleteLater()

    def _start_timer(self, active: ActiveSession) -> None:
        remaining = (active.expires_at - datetime.now()).total_seconds() * 1000
        self.timer.start(int(min(max(remaining, 0), MAX_TIMER_MS)))

    def _check_expiry(self) -> None:
        staff = self.window.staff
        if staff is None:
            return
        if staff.expires_at <= datetime.now():
            self.session_expired()
        else:
            self._start_timer(staff)

    # Customers ------------------------------------------------------------------

    def open_customer_finder(self):
        """Open the dialog that finds or registers the window's customer."""
        from app.customer_finder import CustomerFinder

        if not permitted(self.window, Permission.CUSTOMERS):
            return None
        finder = CustomerFinder(self.database, self.window.staff, self.window)
        finder.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        finder.chosen.connect(self.window.set_customer)
        finder.session_expired.connect(self.session_expired)
        finder.show()
        self.finder = finder
        return finder
