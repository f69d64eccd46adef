"""The production monitor: every order by state, overdue ones marked.

Staff search and filter orders, read an order's history, move it to a next
state, record payments, change the promised date, open a draft or quoted
order's design in the studio to revise it, save its quote, export its
production package, import factory status files and review the factory
records held in quarantine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain_text import error_text, message_text, value_text
from app.export_job import PackageExportJob
from app.export_progress import ExportProgressDialog
from app.tables import fit_columns, keep_columns_fitted
from designer import factory_status, orders
from designer.access import Permission, actor_name, check_permission, permissions_of
from designer.order_export import load_order_for_export
from designer.quote import quote_document, save_quote_pdf
from storage.db import Database
from storage.order_schema import OrderState, PaymentKind, PaymentMethod
from storage.output_paths import OutputPathError
from storage.staff import ActiveSession

logger = logging.getLogger(__name__)

# A message for the status line: fixed text, or a function that words it in
# the interface language each time the language changes.
TextSource = str | Callable[[], str]

ORDER_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_COLOUR = "#b00020"
ALL_STATES = "all"
OPEN = "open"
ORDER_COLUMNS = 7
QUARANTINE_COLUMNS = 5
QC_RESULTS = (None, "passed", "failed")
UNFINISHED = [
    state
    for state in OrderState
    if state not in (OrderState.DELIVERED, OrderState.CANCELLED, OrderState.REFUNDED)
]


def state_name(state: OrderState | str) -> str:
    """Return the order state's name in the interface language."""
    names = {
        OrderState.DRAFT: QCoreApplication.translate("OrderState", "draft"),
        OrderState.QUOTED: QCoreApplication.translate("OrderState", "quoted"),
        OrderState.CONFIRMED: QCoreApplication.translate("OrderState", "confirmed"),
        OrderState.PAID: QCoreApplication.translate("OrderState", "paid"),
        OrderState.IN_PRODUCTION: QCoreApplication.translate(
            "OrderState", "in production"
        ),
        OrderState.QUALITY_CHECK: QCoreApplication.translate(
            "OrderState", "quality check"
        ),
        OrderState.SHIPPED: QCoreApplication.translate("OrderState", "shipped"),
        OrderState.DELIVERED: QCoreApplication.translate("OrderState", "delivered"),
        OrderState.CANCELLED: QCoreApplication.translate("OrderState", "cancelled"),
        OrderState.REFUNDED: QCoreApplication.translate("OrderState", "refunded"),
    }
    return names[OrderState(state)]


def payment_kind_name(kind: PaymentKind | str) -> str:
    """Return the payment kind's name in the interface language."""
    names = {
        PaymentKind.DEPOSIT: QCoreApplication.translate("PaymentKind", "deposit"),
        PaymentKind.BALANCE: QCoreApplication.translate("PaymentKind", "balance"),
        PaymentKind.REFUND: QCoreApplication.translate("PaymentKind", "refund"),
    }
    return names[PaymentKind(kind)]


def payment_method_name(method: PaymentMethod) -> str:
    """Return the payment method's name in the interface language."""
    names = {
        PaymentMethod.CASH: QCoreApplication.translate("PaymentMethod", "cash"),
        PaymentMethod.CARD: QCoreApplication.translate("PaymentMethod", "card"),
        PaymentMethod.BANK_TRANSFER: QCoreApplication.translate(
            "PaymentMethod", "bank transfer"
        ),
        PaymentMethod.OTHER: QCoreApplication.translate("PaymentMethod", "other"),
    }
    return names[method]


