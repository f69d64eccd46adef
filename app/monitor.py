"""The production monitor: every order by state, overdue ones marked.

Staff search and filter orders, read an order's history, move it to a next
state, record payments, change the promised date, save its quote, export
its production package, import factory status files and review the factory
records held in quarantine.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
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
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.workers import run_in_background
from designer import factory_status, orders
from designer.access import Permission, actor_name, check_permission
from designer.order_export import export_order_package, load_order_for_export
from designer.production import build_parts
from designer.quote import quote_document, write_quote_pdf
from storage.db import Database
from storage.order_schema import OrderState, PaymentKind, PaymentMethod
from storage.staff import ActiveSession

logger = logging.getLogger(__name__)

ORDER_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_COLOUR = "#b00020"
ALL_STATES = "all"
OPEN = "open"
UNFINISHED = [
    state
    for state in OrderState
    if state not in (OrderState.DELIVERED, OrderState.CANCELLED, OrderState.REFUNDED)
]
COLUMNS = ("Order", "Customer", "Product", "State", "Promised", "Total", "Paid")


# English and Chinese names of the payment kinds and methods.
PAYMENT_KIND_TEXT = {
    PaymentKind.DEPOSIT: ("deposit", "定金"),
    PaymentKind.BALANCE: ("balance", "尾款"),
    PaymentKind.REFUND: ("refund", "退款"),
}
PAYMENT_METHOD_TEXT = {
    PaymentMethod.CASH: ("cash", "现金"),
    PaymentMethod.CARD: ("card", "银行卡"),
    PaymentMethod.BANK_TRANSFER: ("bank transfer", "银行转账"),
    PaymentMethod.OTHER: ("other", "其他"),
}


class ProductionMonitor(QMainWindow):
    """Orders by state with search, filters and the actions of the order flow.

    ``today`` fixes the date that overdue orders are measured against, for
    tests; by default it is the current date at each refresh. ``staff`` is
    the signed-in member whose role each change checks and whose name the
    order history records; without one, the operating-system user is recorded.

    Signals
    -------
    refreshed()
        The order and quarantine tables were reloaded.
    export_finished(object)
        The written paths of an export, or ``None`` when it failed.
    """

    refreshed = Signal()
    export_finished = Signal(object)

    def __init__(
        self,
        database: Database,
        language: str = "en",
        today: date | None = None,
        parent=None,
        staff: ActiveSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.staff = staff
        # Every change in the order history names the signed-in staff member.
        self.actor = actor_name(staff, orders.default_actor())
        self.language = language
        self.fixed_today = today
        self.setObjectName("production_monitor")
        self.setWindowTitle(self._text("Production monitor", "生产监控"))
        self.resize(1280, 760)
        tabs = QTabWidget(self)
        tabs.setObjectName("tabs")
        tabs.addTab(self._build_orders_tab(), self._text("Orders", "订单"))
        tabs.addTab(self._build_quarantine_tab(), self._text("Quarantine", "待审核"))
        self.tabs = tabs
        self.setCentralWidget(tabs)
        self.refresh()

    def _text(self, english: str, chinese: str) -> str:
        return chinese if self.language == "zh_CN" else english

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
        self.search.setPlaceholderText(
            self._text("Search order, customer or product", "搜索订单、客户或产品")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search orders"))
        self.search.textChanged.connect(self.refresh_orders)
        self.state_filter = QComboBox(page)
        self.state_filter.setObjectName("state_filter")
        self.state_filter.setAccessibleName(self.tr("Order state"))
        self.state_filter.addItem(self._text("All states", "全部状态"), ALL_STATES)
        self.state_filter.addItem(self._text("Not finished", "未完成"), OPEN)
        for state in OrderState:
            self.state_filter.addItem(state.value.replace("_", " "), state.value)
        self.state_filter.currentIndexChanged.connect(self.refresh_orders)
        self.overdue_only = QCheckBox(self._text("Overdue only", "仅逾期"), page)
        self.overdue_only.setObjectName("overdue_only")
        self.overdue_only.toggled.connect(self.refresh_orders)
        self.import_button = QPushButton(
            self._text("Import status file…", "导入工厂状态…"), page
        )
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(self._import_dialog)
        refresh = QPushButton(self._text("Refresh", "刷新"), page)
        refresh.clicked.connect(self.refresh)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.import_button)
        filters.addWidget(refresh)
        layout.addLayout(filters)

        self.orders_table = _table(
            page, "orders_table", [self._column(name) for name in COLUMNS]
        )
        self.orders_table.setAccessibleName(self.tr("Orders"))
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

    def _column(self, name: str) -> str:
        chinese = {
            "Order": "订单",
            "Customer": "客户",
            "Product": "产品",
            "State": "状态",
            "Promised": "交货日期",
            "Total": "合计",
            "Paid": "已付",
        }
        return self._text(name, chinese[name])

    def _build_details(self, parent: QWidget) -> QWidget:
        details = QWidget(parent)
        layout = QVBoxLayout(details)
        self.details_title = QLabel(details)
        self.details_title.setObjectName("details_title")
        self.details_title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        layout.addWidget(self.details_title)
        self.history = QListWidget(details)
        self.history.setObjectName("history")
        self.history.setAccessibleName(self.tr("Order history"))
        self.history.setWordWrap(True)
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
        # TODO: revise a draft or quoted order's design from the window.
        self.requote_button = QPushButton(self._text("Re-quote", "重新报价"))
        self.requote_button.setObjectName("requote_button")
        self.requote_button.setToolTip(
            self._text(
                "Price the design again at today's prices and renew the quote",
                "按今日价格重新计价并更新报价有效期",
            )
        )
        self.requote_button.clicked.connect(self.requote_selected)

        self.quote_button = QPushButton(self._text("Save quote…", "保存报价单…"))
        self.quote_button.setObjectName("quote_button")
        self.quote_button.clicked.connect(self._quote_dialog)
        self.export_button = QPushButton(self._text("Export package…", "导出生产包…"))
        self.export_button.setObjectName("export_button")
        self.export_button.clicked.connect(self._export_dialog)
        for button in (self.requote_button, self.quote_button, self.export_button):
            row.addWidget(button)
        return row

    def _build_move_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self._text("Move to", "转到"), parent)
        row = QHBoxLayout(box)
        self.next_state = QComboBox(box)
        self.next_state.setObjectName("next_state")
        self.next_state.setAccessibleName(self.tr("Next state"))
        self.next_state.setMinimumContentsLength(len("in production"))
        self.qc_result = QComboBox(box)
        self.qc_result.setObjectName("qc_result")
        self.qc_result.setAccessibleName(self.tr("Quality check result"))
        self.qc_result.addItem(self._text("no QC result", "无质检结果"), None)
        self.qc_result.addItem(self._text("QC passed", "质检合格"), "passed")
        self.qc_result.addItem(self._text("QC failed", "质检不合格"), "failed")
        self.move_note = QLineEdit(box)
        self.move_note.setObjectName("move_note")
        self.move_note.setAccessibleName(self.tr("Note on the state change"))
        self.move_note.setPlaceholderText(self._text("Note", "备注"))
        self.move_button = QPushButton(self._text("Move", "转移"), box)
        self.move_button.setObjectName("move_button")
        self.move_button.clicked.connect(self.move_selected)
        for widget in (self.next_state, self.qc_result, self.move_note):
            row.addWidget(widget)
        row.addWidget(self.move_button)
        return box

    def _build_payment_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self._text("Payment", "付款"), parent)
        row = QHBoxLayout(box)
        self.payment_kind = QComboBox(box)
        self.payment_kind.setObjectName("payment_kind")
        self.payment_kind.setAccessibleName(self.tr("Payment kind"))
        for kind in PaymentKind:
            self.payment_kind.addItem(self._text(*PAYMENT_KIND_TEXT[kind]), kind.value)
        self.payment_amount = QLineEdit(box)
        self.payment_amount.setObjectName("payment_amount")
        self.payment_amount.setAccessibleName(self.tr("Payment amount"))
        self.payment_amount.setPlaceholderText("0.00")
        self.payment_method = QComboBox(box)
        self.payment_method.setObjectName("payment_method")
        self.payment_method.setAccessibleName(self.tr("Payment method"))
        for method in PaymentMethod:
            text = self._text(*PAYMENT_METHOD_TEXT[method])
            self.payment_method.addItem(text, method.value)
        self.payment_button = QPushButton(self._text("Record", "记录"), box)
        self.payment_button.setObjectName("payment_button")
        self.payment_button.clicked.connect(self.record_payment)
        for widget in (self.payment_kind, self.payment_amount, self.payment_method):
            row.addWidget(widget)
        row.addWidget(self.payment_button)
        return box

    def _build_date_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self._text("Promised date", "交货日期"), parent)
        row = QHBoxLayout(box)
        self.promised_date = QDateEdit(box)
        self.promised_date.setObjectName("promised_date")
        self.promised_date.setAccessibleName(self.tr("Promised date"))
        self.promised_date.setCalendarPopup(True)
        self.promised_date.setDisplayFormat("yyyy-MM-dd")
        self.date_note = QLineEdit(box)
        self.date_note.setObjectName("date_note")
        self.date_note.setAccessibleName(self.tr("Reason for the new date"))
        self.date_note.setPlaceholderText(self._text("Why it changes", "变更原因"))
        self.date_button = QPushButton(self._text("Change", "修改"), box)
        self.date_button.setObjectName("date_button")
        self.date_button.clicked.connect(self.change_promised_date)
        row.addWidget(self.promised_date)
        row.addWidget(self.date_note, 1)
        row.addWidget(self.date_button)
        return box

    def _build_quarantine_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        headers = [
            self._text("Received", "接收时间"),
            self._text("Source", "来源"),
            self._text("Order", "订单"),
            self._text("Status", "状态"),
            self._text("Reason", "原因"),
        ]
        self.quarantine_table = _table(page, "quarantine_table", headers)
        self.quarantine_table.setAccessibleName(self.tr("Quarantined records"))
        layout.addWidget(self.quarantine_table, 1)
        row = QHBoxLayout()
        self.retry_button = QPushButton(self._text("Retry", "重试"), page)
        self.retry_button.setObjectName("retry_button")
        self.retry_button.clicked.connect(self.retry_selected)
        self.dismiss_note = QLineEdit(page)
        self.dismiss_note.setObjectName("dismiss_note")
        self.dismiss_note.setAccessibleName(self.tr("Reason for dismissing"))
        self.dismiss_note.setPlaceholderText(
            self._text("Why it is dismissed", "忽略原因")
        )
        self.dismiss_button = QPushButton(self._text("Dismiss", "忽略"), page)
        self.dismiss_button.setObjectName("dismiss_button")
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        row.addWidget(self.retry_button)
        row.addWidget(self.dismiss_note, 1)
        row.addWidget(self.dismiss_button)
        layout.addLayout(row)
        return page

    # Loading ---------------------------------------------------------------

    def refresh(self) -> None:
        """Reload both tables, keeping the selected order selected."""
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
        self.orders_table.resizeColumnsToContents()
        self.select_order(selected)

    def _fill_order_row(self, index: int, row: orders.OrderSummary) -> None:
        promised = row.promised_date.isoformat() if row.promised_date else ""
        if row.overdue:
            late = (self.today - row.promised_date).days
            promised += self._text(f" (overdue {late} d)", f"（逾期 {late} 天）")
        cells = [
            row.id,
            f"{row.customer_name} ({row.customer_id})",
            row.product_name,
            row.state.value.replace("_", " "),
            promised,
            f"{row.total} {row.currency}",
            f"{row.paid} {row.currency}",
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ORDER_ROLE, row.id)
            if row.overdue:
                item.setForeground(QBrush(QColor(OVERDUE_COLOUR)))
                item.setToolTip(self._text("Past its promised date", "已超过交货日期"))
            self.orders_table.setItem(index, column, item)

    def refresh_quarantine(self) -> None:
        with self.database.session(readonly=True) as session:
            entries = factory_status.list_quarantine(session)
        table = self.quarantine_table
        table.setRowCount(len(entries))
        for index, entry in enumerate(entries):
            cells = [
                entry.received_at.isoformat(sep=" ", timespec="minutes"),
                entry.source,
                entry.order_id or "",
                entry.status or "",
                entry.reason,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ORDER_ROLE, entry.id)
                item.setToolTip(entry.reason)
                table.setItem(index, column, item)

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

        outstanding = self._text("outstanding", "未付")
        self.details_title.setText(
            f"{order_id}: {state.value.replace('_', ' ')} · "
            f"{outstanding} {summary.outstanding} {summary.currency}"
        )
        for entry in history:
            text = f"{entry.at:%Y-%m-%d %H:%M}  {entry.text}  ({entry.actor})"
            if entry.note:
                text += f"\n    {entry.note}"
            self.history.addItem(text)

        for next_state in orders.allowed_next_states(state):
            self.next_state.addItem(
                next_state.value.replace("_", " "), next_state.value
            )
        self.move_button.setEnabled(self.next_state.count() > 0)
        self.requote_button.setEnabled(state is OrderState.QUOTED)
        if promised is not None:
            self.promised_date.setDate(
                QDate(promised.year, promised.month, promised.day)
            )

    # Actions -----------------------------------------------------------------

    def _run(self, action, success: str) -> bool:
        """Run one change in a write transaction and show the outcome."""
        try:
            check_permission(self.staff, Permission.PRODUCTION_MONITOR)
            with self.database.session() as session:
                action(session)
        except (ValueError, PermissionError) as error:
            self.show_error(str(error))
            return False
        self.show_info(success)
        self.refresh()
        return True

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.message.setText(text)

    def show_info(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text)

    def move_selected(self) -> bool:
        """Move the selected order to the state chosen in ``next_state``."""
        order_id, state = self.selected_order_id(), self.next_state.currentData()
        if order_id is None or state is None:
            return False
        note, qc = self.move_note.text().strip(), self.qc_result.currentData()

        def action(session):
            orders.transition(session, order_id, state, self.actor, note, qc_result=qc)

        moved = self._run(action, f"{order_id} → {state}")
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

        return self._run(action, self._text("New quote: ", "新报价：") + order_id)

    def record_payment(self) -> bool:
        order_id = self.selected_order_id()
        if order_id is None:
            return False
        kind = self.payment_kind.currentData()
        amount = self.payment_amount.text()
        method = self.payment_method.currentData()

        def action(session):
            orders.record_payment(session, order_id, kind, amount, method, self.actor)

        recorded = self._run(action, f"{order_id}: {kind} {amount.strip()}")
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
            self.show_error(str(error))
            return None
        text = self._text(
            "{a} applied, {i} ignored, {q} quarantined",
            "已应用 {a} 条，忽略 {i} 条，待审核 {q} 条",
        ).format(a=report.applied, i=report.ignored, q=report.quarantined)
        if report.rejected_files:
            text += self._text("; files rejected: ", "；被拒绝的文件：") + "; ".join(
                report.rejected_files
            )
        if report.quarantined or report.rejected_files:
            self.show_error(text)
        else:
            self.show_info(text)
        self.refresh()
        return report

    def _import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self._text("Import factory status", "导入工厂状态"),
            "",
            "Status files (*.json *.csv)",
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

        if not self._run(action, self._text("Applied.", "已应用。")):
            return False
        if not applied[0]:
            self.show_error(self._text("Still not applicable.", "仍无法应用。"))
        return applied[0]

    def dismiss_selected(self) -> bool:
        entry_id = self._selected_quarantine_id()
        if entry_id is None:
            return False
        note = self.dismiss_note.text()

        def action(session):
            factory_status.dismiss_quarantined(session, entry_id, self.actor, note)

        dismissed = self._run(action, self._text("Dismissed.", "已忽略。"))
        if dismissed:
            self.dismiss_note.clear()
        return dismissed

    def _quote_dialog(self) -> None:
        order_id = self.selected_order_id()
        if order_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self._text("Save quote", "保存报价单"), f"quote-{order_id}.pdf"
        )
        if path:
            self.save_quote(order_id, Path(path))

    def save_quote(self, order_id: str, path: Path) -> Path | None:
        try:
            with self.database.session(readonly=True) as session:
                document = quote_document(session, order_id, self.language)
            written = write_quote_pdf(document, path)
        except (OSError, ValueError) as error:
            self.show_error(f"{path}: {error}")
            return None
        self.show_info(self._text("Saved ", "已保存 ") + str(written))
        return written

    def _export_dialog(self) -> None:
        order_id = self.selected_order_id()
        if order_id is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self._text("Export production package to", "导出生产包到")
        )
        if folder:
            self.export_order(order_id, Path(folder) / f"{order_id}-package")

    def export_order(self, order_id: str, out_dir: Path) -> None:
        """Export the order's package in the background; ``export_finished`` reports.

        The sheet's front, side and three-quarter views are rendered
        offscreen on the GUI thread first, because VTK render windows belong
        to the thread that made them.
        """
        from app.export_process import render_sheet_views

        with self.database.session(readonly=True) as session:
            order = load_order_for_export(session, order_id)
        parts = build_parts(order.frozen.session())
        images = render_sheet_views(parts)
        language = self.language
        self.export_button.setEnabled(False)

        def work():
            return export_order_package(
                order, out_dir, None, language, parts, images=images
            )

        def done(paths):
            self.export_button.setEnabled(True)
            self.show_info(self._text("Exported to ", "已导出到 ") + str(out_dir))
            self.export_finished.emit(paths)

        def failed(message):
            self.export_button.setEnabled(True)
            self.show_error(message)
            self.export_finished.emit(None)

        run_in_background(work, done, failed, self)


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    # Tab leaves the table, and the arrow keys move between its cells.
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table
