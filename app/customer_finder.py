"""Find a customer by name, email or phone, or register one, for sales staff.

The chosen or newly registered customer becomes the window's customer
through ``chosen(customer_id)``. Registering records both consent choices
with their time and the source ``staff``; the audit log names the staff
member.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.domain_text import error_text
from designer.customers import EMAIL_PATTERN, find_customers, register_customer
from storage.staff import SessionExpiredError

logger = logging.getLogger(__name__)

CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 5


class CustomerFinder(QDialog):
    """Search customers, choose one, or register a new one with consents.

    Signals
    -------
    chosen(str)
        The id of the customer to make current.
    session_expired()
        The staff session expired during an action.
    """

    chosen = Signal(str)
    session_expired = Signal()

    def __init__(self, database, staff, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.staff = staff
        self.setObjectName("customer_finder")
        layout = QVBoxLayout(self)

        search_row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("customer_search")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.search_button = QPushButton(self)
        self.search_button.setObjectName("search_button")
        self.search_button.setAutoDefault(False)
        self.search_button.clicked.connect(self.run_search)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_button)
        layout.addLayout(search_row)

        self.results = QTableWidget(0, 5, self)
        self.results.setObjectName("customer_results")
        self.results.setSelectionBehavior(
            QAbstractItemView.SelectionBehavior.SelectRows
        )
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().setVisible(False)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.itemSelectionChanged.connect(self._selection_changed)
        self.results.itemActivated.connect(lambda _item: self.choose_selected())
        layout.addWidget(self.results, 1)

        self.choose_button = QPushButton(self)
        self.choose_button.setObjectName("choose_button")
        self.choose_button.setEnabled(False)
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_selected)
        choose_row = QHBoxLayout()
        choose_row.addStretch(1)
        choose_row.addWidget(self.choose_button)
        layout.addLayout(choose_row)

        layout.addWidget(self._build_register_box())
        self.message = QLabel(self)
        self.message.setObjectName("finder_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.resize(760, 620)
        self.retranslate()
        self.search.setFocus()

    def _build_register_box(self) -> QGroupBox:
        box = QGroupBox(self)
        form = QFormLayout(box)
        self.name = QLineEdit(box)
        self.name.setObjectName("new_name")
        self.email = QLineEdit(box)
        self.email.setObjectName("new_email")
        self.phone = QLineEdit(box)
        self.phone.setObjectName("new_phone")
        self.register_labels = [QLabel(box) for _ in range(3)]
        for label, field in zip(
            self.register_labels, (self.name, self.email, self.phone), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.profiling = QCheckBox(box)
        self.profiling.setObjectName("consent_profiling")
        self.marketing = QCheckBox(box)
        self.marketing.setObjectName("consent_marketing")
        form.addRow(self.profiling)
        form.addRow(self.marketing)
        self.register_button = QPushButton(box)
        self.register_button.setObjectName("register_button")
        self.register_button.setAutoDefault(False)
        self.register_button.clicked.connect(self.register)
        form.addRow(self.register_button)
        self.register_box = box
        return box

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Find or register customer"))
        self.search.setPlaceholderText(self.tr("Name, email or phone"))
        self.search.setAccessibleName(self.tr("Search customers"))
        self.search_button.setText(self.tr("&Search"))
        self.results.setHorizontalHeaderLabels(
            [
                self.tr("ID"),
                self.tr("Name"),
                self.tr("Email"),
                self.tr("Phone"),
                self.tr("Consents"),
            ]
        )
        self.results.setAccessibleName(self.tr("Customers found"))
        self.choose_button.setText(self.tr("&Choose customer"))

        self.register_box.setTitle(self.tr("Register a new customer"))
        texts = (self.tr("&Name:"), self.tr("&Email:"), self.tr("P&hone:"))
        for label, text in zip(self.register_labels, texts, strict=True):
            label.setText(text)
        self.name.setAccessibleName(self.tr("Name of the new customer"))
        self.email.setAccessibleName(self.tr("Email of the new customer"))
        self.phone.setAccessibleName(self.tr("Phone of the new customer"))

        self.profiling.setText(
            self.tr(
                "Consents to &profiling: the studio keeps their history and "
                "suggests products from it"
            )
        )
        self.marketing.setText(
            self.tr("Consents to &marketing: the store may send them offers")
        )
        self.register_button.setText(self.tr("&Register and choose"))
        self.message.setAccessibleName(self.tr("Customer search message"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # Actions --------------------------------------------------------------------

    def run_search(self) -> list[str]:
        """Search for the typed text and list the matches; return their ids."""
        text = self.search.text()
        if not text.strip():
            self._show_error(self.tr("Type part of a name, email or phone number."))
            return []
        try:
            matches = find_customers(self.database, text, staff=self.staff)
        except SessionExpiredError:
            self.session_expired.emit()
            return []
        except PermissionError as error:
            self._show_error(error_text(error))
            return []
        self.results.setRowCount(len(matches))
        yes, no = self.tr("yes"), self.tr("no")
        for row, match in enumerate(matches):
            consents = self.tr("profiling %1, marketing %2")
            consents = consents.replace(
                "%1", yes if match.consent_profiling else no
            ).replace("%2", yes if match.consent_marketing else no)
            values = (
                match.id,
                match.display_name,
                match.email or "",
                match.phone or "",
                consents,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(CUSTOMER_ROLE, match.id)
                self.results.setItem(row, column, item)
        self.results.resizeColumnsToContents()
        self._show_info(
            self.tr("Customers found for “%1”: %2.")
            .replace("%1", text.strip())
            .replace("%2", str(len(matches)))
        )
        return [match.id for match in matches]

    def select_customer(self, customer_id: str) -> None:
        """Select the result row of ``customer_id``."""
        for row in range(self.results.rowCount()):
            if self.results.item(row, 0).data(CUSTOMER_ROLE) == customer_id:
                self.results.selectRow(row)
                return

    def selected_id(self) -> str | None:
        """Return the id of the selected customer, or ``None``."""
        items = self.results.selectedItems()
        return items[0].data(CUSTOMER_ROLE) if items else None

    def choose_selected(self) -> str | None:
        """Make the selected customer the window's customer and close."""
        customer_id = self.selected_id()
        if customer_id is None:
            return None
        self.chosen.emit(customer_id)
        self.accept()
        return customer_id

    def register(self) -> str | None:
        """Register the customer typed in the form, choose them and close.

        Returns the new customer's id, or ``None`` after showing what to fix;
        the typed values stay in the form.
        """
        name, email = self.name.text().strip(), self.email.text().strip()
        if not name:
            self.name.setFocus()
            return self._show_error(
                self.tr("Enter the customer's name; email and phone are optional.")
            )
        if email and not EMAIL_PATTERN.fullmatch(email):
            self.email.setFocus()
            return self._show_error(
                self.tr(
                    "Invalid email address “%1”: expected name@domain.tld; "
                    "correct it or leave it empty."
                ).replace("%1", email)
            )
        try:
            customer = register_customer(
                self.database,
                name,
                email=email,
                phone=self.phone.text(),
                consent_profiling=self.profiling.isChecked(),
                consent_marketing=self.marketing.isChecked(),
                staff=self.staff,
            )
        except SessionExpiredError:
            self.session_expired.emit()
            return None
        except (ValueError, PermissionError) as error:
            return self._show_error(error_text(error))
        logger.info("registered customer %s from the studio", customer.id)
        self.chosen.emit(customer.id)
        self.accept()
        return customer.id

    def _selection_changed(self) -> None:
        self.choose_button.setEnabled(self.selected_id() is not None)

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)
        return None

    def _show_info(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
