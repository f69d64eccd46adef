"""Read-only tables shared by the staff screens."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)


def read_only_table(parent, name: str, headers: list[str]) -> QTableWidget:
    """Create a table that staff can select rows of but not edit."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    # Tab leaves the table, and the arrow keys move between its cells.
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def fill_row(table: QTableWidget, row: int, values: list[str]) -> None:
    """Set the texts of one table row, one per column."""
    for column, value in enumerate(values):
        table.setItem(row, column, QTableWidgetItem(value))


def format_number(value: float) -> str:
    """Format a whole number without decimals and others with two."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
