"""A form generated from a model's parameters, greying out withheld values.

A withheld value stays selectable. Choosing it, or typing it into a number
box, opens a dialog that names the rules that withhold it and offers the
fewest changes to the other choices that admit it. The panel emits
``repair_accepted`` only when the user confirms.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from designer.session import DesignSession, RepairProposal
from designer.unit_spacing import keep_units
from rules.engine import format_value
from rules.groups import typed_spelling
from rules.model import BOOLEAN, CHOICE, COLOUR, DECIMAL, INTEGER, TEXT, Parameter

logger = logging.getLogger(__name__)

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
TYPED_CHARACTERS = 10
"""Characters a box that takes typed values shows."""
# True on a list item whose value the rules withhold.
WITHHELD_ROLE = Qt.ItemDataRole.UserRole + 2
WITHHELD_COLOUR = "#9e9e9e"
TEXT_DELAY_MS = 250


def label_of(labels, language: str) -> str:
    return labels.get(language) or labels.get("en", "")


class ParameterPanel(QWidget):
    """Edits one design's parameters.

    Emits ``value_changed(name, value)`` for an offered value, and
    ``repair_accepted(proposal)`` with a
    :class:`~designer.session.RepairProposal` once the user confirms the
    changes that a withheld value needs. ``repair_dialog`` is the dialog
    last opened for a withheld value. ``dragging(True)`` is emitted when the
    user takes hold of a slider and ``dragging(False)`` when they let go, so
    the preview can render cheaper frames in between.
    """

    value_changed = Signal(str, object)
    repair_accepted = Signal(object)
    dragging = Signal(bool)

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.session: DesignSession | None = None
        self.repair_dialog: QMessageBox | None = None
        self._editors: dict[str, _Editor] = {}
        self._labels: dict[str, QLabel] = {}
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addStretch(1)

    def set_session(self, session: DesignSession) -> None:
        """Build one editor per parameter of the session's model.

        Built again for the same session, as on a language switch, a box
        keeps a typed value the design did not take. A new session, such as
        another product or an opened design file, closes an open repair
        dialog as declined, because its changes were for the old design.
        """
        if session is not self.session and self.repair_dialog is not None:
            self.repair_dialog.done(QMessageBox.StandardButton.No)
        rejected = {}
        if session is self.session:
            rejected = {
                name: editor.rejected
                for name, editor in self._editors.items()
                if getattr(editor, "rejected", None) is not None
            }
        while self._form.rowCount():
            self._form.removeRow(0)
        self._editors.clear()
        self._labels.clear()
        self.session = session
        for parameter in session.model.rules.parameters:
            editor = _make_editor(parameter, self, self.language)
            editor.changed.connect(self.value_changed)
            editor.withheld_chosen.connect(self.offer_repair)
            if isinstance(editor, _NumberEditor):
                editor.slider.sliderPressed.connect(lambda: self.dragging.emit(True))
                editor.slider.sliderReleased.connect(lambda: self.dragging.emit(False))
            label = QLabel(label_of(parameter.labels, self.language))
            label.setBuddy(editor.focus_widget())
            self._form.addRow(label, editor)
            self._editors[parameter.name] = editor
            self._labels[parameter.name] = label
            if parameter.name in rejected:
                editor.rejected = rejected[parameter.name]
        self.refresh()

    def retranslate(self) -> None:
        """Show labels, states and reasons in the language of :mod:`app.i18n`.

        Parameter and choice labels come from the catalog in its own
        languages; the panel's own texts come from Qt's translation.
        """
        self.language = i18n.current_language()
        if self.session is None:
            return
        for parameter in self.session.model.rules.parameters:
            text = label_of(parameter.labels, self.language)
            self._labels[parameter.name].setText(text)
            self._editors[parameter.name].set_accessible_name(text)
        self.refresh()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Show the session's values and which values the rules withhold."""
        if self.session is None:
            return
        session = self.session
        domains = session.domains
        for editor in self._editors.values():
            editor.show_state(session, domains, self.language)

    def editor(self, name: str) -> _Editor:
        return self._editors[name]

    def offer_repair(self, name: str, value: Any) -> None:
        """Explain why ``value`` is withheld and offer the changes it needs.

        The dialog is not modal, so tests and the event loop go on. Whatever
        the user picks, the panel then shows the session's values again.
        """
        if self.session is None:
            return
        if self.repair_dialog is not None:
            # A new question replaces an open one, so a wheel turned over a
            # slider or a held arrow key leaves one dialog, about its value.
            self.repair_dialog.close()
        session = self.session
        proposal = repair_proposal(session, name, value)
        dialog = RewordedMessageBox(
            lambda: self._word_repair(dialog, session, name, value, proposal), self
        )
        dialog.setObjectName("repair_dialog")
        dialog.setIcon(QMessageBox.Icon.Question)
        if proposal is None:
            dialog.setStandardButtons(QMessageBox.StandardButton.Ok)
        else:
            dialog.setStandardButtons(
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
            )
            dialog.setDefaultButton(QMessageBox.StandardButton.Yes)
        dialog.finished.connect(
            lambda result: self._repair_answered(dialog, proposal, result)
        )
        self.repair_dialog = dialog
        dialog.word()
        self.refresh()
        dialog.open()

    def _word_repair(
        self,
        dialog: QMessageBox,
        session: DesignSession,
        name: str,
        value: Any,
        proposal: RepairProposal | None,
    ) -> None:
        """Set the texts of the dialog about a withheld ``name = value`` in
        the interface language: the proposal's question and reasons, or why
        no product can have the value."""
        # The dialog may get the language switch before the panel does.
        language = i18n.current_language()
        dialog.setWindowTitle(self.tr("Not available"))
        # The studio loads no translation of Qt's own button texts.
        buttons = {
            QMessageBox.StandardButton.Yes: self.tr("Yes"),
            QMessageBox.StandardButton.No: self.tr("No"),
            QMessageBox.StandardButton.Ok: self.tr("OK"),
        }
        for standard, text in buttons.items():
            button = dialog.button(standard)
            if button is not None:
                button.setText(text)
        question, reasons = repair_texts(session, name, value, proposal, language)
        dialog.setText(keep_units(question))
        dialog.setInformativeText(keep_units(reasons))

    def _repair_answered(
        self, dialog: QMessageBox, proposal: RepairProposal | None, result: int
    ) -> None:
        dialog.deleteLater()
        if self.repair_dialog is dialog:
            self.repair_dialog = None
        accepted = result == QMessageBox.StandardButton.Yes
        if proposal is not None and accepted:
            logger.debug("repair accepted for %s", proposal.name)
            self.repair_accepted.emit(proposal)
        else:
            self.refresh()


