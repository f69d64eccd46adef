"""Touch editors for the kiosk: big buttons and steppers, no hover needed.

Each editor emits ``changed(name, value)`` for a value the rules offer and
``explained(name, value)`` when the customer taps a value the rules
withhold, so the reason shows on tap instead of in a tooltip.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.keyboard import touch_target_px
from app.parameter_panel import label_of
from app.values import display_value
from rules.model import BOOLEAN, CHOICE, COLOUR, DECIMAL, INTEGER, TEXT, Parameter

logger = logging.getLogger(__name__)

# A choice with more values than this gets a stepper instead of one button
# per value, so ring sizes do not fill the screen.
MAX_CHOICE_BUTTONS = 6
WITHHELD_STYLE = "color: #888; background: #eee; font-size: 14pt;"
NORMAL_STYLE = "font-size: 14pt;"
CURRENT_STYLE = "font-size: 14pt; font-weight: bold; background: #cde;"


class TouchEditor(QWidget):
    """Base of the kiosk editors of one parameter."""

    changed = Signal(str, object)
    explained = Signal(str, object)

    def __init__(self, parameter: Parameter, parent: QWidget) -> None:
        super().__init__(parent)
        self.parameter = parameter
        self.setObjectName(f"kiosk_param_{parameter.name}")
        self.side = touch_target_px(self) * 2
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def button(self, name: str, text: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"kiosk_{name}_{self.parameter.name}")
        button.setMinimumSize(self.side, self.side)
        button.setStyleSheet(NORMAL_STYLE)
        return button

    def show_state(self, session, language: str) -> None:
        raise NotImplementedError

    def offer_or_explain(self, session, value: Any) -> None:
        """Emit ``changed`` for a value that fits the design's other kept
        values, else ``explained``."""
        if value in session.fitting_values(self.parameter.name):
            self.changed.emit(self.parameter.name, value)
        else:
            self.explained.emit(self.parameter.name, value)


class ChoiceButtons(TouchEditor):
    """One button per choice; a withheld choice explains itself when tapped."""

    def __init__(self, parameter: Parameter, parent: QWidget) -> None:
        super().__init__(parameter, parent)
        grid = QGridLayout()
        self.buttons: dict[Any, QPushButton] = {}
        for index, choice in enumerate(parameter.choices):
            button = self.button(f"choice{index}")
            button.clicked.connect(lambda _=False, v=choice.value: self._tapped(v))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons[choice.value] = button
        self.row.addLayout(grid)
        self._session = None

    def _tapped(self, value: Any) -> None:
        self.offer_or_explain(self._session, value)

    def show_state(self, session, language: str) -> None:
        self._session = session
        current = session.values[self.parameter.name]
        offered = set(session.fitting_values(self.parameter.name))
        for choice in self.parameter.choices:
            button = self.buttons[choice.value]
            button.setText(label_of(choice.labels, language))
            if choice.value == current:
                button.setStyleSheet(CURRENT_STYLE)
            elif choice.value in offered:
                button.setStyleSheet(NORMAL_STYLE)
            else:
                button.setStyleSheet(WITHHELD_STYLE)


class Stepper(TouchEditor):
    """Large − and + buttons around the value, for numbers and long lists.

    On a valid design a step skips the values the rules withhold, such as
    the board thicknesses a material is not stocked in, to the nearest
    value in that direction that fits. When none fits, the tap opens the
    question that a withheld choice opens about the next value. On a design
    whose kept values conflict, the nearest value that fits can be many
    steps away, so a step there moves one value and asks about a withheld
    one instead of skipping past it.
    """

    def __init__(self, parameter: Parameter, parent: QWidget) -> None:
        super().__init__(parameter, parent)
        if parameter.kind in (INTEGER, DECIMAL):
            self.values = list(parameter.domain())
        else:
            self.values = [choice.value for choice in parameter.choices]
        self.minus = self.button("minus", "−")
        self.plus = self.button("plus", "+")
        self.value_label = QLabel(self)
        self.value_label.setObjectName(f"kiosk_value_{parameter.name}")
        self.value_label.setMinimumWidth(self.side * 2)
        self.value_label.setStyleSheet("font-size: 16pt; qproperty-alignment: 132;")
        self.row.addWidget(self.minus)
        self.row.addWidget(self.value_label, 1)
        self.row.addWidget(self.plus)
        self.minus.clicked.connect(lambda: self.step(-1))
        self.plus.clicked.connect(lambda: self.step(+1))
        self._session = None

    def _group_values(self, session) -> list[Any]:
        group_by = self.parameter.group_by
        if not group_by:
            return self.values
        group = session.values[group_by]
        return [c.value for c in self.parameter.choices if c.group == group]

    def step(self, direction: int) -> None:
        """Move down (``-1``) or up (``+1``), or ask about the next value."""
        session = self._session
        values = self._group_values(session)
        index = values.index(session.values[self.parameter.name])
        if direction > 0:
            ahead = values[index + 1 :]
        else:
            ahead = values[:index][::-1]
        if not ahead:
            return
        if session.domains.relaxed is None:
            offered = set(session.fitting_values(self.parameter.name))
            for value in ahead:
                if value in offered:
                    self.changed.emit(self.parameter.name, value)
                    return
        self.offer_or_explain(session, ahead[0])

    def show_state(self, session, language: str) -> None:
        self._session = session
        parameter = self.parameter
        label = label_of(parameter.labels, language)
        self.minus.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "Decrease %s") % label
        )
        self.plus.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "Increase %s") % label
        )
        value = session.values[parameter.name]
        self.value_label.setText(display_value(parameter, value, language))
        values = self._group_values(session)
        index = values.index(value) if value in values else 0
        self.minus.setEnabled(index > 0)
        self.plus.setEnabled(index < len(values) - 1)


class Toggle(TouchEditor):
    """A yes/no button; turning it to a withheld value explains itself."""

    def __init__(self, parameter: Parameter, parent: QWidget) -> None:
        super().__init__(parameter, parent)
        self.toggle = self.button("toggle")
        self.toggle.setCheckable(True)
        self.toggle.clicked.connect(self._tapped)
        self.row.addWidget(self.toggle)
        self.row.addStretch(1)
        self._session = None

    def _tapped(self, on: bool) -> None:
        session = self._session
        # The button shows the design's value until the design changes.
        self.toggle.setChecked(bool(session.values[self.parameter.name]))
        self.offer_or_explain(session, bool(on))

    def show_state(self, session, language: str) -> None:
        self._session = session
        on = bool(session.values[self.parameter.name])
        self.toggle.setChecked(on)
        self.toggle.setText(display_value(self.parameter, on, language))
        other = not on
        fits = other in session.fitting_values(self.parameter.name)
        self.toggle.setStyleSheet(NORMAL_STYLE if fits else WITHHELD_STYLE)


class TextField(TouchEditor):
    """A text value typed on an on-screen keyboard; ``typing`` asks for one.

    With ``input_method`` the field takes text from Qt's input method (Qt
    Virtual Keyboard), and tapping it asks for the keyboard; ``finished`` is
    emitted when it loses the focus or the Enter key is tapped. Without, the
    field is read-only and the kiosk's own keyboard inserts the text.
    """

    typing = Signal(object)
    finished = Signal()

    def __init__(
        self, parameter: Parameter, parent: QWidget, input_method: bool = False
    ) -> None:
        super().__init__(parameter, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"kiosk_edit_{parameter.name}")
        self.edit.setReadOnly(not input_method)
        self.edit.setMinimumHeight(self.side)
        self.edit.setStyleSheet("font-size: 16pt;")
        if parameter.max_length:
            self.edit.setMaxLength(parameter.max_length)
        if input_method:
            # Engravings keep the case the customer taps. With sensitive
            # data, Qt Virtual Keyboard's pinyin engine turns its user
            # dictionary off (pinyininputmethod.cpp, Qt 6.11), so it learns
            # no customer's words and suggests none to the next customer.
            self.edit.setInputMethodHints(
                Qt.InputMethodHint.ImhNoAutoUppercase
                | Qt.InputMethodHint.ImhSensitiveData
            )
            self.edit.installEventFilter(self)
            self.edit.returnPressed.connect(self.finished)
        self.type_button = self.button("type", "⌨")
        self.type_button.clicked.connect(lambda: self.typing.emit(self))
        self.row.addWidget(self.edit, 1)
        self.row.addWidget(self.type_button)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            self.typing.emit(self)
        elif event.type() == QEvent.Type.FocusOut:
            # Switching windows is no reason to stop typing.
            if event.reason() != Qt.FocusReason.ActiveWindowFocusReason:
                self.finished.emit()
        return False

    def commit(self) -> None:
        """Send the typed text as the parameter's new value."""
        self.changed.emit(self.parameter.name, self.edit.text())

    def show_state(self, session, language: str) -> None:
        label = label_of(self.parameter.labels, language)
        self.edit.setAccessibleName(label)
        self.type_button.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "Type %s") % label
        )
        value = session.values[self.parameter.name]
        if self.edit.text() != value:
            self.edit.setText(value)


def make_touch_editor(
    parameter: Parameter, parent: QWidget, input_method: bool = False
) -> TouchEditor:
    """Return the kiosk editor that suits ``parameter``'s type.

    ``input_method`` makes text fields take text from Qt's input method.
    """
    if parameter.kind in (CHOICE, COLOUR):
        if len(parameter.choices) <= MAX_CHOICE_BUTTONS and not parameter.group_by:
            return ChoiceButtons(parameter, parent)
        return Stepper(parameter, parent)
    if parameter.kind in (INTEGER, DECIMAL):
        return Stepper(parameter, parent)
    if parameter.kind == BOOLEAN:
        return Toggle(parameter, parent)
    if parameter.kind == TEXT:
        return TextField(parameter, parent, input_method)
    raise ValueError(
        f"parameter {parameter.name!r} has type {parameter.kind!r}, which has no "
        "kiosk editor; use choice, colour, integer, decimal, boolean or text"
    )
