"""Read-only tables shared by the staff screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

# The narrowest a fitted column gets, in pixels, so that an empty column
# stays wide enough to click and to drag wider.
MIN_COLUMN_WIDTH = 48


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
    keep_columns_fitted(table)
    return table


class _ColumnFitter(QObject):
    """Fit a table's columns again whenever its viewport changes size."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table = table

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            fit_columns(self.table)
        return False


def keep_columns_fitted(table: QTableWidget) -> None:
    """Fit ``table``'s columns now and each time the table is resized.

    Staff may still drag a column wider or narrower; the next resize or
    :func:`fit_columns` call fits it again. Call :func:`fit_columns` after
    changing the rows or the header texts.
    """
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.viewport().installEventFilter(_ColumnFitter(table))
    fit_columns(table)


def fit_columns(table: QTableWidget) -> None:
    """Size each column to its widest cell or header text and share the rest.

    Every column gets at least :data:`MIN_COLUMN_WIDTH`. The width the
    viewport has beyond that is split evenly among the columns, so no
    single column takes all of it. A table too narrow for its contents
    scrolls sideways.
    """
    header = table.horizontalHeader()
    count = table.columnCount()
    if count == 0:
        return
    widths = [
        max(
            MIN_COLUMN_WIDTH,
            table.sizeHintForColumn(column),
            header.sectionSizeHint(column),
        )
        for column in range(count)
    ]
    spare = table.viewport().width() - sum(widths)
    if spare > 0:
        share, remainder = divmod(spare, count)
        widths = [
            width + share + (1 if column < remainder else 0)
            for column, width in enumerate(widths)
        ]
    for column, width in enumerate(widths):
        header.resizeSection(column, width)


def fill_row(table: QTableWidget, row: int, values: list[str]) -> None:
    """Set the texts of one table row, one per column."""
    for column, value in enumerate(values):
        table.setItem(row, column, QTableWidgetItem(value))


def format_number(value: float) -> str:
    """Format a whole number without decimals and others with two."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