class RewordedMessageBox(QMessageBox):
    """A message box whose texts ``word()`` sets, called again after a
    language switch once Qt has worded the standard buttons."""

    def __init__(self, word: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.word = word

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LanguageChange:
            # The base class passed the event on to the button box first.
            self.word()
        return handled


class _Editor(QWidget):
    changed = Signal(str, object)
    withheld_chosen = Signal(str, object)

    def __init__(
        self, parameter: Parameter, parent: QWidget, language: str = "en"
    ) -> None:
        super().__init__(parent)
        self.parameter = parameter
        self.setObjectName(f"param_{parameter.name}")
        self.setAccessibleName(label_of(parameter.labels, language))
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        # Child widgets named after the parameter for screen readers.
        self.named: list[QWidget] = []

    def focus_widget(self) -> QWidget:
        return self

    def set_accessible_name(self, text: str) -> None:
        for widget in (self, *self.named):
            widget.setAccessibleName(text)

    def show_state(self, session, domains, language: str) -> None:
        raise NotImplementedError


class _ChoiceEditor(_Editor):
    def __init__(self, parameter: Parameter, parent: QWidget, language: str) -> None:
        super().__init__(parameter, parent, language)
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"combo_{parameter.name}")
        self.combo.setAccessibleName(self.accessibleName())
        self.named.append(self.combo)
        self.items = QStandardItemModel(self.combo)
        self.combo.setModel(self.items)
        self.combo.activated.connect(self._activated)
        self.layout_.addWidget(self.combo)
        self._current: Any = None
        self._group: Any = None
        self._session: DesignSession | None = None
        # The design's value and the typed text it did not take, kept in the
        # box while that value stays, through a refresh or a language switch.
        self.rejected: tuple[Any, str] | None = None
        if parameter.group_by:
            self._take_typing()

    def _take_typing(self) -> None:
        """Let the box take a typed value, such as "UK 9½" or "US 10" for a
        size, which the session reads in any size system.

        The list offers the chosen system's sizes only, so a customer's size
        in another system is typed, and the session switches the system.
        """
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Room for a size with its system, such as "UK 12½", while the list's
        # own labels are as short as "42".
        self.combo.setMinimumContentsLength(TYPED_CHARACTERS)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        completer = self.combo.completer()
        completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        # Return sets the typed text here, and the line edit does not see it,
        # so the box does not also pick the item the window lists after it.
        self.combo.lineEdit().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        typed_return = (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched is self.combo.lineEdit()
        )
        if typed_return:
            self._typed()
            return True
        return super().eventFilter(watched, event)

    def _typed(self) -> None:
        """Set the typed text, the listed value it names exactly, or the one
        it spells another way, such as "uk 8½" for "UK 8.5"."""
        text = self.combo.lineEdit().text().strip()
        if not text:
            # An emptied box shows the design's value again.
            self.rejected = None
            self.combo.lineEdit().setText(
                self.combo.itemText(self.combo.currentIndex())
            )
            return
        row = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if row >= 0:
            self.rejected = None
            self._activated(row)
            return
        spelled = typed_spelling(self.parameter, text, self._group)
        before = self._current
        self.rejected = None
        if spelled is not None and not self._fits(spelled):
            # A listed value that the other choices withhold opens the repair
            # question, as picking its greyed item does.
            self.withheld_chosen.emit(self.parameter.name, spelled)
            return
        self.changed.emit(self.parameter.name, text if spelled is None else spelled)
        if self._current == before:
            # The design did not take the text, and the window names the
            # reason, so the text stays in the box to be corrected.
            self.rejected = (before, text)
            self.combo.lineEdit().setText(text)
            self.combo.lineEdit().selectAll()

    def _fits(self, value: Any) -> bool:
        """Return whether ``value`` fits the design's other kept values, in
        its own group where it has one (a size typed in another system)."""
        session = self._session
        choice = self.parameter.choice(value)
        if session is None or choice is None:
            return True
        if session.domains.relaxed is not None:
            # The kept values conflict, so the domains leave them out.
            return value in session.fitting_values(self.parameter.name)
        values = dict(session.values)
        kept = session.held - {self.parameter.name}
        owner = self.parameter.group_by
        if owner is not None:
            values[owner] = choice.group
            kept = kept | {owner}
        domains = session.model.engine.domains(values, kept)
        if domains.relaxed is not None:
            # NOTE: where no value of the typed value's group fits the other
            # kept values, the value is taken without a question.
            return True
        return value in domains.offered.get(self.parameter.name, ())

    def focus_widget(self) -> QWidget:
        return self.combo

    def _activated(self, row: int) -> None:
        item = self.items.item(row)
        value = item.data(VALUE_ROLE)
        if item.data(WITHHELD_ROLE):
            self.withheld_chosen.emit(self.parameter.name, value)
        else:
            self.changed.emit(self.parameter.name, value)

    def show_state(self, session, domains, language: str) -> None:
        parameter = self.parameter
        current = session.values[parameter.name]
        self._session = session
        self._current = current
        # On a design whose kept values conflict, the domains leave them
        # out, so the values that fit them come from the session.
        offered = set(session.fitting_values(parameter.name))
        group = session.values[parameter.group_by] if parameter.group_by else None
        self._group = group
        self.combo.blockSignals(True)
        self.items.clear()
        for choice in parameter.choices:
            # A value outside the chosen group, from a design file that breaks
            # the group rule, stays listed (greyed, with its group) so the box
            # shows it.
            outside = group is not None and choice.group != group
            if outside and choice.value != current:
                continue
            text = label_of(choice.labels, language)
            if outside:
                owner = session.model.parameter(parameter.group_by).choice(choice.group)
                group_text = label_of(owner.labels, language) if owner else choice.group
                text = QCoreApplication.translate(
                    "ParameterPanel", "{value} ({group})"
                ).format(value=text, group=group_text)
            item = QStandardItem(text)
            if outside:
                item.setForeground(QColor(WITHHELD_COLOUR))
            item.setData(choice.value, VALUE_ROLE)
            if parameter.kind == COLOUR:
                item.setIcon(_swatch(str(choice.value)))
            if choice.value not in offered and choice.value != current:
                # Greyed but enabled: choosing it offers a repair.
                item.setData(True, WITHHELD_ROLE)
                item.setForeground(QColor(WITHHELD_COLOUR))
                item.setToolTip(
                    keep_units(
                        withheld_reason(session, parameter, choice.value, language)
                    )
                )
            self.items.appendRow(item)
            if choice.value == current:
                self.combo.setCurrentIndex(self.items.rowCount() - 1)
        if self.rejected is not None and self.rejected[0] == current:
            self.combo.lineEdit().setText(self.rejected[1])
        else:
            self.rejected = None
        self.combo.blockSignals(False)

    def item_for(self, value: Any) -> QStandardItem | None:
        for row in range(self.items.rowCount()):
            if self.items.item(row).data(VALUE_ROLE) == value:
                return self.items.item(row)
        return None


