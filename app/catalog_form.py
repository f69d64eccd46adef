"""The form side of the catalog editor: names, parameters and rules.

The form shows a parsed catalog file and reports each edit as a key path
and a value (``value_edited``); the editor writes it into the source. It
also asks the editor to add or remove a whole ``[[parameters]]`` or
``[[rules]]`` entry. Fields that do not apply to a parameter's type are
greyed out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rules.model import KINDS, SEVERITIES

# Columns of the parameter table and the key each one edits.
COLUMN_KEYS = ("name", "type", "default", "unit", "minimum", "maximum", "step", "")
VALUES_COLUMN = 7
NUMBER_KEYS = ("minimum", "maximum", "step")
GREYED_COLOUR = "#777777"


class CatalogForm(QScrollArea):
    """Edits a catalog file's names, parameters and rules.

    Parameters
    ----------
    parse
        Returns the catalog file as the source contains it now, or ``None``
        when the source is not valid TOML.

    Signals
    -------
    value_edited(key, value, refill)
        The user changed the value at the key path ``key`` (a tuple such as
        ``("rules", 2, "expression")``); ``None`` removes the key.
        ``refill`` asks for the form to be filled again from the new source,
        because the change decides which fields apply.
    table_appended(array, fields)
        Add an entry with ``fields`` to ``[[array]]``.
    table_removed(array, index)
        Remove entry ``index`` of ``[[array]]``.
    message(text)
        Text for the editor's status line.
    """

    value_edited = Signal(tuple, object, bool)
    table_appended = Signal(str, dict)
    table_removed = Signal(str, int)
    message = Signal(str)

    def __init__(
        self, parse: Callable[[], dict | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("catalog_form")
        self._parse = parse
        self._rules: list[dict] = []
        self._filling = False
        self._build()
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _build(self) -> None:
        form = QWidget(self)
        layout = QVBoxLayout(form)

        self.names_box = QGroupBox(form)
        names = QFormLayout(self.names_box)
        self.name_en = self._line_edit("name_en", ("name", "en"))
        self.name_zh = self._line_edit("name_zh_CN", ("name", "zh_CN"))
        self.name_en_label = QLabel(self.names_box)
        self.name_zh_label = QLabel(self.names_box)
        self.name_en_label.setBuddy(self.name_en)
        self.name_zh_label.setBuddy(self.name_zh)
        names.addRow(self.name_en_label, self.name_en)
        names.addRow(self.name_zh_label, self.name_zh)
        layout.addWidget(self.names_box)

        self.parameters_box = QGroupBox(form)
        parameters = QVBoxLayout(self.parameters_box)
        self.parameter_table = QTableWidget(0, len(COLUMN_KEYS), self.parameters_box)
        self.parameter_table.setObjectName("parameter_table")
        self._kind_delegate = _KindDelegate(self)
        self.parameter_table.setItemDelegateForColumn(1, self._kind_delegate)
        self.parameter_table.setSelectionBehavior(
            QAbstractItemView.SelectionBehavior.SelectItems
        )
        self.parameter_table.setMinimumHeight(260)
        self.parameter_table.setTabKeyNavigation(False)
        header = self.parameter_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.parameter_table.itemChanged.connect(self._parameter_edited)
        parameters.addWidget(self.parameter_table)
        row = QHBoxLayout()
        self.add_parameter_button = self._button("add_parameter", self.add_parameter)
        self.remove_parameter_button = self._button(
            "remove_parameter", self.remove_parameter
        )
        row.addWidget(self.add_parameter_button)
        row.addWidget(self.remove_parameter_button)
        row.addStretch(1)
        parameters.addLayout(row)
        layout.addWidget(self.parameters_box)

        layout.addWidget(self._build_rules(form))
        layout.addStretch(1)
        self.setWidgetResizable(True)
        self.setWidget(form)
        self.setMinimumWidth(560)

    def _build_rules(self, parent: QWidget) -> QGroupBox:
        self.rules_box = QGroupBox(parent)
        layout = QVBoxLayout(self.rules_box)
        self.rule_list = QListWidget(self.rules_box)
        self.rule_list.setObjectName("rule_list")
        self.rule_list.setMaximumHeight(150)
        self.rule_list.currentRowChanged.connect(self._show_rule)
        layout.addWidget(self.rule_list)

        fields = QFormLayout()
        self.rule_id = self._line_edit("rule_id", ("id",), rule=True)
        self.rule_severity = QComboBox(self.rules_box)
        self.rule_severity.setObjectName("rule_severity")
        for severity in SEVERITIES:
            self.rule_severity.addItem(severity, severity)
        self.rule_severity.activated.connect(self._severity_chosen)
        self.rule_expression = self._line_edit(
            "rule_expression", ("expression",), rule=True
        )
        self.rule_message_en = self._line_edit(
            "rule_message_en", ("message", "en"), rule=True
        )
        self.rule_message_zh = self._line_edit(
            "rule_message_zh_CN", ("message", "zh_CN"), rule=True
        )
        self.rule_labels = []
        for widget in (
            self.rule_id,
            self.rule_severity,
            self.rule_expression,
            self.rule_message_en,
            self.rule_message_zh,
        ):
            label = QLabel(self.rules_box)
            label.setBuddy(widget)
            self.rule_labels.append(label)
            fields.addRow(label, widget)
        layout.addLayout(fields)
        row = QHBoxLayout()
        self.add_rule_button = self._button("add_rule", self.add_rule)
        self.remove_rule_button = self._button("remove_rule", self.remove_rule)
        row.addWidget(self.add_rule_button)
        row.addWidget(self.remove_rule_button)
        row.addStretch(1)
        layout.addLayout(row)
        return self.rules_box

    def _button(self, name: str, slot) -> QPushButton:
        return make_button(self, name, slot)

    def _line_edit(self, name: str, key: tuple, rule: bool = False) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        if rule:
            edit.textEdited.connect(lambda text: self._rule_edited(key, text))
        else:
            edit.textEdited.connect(
                lambda text: self.value_edited.emit(key, text, False)
            )
        return edit

    def _parameter_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, column = item.row(), item.column()
        data = self._parse()
        entries = _entries(data, "parameters") if data is not None else []
        if row >= len(entries):
            return
        entry = entries[row]
        kind = entry.get("type")
        text = item.text().strip()
        if column == VALUES_COLUMN:
            choices = _choices_from_text(text, entry.get("choices", []))
            self.value_edited.emit(("parameters", row, "choices"), choices, False)
            return
        key = COLUMN_KEYS[column]
        if column == 2:
            value = _typed(text, kind)
        elif key in NUMBER_KEYS:
            value = _number(text) if text else None
        else:
            value = text or None
        self.value_edited.emit(("parameters", row, key), value, key == "type")

    def _rule_edited(self, key: tuple, text: str) -> None:
        row = self.rule_list.currentRow()
        if row < 0:
            return
        self.value_edited.emit(("rules", row, *key), text, False)
        if key == ("id",):
            title = self._rule_title(text, self.rule_severity.currentData())
            self.rule_list.item(row).setText(title)

    def _severity_chosen(self, index: int) -> None:
        row = self.rule_list.currentRow()
        if row < 0:
            return
        severity = self.rule_severity.itemData(index)
        self.value_edited.emit(("rules", row, "severity"), severity, False)
        title = self._rule_title(self.rule_id.text(), severity)
        self.rule_list.item(row).setText(title)

    def add_parameter(self) -> None:
        """Add an integer parameter after the last one."""
        data = self._parse()
        if data is None:
            self._ask_for_valid_toml()
            return
        names = {entry.get("name") for entry in _entries(data, "parameters")}
        number = _unused_number("parameter_{}", names)
        fields = {
            "name": f"parameter_{number}",
            "type": "integer",
            "minimum": 0,
            "maximum": 10,
            "step": 1,
            "default": 0,
            "label": {"en": f"Parameter {number}", "zh_CN": f"参数 {number}"},
        }
        self.table_appended.emit("parameters", fields)
        self.parameter_table.setCurrentCell(self.parameter_table.rowCount() - 1, 0)

    def remove_parameter(self) -> None:
        row = self.parameter_table.currentRow()
        if row < 0:
            return
        self.table_removed.emit("parameters", row)

    def add_rule(self) -> None:
        """Add an error rule that is always satisfied, for the designer to edit."""
        data = self._parse()
        if data is None:
            self._ask_for_valid_toml()
            return
        ids = {entry.get("id") for entry in _entries(data, "rules")}
        number = _unused_number("rule-{}", ids)
        fields = {
            "id": f"rule-{number}",
            "severity": "error",
            "expression": "true",
            "message": {"en": "Describe the rule.", "zh_CN": "请描述规则。"},
        }
        self.table_appended.emit("rules", fields)
        self.rule_list.setCurrentRow(self.rule_list.count() - 1)

    def remove_rule(self) -> None:
        row = self.rule_list.currentRow()
        if row < 0:
            return
        self.table_removed.emit("rules", row)

    def _ask_for_valid_toml(self) -> None:
        self.message.emit(
            self.tr("The form needs valid TOML: fix the lines listed in the source.")
        )

    # Source to form -----------------------------------------------------------------
    def fill(self, data: dict) -> None:
        """Show the values of a parsed catalog file without emitting edits."""
        self._filling = True
        try:
            names = data.get("name") if isinstance(data.get("name"), dict) else {}
            self.name_en.setText(str(names.get("en", "")))
            self.name_zh.setText(str(names.get("zh_CN", "")))
            self._fill_parameters(_entries(data, "parameters"))
            self._fill_rules(_entries(data, "rules"))
        finally:
            self._filling = False

    def _fill_parameters(self, entries: list[dict]) -> None:
        table = self.parameter_table
        current = (table.currentRow(), table.currentColumn())
        table.blockSignals(True)
        table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            kind = entry.get("type")
            for column, key in enumerate(COLUMN_KEYS):
                item = QTableWidgetItem()
                editable = True
                if column == VALUES_COLUMN:
                    text, editable = self._values_text(entry)
                    item.setText(text)
                    item.setToolTip(text)
                else:
                    item.setText(_cell_text(entry.get(key)))
                    if key in NUMBER_KEYS:
                        editable = kind in ("integer", "decimal") or key in entry
                if not editable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setForeground(QBrush(QColor(GREYED_COLOUR)))
                table.setItem(row, column, item)
        table.blockSignals(False)
        if 0 <= current[0] < len(entries):
            table.setCurrentCell(*current)

    def _values_text(self, entry: dict) -> tuple[str, bool]:
        """Return the values cell's text and whether it can be edited."""
        if "choices_from" in entry:
            table = entry["choices_from"]
            return self.tr("from the size table {name}").format(name=table), False
        if entry.get("type") not in ("choice", "colour"):
            return "", False
        values = [
            _cell_text(choice.get("value"))
            for choice in entry.get("choices", [])
            if isinstance(choice, dict)
        ]
        return ", ".join(values), True

    def _fill_rules(self, entries: list[dict]) -> None:
        current = self.rule_list.currentRow()
        self.rule_list.blockSignals(True)
        self.rule_list.clear()
        for entry in entries:
            title = self._rule_title(entry.get("id"), entry.get("severity"))
            self.rule_list.addItem(title)
        self.rule_list.blockSignals(False)
        self._rules = entries
        row = min(max(current, 0), len(entries) - 1)
        self.rule_list.setCurrentRow(row)
        self._show_rule(row)

    def _rule_title(self, rule_id: Any, severity: Any) -> str:
        severity_text = (
            self.tr("warning") if severity == "warning" else self.tr("error")
        )
        return f"{rule_id} ({severity_text})"

    def _show_rule(self, row: int) -> None:
        # Form edits change the source but not the list of rules read from it.
        data = self._parse()
        if data is not None:
            self._rules = _entries(data, "rules")
        entry = self._rules[row] if 0 <= row < len(self._rules) else {}
        messages = entry.get("message")
        if not isinstance(messages, dict):
            messages = {}
        filling, self._filling = self._filling, True
        self.rule_id.setText(_cell_text(entry.get("id")))
        is_table = "expression" not in entry and "kind" in entry
        self.rule_expression.setEnabled(bool(entry) and not is_table)
        self.rule_expression.setText(_cell_text(entry.get("expression")))
        self.rule_expression.setPlaceholderText(
            self.tr("A combination table: edit its rows in the source")
            if is_table
            else ""
        )
        index = self.rule_severity.findData(entry.get("severity", "error"))
        self.rule_severity.setCurrentIndex(max(index, 0))
        self.rule_message_en.setText(_cell_text(messages.get("en")))
        self.rule_message_zh.setText(_cell_text(messages.get("zh_CN")))
        for edit in (self.rule_expression, self.rule_message_en, self.rule_message_zh):
            edit.setCursorPosition(0)
        for widget in (
            self.rule_id,
            self.rule_severity,
            self.rule_message_en,
            self.rule_message_zh,
        ):
            widget.setEnabled(bool(entry))
        self._filling = filling

    # Checking ---------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.names_box.setTitle(self.tr("Model"))
        self.name_en_label.setText(self.tr("Name (&English)"))
        self.name_zh_label.setText(self.tr("Name (&Chinese)"))
        self.name_en.setAccessibleName(self.tr("Name in English"))
        self.name_zh.setAccessibleName(self.tr("Name in Chinese"))
        self.parameters_box.setTitle(self.tr("Parameters"))
        self.parameter_table.setAccessibleName(self.tr("Parameters"))
        self._kind_delegate.accessible_name = self.tr("Type")
        self.parameter_table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Type"),
                self.tr("Default"),
                self.tr("Unit"),
                self.tr("Minimum"),
                self.tr("Maximum"),
                self.tr("Step"),
                self.tr("Values"),
            ]
        )
        self.add_parameter_button.setText(self.tr("Add &parameter"))
        self.remove_parameter_button.setText(self.tr("Remove p&arameter"))
        self.rules_box.setTitle(self.tr("Rules"))
        self.rule_list.setAccessibleName(self.tr("Rules"))
        rule_texts = [
            (self.tr("&Id"), self.tr("Rule id")),
            (self.tr("&Severity"), self.tr("Rule severity")),
            (self.tr("E&xpression"), self.tr("Rule expression")),
            (self.tr("Message (E&nglish)"), self.tr("Rule message in English")),
            (self.tr("Message (C&hinese)"), self.tr("Rule message in Chinese")),
        ]
        for label, (text, accessible) in zip(self.rule_labels, rule_texts, strict=True):
            label.setText(text)
            label.buddy().setAccessibleName(accessible)
        severity_texts = {"error": self.tr("error"), "warning": self.tr("warning")}
        for index in range(self.rule_severity.count()):
            severity = self.rule_severity.itemData(index)
            self.rule_severity.setItemText(index, severity_texts[severity])
        self.add_rule_button.setText(self.tr("Add &rule"))
        self.remove_rule_button.setText(self.tr("Re&move rule"))
        for button in (
            self.add_parameter_button,
            self.remove_parameter_button,
            self.add_rule_button,
            self.remove_rule_button,
        ):
            button.setAccessibleName(button.text().replace("&", ""))