class ProductionMonitor(QMainWindow):
    """Orders by state with search, filters and the actions of the order flow.

    ``today`` fixes the date that overdue orders are measured against, for
    tests; by default it is the current date at each refresh. ``staff`` is
    the signed-in member whose role each change checks and whose name the
    order history records; without one, the operating-system user is recorded.
    ``language`` sets the language of saved quotes and exported packages; it
    follows the interface language once that changes.

    Signals
    -------
    refreshed()
        The order and quarantine tables were reloaded.
    export_finished(object)
        The written paths of an export, or ``None`` when it failed or was
        cancelled.
    revise_requested(str)
        Staff requested a revision of this draft or quoted order's design,
        which the studio window opens.
    """

    refreshed = Signal()
    export_finished = Signal(object)
    revise_requested = Signal(str)

    def __init__(
        self,
        database: Database,
        language: str = "en",
        today: date | None = None,
        parent=None,
        staff: ActiveSession | None = None,
        catalog=None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.staff = staff
        # Product names in the window's language; an order of a product the
        # catalog no longer has keeps the English name it was ordered under.
        self.catalog = catalog
        # Every change in the order history names the signed-in staff member.
        self.actor = actor_name(staff, orders.default_actor())
        self.language = language
        self.fixed_today = today
        self.export_progress: ExportProgressDialog | None = None
        self._export_job: PackageExportJob | None = None
        self._stale = False
        self._message_text: Callable[[], str] = str
        self.setObjectName("production_monitor")
        self.resize(1280, 760)
        tabs = QTabWidget(self)
        tabs.setObjectName("tabs")
        tabs.addTab(self._build_orders_tab(), "")
        tabs.addTab(self._build_quarantine_tab(), "")
        self.tabs = tabs
        self.setCentralWidget(tabs)
        self.retranslate()
        self.refresh()

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()

    # Layout ------------------------------------------------------------------

    def _build_orders_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        filters = QHBoxLayout()
        self.search = QLineEdit(page)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh_orders)
        self.state_filter = QComboBox(page)
        self.state_filter.setObjectName("state_filter")
        self.state_filter.addItem("", ALL_STATES)
        self.state_filter.addItem("", OPEN)
        for state in OrderState:
            self.state_filter.addItem("", state.value)
        self.state_filter.currentIndexChanged.connect(self.refresh_orders)
        self.overdue_only = QCheckBox(page)
        self.overdue_only.setObjectName("overdue_only")
        self.overdue_only.toggled.connect(self.refresh_orders)
        self.import_button = QPushButton(page)
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(self._import_dialog)
        self.refresh_button = QPushButton(page)
        self.refresh_button.setObjectName("refresh_button")
        self.refresh_button.clicked.connect(self.refresh)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.import_button)
        filters.addWidget(self.refresh_button)
        layout.addLayout(filters)

        self.orders_table = _table(page, "orders_table", ORDER_COLUMNS)
        self.orders_table.itemSelectionChanged.connect(self._order_selected)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.addWidget(self.orders_table)
        splitter.addWidget(self._build_details(page))
        splitter.setSizes([760, 500])
        layout.addWidget(splitter, 1)
        self.message = QLabel(page)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        layout.addWidget(self.message)
        return page

    def _build_details(self, parent: QWidget) -> QWidget:
        details = QWidget(parent)
        layout = QVBoxLayout(details)
        self.details_title = QLabel(details)
        self.details_title.setObjectName("details_title")
        self.details_title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        layout.addWidget(self.details_title)
        self.history = QListWidget(details)
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        # The lines wrap again when the list's width changes, instead of
        # keeping the height of their first layout and being cut off.
        self.history.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout.addWidget(self.history, 1)

        layout.addWidget(self._build_move_box(details))
        layout.addWidget(self._build_payment_box(details))
        layout.addWidget(self._build_date_box(details))
        layout.addLayout(self._build_document_buttons())
        self.details = details
        details.setEnabled(False)
        return details

    def _build_document_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.revise_button = QPushButton()
        self.revise_button.setObjectName("revise_button")
        self.revise_button.clicked.connect(self.revise_selected)
        self.requote_button = QPushButton()
        self.requote_button.setObjectName("requote_button")
        self.requote_button.clicked.connect(self.requote_selected)
        self.quote_button = QPushButton()
        self.quote_button.setObjectName("quote_button")
        self.quote_button.clicked.connect(self._quote_dialog)
        self.export_button = QPushButton()
        self.export_button.setObjectName("export_button")
        self.export_button.clicked.connect(self._export_dialog)
        buttons = (
            self.revise_button,
            self.requote_button,
            self.quote_button,
            self.export_button,
        )
        for button in buttons:
            row.addWidget(button)
        return row

    def _build_move_box(self, parent: QWidget) -> QGroupBox:
        self.move_box = box = QGroupBox(parent)
        row = QHBoxLayout(box)
        self.next_state = QComboBox(box)
        self.next_state.setObjectName("next_state")
        self.next_state.setMinimumContentsLength(len("in production"))
        self.qc_result = QComboBox(box)
        self.qc_result.setObjectName("qc_result")
        for result in QC_RESULTS:
            self.qc_result.addItem("", result)
        self.move_note = QLineEdit(box)
        self.move_note.setObjectName("move_note")
        self.move_button = QPushButton(box)
        self.move_button.setObjectName("move_button")
        self.move_button.clicked.connect(self.move_selected)
        for widget in (self.next_state, self.qc_result, self.move_note):
            row.addWidget(widget)
        row.addWidget(self.move_button)
        return box

    def _build_payment_box(self, parent: QWidget) -> QGroupBox:
        self.payment_box = box = QGroupBox(parent)
        row = QHBoxLayout(box)
        self.payment_kind = QComboBox(box)
        self.payment_kind.setObjectName("payment_kind")
        for kind in PaymentKind:
            self.payment_kind.addItem("", kind.value)
        self.payment_amount = QLineEdit(box)
        self.payment_amount.setObjectName("payment_amount")
        self.payment_amount.setPlaceholderText("0.00")
        self.payment_method = QComboBox(box)
        self.payment_method.setObjectName("payment_method")
        for method in PaymentMethod:
            self.payment_method.addItem("", method.value)
        self.payment_button = QPushButton(box)
        self.payment_button.setObjectName("payment_button")
        self.payment_button.clicked.connect(self.record_payment)
        for widget in (self.payment_kind, self.payment_amount, self.payment_method):
            row.addWidget(widget)
        row.addWidget(self.payment_button)
        return box

    def _build_date_box(self, parent: QWidget) -> QGroupBox:
        self.date_box = box = QGroupBox(parent)
        row = QHBoxLayout(box)
        self.promised_date = QDateEdit(box)
        self.promised_date.setObjectName("promised_date")
        self.promised_date.setCalendarPopup(True)
        self.promised_date.setDisplayFormat("yyyy-MM-dd")
        self.date_note = QLineEdit(box)
        self.date_note.setObjectName("date_note")
        self.date_button = QPushButton(box)
        self.date_button.setObjectName("date_button")
        self.date_button.clicked.connect(self.change_promised_date)
        row.addWidget(self.promised_date)
        row.addWidget(self.date_note, 1)
        row.addWidget(self.date_button)
        return box

    def _build_quarantine_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.quarantine_table = _table(page, "quarantine_table", QUARANTINE_COLUMNS)
        layout.addWidget(self.quarantine_table, 1)
        row = QHBoxLayout()
        self.retry_button = QPushButton(page)
        self.retry_button.setObjectName("retry_button")
        self.retry_button.clicked.connect(self.retry_selected)
        self.dismiss_note = QLineEdit(page)
        self.dismiss_note.setObjectName("dismiss_note")
        self.dismiss_button = QPushButton(page)
        self.dismiss_button.setObjectName("dismiss_button")
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        row.addWidget(self.retry_button)
        row.addWidget(self.dismiss_note, 1)
        row.addWidget(self.dismiss_button)
        layout.addLayout(row)
        return page

    # Texts -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.language = i18n.current_language()
            self.retranslate()
            # The tables and the details hold translated state names. A
            # closed monitor reloads them when it shows again, so that it
            # reads no database while unused.
            self._stale = True
            if self.isVisible():
                self.refresh()
            self.message.setText(self._message_text())
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def retranslate(self) -> None:
        """Set every fixed text in the interface language."""
        self.setWindowTitle(self.tr("Production monitor"))
        self.tabs.setTabText(0, self.tr("Orders"))
        self.tabs.setTabText(1, self.tr("Quarantine"))
        self._retranslate_filters()
        self._retranslate_details()
        self._retranslate_quarantine()

    def _retranslate_filters(self) -> None:
        self.search.setPlaceholderText(self.tr("Search order, customer or product"))
        self.search.setAccessibleName(self.tr("Search orders"))
        self.state_filter.setAccessibleName(self.tr("Order state"))
        self.state_filter.setItemText(0, self.tr("All states"))
        self.state_filter.setItemText(1, self.tr("Not finished"))
        for index in range(2, self.state_filter.count()):
            state = self.state_filter.itemData(index)
            self.state_filter.setItemText(index, state_name(state))
        self.overdue_only.setText(self.tr("Overdue only"))
        self.import_button.setText(self.tr("Import status file…"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.orders_table.setHorizontalHeaderLabels(
            [
                self.tr("Order"),
                self.tr("Customer"),
                self.tr("Product"),
                self.tr("State"),
                self.tr("Promised"),
                self.tr("Total"),
                self.tr("Paid"),
            ]
        )
        self.orders_table.setAccessibleName(self.tr("Orders"))
        fit_columns(self.orders_table)

    def _retranslate_details(self) -> None:
        self.history.setAccessibleName(self.tr("Order history"))
        self.move_box.setTitle(self.tr("Move to"))
        self.next_state.setAccessibleName(self.tr("Next state"))
        self.qc_result.setAccessibleName(self.tr("Quality check result"))
        qc_texts = [self.tr("no QC result"), self.tr("QC passed"), self.tr("QC failed")]
        for index, text in enumerate(qc_texts):
            self.qc_result.setItemText(index, text)
        self.move_note.setAccessibleName(self.tr("Note on the state change"))
        self.move_note.setPlaceholderText(self.tr("Note"))
        self.move_button.setText(self.tr("Move"))

        self.payment_box.setTitle(self.tr("Payment"))
        self.payment_kind.setAccessibleName(self.tr("Payment kind"))
        for index, kind in enumerate(PaymentKind):
            self.payment_kind.setItemText(index, payment_kind_name(kind))
        self.payment_amount.setAccessibleName(self.tr("Payment amount"))
        self.payment_method.setAccessibleName(self.tr("Payment method"))
        for index, method in enumerate(PaymentMethod):
            self.payment_method.setItemText(index, payment_method_name(method))
        self.payment_button.setText(self.tr("Record"))

        self.date_box.setTitle(self.tr("Promised date"))
        self.promised_date.setAccessibleName(self.tr("Promised date"))
        self.date_note.setAccessibleName(self.tr("Reason for the new date"))
        self.date_note.setPlaceholderText(self.tr("Why it changes"))
        self.date_button.setText(self.tr("Change"))

        self.revise_button.setText(self.tr("Revise design…"))
        self.revise_button.setToolTip(
            self.tr(
                "Open the design in the studio to change it; possible while the "
                "order is a draft or quoted"
            )
        )
        self.requote_button.setText(self.tr("Re-quote"))
        self.requote_button.setToolTip(
            self.tr("Price the design again at today's prices and renew the quote")
        )
        self.quote_button.setText(self.tr("Save quote…"))
        self.export_button.setText(self.tr("Export package…"))

    def _retranslate_quarantine(self) -> None:
        self.quarantine_table.setHorizontalHeaderLabels(
            [
                self.tr("Received"),
                self.tr("Source"),
                self.tr("Order"),
                self.tr("Status"),
                self.tr("Reason"),
            ]
        )
        self.quarantine_table.setAccessibleName(self.tr("Quarantined records"))
        fit_columns(self.quarantine_table)
        self.retry_button.setText(self.tr("Retry"))
        self.dismiss_note.setAccessibleName(self.tr("Reason for dismissing"))
        self.dismiss_note.setPlaceholderText(self.tr("Why it is dismissed"))
        self.dismiss_button.setText(self.tr("Dismiss"))

    # Loading ---------------------------------------------------------------

    def refresh(self) -> None:
        """Reload both tables, keeping the selected order selected."""
        self._stale = False
        self.refresh_orders()
        self.refresh_quarantine()
        self.refreshed.emit()

    def refresh_orders(self) -> None:
        selected = self.selected_order_id()
        choice = self.state_filter.currentData()
        states = None
        if choice == OPEN:
            states = UNFINISHED
        elif choice != ALL_STATES:
            states = [choice]
        with self.database.session(readonly=True) as session:
            rows = orders.list_orders(
                session,
                states=states,
                search=self.search.text(),
                overdue_only=self.overdue_only.isChecked(),
                today=self.today,
            )
        self.orders_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            self._fill_order_row(index, row)
        fit_columns(self.orders_table)
        self.select_order(selected)

    def _product_name(self, row: orders.OrderSummary) -> str:
        if self.catalog is None:
            return row.product_name
        model = self.catalog.models.get(row.product_id)
        if model is None:
            return row.product_name
        return model.name(i18n.current_language())

    def _fill_order_row(self, index: int, row: orders.OrderSummary) -> None:
        promised = row.promised_date.isoformat() if row.promised_date else ""
        if row.overdue:
            late = (self.today - row.promised_date).days
            promised += self.tr(" (overdue {0} d)").format(late)
        cells = [
            row.id,
            f"{row.customer_name} ({row.customer_id})",
            self._product_name(row),
            state_name(row.state),
            promised,
            f"{i18n.format_money(row.total, row.currency)} {row.currency}",
            f"{i18n.format_money(row.paid, row.currency)} {row.currency}",
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ORDER_ROLE, row.id)
            if row.overdue:
                item.setForeground(QBrush(QColor(OVERDUE_COLOUR)))
                item.setToolTip(self.tr("Past its promised date"))
            self.orders_table.setItem(index, column, item)

    def refresh_quarantine(self) -> None:
        with self.database.session(readonly=True) as session:
            entries = factory_status.list_quarantine(session)
        table = self.quarantine_table
        table.setRowCount(len(entries))
        for index, entry in enumerate(entries):
            reason = message_text(factory_status.quarantine_reason(entry))
            cells = [
                entry.received_at.isoformat(sep=" ", timespec="minutes"),
                entry.source,
                entry.order_id or "",
                _status_text(entry.status),
                reason,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ORDER_ROLE, entry.id)
                item.setToolTip(reason)
                table.setItem(index, column, item)
        fit_columns(table)

    def selected_order_id(self) -> str | None:
        items = self.orders_table.selectedItems()
        return items[0].data(ORDER_ROLE) if items else None

    def select_order(self, order_id: str | None) -> None:
        """Select the row of ``order_id`` if it is listed, else clear the details."""
        for row in range(self.orders_table.rowCount()):
            if self.orders_table.item(row, 0).data(ORDER_ROLE) == order_id:
                self.orders_table.selectRow(row)
                self._order_selected()
                return
        self.orders_table.clearSelection()
        self._order_selected()

    def order_ids(self) -> list[str]:
        """Return the listed order ids, top to bottom."""
        table = self.orders_table
        return [table.item(row, 0).text() for row in range(table.rowCount())]

    def _order_selected(self) -> None:
        order_id = self.selected_order_id()
        self.details.setEnabled(order_id is not None)
        self.history.clear()
        self.next_state.clear()
        if order_id is None:
            self.details_title.clear()
            return

        with self.database.session(readonly=True) as session:
            order = orders.get_order(session, order_id)
            history = orders.order_history(session, order_id)
            summary = orders.payment_summary(session, order_id)
            state, promised = OrderState(order.state), order.promised_date

        self.details_title.setText(
            self.tr("{0}: {1} · outstanding {2} {3}").format(
                order_id,
                state_name(state),
                i18n.format_money(summary.outstanding, summary.currency),
                summary.currency,
            )
        )
        for entry in history:
            event = message_text(entry.message)
            text = self.tr("{time}  {event}  ({actor})").format(
                time=f"{entry.at:%Y-%m-%d %H:%M}", event=event, actor=entry.actor
            )
            note = entry.note
            if entry.note_message is not None:
                note = message_text(entry.note_message)
            if note:
                text += f"\n    {note}"
            item = QListWidgetItem(text)
            # A line that still does not fit, such as a long file name
            # without a break, is cut off, so the tooltip shows it in full.
            item.setToolTip(text)
            self.history.addItem(item)

        for next_state in orders.allowed_next_states(state):
            self.next_state.addItem(state_name(next_state), next_state.value)
        self.move_button.setEnabled(self.next_state.count() > 0)
        self.requote_button.setEnabled(state is OrderState.QUOTED)
        self.revise_button.setEnabled(
            state in orders.REVISABLE_STATES and self._may_change_orders()
        )
        # An order without a promised date offers today to start from, not
        # the editor's default of 2000-01-01 or the previous order's date.
        shown = promised if promised is not None else self.today
        self.promised_date.setDate(QDate(shown.year, shown.month, shown.day))

    # Actions -----------------------------------------------------------------

    def _run(self, action, success: TextSource) -> bool:
        """Run one change in a write transaction and show the outcome."""
        try:
            check_permission(self.staff, Permission.PRODUCTION_MONITOR)
            with self.database.session() as session:
                action(session)
        except (ValueError, PermissionError) as error:
            self.show_error(lambda error=error: error_text(error))
            return False
        self.show_info(success)
        self.refresh()
        return True

    def show_error(self, text: TextSource) -> None:
        """Show a failure in red; a callable text is reworded on a language switch."""
        self.message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self._show_message(text)

    def show_info(self, text: TextSource) -> None:
        """Show an outcome in green; a callable text is reworded like an error."""
        self.message.setStyleSheet("color: #1b5e20;")
        self._show_message(text)

    def _show_message(self, text: TextSource) -> None:
        # A caller's lambda must bind an ``except`` clause's error as a
        # default argument, because Python unbinds that name after the clause.
        self._message_text = text if callable(text) else lambda: text
        self.message.setText(self._message_text())

    def move_selected(self) -> bool:
        """Move the selected order to the state chosen in ``next_state``."""
        order_id, state = self.selected_order_id(), self.next_state.currentData()
        if order_id is None or state is None:
            return False
        note, qc = self.move_note.text().strip(), self.qc_result.currentData()

        def action(session):
            orders.transition(session, order_id, state, self.actor, note, qc_result=qc)

        moved = self._run(action, lambda: f"{order_id} → {state_name(state)}")
        if moved:
            self.move_note.clear()
        return moved

    def requote_selected(self) -> bool:
        """Price the selected quoted order again and renew its quote's validity."""
        order_id = self.selected_order_id()
        if order_id is None:
            return False

        def action(session):
            orders.requote(session, order_id, self.actor)

        return self._run(action, lambda: self.tr("New quote: {0}").format(order_id))

    def revise_selected(self) -> bool:
        """Ask the studio to open the selected order's design for revision."""
        order_id = self.selected_order_id()
        if order_id is None:
            return False
        try:
            check_permission(self.staff, Permission.ORDERS)
        except PermissionError as error:
            self.show_error(lambda error=error: error_text(error))
            return False
        self.revise_requested.emit(order_id)
        return True

    def _may_change_orders(self) -> bool:
        """Return whether the signed-in role may change orders; without staff, yes."""
        staff = self.staff
        return staff is None or Permission.ORDERS in permissions_of(staff.role)

    def record_payment(self) -> bool:
        order_id = self.selected_order_id()
        if order_id is None:
            return False
        kind = self.payment_kind.currentData()
        amount = self.payment_amount.text()
        method = self.payment_method.currentData()

        recorded_amount = []

        def action(session):
            payment = orders.record_payment(
                session, order_id, kind, amount, method, self.actor
            )
            currency = orders.payment_summary(session, order_id).currency
            recorded_amount.append(
                f"{i18n.format_money(payment.amount, currency)} {currency}"
            )

        # The line names the amount as recorded, not as typed (１２０．５ is
        # 120.50 EUR).
        recorded = self._run(
            action,
            lambda: f"{order_id}: {payment_kind_name(kind)} {recorded_amount[-1]}",
        )
        if recorded:
            self.payment_amount.clear()
        return recorded

    def change_promised_date(self) -> bool:
        order_id = self.selected_order_id()
        if order_id is None:
            return False
        new_date = self.promised_date.date().toPython()
        note = self.date_note.text()

        def action(session):
            orders.change_promised_date(session, order_id, new_date, self.actor, note)

        changed = self._run(action, f"{order_id}: {new_date.isoformat()}")
        if changed:
            self.date_note.clear()
        return changed

    def import_status(self, path: Path) -> factory_status.ApplyReport | None:
        """Apply a factory status file or folder and show the counts."""
        try:
            report = factory_status.apply_status_path(self.database, path)
        except factory_status.StatusFileError as error:
            self.show_error(lambda error=error: error_text(error))
            return None
        if report.quarantined or report.rejected_files:
            self.show_error(lambda: self._report_text(report))
        else:
            self.show_info(lambda: self._report_text(report))
        self.refresh()
        return report

    def _report_text(self, report: factory_status.ApplyReport) -> str:
        text = self.tr("{0} applied, {1} ignored, {2} quarantined").format(
            report.applied, report.ignored, report.quarantined
        )
        if report.already_quarantined:
            text += self.tr("; {0} already in quarantine").format(
                report.already_quarantined
            )
        if report.rejected_files:
            text += self.tr("; files rejected: {0}").format(
                "; ".join(message_text(reason) for reason in report.rejected_files)
            )
        return text

    def _import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import factory status"),
            "",
            self.tr("Status files (*.json *.csv)"),
        )
        if path:
            self.import_status(Path(path))

    def _selected_quarantine_id(self) -> int | None:
        items = self.quarantine_table.selectedItems()
        return items[0].data(ORDER_ROLE) if items else None

    def retry_selected(self) -> bool:
        entry_id = self._selected_quarantine_id()
        if entry_id is None:
            return False
        applied = []

        def action(session):
            applied.append(
                factory_status.retry_quarantined(session, entry_id, self.actor)
            )

        if not self._run(action, lambda: self.tr("Applied.")):
            return False
        if not applied[0]:
            self.show_error(lambda: self.tr("Still not applicable."))
        return applied[0]

    def dismiss_selected(self) -> bool:
        entry_id = self._selected_quarantine_id()
        if entry_id is None:
            return False
        note = self.dismiss_note.text()

        def action(session):
            factory_status.dismiss_quarantined(session, entry_id, self.actor, note)

        dismissed = self._run(action, lambda: self.tr("Dismissed."))
        if dismissed:
            self.dismiss_note.clear()
        return dismissed

    def _quote_dialog(self) -> None:
        order_id = self.selected_order_id()
        if order_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save quote"), f"quote-{order_id}.pdf"
        )
        if path:
            self.save_quote(order_id, Path(path))

    def save_quote(self, order_id: str, path: Path) -> Path | None:
        """Write the order's quote PDF to ``path`` and audit it under ``actor``."""
        try:
            with self.database.session(readonly=True) as session:
                document = quote_document(session, order_id, self.language)
            written = save_quote_pdf(self.database, document, path, self.actor)
        except OutputPathError as error:
            self.show_error(partial(error_text, error))
            return None
        except (OSError, ValueError) as error:
            # The reason and the order come first, because a long path would
            # push them out of sight.
            self.show_error(
                lambda error=error: self.tr(
                    "The quote of order {0} was not saved: {1}\nQuote file: {2}"
                ).format(order_id, error_text(error), path)
            )
            return None
        self.show_info(lambda: self.tr("Saved {0}").format(written))
        return written

    def _export_dialog(self) -> None:
        order_id = self.selected_order_id()
        if order_id is None:
            return
        if self.export_progress is not None:
            self.export_progress.raise_()
            self.export_progress.activateWindow()
            return
        # The export process imports its libraries while the user picks the
        # folder, as in the studio window.
        job = PackageExportJob(self)
        job.launch()
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export production package to")
        )
        if folder:
            self.export_order(order_id, Path(folder) / f"{order_id}-package", job)
        else:
            job.discard()
            job.deleteLater()

    def export_order(
        self, order_id: str, out_dir: Path, job: PackageExportJob | None = None
    ) -> PackageExportJob | None:
        """Export the order's frozen design with a progress dialog and Cancel.

        A child process renders the spec sheet's views and writes the
        package (:mod:`app.export_job`), so the monitor stays responsive.
        ``export_finished`` reports the written files, or ``None`` when the
        export failed or was cancelled; a cancelled export leaves no package.
        ``job`` is an unused job whose process was launched already.

        Returns the started job, or ``None`` when it could not start.
        """
        job = job or PackageExportJob(self)
        if self._export_job is not None:
            job.discard()
            job.deleteLater()
            running = self._export_job.out_dir
            self.show_error(
                lambda: self.tr(
                    "An export to {0} is running; wait for it or cancel it."
                ).format(running)
            )
            return None
        try:
            with self.database.session(readonly=True) as session:
                order = load_order_for_export(session, order_id)
            job.start_order(order, out_dir, self.language)
        except (OSError, ValueError) as error:
            job.discard()
            job.deleteLater()
            self.show_error(lambda error=error: error_text(error))
            self.export_finished.emit(None)
            return None

        self._export_job = job
        self.export_progress = ExportProgressDialog(job, self)
        self.export_progress.show()
        job.finished.connect(self._export_ended)
        job.failed.connect(self._export_ended)
        job.cancelled.connect(self._export_ended)
        return job

    def _export_ended(self, result: list[Path] | str | None = None) -> None:
        """Show how the running export ended: its files, a failure or Cancel."""
        job, self._export_job = self._export_job, None
        self.export_progress = None
        job.deleteLater()
        paths = result if isinstance(result, list) else None
        out_dir = job.out_dir
        if paths is not None:
            self.show_info(lambda: self.tr("Exported to {0}").format(out_dir))
        elif result is None:
            self.show_info(lambda: self.tr("Export cancelled; nothing was written."))
        else:
            # The job keeps the failure as data, so a language switch words
            # the whole text again, the reason as well as its prefix.
            failure = result if job.failure is None else job.failure
            self.show_error(
                lambda: self.tr("Export failed: {0}").format(value_text(failure))
            )
        self.export_finished.emit(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # A running export would otherwise leave its staging folder behind.
        if self._export_job is not None:
            self._export_job.cancel()
        super().closeEvent(event)


def _table(parent: QWidget, name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    # Tab leaves the table, and the arrow keys move between its cells.
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    keep_columns_fitted(table)
    return table


def _status_text(status: str | None) -> str:
    """Return a quarantined record's status, by its name when it is a state."""
    if not status:
        return ""
    try:
        return state_name(OrderState(status.strip().lower()))
    except ValueError:
        return status