class _NumberEditor(_Editor):
    def __init__(self, parameter: Parameter, parent: QWidget, language: str) -> None:
        super().__init__(parameter, parent, language)
        self.values = parameter.domain()
        self._offered: set = set()
        self._session: DesignSession | None = None
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName(f"slider_{parameter.name}")
        self.slider.setAccessibleName(self.accessibleName())
        self.named.append(self.slider)
        self.slider.setRange(0, len(self.values) - 1)
        self.spin = QDoubleSpinBox(self)
        self.spin.setObjectName(f"spin_{parameter.name}")
        self.spin.setAccessibleName(self.accessibleName())
        self.named.append(self.spin)
        decimals = 0 if parameter.kind == INTEGER else _decimals(parameter.step or 1)
        self.spin.setDecimals(decimals)
        self.spin.setRange(parameter.minimum or 0, parameter.maximum or 0)
        self.spin.setSingleStep(parameter.step or 1)
        self.spin.setSuffix(parameter.unit_suffix)
        self.available = QLabel(self)
        self.available.setObjectName(f"available_{parameter.name}")
        column = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        column.addLayout(row)
        column.addWidget(self.available)
        self.layout_.addLayout(column)
        self.slider.valueChanged.connect(self._slid)
        self.spin.editingFinished.connect(self._typed)

    def focus_widget(self) -> QWidget:
        return self.spin

    def _slid(self, index: int) -> None:
        value = self.values[index]
        if value in self._offered:
            self.changed.emit(self.parameter.name, value)
            return
        if self.slider.isSliderDown():
            # A drag stops at the last value that fits, as at a slider's end,
            # so the design never takes a withheld value without a question.
            # The window does not refresh the panel while a drag lasts, so the
            # design's value comes from the session.
            nearest = min(
                self._offered,
                key=lambda offered: abs(offered - value),
                default=self._current,
            )
            if self._session is not None:
                self._current = self._session.values[self.parameter.name]
            if nearest != self._current:
                self.changed.emit(self.parameter.name, nearest)
            else:
                self._show_current()
            return
        # Arrow keys, page keys and a click on the groove ask, as typing does.
        self._show_current()
        self.withheld_chosen.emit(self.parameter.name, value)

    def _show_current(self) -> None:
        """Put the slider back on the design's value, without a signal."""
        self.slider.blockSignals(True)
        self.slider.setValue(self.values.index(self._current))
        self.slider.blockSignals(False)

    def _typed(self) -> None:
        value = self.spin.value()
        if self.parameter.kind == INTEGER:
            value = int(round(value))
        nearest = min(
            range(len(self.values)), key=lambda i: abs(self.values[i] - value)
        )
        value = self.values[nearest]
        if value == self._current:
            return
        if value in self._offered:
            self.changed.emit(self.parameter.name, value)
        else:
            self.withheld_chosen.emit(self.parameter.name, value)

    def show_state(self, session, domains, language: str) -> None:
        parameter = self.parameter
        self._session = session
        self._current = session.values[parameter.name]
        # On a design whose choices conflict, the domains leave the choices
        # out, so the values that fit them come from the session.
        offered = session.fitting_values(parameter.name)
        self._offered = set(offered)

        for widget in (self.slider, self.spin):
            widget.blockSignals(True)
        self.slider.setValue(self.values.index(self._current))
        self.spin.setValue(self._current)
        for widget in (self.slider, self.spin):
            widget.blockSignals(False)

        unit = parameter.unit_suffix
        if not offered:
            text = self.tr("No value fits the other choices")
        elif len(offered) < high_count(offered, parameter):
            text = self.tr("Available: {low}–{high}{unit} (with gaps)")
        else:
            text = self.tr("Available: {low}–{high}{unit}")
        if offered:
            low, high = format_value(offered[0]), format_value(offered[-1])
            text = text.format(low=low, high=high, unit=unit)
        self.available.setText(text)

        withheld = self._current not in offered
        self.available.setStyleSheet("color: #b00020;" if withheld else "color: gray;")
        tip = (
            keep_units(withheld_reason(session, parameter, self._current, language))
            if (withheld)
            else ""
        )
        self.spin.setToolTip(tip)
        self.slider.setToolTip(tip)


