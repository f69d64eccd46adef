"""Revising a draft or quoted order's design in the studio window.

The production monitor's "Revise design…" opens the order's design in the
window, where the usual rules, live price and preview apply. A banner names
the order, and "Save to order A-000123" (a button under the price and an
entry in the Order menu) stores the design as the order's next revision
through :mod:`designer.order_revision`. Opening any other design ends the
revision. A save that fails keeps the design on screen, so nothing typed is
lost.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton

from app import staff_gate
from app.domain_text import error_text
from app.monitor import state_name
from app.workers import run_in_background
from designer.designs import DesignFileError
from designer.order_revision import (
    OpenedOrderDesign,
    SavedRevision,
    open_order_design,
    save_order_design,
)
from designer.session import DesignSession

logger = logging.getLogger(__name__)

BANNER_STYLE = "background: #fff4d6; padding: 6px; border-radius: 4px;"


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
        self.saving = False
        self.banner = QLabel(window.side)
        self.banner.setObjectName("revision_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
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
        try:
            opened = open_order_design(
                window.database, window.catalog, order_id, staff=window.staff
            )
        except (ValueError, PermissionError, DesignFileError) as error:
            logger.warning("order %s cannot be revised: %s", order_id, error)
            window.show_message(self.tr("Cannot revise order"), error_text(error))
            return False
        window.open_session(opened.session)
        window.open_model(opened.session.model.id)
        # Opening the session ended any earlier revision, so this one
        # starts after it.
        self.opened = opened
        self._show()
        window.show()
        window.raise_()
        window.activateWindow()
        return True

    def stop(self) -> None:
        """End the revision, leaving the design on screen."""
        if self.opened is not None:
            logger.info("revision of order %s ended", self.opened.order_id)
        self.opened = None
        self._show()

    def save(self) -> bool:
        """Save the design on screen to the order in the background.

        ``saved`` or ``failed`` reports the outcome. Returns whether the save
        started.
        """
        window, opened = self.window, self.opened
        if opened is None or self.saving:
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

        def work() -> SavedRevision:
            return save_order_design(
                database,
                opened.order_id,
                design,
                staff=staff,
                opened_revision=opened.revision,
            )

        self.saving = True
        self._show()
        run_in_background(work, self._saved, self._failed, self)
        return True

    def _saved(self, result: SavedRevision) -> None:
        self.saving = False
        opened = self.opened
        if opened is not None and opened.order_id == result.order_id:
            # Later saves build on the revision just stored.
            self.opened = OpenedOrderDesign(
                opened.order_id, opened.state, result.revision, opened.session
            )
        if result.changed:
            text = self.tr("Saved to order {0}: revision {1}, total {2} {3}").format(
                result.order_id, result.revision, result.total, result.currency
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

    def _failed(self, message: str) -> None:
        self.saving = False
        self._show()
        recovery = self.tr(
            "The design stays open here, so nothing is lost: save it with "
            "File > Save design…, or place it as a new order."
        )
        logger.warning("saving order %s failed: %s", self.order_id, message)
        title = self.tr("Cannot save to order")
        self.window.show_message(title, f"{message}\n\n{recovery}")
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
        enabled = orderable and not self.saving
        self.save_button.setEnabled(enabled)
        self.save_action.setEnabled(enabled)
        self.banner.setText(
            self.tr(
                "Revising order {0} ({1}, revision {2}). Change the design, then "
                "save it to the order; opening another design ends the revision."
            ).format(opened.order_id, state_name(opened.state), opened.revision)
        )
        label = self.tr("Save to order {0}").format(opened.order_id)
        self.save_button.setText(label)
        self.save_action.setText(label)
        tip = "" if orderable else self.tr("Fix the errors listed before saving")
        self.save_button.setToolTip(tip)
        self.save_action.setToolTip(tip)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self._show()
        return False
