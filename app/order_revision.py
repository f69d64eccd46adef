"""Revising a draft or quoted order's design in the studio window.

The production monitor's "Revise design…" opens the order's design in the
window, where the usual rules, live price and preview apply. A banner names
the order, and "Save to order A-000123" (a button under the price and an
entry in the Order menu) stores the design as the order's next revision
through :mod:`designer.order_revision`. Opening any other design, or closing
the window, ends the revision after asking what to do with changes not yet
saved to the order. A save that fails keeps the design on screen, so nothing
typed is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QSizePolicy
from sqlalchemy.exc import SQLAlchemyError

from app import i18n, staff_gate
from app.domain_text import error_text
from app.monitor import state_name
from app.workers import run_in_background
from designer.access import Permission, permissions_of
from designer.designs import DesignFileError
from designer.order_revision import (
    OpenedOrderDesign,
    RevisionConflictError,
    SavedRevision,
    open_order_design,
    save_order_design,
)
from designer.orders import get_order
from designer.session import DesignSession
from storage.retry import TransactionRetryError

logger = logging.getLogger(__name__)

BANNER_STYLE = "background: #fff4d6; padding: 6px; border-radius: 4px;"
# The window's save fails after about 3 x 1.5 s while another till or kiosk
# has the database's write lock, and its message asks staff to try again.
# The defaults of Database.write would keep them waiting for minutes.
SAVE_RETRIES = 2
SAVE_LOCK_TIMEOUT_MS = 1_500


class OrderRevision(QObject):
    """The window's controls for revising an order's design, shown while one is open.

    Signals
    -------
    saved(object)
        The :class:`designer.order_revision.SavedRevision` of a save.
    failed(str)
        A save was rejected, with the reason in the interface language.
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.opened: OpenedOrderDesign | None = None
        # The values of the order's stored design, which the design on
        # screen is compared with to tell whether it has unsaved changes.
        self.stored_values: dict[str, Any] = {}
        # Set when a save was rejected because the order was confirmed or
        # revised elsewhere. Once confirmed, no later save can succeed, so
        # Save stays disabled; after another revision, Save stores the next one.
        self.conflict: RevisionConflictError | None = None
        self.saving = False
        # Runs once the save in progress succeeds, such as opening the
        # design that staff asked for before choosing "Save to order".
        self._after_save: Callable[[], Any] | None = None
        # Whether ``_after_save`` closes the window, which no later request
        # replaces.
        self._closes_after_save = False
        self.banner = QLabel(window.side)
        self.banner.setObjectName("revision_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        # The banner keeps the height its text needs; the parameters scroll.
        self.banner.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum
        )
        window.side.layout().insertWidget(1, self.banner)
        self.save_button = QPushButton(window.side)
        self.save_button.setObjectName("save_to_order_button")
        self.save_button.clicked.connect(self.save)
        window.side.layout().addWidget(self.save_button)
        self.save_action = QAction(self)
        self.save_action.setObjectName("save_to_order_action")
        self.save_action.triggered.connect(self.save)
        window.order_menu.addAction(self.save_action)
        window.design_changed.connect(self._design_changed)
        if window.staff_gate is not None:
            # Whether Save is offered depends on the role signed in.
            window.staff_gate.signed_in.connect(self._show)
            window.staff_gate.signed_out.connect(self._show)
        window.installEventFilter(self)
        self._show()

    @property
    def order_id(self) -> str | None:
        """The id of the order being revised, or ``None``."""
        return None if self.opened is None else self.opened.order_id

    def open(self, order_id: str) -> bool:
        """Open ``order_id``'s design in the window; report why it cannot open.

        Returns whether the design was opened.
        """
        window = self.window
        if not staff_gate.permitted(window, "orders"):
            return False
        if self._latest_is_open(order_id):
            # Reopening would only drop the edits on screen.
            self._raise_window()
            return True
        if not self.confirm_replace(lambda: self.open(order_id)):
            return False
        try:
            opened = open_order_design(
                window.database, window.catalog, order_id, staff=window.staff
            )
        except (ValueError, PermissionError, DesignFileError) as error:
            logger.warning("order %s cannot be revised: %s", order_id, error)
            window.show_reworded_message(
                lambda: self.tr("Cannot revise order"),
                lambda error=error: error_text(error),
            )
            return False
        window.open_session(opened.session)
        window.open_model(opened.session.model.id)
        window.note_filled_values(opened.filled, opened)
        # Opening the session ended any earlier revision, so this one
        # starts after it.
        self.opened = opened
        self.stored_values = dict(opened.session.values)
        self.conflict = None
        self._show()
        self._raise_window()
        return True

    def _latest_is_open(self, order_id: str) -> bool:
        """Return whether ``order_id``'s latest revision is the one on screen."""
        opened = self.opened
        if (
            opened is None
            or opened.order_id != order_id
            or self.conflict is not None
            or self.window.session is not opened.session
        ):
            return False
        try:
            with self.window.database.session(readonly=True) as session:
                stored = get_order(session, order_id).revision
        except (LookupError, ValueError, SQLAlchemyError) as error:
            logger.warning("order %s could not be read: %s", order_id, error)
            return False
        return stored == opened.revision

    def _raise_window(self) -> None:
        window = self.window
        window.show()
        window.raise_()
        window.activateWindow()

    def stop(self) -> None:
        """End the revision, leaving the design on screen."""
        if self.opened is not None:
            logger.info("revision of order %s ended", self.opened.order_id)
        self.opened = None
        self.conflict = None
        self._after_save = None
        self._closes_after_save = False
        self._show()

    @property
    def unsaved(self) -> bool:
        """Whether the design on screen differs from the order's stored one.

        After another revision was saved elsewhere, the order contains a
        design this window has not read, so the design on screen counts as
        unsaved.
        """
        if self.opened is None or self.window.session is not self.opened.session:
            return False
        if self.conflict is not None and not self.conflict.confirmed:
            return True
        return dict(self.window.session.values) != self.stored_values

    def confirm_replace(self, proceed: Callable[[], Any]) -> bool:
        """Ask what to do with unsaved changes before another design replaces them.

        Staff choose to save the revision to the order, to discard it or to
        cancel. An unsaved design that is not a revision is offered to be
        saved as a file instead. Returns whether the caller may replace the
        design now; after "Save to order", ``proceed`` runs once the save
        succeeded.
        """
        return self._confirm(
            self.tr(
                "The design on screen has changes that are not saved to order "
                "{0}. Save them to the order before opening another design?"
            ),
            self.tr(
                "The design on screen has changes that are not saved. Save "
                "it as a file before opening the order's design?"
            ),
            proceed,
            closes=False,
        )

    def confirm_close(self, proceed: Callable[[], Any]) -> bool:
        """Ask what to do with unsaved changes before the window closes.

        For a revision, staff choose to save it to the order, to discard it
        or to cancel; after "Save to order", ``proceed`` runs once the save
        succeeded. An unsaved design that is not a revision is offered to
        be saved as a file, because a clean exit deletes the autosave.
        Returns whether the window may close now.
        """
        return self._confirm(
            self.tr(
                "The design on screen has changes that are not saved to order "
                "{0}. Save them to the order before closing?"
            ),
            self.tr(
                "The design on screen has changes that are not saved. Save "
                "it as a file before closing?"
            ),
            proceed,
            closes=True,
        )

    def confirm_sign_out(self, proceed: Callable[[], Any]) -> bool:
        """Ask what to do with an unsaved revision before staff sign out.

        Staff choose to save it to the order, to discard it or to cancel;
        after "Save to order", ``proceed`` runs once the save succeeded. A
        design that is not a revision is not asked about, because signing
        out clears it with the customer. Returns whether staff may sign out
        now.
        """
        question = self.tr(
            "The design on screen has changes that are not saved to order "
            "{0}. Save them to the order before signing out?"
        )
        return self._confirm(question, None, proceed, closes=False)

    def _wait_for_save(self, proceed: Callable[[], Any], closes: bool) -> bool:
        """Let ``proceed`` run once the save under way succeeds, if one runs.

        Nothing is asked while a save runs, because discarding the changes
        could not stop it. A failed save runs nothing after it, and its
        message gives the reason. A close replaces another request that waits, and
        no other request replaces a close. Returns whether a save runs.
        """
        if not self.saving:
            return False
        if closes or not self._closes_after_save:
            self._after_save = proceed
            self._closes_after_save = closes
        return True

    def _confirm(
        self,
        revision_question: str,
        design_question: str | None,
        proceed,
        closes: bool,
    ) -> bool:
        """Ask ``revision_question`` (``{0}`` is the order) about an unsaved
        revision, or ``design_question`` about another unsaved design.

        A revision of an order confirmed since it was opened is offered to
        be saved as a file, since the order takes no more revisions.
        ``design_question`` ``None`` asks nothing about other designs.
        ``closes`` tells whether ``proceed`` closes the window. While a save
        runs, ``proceed`` waits for it (see ``_wait_for_save``). Returns
        whether the caller may go on now.
        """
        if self._wait_for_save(proceed, closes):
            return False
        if self.unsaved and self._confirmed_elsewhere():
            question = self.tr(
                "Order {0} is {1} now, so the changes on screen cannot be saved "
                "to it. Save the design as a file first?"
            ).format(self.opened.order_id, state_name(self.opened.state))
            return self._ask_about_design(question)
        if self.unsaved:
            question = revision_question.format(self.opened.order_id)
            return self._ask_about_revision(question, proceed, closes)
        if (
            design_question is not None
            and self.opened is None
            and self.window.has_unsaved_design()
        ):
            return self._ask_about_design(design_question)
        return True

    def _ask_about_revision(
        self, question: str, proceed: Callable[[], Any], closes: bool = False
    ) -> bool:
        order_id = self.opened.order_id
        self._show()
        box = self._question(question)
        # The same words as the window's button, which name the revision
        # that a save stores after a conflict.
        save = box.addButton(self.save_button.text(), QMessageBox.ButtonRole.AcceptRole)
        save.setObjectName("save_button")
        save.setEnabled(self.save_button.isEnabled())
        save.setToolTip(self.save_button.toolTip())
        choice = self._answer(box, save)
        if choice == "save":
            if self.save():
                self._after_save = proceed
                self._closes_after_save = closes
            return False
        if choice == "discard":
            logger.info("unsaved changes to order %s discarded", order_id)
        return choice == "discard"

    def _ask_about_design(self, question: str) -> bool:
        box = self._question(question)
        save = box.addButton(self.tr("Save design…"), QMessageBox.ButtonRole.AcceptRole)
        save.setObjectName("save_button")
        choice = self._answer(box, save)
        if choice == "save":
            return self.window.save_design_dialog()
        return choice == "discard"

    def _question(self, text: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            text,
            parent=self.window,
        )
        box.setObjectName("unsaved_question")
        return box

    def _answer(self, box: QMessageBox, save: QPushButton) -> str:
        """Add Discard and Cancel to ``box``, show it and return the choice.

        Returns ``"save"``, ``"discard"`` or ``"cancel"``; closing the box
        with Escape counts as Cancel.
        """
        discard = box.addButton(
            self.tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole
        )
        discard.setObjectName("discard_button")
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel_button")
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is save:
            return "save"
        if clicked is discard:
            return "discard"
        return "cancel"

    def save(self) -> bool:
        """Save the design on screen to the order in the background.

        ``saved`` or ``failed`` reports the outcome. Returns whether the save
        started.
        """
        window, opened = self.window, self.opened
        if opened is None or self.saving or self._confirmed_elsewhere():
            return False
        if not staff_gate.permitted(window, "orders"):
            return False
        current = window.session
        # The save freezes a copy, so that changes made meanwhile on screen
        # stay out of it.
        design = DesignSession(
            current.model, current.values, current.chosen, current.currency
        )
        database, staff = window.database, window.staff
        # The options filled in with defaults, which the order names as not
        # chosen, as placing an order from the window does.
        filled = window.filled_options()

        def work() -> SavedRevision | RevisionConflictError | TransactionRetryError:
            # These two failures are returned, because the window shows
            # more than their message.
            try:
                return save_order_design(
                    database,
                    opened.order_id,
                    design,
                    staff=staff,
                    opened_revision=opened.revision,
                    filled=filled,
                    retries=SAVE_RETRIES,
                    lock_timeout_ms=SAVE_LOCK_TIMEOUT_MS,
                )
            except (RevisionConflictError, TransactionRetryError) as error:
                return error

        self.saving = True
        self._show()
        window.statusBar().showMessage(
            self.tr("Saving the design to order {0}…").format(opened.order_id)
        )
        saved_values = dict(design.values)
        run_in_background(
            work, lambda result: self._saved(result, saved_values), self._failed, self
        )
        return True

    def _saved(self, result, saved_values: dict[str, Any]) -> None:
        if isinstance(result, RevisionConflictError):
            self._rejected(result)
            return
        if isinstance(result, TransactionRetryError):
            self._locked(result)
            return

        self.saving = False
        opened = self.opened
        if opened is not None and opened.order_id == result.order_id:
            # Later saves build on the revision just stored.
            self.opened = replace(opened, revision=result.revision)
            self.stored_values = saved_values
            # A save after a revision stored elsewhere resolves that conflict.
            self.conflict = None

        if result.changed:
            text = self.tr("Saved to order {0}: revision {1}, total {2} {3}").format(
                result.order_id,
                result.revision,
                i18n.format_money(result.total, result.currency),
                result.currency,
            )
        else:
            text = self.tr("Order {0} already has this design; nothing changed").format(
                result.order_id
            )
        self.window.statusBar().showMessage(text, 10_000)
        self._show()
        if self.window.monitor is not None:
            self.window.monitor.refresh()
        self.saved.emit(result)

        proceed, self._after_save = self._after_save, None
        self._closes_after_save = False
        if proceed is not None:
            proceed()

    def _rejected(self, error: RevisionConflictError) -> None:
        """Show that the order changed elsewhere.

        Once the order is confirmed, the save is no longer offered. After a
        newer revision was saved elsewhere, the save is offered as the next
        revision.
        """
        logger.warning("saving order %s was rejected: %s", error.order_id, error)
        opened = self.opened
        if opened is not None and opened.order_id == error.order_id:
            self.conflict = error
            self.opened = replace(opened, state=error.state, revision=error.revision)
        self._fail(error_text(error), "")

    def _locked(self, error: TransactionRetryError) -> None:
        logger.warning(
            "saving order %s timed out on the lock: %s", self.order_id, error
        )
        text = self.tr(
            "Order {0} was not saved, because another till or kiosk is writing "
            "to the database. Nothing on screen is lost: press Save to order "
            "again in a moment."
        ).format(self.order_id)
        self._fail(text, "")

    def _failed(self, message: str) -> None:
        logger.warning("saving order %s failed: %s", self.order_id, message)
        recovery = self.tr(
            "The design stays open here, so nothing is lost: save it with "
            "File > Save design…, or place it as a new order."
        )
        self._fail(message, recovery)

    def _fail(self, message: str, recovery: str) -> None:
        waited = self._after_save is not None
        self.saving = False
        self._after_save = None
        self._closes_after_save = False
        self.window.statusBar().clearMessage()
        self._show()
        title = self.tr("Cannot save to order")
        if waited:
            unfollowed = self.tr(
                "What was to follow the save did not happen: the window stays "
                "open, you stay signed in and the design stays on screen."
            )
            recovery = f"{recovery}\n\n{unfollowed}" if recovery else unfollowed
        text = f"{message}\n\n{recovery}" if recovery else message
        self.window.show_message(title, text)
        self.failed.emit(message)

    def _design_changed(self) -> None:
        opened = self.opened
        if opened is not None and self.window.session is not opened.session:
            self.stop()
        else:
            self._show()

    def _show(self) -> None:
        """Show the banner and the save controls for the open revision, if any."""
        opened = self.opened
        revising = opened is not None
        self.banner.setVisible(revising)
        self.save_button.setVisible(revising)
        self.save_action.setVisible(revising)
        if opened is None:
            return
        orderable = self.window.session.orderable
        enabled = (
            orderable
            and not self.saving
            and not self._confirmed_elsewhere()
            and self._may_save()
        )
        self.save_button.setEnabled(enabled)
        self.save_action.setEnabled(enabled)
        self.banner.setText(self._banner_text(opened))
        if self.saving:
            label = self.tr("Saving to order {0}…").format(opened.order_id)
        elif self.conflict is not None and not self.conflict.confirmed:
            label = self.tr("Save as revision {1} of order {0}").format(
                opened.order_id, opened.revision + 1
            )
        else:
            label = self.tr("Save to order {0}").format(opened.order_id)
        self.save_button.setText(label)
        self.save_action.setText(label)
        tip = self._save_tip(opened, orderable)
        self.save_button.setToolTip(tip)
        self.save_action.setToolTip(tip)

    def _banner_text(self, opened: OpenedOrderDesign) -> str:
        state = state_name(opened.state)
        if self.conflict is None:
            return self.tr(
                "Revising order {0} ({1}, revision {2}). Change the design, then "
                "save it to the order; opening another design ends the revision."
            ).format(opened.order_id, state, opened.revision)
        if self.conflict.confirmed:
            return self.tr(
                "Order {0} is {1} now (revision {2}), so this design can no longer "
                "be saved to it. Save it with File > Save design…, or place it as "
                "a new order."
            ).format(opened.order_id, state, opened.revision)
        return self.tr(
            "Order {0} ({1}) is at revision {2} now, saved elsewhere after this "
            "design was opened. Saving now stores this design as revision {3}; "
            "revision {2} stays in the order's history. Or save this design with "
            "File > Save design… before you reopen the order, because reopening "
            "replaces it."
        ).format(opened.order_id, state, opened.revision, opened.revision + 1)

    def _save_tip(self, opened: OpenedOrderDesign, orderable: bool) -> str:
        if self._confirmed_elsewhere():
            return self.tr(
                "Order {0} is {1} now, so its design can no longer change"
            ).format(opened.order_id, state_name(opened.state))
        if not orderable:
            return self.tr("Fix the errors listed before saving")
        if not self._may_save():
            return self.tr(
                "Your role does not include orders; ask a member of sales or "
                "an administrator to save it"
            )
        return ""

    def _may_save(self) -> bool:
        """Return whether the staff member signed in may save to orders."""
        staff = self.window.staff
        if self.window.staff_gate is None:
            return True
        return staff is not None and Permission.ORDERS in permissions_of(staff.role)

    def _confirmed_elsewhere(self) -> bool:
        """Return whether a save was rejected because the order was confirmed."""
        return self.conflict is not None and self.conflict.confirmed

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self._show()
        return False