def high_count(offered, parameter: Parameter) -> int:
    """Return how many grid values lie between the lowest and highest offered."""
    values = parameter.domain()
    return values.index(offered[-1]) - values.index(offered[0]) + 1


class _BooleanEditor(_Editor):
    def __init__(self, parameter: Parameter, parent: QWidget, language: str) -> None:
        super().__init__(parameter, parent, language)
        self.box = QCheckBox(self)
        self.box.setObjectName(f"check_{parameter.name}")
        self.box.setAccessibleName(self.accessibleName())
        self.named.append(self.box)
        self.box.toggled.connect(self._toggled)
        self.layout_.addWidget(self.box)
        self._offered: set[bool] = {False, True}

    def _toggled(self, on: bool) -> None:
        if on in self._offered:
            self.changed.emit(self.parameter.name, on)
        else:
            self.withheld_chosen.emit(self.parameter.name, on)

    def focus_widget(self) -> QWidget:
        return self.box

    def show_state(self, session, domains, language: str) -> None:
        self._offered = set(session.fitting_values(self.parameter.name))
        self.box.blockSignals(True)
        self.box.setChecked(bool(session.values[self.parameter.name]))
        self.box.blockSignals(False)
        other = not session.values[self.parameter.name]
        tip = ""
        if other not in self._offered:
            tip = keep_units(withheld_reason(session, self.parameter, other, language))
        self.box.setToolTip(tip)