class _KindDelegate(QStyledItemDelegate):
    """Edits a parameter's type with a list of the known types."""

    accessible_name = "Type"

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        editor = QComboBox(parent)
        editor.setAccessibleName(self.accessible_name)
        editor.addItems(list(KINDS))
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt override
        editor.setCurrentText(index.data() or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt override
        model.setData(index, editor.currentText())


def _entries(data: dict, key: str) -> list[dict]:
    value = data.get(key, [])
    if not isinstance(value, list):
        return []
    return [entry for entry in value if isinstance(entry, dict)]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _number(text: str) -> int | float | str:
    """Return ``text`` as a number, or unchanged so the check names it."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _typed(text: str, kind: Any) -> Any:
    """Return a default typed in a cell as the parameter's type expects it.

    Text that does not convert stays text, and the check then reports it at
    its line with the values the parameter accepts.
    """
    if kind in ("integer", "decimal"):
        return _number(text)
    if kind == "boolean" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def _choices_from_text(text: str, choices: list) -> list[dict]:
    """Return the choices for comma-separated values, keeping known entries.

    A value already listed keeps its labels and price. A new value gets
    itself as both labels, to be translated in the source.
    """
    known = {
        _cell_text(choice.get("value")): choice
        for choice in choices
        if isinstance(choice, dict)
    }
    numeric = bool(known) and all(
        isinstance(choice.get("value"), int | float) for choice in known.values()
    )
    result = []
    for value in (part.strip() for part in text.split(",")):
        if not value:
            continue
        if value in known:
            result.append(known[value])
            continue
        typed = _number(value) if numeric else value
        result.append({"value": typed, "label": {"en": value, "zh_CN": value}})
    return result


def _unused_number(pattern: str, taken: set) -> int:
    """Return the first number from ``len(taken) + 1`` whose name is free."""
    number = len(taken) + 1
    while pattern.format(number) in taken:
        number += 1
    return number


def make_button(parent: QWidget, name: str, slot) -> QPushButton:
    """Return a push button called ``NAME_button`` that runs ``slot``."""
    button = QPushButton(parent)
    button.setObjectName(f"{name}_button")
    button.clicked.connect(slot)
    return button
