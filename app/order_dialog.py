"""The dialog that places an order for the design on screen."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app import i18n
from app.domain_text import error_text, state_label
from app.workers import run_in_background
from designer.access import Permission, actor_name, check_permission
from designer.order_design import FrozenDesign, freeze_design
from designer.orders import default_actor, place_order
from designer.quote import quote_document, save_quote_pdf
from designer.session import DesignSession
from designer.store import load_store_settings
from storage.db import Database
from storage.repositories import get_customer
from storage.staff import ActiveSession

logger = logging.getLogger(__name__)


class PlaceOrderDialog(QDialog):
    """Price a design with materials and tax, then place it as an order.

    Signals
    -------
    priced()
        The full price is shown and the order can be placed.
    order_placed(str)
        The new order's id.
    failed(str)
        Pricing or placing failed; the message is also shown in ``message``.
    """

    priced = Signal()
    order_placed = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        session: DesignSession,
        customer_id: str,
        database: Database,
        language: str = "en",
        parent=None,
        staff: ActiveSession | None = None,
        filled: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.staff = staff
        self.filled = tuple(filled)
        self.design = DesignSession(
            session.model, session.values, session.chosen, session.currency
        )
        self.customer_id = customer_id
        self.database = database
        self.language = language
        self.frozen: FrozenDesign | None = None
        self.order_id: str | None = None
        self.setObjectName("place_order_dialog")
        self.resize(560, 480)
        # Builds the text of ``message`` again after a language change.
        self._message_text: Callable[[], str] | None = None
        self._build()
        self.retranslate()
        self._price()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        with self.database.session(readonly=True) as session:
            customer = get_customer(session, self.customer_id)
            self._customer_name = None if customer is None else customer.display_name
        self.customer_label = QLabel(self)
        self.customer_label.setObjectName("customer")
        self.customer_caption = QLabel(self)
        form.addRow(self.customer_caption, self.customer_label)
        self.product_label = QLabel(self)
        self.product_label.setObjectName("product")
        self.product_caption = QLabel(self)
        form.addRow(self.product_caption, self.product_label)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note_caption = QLabel(self)
        self.note_caption.setBuddy(self.note)
        form.addRow(self.note_caption, self.note)
        self.delivery_address = QPlainTextEdit(self)
        self.delivery_address.setObjectName("delivery_address")
        self.delivery_address.setTabChangesFocus(True)
        self.delivery_address.setFixedHeight(64)
        self.address_caption = QLabel(self)
        self.address_caption.setBuddy(self.delivery_address)
        form.addRow(self.address_caption, self.delivery_address)
        layout.addLayout(form)

        self.lines = QTableWidget(0, 2, self)
        self.lines.setObjectName("price_lines")
        # Tab leaves the table, and the arrow keys move between its cells.
        self.lines.setTabKeyNavigation(False)
        self.lines.horizontalHeader().setStretchLastSection(True)
        self.lines.setColumnWidth(0, 360)
        self.lines.verticalHeader().setVisible(False)
        self.lines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.lines, 1)
        self.total = QLabel(self)
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.total)

        self.confirm_box = QCheckBox(self)
        self.confirm_box.setObjectName("confirm_box")
        self.confirm_box.setChecked(True)
        layout.addWidget(self.confirm_box)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.quote_button = QPushButton(self)
        self.quote_button.setObjectName("quote_button")
        self.quote_button.setEnabled(False)
        self.quote_button.clicked.connect(self._quote_dialog)
        self.place_button = QPushButton(self)
        self.place_button.setObjectName("place_button")
        self.place_button.setEnabled(False)
        self.place_button.setDefault(True)
        self.place_button.clicked.connect(self.place)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_button")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.quote_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.place_button)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        """Set every text in the language installed in :mod:`app.i18n`."""
        self.setWindowTitle(self.tr("Place order"))
        if self._customer_name is not None:
            self.customer_label.setText(f"{self._customer_name} ({self.customer_id})")
        else:
            self.customer_label.setText(
                self.tr("unknown customer {id}").format(id=self.customer_id)
            )
        self.customer_caption.setText(self.tr("Customer"))
        self.product_caption.setText(self.tr("Product"))
        self.product_label.setText(self.design.model.name(self.language))
        self.note_caption.setText(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Note for the order"))
        self.address_caption.setText(self.tr("Delivery address"))
        self.delivery_address.setAccessibleName(self.tr("Delivery address"))
        self.delivery_address.setPlaceholderText(
            self.tr("Leave empty for collection in the store")
        )
        self.lines.setAccessibleName(self.tr("Price lines"))
        self.lines.setHorizontalHeaderLabels([self.tr("Price"), self.tr("Amount")])
        self.confirm_box.setText(self.tr("Confirm now (sets the promised date)"))
        self.quote_button.setText(self.tr("Save quote…"))
        self.place_button.setText(self.tr("Place order"))
        self.close_button.setText(self.tr("Close"))
        self._show_lines()
        if self._message_text is not None:
            self.message.setText(self._message_text())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.language = i18n.current_language()
            self.retranslate()
        super().changeEvent(event)

    def _show_message(self, text: Callable[[], str], colour: str) -> None:
        self._message_text = text
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(text())

    def _price(self) -> None:
        """Measure and price the design in the background."""
        with self.database.session(readonly=True) as session:
            settings = load_store_settings(session)
        design = self.design

        def work():
            return freeze_design(design, settings, filled=self.filled)

        run_in_background(work, self._show_price, self._fail, self)

    def _show_price(self, frozen: FrozenDesign) -> None:
        self.frozen = frozen
        self._show_lines()
        self.place_button.setEnabled(self.order_id is None)
        self.priced.emit()

    def _show_lines(self) -> None:
        """Show the price lines and the total, or that pricing runs."""
        if self.frozen is None:
            self.total.setText(self.tr("Pricing…"))
            return
        price = self.frozen.price
        self.lines.setRowCount(len(price.lines))
        for row, line in enumerate(price.lines):
            self.lines.setItem(row, 0, QTableWidgetItem(line.label(self.language)))
            amount = QTableWidgetItem(
                f"{i18n.format_money(line.amount, price.currency)} {price.currency}"
            )
            amount.setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.lines.setItem(row, 1, amount)
        self.total.setText(
            self.tr("Total: {amount} {currency}").format(
                amount=i18n.format_money(price.total, price.currency),
                currency=price.currency,
            )
        )

    def _fail(self, message: str | Callable[[], str]) -> None:
        """Show a failure in red; a callable builds it again in a new language."""
        text = message if callable(message) else lambda: message
        self._show_message(text, "#b00020")
        self.failed.emit(text())

    def place(self) -> None:
        """Store the order; the message shows its id, or why it failed."""
        if self.frozen is None or self.order_id is not None:
            return
        address = self.delivery_address.toPlainText().strip() or None
        try:
            check_permission(self.staff, Permission.ORDERS)
            with self.database.session() as session:
                order = place_order(
                    session,
                    self.customer_id,
                    self.frozen,
                    actor_name(self.staff, default_actor()),
                    confirm=self.confirm_box.isChecked(),
                    note=self.note.text().strip(),
                    delivery_address=address,
                )
                order_id, state = order.id, order.state
                promised = order.promised_date
        except (ValueError, PermissionError) as error:
            logger.warning("placing an order failed: %s", error)
            self._fail(partial(error_text, error))
            return
        self.order_id = order_id

        def text() -> str:
            placed = self.tr("Order {id} is {state}.").format(
                id=order_id, state=state_label(state)
            )
            if promised is None:
                return placed
            date = self.tr("Promised for {date}.").format(date=promised.isoformat())
            return f"{placed} {date}"

        self._show_message(text, "#1b5e20")
        self.place_button.setEnabled(False)
        self.quote_button.setEnabled(True)
        self.order_placed.emit(order_id)

    def _quote_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save quote"),
            f"quote-{self.order_id}.pdf",
            "PDF (*.pdf)",
        )
        if path:
            self.save_quote(Path(path))

    def save_quote(self, path: Path) -> Path | None:
        """Write the placed order's quote PDF to ``path`` and audit it."""
        try:
            with self.database.session(readonly=True) as session:
                document = quote_document(session, self.order_id, self.language)
            actor = actor_name(self.staff, default_actor())
            written = save_quote_pdf(self.database, document, path, actor)
        except OSError as error:
            # The error names the path and what is wrong with it.
            self._fail(partial(error_text, error))
            return None
        # A success replaces an earlier failure's message.
        self._show_message(lambda: self.tr("Saved {0}").format(written), "#1b5e20")
        return written