class _TextEditor(_Editor):
    def __init__(self, parameter: Parameter, parent: QWidget, language: str) -> None:
        super().__init__(parameter, parent, language)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"edit_{parameter.name}")
        self.edit.setAccessibleName(self.accessibleName())
        self.named.append(self.edit)
        if parameter.max_length:
            self.edit.setMaxLength(parameter.max_length)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TEXT_DELAY_MS)
        self.timer.timeout.connect(self._commit)
        self.edit.textEdited.connect(lambda _text: self.timer.start())
        self.edit.editingFinished.connect(self._commit)
        self.layout_.addWidget(self.edit)

    def focus_widget(self) -> QWidget:
        return self.edit

    def _commit(self) -> None:
        self.timer.stop()
        self.changed.emit(self.parameter.name, self.edit.text())

    def show_state(self, session, domains, language: str) -> None:
        value = session.values[self.parameter.name]
        if self.edit.text() != value and not self.timer.isActive():
            self.edit.setText(value)


def _make_editor(parameter: Parameter, parent: QWidget, language: str) -> _Editor:
    if parameter.kind in (CHOICE, COLOUR):
        return _ChoiceEditor(parameter, parent, language)
    if parameter.kind in (INTEGER, DECIMAL):
        return _NumberEditor(parameter, parent, language)
    if parameter.kind == BOOLEAN:
        return _BooleanEditor(parameter, parent, language)
    if parameter.kind == TEXT:
        return _TextEditor(parameter, parent, language)
    raise ValueError(f"no editor for parameter type {parameter.kind!r}")


def repair_proposal(
    session: DesignSession, name: str, value: Any
) -> RepairProposal | None:
    """Return the changes that a withheld ``name = value`` needs, or when
    no valid design has the value, the repair to the nearest value that one
    has. Returns ``None`` when no design with the text values is valid."""
    proposal = session.propose_repair(name, value)
    if proposal is None:
        proposal = session.propose_nearest(name, value)
    return proposal


def repair_texts(
    session: DesignSession,
    name: str,
    value: Any,
    proposal: RepairProposal | None,
    language: str,
) -> tuple[str, str]:
    """Return the question about a withheld ``name = value`` and the reasons
    under it, in ``language``.

    Without a ``proposal`` the question is why the rules withhold the value,
    and the reasons are that no product can have it.
    """
    if proposal is None:
        parameter = session.model.parameter(name)
        return (
            withheld_reason(session, parameter, value, language),
            QCoreApplication.translate(
                "ParameterPanel", "No product can be made with this value."
            ),
        )
    return proposal.question(language), " ".join(proposal.reasons(language))


def withheld_reason(session, parameter: Parameter, value: Any, language: str) -> str:
    """Return why the rules withhold ``value``, for a tooltip or a dialog.

    The rule messages come from the catalog in ``language``; the words
    around them come from Qt's translation.
    """
    reasons = [v.message(language) for v in session.explain(parameter.name, value)]
    if not reasons:
        reasons = [
            QCoreApplication.translate(
                "ParameterPanel", "it conflicts with the other choices"
            )
        ]
    return QCoreApplication.translate(
        "ParameterPanel", "Not available: {reasons}"
    ).format(reasons=" ".join(reasons))


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def _decimals(step: float) -> int:
    text = f"{step:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0
