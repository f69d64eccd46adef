"""The dialog that places an order for the design on screen."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
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

from app.workers import run_in_background
from designer.access import Permission, actor_name, check_permission
from designer.order_design import FrozenDesign, freeze_design
from designer.orders import default_actor, place_order
from designer.quote import quote_document, write_quote_pdf
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
    ) -> None:
        super().__init__(parent)
        self.staff = staff
        self.design = DesignSession(
            session.model, session.values, session.chosen, session.currency
        )
        self.customer_id = customer_id
        self.database = database
        self.language = language
        self.frozen: FrozenDesign | None = None
        self.order_id: str | None = None
        self.setWindowTitle(self._text("Place order", "下单"))
        self.setObjectName("place_order_dialog")
        self.resize(560, 480)
        self._build()
        self._price()

    def _text(self, english: str, chinese: str) -> str:
        return chinese if self.language == "zh_CN" else english

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        with self.database.session(readonly=True) as session:
            customer = get_customer(session, self.customer_id)
        customer_text = (
            f"{customer.display_name} ({customer.id})"
            if customer
            else self._text("unknown customer ", "未知客户 ") + self.customer_id
        )
        self.customer_label = QLabel(customer_text, self)
        self.customer_label.setObjectName("customer")
        form.addRow(self._text("Customer", "客户"), self.customer_label)
        form.addRow(
            self._text("Product", "产品"),
            QLabel(self.design.model.name(self.language), self),
        )
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self._text("Note for the order", "订单备注"))
        form.addRow(self._text("Note", "备注"), self.note)
        self.delivery_address = QPlainTextEdit(self)
        self.delivery_address.setObjectName("delivery_address")
        address_label = self._text("Delivery address", "收货地址")
        self.delivery_address.setAccessibleName(address_label)
        self.delivery_address.setTabChangesFocus(True)
        self.delivery_address.setFixedHeight(64)
        self.delivery_address.setPlaceholderText(
            self._text("Leave empty for collection in the store", "到店自取请留空")
        )
        form.addRow(address_label, self.delivery_address)
        layout.addLayout(form)

        self.lines = QTableWidget(0, 2, self)
        self.lines.setObjectName("price_lines")
        self.lines.setAccessibleName(self.tr("Price lines"))
        # Tab leaves the table, and the arrow keys move between its cells.
        self.lines.setTabKeyNavigation(False)
        self.lines.setHorizontalHeaderLabels(
            [self._text("Price", "价格"), self._text("Amount", "金额")]
        )
        self.lines.horizontalHeader().setStretchLastSection(True)
        self.lines.setColumnWidth(0, 360)
        self.lines.verticalHeader().setVisible(False)
        self.lines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.lines, 1)
        self.total = QLabel(self._text("Pricing…", "正在计价…"), self)
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.total)

        self.confirm_box = QCheckBox(
            self._text(
                "Confirm now (sets the promised date)", "立即确认（确定交货日期）"
            ),
            self,
        )
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
        self.quote_button = QPushButton(self._text("Save quote…", "保存报价单…"), self)
        self.quote_button.setObjectName("quote_button")
        self.quote_button.setEnabled(False)
        self.quote_button.clicked.connect(self._quote_dialog)
        self.place_button = QPushButton(self._text("Place order", "下单"), self)
        self.place_button.setObjectName("place_button")
        self.place_button.setEnabled(False)
        self.place_button.setDefault(True)
        self.place_button.clicked.connect(self.place)
        close = QPushButton(self._text("Close", "关闭"), self)
        close.clicked.connect(self.reject)
        buttons.addWidget(self.quote_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.place_button)
        layout.addLayout(buttons)

    def _price(self) -> None:
        """Measure and price the design in the background."""
        with self.database.session(readonly=True) as session:
            settings = load_store_settings(session)
        design = self.design

        def work():
            return freeze_design(design, settings)

        run_in_background(work, self._show_price, self._fail, self)

    def _show_price(self, frozen: FrozenDesign) -> None:
        self.frozen = frozen
        price = frozen.price
        self.lines.setRowCount(len(price.lines))
        for row, line in enumerate(price.lines):
            self.lines.setItem(row, 0, QTableWidgetItem(line.label(self.language)))
            amount = QTableWidgetItem(f"{line.amount} {price.currency}")
            amount.setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.lines.setItem(row, 1, amount)
        self.total.setText(
            f"{self._text('Total', '合计')}: {price.total} {price.currency}"
        )
        self.place_button.setEnabled(True)
        self.priced.emit()

    def _fail(self, message: str) -> None:
        self.message.setText(message)
        self.message.setStyleSheet("color: #b00020;")
        self.failed.emit(message)

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
            self._fail(str(error))
            return
        self.order_id = order_id
        text = self._text("Order {id} is {state}.", "订单 {id} 已{state}。").format(
            id=order_id, state=state
        )
        if promised is not None:
            text += " " + self._text(
                "Promised for {date}.", "交货日期 {date}。"
            ).format(date=promised.isoformat())
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text)
        self.place_button.setEnabled(False)
        self.quote_button.setEnabled(True)
        self.order_placed.emit(order_id)

    def _quote_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self._text("Save quote", "保存报价单"),
            f"quote-{self.order_id}.pdf",
            "PDF (*.pdf)",
        )
        if path:
            self.save_quote(Path(path))

    def save_quote(self, path: Path) -> Path | None:
        """Write the placed order's quote PDF to ``path``."""
        try:
            with self.database.session(readonly=True) as session:
                document = quote_document(session, self.order_id, self.language)
            return write_quote_pdf(document, path)
        except OSError as error:
            self._fail(f"{path}: {error.strerror}")
            return None
