"""A plain-text editor with line numbers and highlighted problem lines."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

# Background of a line with an error, and of a line with a warning only.
LINE_COLOURS = {"error": "#f9d6d5", "warning": "#fcefc7"}
# Text of an error and of a warning, as the studio's rule messages show them.
TEXT_COLOURS = {"error": "#b00020", "warning": "#8a6d00"}
GUTTER_COLOUR = "#eeeeee"
GUTTER_TEXT_COLOUR = "#777777"


class SourceEditor(QPlainTextEdit):
    """Edits source text, numbering its lines and marking lines with problems.

    :meth:`mark_lines` sets the lines to highlight; :meth:`go_to_line` moves
    the cursor. :meth:`replace_text` changes only the part that differs, so
    the cursor, the scroll position and the undo history stay useful.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabChangesFocus(True)
        self.marked: dict[int, str] = {}
        self._gutter = _LineNumbers(self)
        self.blockCountChanged.connect(self._fit_gutter)
        self.updateRequest.connect(self._scroll_gutter)
        self._fit_gutter()

    def mark_lines(self, severities: Mapping[int, str]) -> None:
        """Highlight each 1-based line with its severity's colour."""
        self.marked = dict(severities)
        selections = []
        for line, severity in sorted(self.marked.items()):
            block = self.document().findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor(LINE_COLOURS[severity]))
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selections.append(selection)
        self.setExtraSelections(selections)

    def line_colour(self, line: int) -> QColor | None:
        """Return the highlight of a 1-based line, or ``None``."""
        block = self.document().findBlockByNumber(line - 1)
        for selection in self.extraSelections():
            if selection.cursor.block() == block:
                return selection.format.background().color()
        return None

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of a 1-based line and show it."""
        block = self.document().findBlockByNumber(max(line - 1, 0))
        self.setTextCursor(QTextCursor(block))
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_line(self) -> int:
        return self.textCursor().blockNumber() + 1

    def replace_text(self, text: str) -> None:
        """Replace the document's text by editing only the changed middle."""
        old = self.toPlainText()
        if old == text:
            return
        prefix = 0
        limit = min(len(old), len(text))
        while prefix < limit and old[prefix] == text[prefix]:
            prefix += 1
        suffix = 0
        while (
            suffix < limit - prefix
            and old[len(old) - 1 - suffix] == text[len(text) - 1 - suffix]
        ):
            suffix += 1
        cursor = QTextCursor(self.document())
        cursor.setPosition(prefix)
        cursor.setPosition(len(old) - suffix, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text[prefix : len(text) - suffix])

    # Line numbers -----------------------------------------------------------------

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 8 + self.fontMetrics().horizontalAdvance("9") * max(digits, 3)

    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(
            QRect(area.left(), area.top(), self.gutter_width(), area.height())
        )

    def paint_gutter(self, event) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor(GUTTER_COLOUR))
        block = self.firstVisibleBlock()
        top = round(
            self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        )
        height = self.fontMetrics().height()
        width = self._gutter.width() - 4
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible():
                line = block.blockNumber() + 1
                colour = GUTTER_TEXT_COLOUR
                if line in self.marked:
                    colour = TEXT_COLOURS[self.marked[line]]
                painter.setPen(QColor(colour))
                painter.drawText(
                    0, top, width, height, Qt.AlignmentFlag.AlignRight, str(line)
                )
            top += round(self.blockBoundingRect(block).height())
            block = block.next()
        painter.end()


class _LineNumbers(QWidget):
    def __init__(self, editor: SourceEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.editor.paint_gutter(event)
